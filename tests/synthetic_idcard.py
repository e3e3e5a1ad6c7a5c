"""Synthetic citizens and photographed ID cards for the QR tests and the benchmark (no real data).

A card face (ISO ID-1, 85.6 x 54 mm) is rendered with Noto Sans, the QR of the citizen's payload at
the top right like the chip CCCD, then "photographed": placed anywhere in a 1280x720 frame on a
cluttered desk, rotated by any angle, tilted in perspective, with shadow, glare, blur, noise and
JPEG. Every image comes with its expected payload.

Run as a script to write a set to a folder: `python tests/synthetic_idcard.py OUT_DIR --count 50`
writes `NNN.jpg` + `NNN.txt` pairs.
"""

from __future__ import annotations

import argparse
import random
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import cv2
import numpy as np
import qrcode
from PIL import Image, ImageDraw, ImageFont

from counter_app.citizen import FEMALE, MALE, PROVINCE_CODES, CitizenId

FONT_DIR = Path("/usr/share/fonts/truetype/noto")
FONT_REGULAR = FONT_DIR / "NotoSans-Regular.ttf"
FONT_BOLD = FONT_DIR / "NotoSans-Bold.ttf"
FONT_MONO = FONT_DIR / "NotoSansMono-Regular.ttf"  # stands in for OCR-B, which is not packaged

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
          "Hồ", "Ngô", "Dương", "Lý", "Khuất", "Trịnh", "Đinh", "Lương"]  # fmt: skip
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Xuân", "Thu", "Kim", "Gia",
          "Bảo", "Hoàng", "Thế", ""]  # fmt: skip
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hòa", "Hùng", "Hương",
         "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Nhật", "Oanh", "Phúc", "Phương", "Quân",
         "Quỳnh", "Sơn", "Tâm", "Thảo", "Thủy", "Trang", "Trung", "Tuấn", "Uyên", "Việt", "Yến",
         "Ánh", "Đạt", "Ước"]  # fmt: skip
STREET = ["Trần Hưng Đạo", "Lê Lợi", "Nguyễn Trãi", "Hai Bà Trưng", "Điện Biên Phủ", "Lý Thường Kiệt",
          "Phan Đình Phùng", "Võ Thị Sáu", "Cách Mạng Tháng Tám", "Hùng Vương"]  # fmt: skip
WARD = ["Phường Bến Nghé", "Xã Hòa Bình", "Phường Cửa Nam", "Xã Tân Phú", "Phường Vĩnh Hải",
        "Xã Mỹ Hòa Hưng", "Phường Đống Đa", "Xã Ea Kao", "Thị trấn Chợ Mới"]  # fmt: skip


