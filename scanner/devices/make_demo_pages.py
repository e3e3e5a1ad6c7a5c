"""Draw the demo device's sample pages: synthetic Vietnamese paperwork, invented people only.

Run `python -m scanner.devices.make_demo_pages` to (re)write `resources/demo_pages/`; the demo
device also calls `render_demo_pages()` itself when that folder is missing (e.g. a trimmed build).
"""

from __future__ import annotations

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

DEMO_DPI = 200
DEMO_DIR = Path(__file__).resolve().parents[2] / "resources" / "demo_pages"
_FONT_FILES = (
    Path("/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"),
    Path("C:/Windows/Fonts/times.ttf"),
    Path("C:/Windows/Fonts/arial.ttf"),
)
_BOLD_FILES = (
    Path("/usr/share/fonts/truetype/noto/NotoSerif-Bold.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"),
    Path("C:/Windows/Fonts/timesbd.ttf"),
    Path("C:/Windows/Fonts/arialbd.ttf"),
)
RED = (200, 35, 40)
BLUE = (30, 50, 165)
INK = (25, 25, 30)

# (file name, title, body lines, kind); the payload in the QR is an invented citizen.
PAGES: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    (
        "01-to-khai-khai-sinh.jpg",
        "TỜ KHAI ĐĂNG KÝ KHAI SINH",
        (
            "Kính gửi: Ủy ban nhân dân phường Mẫu Thử, tỉnh Minh Họa.",
            "Họ, chữ đệm, tên người yêu cầu: NGUYỄN THỊ THỬ NGHIỆM",
            "Nơi cư trú: số 12 đường Số Một, phường Mẫu Thử.",
            "Giấy tờ tùy thân: Căn cước số 079190000001, cấp ngày 15/08/2021.",
            "Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:",
            "Họ, chữ đệm, tên: TRẦN VĂN MẪU          Giới tính: Nam",
            "Ngày, tháng, năm sinh: 02/03/2024.",
            "Nơi sinh: Bệnh viện Đa khoa tỉnh Minh Họa.",
            "Dân tộc: Kinh          Quốc tịch: Việt Nam",
            "Tôi cam đoan nội dung đề nghị trên đây là đúng sự thật.",
        ),
        "form",
    ),
    (
        "02-xac-nhan-cu-tru.png",
        "GIẤY XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ",
        (
            "Công an phường Mẫu Thử xác nhận:",
            "Ông/bà: NGUYỄN THỊ THỬ NGHIỆM",
            "Ngày sinh: 01/01/1990          Giới tính: Nữ",
            "Số định danh cá nhân: 079190000001",
            "Nơi thường trú: số 12 đường Số Một, phường Mẫu Thử, tỉnh Minh Họa.",
            "Quan hệ với chủ hộ: chủ hộ.",
            "Giấy này có giá trị 30 ngày kể từ ngày ký.",
            "(Tài liệu mẫu dùng cho chế độ trình diễn, không có giá trị pháp lý.)",
        ),
        "text",
    ),
    (
        "03-ban-sao-can-cuoc.png",
        "BẢN SAO CĂN CƯỚC (MẪU)",
        (
            "Số: 079190000001",
            "Họ và tên: NGUYỄN THỊ THỬ NGHIỆM",
            "Ngày sinh: 01/01/1990     Giới tính: Nữ",
            "Nơi cư trú: số 12 đường Số Một, phường Mẫu Thử, tỉnh Minh Họa",
        ),
        "idcard",
    ),
)
DEMO_QR_PAYLOAD = "079190000001||Nguyễn Thị Thử Nghiệm|01011990|Nữ|số 12 đường Số Một, phường Mẫu Thử, tỉnh Minh Họa|15082021"


def _font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in _BOLD_FILES if bold else _FONT_FILES:
        if path.exists():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def _mm(value: float) -> int:
    return round(value / 25.4 * DEMO_DPI)


