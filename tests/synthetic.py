"""Synthetic document pages for tests and benchmarks, drawn entirely from code (nothing downloaded).

Every function returns an RGB `PIL.Image` of an A4 page (210 × 297 mm) at the requested resolution,
deterministic for a given `seed`. The people and numbers on the pages are invented.

    from tests.synthetic import render_text_page, render_photo_page, render_blank_page, save_page

    page = render_text_page(dpi=300, seed=1)           # Vietnamese form, red round seal, blue signature
    photo = render_photo_page(dpi=300, seed=2)         # a continuous-tone "photograph" page
    blank = render_blank_page(dpi=300, noise=0.02)     # empty paper with grain and a few specks
    save_page(page, tmp_path / "p1.png")               # PNG carrying its dpi

`DEFAULT_LINES` is the body text of `render_text_page` (pass `lines=[...]` to draw your own), and
`SEAL_RED` / `SIGNATURE_BLUE` are the ink colours, so that tests can look for them after processing.
Text uses Noto Serif / Noto Sans from Debian's `fonts-noto-core` (DejaVu as a fallback).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

A4_MM = (210.0, 297.0)
PAPER = (250, 249, 245)
INK = (25, 25, 30)
SEAL_RED = (205, 35, 40)
SIGNATURE_BLUE = (30, 50, 165)

_FONT_DIRS = (Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/truetype/dejavu"))
_FONTS = {
    "serif": ("NotoSerif-Regular.ttf", "DejaVuSerif.ttf"),
    "serif-bold": ("NotoSerif-Bold.ttf", "DejaVuSerif-Bold.ttf"),
    "sans": ("NotoSans-Regular.ttf", "DejaVuSans.ttf"),
    "sans-bold": ("NotoSans-Bold.ttf", "DejaVuSans-Bold.ttf"),
}

HEADER_LINES = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
)
TITLE = "TỜ KHAI ĐĂNG KÝ KHAI SINH"
DEFAULT_LINES = (
    "Kính gửi: Ủy ban nhân dân phường Bến Nghé, thành phố Hồ Chí Minh.",
    "Họ, chữ đệm, tên người yêu cầu: NGUYỄN THỊ THỬ NGHIỆM",
    "Nơi cư trú: số 12 đường Lê Lợi, phường Bến Nghé, quận Một.",
    "Giấy tờ tùy thân: Căn cước công dân số 079190000001, cấp ngày 15/08/2021.",
    "Quan hệ với người được khai sinh: mẹ đẻ.",
    "Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:",
    "Họ, chữ đệm, tên: TRẦN VĂN MẪU        Giới tính: Nam",
    "Ngày, tháng, năm sinh: 02/03/2024, ghi bằng chữ: ngày hai tháng ba năm hai nghìn",
    "không trăm hai mươi tư.",
    "Nơi sinh: Bệnh viện Từ Dũ, thành phố Hồ Chí Minh.",
    "Dân tộc: Kinh        Quốc tịch: Việt Nam",
    "Quê quán: xã Hòa Phước, huyện Hòa Vang, thành phố Đà Nẵng.",
    "Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật,",
    "được sự thỏa thuận nhất trí của các bên liên quan theo quy định pháp luật.",
    "Tôi chịu hoàn toàn trách nhiệm trước pháp luật về nội dung cam đoan của mình.",
    "Đề nghị cấp bản sao trích lục khai sinh: Có, số lượng: 02 bản.",
)


def px_per_mm(dpi: int) -> float:
    return dpi / 25.4


def page_size_px(dpi: int) -> tuple[int, int]:
    """Width and height in pixels of an A4 page at `dpi`."""
    return round(A4_MM[0] * px_per_mm(dpi)), round(A4_MM[1] * px_per_mm(dpi))


def font(kind: str, size_px: int) -> ImageFont.FreeTypeFont:
    """A Vietnamese-capable font: kind is serif, serif-bold, sans or sans-bold."""
    for name in _FONTS[kind]:
        for folder in _FONT_DIRS:
            path = folder / name
            if path.is_file():
                return ImageFont.truetype(str(path), size_px)
    raise FileNotFoundError(f"no font for {kind!r}: install fonts-noto-core")


def _pt(points: float, dpi: int) -> int:
    return max(6, round(points * dpi / 72))


def _paper(size: tuple[int, int], rng: np.random.Generator, grain: float) -> Image.Image:
    """Off-white paper with a faint grain (real scans are never perfectly flat)."""
    base = np.empty((size[1], size[0], 3), dtype=np.float32)
    base[:] = PAPER
    if grain > 0:
        base += rng.normal(0.0, grain * 255.0, size=(size[1], size[0], 1)).astype(np.float32)
    return Image.fromarray(np.clip(base, 0, 255).astype(np.uint8), "RGB")


def render_text_page(
    dpi: int = 300,
    seed: int = 0,
    with_seal: bool = True,
    with_signature: bool = True,
    lines: Sequence[str] | None = None,
) -> Image.Image:
    """An A4 administrative form: national header, title, Vietnamese body text, seal and signature."""
    rng = np.random.default_rng(seed)
    width, height = page_size_px(dpi)
    page = _paper((width, height), rng, grain=0.008)
    draw = ImageDraw.Draw(page)
    mm = px_per_mm(dpi)
    left = round(25 * mm)

    y = round(18 * mm)
    for text, kind, size in zip(HEADER_LINES, ("serif-bold", "serif-bold"), (12, 12), strict=True):
        f = font(kind, _pt(size, dpi))
        draw.text((width / 2, y), text, font=f, fill=INK, anchor="mt")
        y += round(f.size * 1.35)
    draw.line([(width / 2 - 30 * mm, y), (width / 2 + 30 * mm, y)], fill=INK, width=max(1, dpi // 150))
    y += round(14 * mm)
    title_font = font("serif-bold", _pt(15, dpi))
    draw.text((width / 2, y), TITLE, font=title_font, fill=INK, anchor="mt")
    y += round(title_font.size * 2.2)

    body = font("serif", _pt(12.5, dpi))
    # Each seed shifts the text a little, as separate paper sheets never sit identically on the glass.
    jitter = int(rng.integers(-round(2 * mm), round(2 * mm) + 1))
    for text in lines if lines is not None else DEFAULT_LINES:
        draw.text((left + jitter, y), text, font=body, fill=INK)
        y += round(body.size * 1.6)
        if y > height - round(70 * mm):
            break

    signer_x, signer_y = round(width * 0.62), max(y + round(10 * mm), round(height * 0.70))
    small = font("serif", _pt(12, dpi))
    draw.text(
        (signer_x, signer_y), "NGƯỜI YÊU CẦU", font=font("serif-bold", _pt(12, dpi)), fill=INK, anchor="mt"
    )
    draw.text(
        (signer_x, signer_y + small.size * 1.4), "(Ký, ghi rõ họ tên)", font=small, fill=INK, anchor="mt"
    )
    draw.text(
        (signer_x, signer_y + round(38 * mm)), "Nguyễn Thị Thử Nghiệm", font=small, fill=INK, anchor="mt"
    )
    del draw

    if with_seal:
        radius = round(19 * mm)
        stamp_seal(page, (signer_x - round(20 * mm), signer_y + round(20 * mm)), radius, dpi, rng)
    if with_signature:
        box = (signer_x - round(22 * mm), signer_y + round(12 * mm), round(44 * mm), round(22 * mm))
        draw_signature(page, box, dpi, rng)
    return page


def stamp_seal(
    page: Image.Image, centre: tuple[int, int], radius: int, dpi: int, rng: np.random.Generator
) -> None:
    """A red round seal: double ring, curved lettering, a star; ink is blotchy and multiplies the paper."""
    size = 2 * radius + 4
    mask = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(mask)
    c = size / 2
    ring = max(2, round(radius * 0.06))
    draw.ellipse([c - radius, c - radius, c + radius, c + radius], outline=255, width=ring)
    inner = radius * 0.72
    draw.ellipse([c - inner, c - inner, c + inner, c + inner], outline=255, width=max(1, ring // 2))
    letters = "ỦY BAN NHÂN DÂN PHƯỜNG BẾN NGHÉ * "
    f = font("sans-bold", max(6, round(radius * 0.16)))
    text_r = (radius + inner) / 2
    for i, ch in enumerate(letters):
        angle = -math.pi / 2 + 2 * math.pi * i / len(letters)
        glyph = Image.new("L", (f.size * 2, f.size * 2), 0)
        ImageDraw.Draw(glyph).text((f.size, f.size), ch, font=f, fill=255, anchor="mm")
        glyph = glyph.rotate(-math.degrees(angle) - 90, resample=Image.Resampling.BICUBIC)
        gx = round(c + text_r * math.cos(angle) - f.size)
        gy = round(c + text_r * math.sin(angle) - f.size)
        mask.paste(255, (gx, gy), glyph)
    star = [
        (
            c + inner * 0.45 * math.cos(-math.pi / 2 + k * math.pi / 5) * (1 if k % 2 == 0 else 0.4),
            c + inner * 0.45 * math.sin(-math.pi / 2 + k * math.pi / 5) * (1 if k % 2 == 0 else 0.4),
        )
        for k in range(10)
    ]
    draw.polygon(star, fill=255)
    del draw
    # Uneven ink: multiply by smooth noise so the seal is not a flat vector shape.
    blotch = rng.uniform(0.65, 1.0, size=(max(2, size // 12), max(2, size // 12))).astype(np.float32)
    blotch_img = Image.fromarray((blotch * 255).astype(np.uint8), "L").resize(
        (size, size), Image.Resampling.BICUBIC
    )
    alpha = np.asarray(mask.filter(ImageFilter.GaussianBlur(max(0.5, dpi / 300))), dtype=np.float32) / 255.0
    alpha *= np.asarray(blotch_img, dtype=np.float32) / 255.0
    _multiply_ink(page, (round(centre[0] - c), round(centre[1] - c)), alpha, SEAL_RED)


def draw_signature(
    page: Image.Image, box: tuple[int, int, int, int], dpi: int, rng: np.random.Generator
) -> None:
    """A blue handwritten-looking scribble: a smoothed random walk of loops with a flourish."""
    x0, y0, w, h = box
    mask = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(mask)
    t = np.linspace(0, 1, 400)
    loops = int(rng.integers(4, 7))
    xs = 0.05 * w + 0.8 * w * t + 0.07 * w * np.sin(2 * math.pi * loops * t + rng.uniform(0, math.pi))
    ys = 0.5 * h + 0.3 * h * np.sin(2 * math.pi * (loops + 0.5) * t) * (1 - 0.5 * t)
    ys += np.cumsum(rng.normal(0, 0.004 * h, size=t.size))
    stroke = max(2, round(dpi / 110))
    draw.line(list(zip(xs.tolist(), ys.tolist(), strict=True)), fill=255, width=stroke, joint="curve")
    flourish_y = 0.8 * h + rng.uniform(-0.05, 0.05) * h
    draw.line([(0.1 * w, flourish_y), (0.95 * w, flourish_y - 0.15 * h)], fill=255, width=stroke)
    del draw
    alpha = np.asarray(mask.filter(ImageFilter.GaussianBlur(max(0.5, dpi / 400))), dtype=np.float32) / 255.0
    _multiply_ink(page, (x0, y0), alpha * 0.95, SIGNATURE_BLUE)


def _multiply_ink(
    page: Image.Image, origin: tuple[int, int], alpha: np.ndarray, colour: tuple[int, int, int]
) -> None:
    """Lay translucent ink over the page in place (ink darkens what is beneath, like a real stamp)."""
    h, w = alpha.shape
    x, y = origin
    region = page.crop((x, y, x + w, y + h))
    under = np.asarray(region, dtype=np.float32)
    tint = np.array(colour, dtype=np.float32) / 255.0
    a = alpha[..., None]
    out = under * (1 - a) + under * tint * a
    page.paste(Image.fromarray(np.clip(out, 0, 255).astype(np.uint8), "RGB"), (x, y))


def render_photo_page(dpi: int = 300, seed: int = 0) -> Image.Image:
    """A continuous-tone page (a photograph of a house and sky), the case where JPEG is right."""
    rng = np.random.default_rng(seed)
    width, height = page_size_px(dpi)
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    sky = np.stack([90 + 80 * yy / height, 140 + 60 * yy / height, 220 - 30 * yy / height], axis=-1)
    horizon = height * rng.uniform(0.5, 0.6)
    hills = horizon + 0.05 * height * np.sin(xx / width * math.pi * rng.uniform(2, 4) + rng.uniform(0, 6))
    ground = np.stack([60 + 40 * xx / width, 120 + 50 * (yy / height), 50 + 0 * xx], axis=-1)
    img = np.where((yy > hills)[..., None], ground, sky)
    # Low-frequency texture, then fine sensor noise: what a JPEG compresses well and a mask cannot.
    coarse = rng.normal(0, 18, size=(height // 64 + 2, width // 64 + 2, 3)).astype(np.float32)
    coarse_img = Image.fromarray(np.clip(coarse + 128, 0, 255).astype(np.uint8), "RGB")
    texture = np.asarray(coarse_img.resize((width, height), Image.Resampling.BICUBIC), dtype=np.float32) - 128
    img = img + texture + rng.normal(0, 4, size=img.shape).astype(np.float32)
    photo = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")
    draw = ImageDraw.Draw(photo)
    house_w = round(width * 0.3)
    hx, hy = round(width * rng.uniform(0.2, 0.5)), round(horizon - house_w * 0.4)
    draw.rectangle([hx, hy, hx + house_w, hy + round(house_w * 0.6)], fill=(200, 170, 120))
    draw.polygon(
        [(hx - 20, hy), (hx + house_w // 2, hy - house_w // 3), (hx + house_w + 20, hy)], fill=(150, 50, 40)
    )
    draw.ellipse(
        [width * 0.75, height * 0.08, width * 0.9, height * 0.08 + width * 0.15], fill=(250, 230, 120)
    )
    del draw
    return photo.filter(ImageFilter.GaussianBlur(dpi / 300))


def render_blank_page(dpi: int = 300, seed: int = 0, noise: float = 0.01, specks: int = 12) -> Image.Image:
    """Empty paper: grain of standard deviation `noise` (fraction of full scale) and a few dust specks."""
    rng = np.random.default_rng(seed)
    width, height = page_size_px(dpi)
    page = _paper((width, height), rng, grain=noise)
    draw = ImageDraw.Draw(page)
    for _ in range(specks):
        x, y = int(rng.integers(0, width)), int(rng.integers(0, height))
        r = int(rng.integers(1, max(2, dpi // 100) + 1))
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(90, 90, 90))
    return page


def save_page(image: Image.Image, path: Path, dpi: int = 300) -> Path:
    """Save as PNG (or by suffix) with the resolution written into the file, as a scanner would."""
    path = Path(path)
    kwargs: dict[str, object] = {"dpi": (dpi, dpi)}
    if path.suffix.lower() in (".jpg", ".jpeg"):
        kwargs["quality"] = 92
    elif path.suffix.lower() == ".png":
        kwargs["compress_level"] = 1  # grainy pages take seconds at the default level
    image.save(path, **kwargs)
    return path