def synthetic_citizen(rng: random.Random, *, new_card: bool | None = None) -> CitizenId:
    """A consistent, entirely invented citizen (ID digits agree with birth year and sex)."""
    sex = rng.choice([MALE, FEMALE])
    birth = date(1930, 1, 1) + timedelta(days=rng.randrange(0, 365 * 76))
    century_digit = 2 * ((birth.year - 1900) // 100) + (0 if sex == MALE else 1)
    province = rng.choice(sorted(PROVINCE_CODES))
    number = f"{province}{century_digit}{birth.year % 100:02d}{rng.randrange(10**6):06d}"
    middle = rng.choice(MIDDLE if sex == MALE else [*MIDDLE, "Thị", "Thị"])
    name = " ".join(part for part in (rng.choice(FAMILY), middle, rng.choice(GIVEN)) if part)
    province_name = PROVINCE_CODES[rng.choice(sorted(PROVINCE_CODES))]
    address = (
        f"Số {rng.randrange(1, 300)} {rng.choice(STREET)}, {rng.choice(WARD)}, {province_name}"
        if rng.random() < 0.6
        else f"Tổ {rng.randrange(1, 30)} Ấp {rng.choice(GIVEN)}, {rng.choice(WARD)}, {province_name}"
    )
    issue = date(2021, 1, 1) + timedelta(days=rng.randrange(0, 365 * 4))
    issue = max(issue, birth + timedelta(days=365 * 14))
    old = "" if rng.random() < 0.4 else f"{rng.randrange(10**8, 10**9)}"
    new_card = rng.random() < 0.3 if new_card is None else new_card
    extra = (f"{issue + timedelta(days=3):%d%m%Y}", "", "", "", "") if new_card else ()
    return CitizenId(number, old, name, birth, sex, address, issue, extra)


def render_card(
    citizen: CitizenId, *, px_per_mm: float = 10.0, qr_mm: float = 19.0, payload: str | None = None
) -> np.ndarray:
    """A light card face (BGR) with printed fields and the QR of `payload` (`citizen.to_payload()`)."""
    width, height = round(85.6 * px_per_mm), round(54 * px_per_mm)
    card = Image.new("RGB", (width, height), (236, 232, 214))
    draw = ImageDraw.Draw(card)
    # A faint guilloche-like pattern: cards are not plain white, which matters for binarisation.
    for i in range(0, width, max(4, int(px_per_mm))):
        draw.line([(i, 0), (i + height // 2, height)], fill=(222, 214, 196), width=1)
    small = ImageFont.truetype(str(FONT_REGULAR), round(2.2 * px_per_mm))
    bold = ImageFont.truetype(str(FONT_BOLD), round(2.8 * px_per_mm))
    draw.text(
        (3 * px_per_mm, 3 * px_per_mm), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=small, fill=(40, 40, 90)
    )
    draw.text((3 * px_per_mm, 7 * px_per_mm), "CĂN CƯỚC CÔNG DÂN", font=bold, fill=(160, 20, 20))
    draw.rectangle([3 * px_per_mm, 14 * px_per_mm, 22 * px_per_mm, 38 * px_per_mm], fill=(170, 175, 185))
    lines = [
        ("Số / No.:", citizen.id_number),
        ("Họ và tên:", citizen.full_name.upper()),
        ("Ngày sinh:", f"{citizen.date_of_birth:%d/%m/%Y}" if citizen.date_of_birth else ""),
        ("Giới tính:", citizen.sex),
        ("Nơi thường trú:", citizen.address[:44]),
    ]
    y = 15 * px_per_mm
    for label, value in lines:
        draw.text((25 * px_per_mm, y), f"{label} {value}", font=small, fill=(20, 20, 20))
        y += 4.8 * px_per_mm
    qr = card_qr(citizen.to_payload() if payload is None else payload)
    qr_img = qr.make_image(fill_color="black", back_color="white").convert("RGB")
    side = round(qr_mm * px_per_mm)
    qr_img = qr_img.resize((side, side), Image.NEAREST)
    card.paste(qr_img, _qr_origin(width, px_per_mm, qr_mm))
    return cv2.cvtColor(np.asarray(card), cv2.COLOR_RGB2BGR)


QR_BORDER = 1  # modules of quiet zone printed around the card's code


def card_qr(payload: str) -> qrcode.QRCode:
    """The card's QR code of `payload` (level M), made: `.modules` and `.version` are its truth."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=QR_BORDER, box_size=10)
    qr.add_data(payload.encode("utf-8"))
    qr.make()
    return qr


def _qr_origin(card_width: int, px_per_mm: float, qr_mm: float) -> tuple[int, int]:
    """The top left corner of the QR image (quiet zone included) on the card, 3 mm from the edges."""
    return card_width - round(qr_mm * px_per_mm) - round(3 * px_per_mm), round(3 * px_per_mm)


def qr_grid_in_photo(
    card_shape: tuple[int, ...],
    corners: np.ndarray,
    modules: int,
    *,
    px_per_mm: float = 10.0,
    qr_mm: float = 19.0,
) -> np.ndarray:
    """The true homography from the code's module grid (module (row, col) covers x in [col, col+1),
    y in [row, row+1)) to the photo's pixel coordinates, from the card's corners `photograph`
    returned: what a reader would have to find (for measuring what is readable at all)."""
    height, width = card_shape[:2]
    card = np.array([[0, 0], [width, 0], [width, height], [0, height]], np.float32)
    to_photo = cv2.getPerspectiveTransform(card, np.asarray(corners, np.float32)).astype(np.float64)
    x0, y0 = _qr_origin(width, px_per_mm, qr_mm)
    pitch = round(qr_mm * px_per_mm) / (modules + 2 * QR_BORDER)
    # Pixel centres sit at integer coordinates (as warpPerspective maps them): a module's edge is
    # half a pixel before the first pixel it covers.
    to_card = np.array(
        [[pitch, 0, x0 + QR_BORDER * pitch - 0.5], [0, pitch, y0 + QR_BORDER * pitch - 0.5], [0, 0, 1]],
        np.float64,
    )
    return to_photo @ to_card


def blur_kernel(drawn: dict[str, float]) -> np.ndarray:
    """The blur `photograph` applied to a photo (from its `record`): Gaussian, then the shake."""
    side = 61
    kernel = np.zeros((side, side), np.float32)
    kernel[side // 2, side // 2] = 1
    if drawn.get("blur_sigma", 0.0) > 0:
        kernel = cv2.GaussianBlur(kernel, (0, 0), drawn["blur_sigma"])
    kernel = _motion_blur(kernel, drawn.get("motion_blur", 0.0), drawn.get("motion_angle", 0.0))
    rows, cols = np.nonzero(kernel > 1e-5)
    reach = int(max(np.abs(rows - side // 2).max(), np.abs(cols - side // 2).max())) + 1
    kernel = kernel[side // 2 - reach : side // 2 + reach + 1, side // 2 - reach : side // 2 + reach + 1]
    return (kernel / kernel.sum()).astype(np.float32)


def td1_lines(citizen: CitizenId) -> list[str]:
    """The 3 MRZ lines a pre-2024 card of `citizen` carries (expiry at the 40th birthday or 2099)."""
    from scanner.barcodes.mrz import check_digit

    assert citizen.date_of_birth is not None
    number, birth = citizen.id_number, citizen.date_of_birth
    expiry = f"{birth.year + 40:04d}"[2:] + f"{birth:%m%d}" if birth.year + 40 < 2100 else "<<<<<<"
    line1 = f"IDVNM{number[3:]}{check_digit(number[3:])}{number}<<{check_digit(number)}"
    birth_text = f"{birth:%y%m%d}"
    sex = "M" if citizen.sex == MALE else "F"
    line2 = f"{birth_text}{check_digit(birth_text)}{sex}{expiry}{check_digit(expiry)}VNM" + "<" * 11
    line2 += check_digit(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29])
    plain = unicodedata.normalize("NFD", citizen.full_name.replace("Đ", "D").replace("đ", "d"))
    words = "".join(ch for ch in plain if not unicodedata.combining(ch)).upper().split()
    line3 = (words[0] + "<<" + "<".join(words[1:]))[:30].ljust(30, "<")
    return [line1, line2, line3]


def render_card_back(citizen: CitizenId, *, px_per_mm: float = 10.0) -> np.ndarray:
    """The back of a pre-2024 card (BGR): some printed text and the MRZ in a monospaced font."""
    width, height = round(85.6 * px_per_mm), round(54 * px_per_mm)
    card = Image.new("RGB", (width, height), (236, 232, 214))
    draw = ImageDraw.Draw(card)
    small = ImageFont.truetype(str(FONT_REGULAR), round(2.2 * px_per_mm))
    draw.text((4 * px_per_mm, 4 * px_per_mm), "Đặc điểm nhận dạng: Nốt ruồi", font=small, fill=(30, 30, 30))
    draw.text((4 * px_per_mm, 9 * px_per_mm), "CỤC TRƯỞNG CỤC CẢNH SÁT", font=small, fill=(30, 30, 30))
    mono = ImageFont.truetype(str(FONT_MONO), round(3.6 * px_per_mm))
    for index, line in enumerate(td1_lines(citizen)):
        draw.text((4 * px_per_mm, (36 + 5 * index) * px_per_mm), line, font=mono, fill=(20, 20, 20))
    return cv2.cvtColor(np.asarray(card), cv2.COLOR_RGB2BGR)


@dataclass(frozen=True)
class PhotoSettings:
    """How hard the photograph is. Fractions are of the frame width."""

    frame: tuple[int, int] = (1280, 720)
    card_width: tuple[float, float] = (0.45, 0.85)
    max_tilt: float = 0.12  # corner displacement, fraction of the card size
    rotate: bool = True
    shadow: bool = True
    glare: bool = True
    blur_sigma: tuple[float, float] = (0.0, 1.2)
    motion_blur: tuple[float, float] = (0.0, 0.0)  # length in px of a straight hand shake, any direction
    noise_sigma: tuple[float, float] = (0.0, 6.0)
    jpeg_quality: tuple[int, int] = (60, 95)


# The photos counters really take (issue #23): any rotation, perspective, glare, uneven light,
# Gaussian and motion blur, noise, JPEG 45-92; each band raises blur, shake, noise and compression.
HARD_BANDS = {
    "mild": PhotoSettings(
        max_tilt=0.12, blur_sigma=(0.0, 0.8), motion_blur=(0, 3), noise_sigma=(0, 4), jpeg_quality=(70, 92)
    ),
    "medium": PhotoSettings(
        max_tilt=0.15, blur_sigma=(0.3, 1.1), motion_blur=(0, 5), noise_sigma=(1, 6), jpeg_quality=(55, 85)
    ),
    "hard": PhotoSettings(
        max_tilt=0.18, blur_sigma=(0.6, 1.3), motion_blur=(2, 6), noise_sigma=(2, 8), jpeg_quality=(45, 70)
    ),
}


def _desk(rng: random.Random, width: int, height: int) -> np.ndarray:
    np_rng = np.random.default_rng(rng.randrange(2**32))
    base = np.array([rng.randrange(40, 200) for _ in range(3)], dtype=np.float32)
    small = np_rng.normal(0, 25, (height // 40 + 1, width // 40 + 1, 3)).astype(np.float32)
    texture = cv2.resize(small, (width, height), interpolation=cv2.INTER_CUBIC)
    desk = np.clip(base + texture, 0, 255).astype(np.uint8)
    for _ in range(rng.randrange(2, 7)):  # clutter: papers, pens, printed text blocks
        x, y = rng.randrange(width), rng.randrange(height)
        colour = tuple(rng.randrange(256) for _ in range(3))
        cv2.rectangle(desk, (x, y), (x + rng.randrange(30, 300), y + rng.randrange(10, 200)), colour, -1)
    return desk


def photograph(
    card: np.ndarray,
    rng: random.Random,
    settings: PhotoSettings = PhotoSettings(),
    record: dict[str, float] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The card as a webcam would see it; returns (BGR frame, the card's 4 corners in the frame).

    `record`, when given, receives the distortions drawn for this photo (for the benchmark's
    difficulty buckets); the draws are the same with or without it, so seeded sets do not change.
    """
    drawn: dict[str, float] = {} if record is None else record
    width, height = settings.frame
    ch, cw = card.shape[:2]
    target_w = rng.uniform(*settings.card_width) * width
    scale = target_w / cw
    angle = rng.uniform(0, 360) if settings.rotate else rng.uniform(-5, 5)
    drawn["rotation_deg"] = angle
    corners = np.array([[0, 0], [cw, 0], [cw, ch], [0, ch]], dtype=np.float32) * scale
    corners -= corners.mean(axis=0)
    theta = np.deg2rad(angle)
    rot = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]], dtype=np.float32)
    corners = corners @ rot.T
    tilt = settings.max_tilt * target_w
    shifts = np.array([[rng.uniform(-tilt, tilt), rng.uniform(-tilt, tilt)] for _ in range(4)], np.float32)
    drawn["tilt"] = float(np.abs(shifts).max() / target_w)
    corners += shifts
    # Keep the whole card in view (the issue's condition for the 98 % figure): shrink it to fit.
    frame_size = np.array([width, height], np.float32)
    span = corners.max(axis=0) - corners.min(axis=0)
    corners *= min(1.0, float(np.min(0.98 * frame_size / span)))
    room = frame_size - (corners.max(axis=0) - corners.min(axis=0))
    corners += np.array([rng.uniform(0, room[0]), rng.uniform(0, room[1])], np.float32) - corners.min(axis=0)
    src = np.array([[0, 0], [cw, 0], [cw, ch], [0, ch]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(src, corners.astype(np.float32))
    frame = _desk(rng, width, height)
    warped = cv2.warpPerspective(card, matrix, (width, height), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full((ch, cw), 255, np.uint8), matrix, (width, height))
    frame[mask > 0] = warped[mask > 0]
    image = frame.astype(np.float32)
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    if settings.shadow:  # uneven light: a soft dark gradient across part of the frame
        direction = np.deg2rad(rng.uniform(0, 360))
        ramp = (np.cos(direction) * xx + np.sin(direction) * yy) / max(width, height)
        ramp = (ramp - ramp.min()) / (ramp.max() - ramp.min() + 1e-6)
        image *= (1 - rng.uniform(0.2, 0.55) * ramp)[..., None]
    if settings.glare:  # a specular blob from the laminate
        cx, cy = rng.uniform(0, width), rng.uniform(0, height)
        radius = rng.uniform(0.05, 0.18) * width
        blob = np.exp(-(((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * radius**2)))
        strength = rng.uniform(40, 110)
        image += strength * blob[..., None]
        drawn.update(glare=strength, glare_x=cx, glare_y=cy, glare_radius=radius)
    sigma = rng.uniform(*settings.blur_sigma)
    drawn.update(blur_sigma=sigma if sigma > 0.3 else 0.0, motion_blur=0.0)
    if sigma > 0.3:
        image = cv2.GaussianBlur(image, (0, 0), sigma)
    if settings.motion_blur[1] > 0:  # drawn only when asked: older seeded sets stay the same images
        length = rng.uniform(*settings.motion_blur)
        heading = rng.uniform(0, 180)
        image = _motion_blur(image, length, heading)
        drawn["motion_blur"] = length if length >= 1.5 else 0.0
        drawn["motion_angle"] = heading
    np_rng = np.random.default_rng(rng.randrange(2**32))
    drawn["noise_sigma"] = rng.uniform(*settings.noise_sigma)
    image += np_rng.normal(0, drawn["noise_sigma"], image.shape).astype(np.float32)
    image = np.clip(image, 0, 255).astype(np.uint8)
    drawn["jpeg_quality"] = rng.randint(*settings.jpeg_quality)
    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, int(drawn["jpeg_quality"])])
    assert ok
    return cv2.imdecode(encoded, cv2.IMREAD_COLOR), corners


def _motion_blur(image: np.ndarray, length: float, angle: float) -> np.ndarray:
    """`image` smeared along a line of `length` px at `angle` degrees (the camera moved while exposing)."""
    if length < 1.5:
        return image
    size = int(np.ceil(length)) | 1
    kernel = np.zeros((size, size), np.float32)
    kernel[size // 2, :] = 1
    rotation = cv2.getRotationMatrix2D((size / 2 - 0.5, size / 2 - 0.5), angle, 1.0)
    kernel = cv2.warpAffine(kernel, rotation, (size, size))
    return cv2.filter2D(image, -1, kernel / kernel.sum())


@dataclass(frozen=True)
class SyntheticPhoto:
    frame: np.ndarray
    payload: str
    card_width_fraction: float  # mean length of the card's long edges / frame width


def synthetic_photos(
    count: int, seed: int = 0, settings: PhotoSettings = PhotoSettings()
) -> list[SyntheticPhoto]:
    """`count` photographed cards with their expected payloads, reproducible from `seed`."""
    rng = random.Random(seed)
    photos = []
    for _ in range(count):
        citizen = synthetic_citizen(rng)
        frame, corners = photograph(render_card(citizen), rng, settings)
        long_edges = np.linalg.norm(corners[1] - corners[0]) + np.linalg.norm(corners[2] - corners[3])
        photos.append(SyntheticPhoto(frame, citizen.to_payload(), float(long_edges / 2 / settings.frame[0])))
    return photos


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for index, photo in enumerate(synthetic_photos(args.count, args.seed)):
        cv2.imwrite(str(args.out / f"{index:03d}.jpg"), photo.frame)
        (args.out / f"{index:03d}.txt").write_text(photo.payload, encoding="utf-8")


if __name__ == "__main__":
    main()