def _centered(draw: ImageDraw.ImageDraw, y: int, text: str, font: ImageFont.ImageFont, width: int) -> None:
    left, _, right, _ = draw.textbbox((0, 0), text, font=font)
    draw.text(((width - (right - left)) // 2, y), text, font=font, fill=INK)


def _seal(draw: ImageDraw.ImageDraw, centre: tuple[int, int], radius: int) -> None:
    x, y = centre
    for r in (radius, radius - _mm(1.2)):
        draw.ellipse((x - r, y - r, x + r, y + r), outline=RED, width=max(2, _mm(0.6)))
    star = [
        (
            x + (radius * 0.35 if i % 2 == 0 else radius * 0.14) * math.cos(math.pi / 2 + i * math.pi / 5),
            y - (radius * 0.35 if i % 2 == 0 else radius * 0.14) * math.sin(math.pi / 2 + i * math.pi / 5),
        )
        for i in range(10)
    ]
    draw.polygon(star, fill=RED)


def _signature(draw: ImageDraw.ImageDraw, origin: tuple[int, int], rng: random.Random) -> None:
    x0, y0 = origin
    points = [
        (x0 + i * _mm(0.8), y0 + int(_mm(4) * math.sin(i / 3.0) + rng.uniform(-_mm(1), _mm(1))))
        for i in range(60)
    ]
    draw.line(points, fill=BLUE, width=max(2, _mm(0.45)), joint="curve")


def _qr(payload: str, size: int) -> Image.Image:
    import qrcode

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data(payload)
    return code.make_image().get_image().convert("RGB").resize((size, size), Image.NEAREST)


def render_page(title: str, lines: tuple[str, ...], kind: str, seed: int) -> Image.Image:
    rng = random.Random(seed)
    width, height = _mm(210), _mm(297)
    page = Image.new("RGB", (width, height), (252, 251, 248))
    draw = ImageDraw.Draw(page)
    body = _font(_mm(4.2))
    _centered(draw, _mm(15), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", _font(_mm(4.4), bold=True), width)
    _centered(draw, _mm(22), "Độc lập - Tự do - Hạnh phúc", _font(_mm(4.4), bold=True), width)
    _centered(draw, _mm(40), title, _font(_mm(6), bold=True), width)
    y = _mm(58)
    if kind == "idcard":
        card = (_mm(25), y, _mm(25) + _mm(85.6), y + _mm(54))
        draw.rounded_rectangle(card, radius=_mm(3), outline=INK, width=_mm(0.4))
        page.paste(_qr(DEMO_QR_PAYLOAD, _mm(19)), (card[2] - _mm(24), card[1] + _mm(4)))
        for i, line in enumerate(lines):
            draw.text((_mm(30), card[1] + _mm(8) + i * _mm(7)), line[:34], font=_font(_mm(3)), fill=INK)
        y = card[3] + _mm(15)
        lines = ("Bản sao mẫu dùng cho chế độ trình diễn.", "Người trên giấy tờ này không có thật.")
    for line in lines:
        draw.text((_mm(25), y), line, font=body, fill=INK)
        y += _mm(9)
    if kind == "form":
        draw.text((_mm(125), y + _mm(8)), "NGƯỜI YÊU CẦU", font=_font(_mm(4.2), bold=True), fill=INK)
        _signature(draw, (_mm(128), y + _mm(25)), rng)
        _seal(draw, (_mm(70), y + _mm(30)), _mm(17))
    return page


def render_demo_pages() -> list[tuple[str, Image.Image]]:
    return [
        (name, render_page(title, lines, kind, seed)) for seed, (name, title, lines, kind) in enumerate(PAGES)
    ]


def write_demo_pages(folder: Path = DEMO_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, image in render_demo_pages():
        path = folder / name
        if name.endswith(".jpg"):
            image.save(path, "JPEG", quality=80, dpi=(DEMO_DPI, DEMO_DPI), optimize=True)
        else:
            image.convert("L").save(path, "PNG", dpi=(DEMO_DPI, DEMO_DPI), optimize=True)
        written.append(path)
    return written


if __name__ == "__main__":
    write_demo_pages()
