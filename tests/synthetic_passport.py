"""Synthetic foreigners and their passports' data pages for the passport OCR tests (no real data).

A data page (ICAO 9303 TD3, 125 x 88 mm) is rendered with Noto Sans for the printed fields and the
two MRZ lines at the bottom in Noto Sans Mono (standing in for OCR-B, which is not packaged: the
same font approach as the ID card's back in `tests.synthetic_idcard`). Then it is "photographed"
(slightly rotated on a desk, or upside down, JPEG) or "scanned" (200-300 dpi on a white bed, or a
scanned PDF). Every page comes with the foreigner it was rendered from.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from tests.synthetic_applicants import passport_mrz
from tests.synthetic_idcard import FONT_BOLD, FONT_REGULAR, PhotoSettings, photograph

# DejaVu Sans Mono (fonts-dejavu-core) stands in for OCR-B, which is not packaged. Noto Sans Mono,
# which the ID card's back uses, has a zero the OCR engine reads as Q, and passport numbers have zeros.
FONT_MRZ = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")

PAGE_MM = (125.0, 88.0)
NATIONALITIES = ["JPN", "KOR", "FRA", "GBR", "USA", "AUS", "CAN", "THA", "SGP", "D"]
SURNAMES = ["TESUTO", "MUSTER", "EXEMPLE", "SAMPLE", "PROOF", "KIMSAMPLE", "DUMMY", "PLACEHOLDER"]
GIVEN = ["HANAKO", "ERIKA", "JEAN PAUL", "ALEX", "MINJI", "SOMCHAI", "LEE", "ANNA MARIA"]


@dataclass(frozen=True)
class SyntheticForeigner:
    """The truth a data page is rendered from (what the OCR must give back, field by field)."""

    passport_number: str
    nationality: str  # as the MRZ writes it (`D` for Germany)
    surname: str
    given_names: str
    birth_date: date
    sex: str  # "M" or "F"
    expiry_date: date

    @property
    def mrz(self) -> tuple[str, str]:
        return passport_mrz(
            self.passport_number,
            self.nationality,
            self.surname,
            self.given_names,
            self.birth_date,
            self.sex,
            self.expiry_date,
        )


def synthetic_foreigner(rng: random.Random) -> SyntheticForeigner:
    """An entirely invented foreign passport holder (valid, unexpired in 2026)."""
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    number = rng.choice(letters) + "".join(rng.choice("0123456789" + letters) for _ in range(7))
    birth = date(1950, 1, 1) + timedelta(days=rng.randrange(0, 365 * 55))
    return SyntheticForeigner(
        passport_number=number,
        nationality=rng.choice(NATIONALITIES),
        surname=rng.choice(SURNAMES),
        given_names=rng.choice(GIVEN),
        birth_date=birth,
        sex=rng.choice("MF"),
        expiry_date=date(2027, 1, 1) + timedelta(days=rng.randrange(0, 365 * 9)),
    )


def render_data_page(
    person: SyntheticForeigner, *, px_per_mm: float = 10.0, mrz: tuple[str, str] | None = None
) -> np.ndarray:
    """The passport's data page (BGR): a tinted ground, a photo box, printed fields, the MRZ.

    `mrz` replaces the lines printed (a test alters one character and expects no reading)."""
    width, height = round(PAGE_MM[0] * px_per_mm), round(PAGE_MM[1] * px_per_mm)
    page = Image.new("RGB", (width, height), (232, 236, 228))
    draw = ImageDraw.Draw(page)
    # A faint security pattern: the ground is not plain, which matters for binarisation.
    for i in range(0, width + height, max(5, int(1.2 * px_per_mm))):
        draw.line([(i, 0), (i - height, height)], fill=(220, 226, 214), width=1)
    small = ImageFont.truetype(str(FONT_REGULAR), round(2.0 * px_per_mm))
    value = ImageFont.truetype(str(FONT_BOLD), round(2.6 * px_per_mm))
    draw.text((5 * px_per_mm, 4 * px_per_mm), "PASSPORT / PASSEPORT", font=value, fill=(30, 30, 90))
    draw.rectangle([5 * px_per_mm, 12 * px_per_mm, 35 * px_per_mm, 52 * px_per_mm], fill=(170, 175, 185))
    fields = [
        ("Surname", person.surname),
        ("Given names", person.given_names),
        ("Nationality", person.nationality),
        ("Date of birth", f"{person.birth_date:%d %b %Y}".upper()),
        ("Sex", person.sex),
        ("Passport No.", person.passport_number),
        ("Date of expiry", f"{person.expiry_date:%d %b %Y}".upper()),
    ]
    x, y = 40 * px_per_mm, 11 * px_per_mm
    for index, (label, text) in enumerate(fields):
        column = x + (40 * px_per_mm if index >= 4 else 0)
        row = y + (index % 4) * 11 * px_per_mm
        draw.text((column, row), label, font=small, fill=(70, 70, 70))
        draw.text((column, row + 3.2 * px_per_mm), text, font=value, fill=(15, 15, 15))
    # ICAO 9303: the MRZ's lines at the page's bottom, about 2.5 mm per character.
    mono = ImageFont.truetype(str(FONT_MRZ), round(4.0 * px_per_mm))
    for index, line in enumerate(mrz or person.mrz):
        draw.text((4 * px_per_mm, (74 + 5 * index) * px_per_mm), line, font=mono, fill=(20, 20, 20))
    return cv2.cvtColor(np.asarray(page), cv2.COLOR_RGB2BGR)


def photographed(page: np.ndarray, seed: int, *, upside_down: bool = False) -> np.ndarray:
    """The page as a webcam sees it: slightly rotated (or about 180°), on a desk, JPEG."""
    rng = random.Random(seed)
    settings = PhotoSettings(
        card_width=(0.75, 0.85),
        max_tilt=0.02,
        rotate=False,
        glare=False,
        blur_sigma=(0, 0.5),
        noise_sigma=(0, 3),
    )
    if upside_down:
        page = cv2.rotate(page, cv2.ROTATE_180)
    frame, _ = photograph(page, rng, settings)
    return frame


def scanned(person: SyntheticForeigner, dpi: int, *, angle: float = 0.0, quality: int = 85) -> np.ndarray:
    """The data page on a flatbed at `dpi` (a white bed around it, turned by `angle` degrees), JPEG."""
    page = render_data_page(person, px_per_mm=dpi / 25.4)
    margin = round(10 * dpi / 25.4)
    bed = cv2.copyMakeBorder(page, margin, margin, margin, margin, cv2.BORDER_CONSTANT, value=(250, 250, 250))
    centre = (bed.shape[1] / 2, bed.shape[0] / 2)
    matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
    bed = cv2.warpAffine(bed, matrix, (bed.shape[1], bed.shape[0]), borderValue=(250, 250, 250))
    ok, encoded = cv2.imencode(".jpg", bed, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return cv2.imdecode(encoded, cv2.IMREAD_COLOR)


def write_jpeg(image: np.ndarray, path: Path) -> Path:
    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 90])
    assert ok
    path.write_bytes(encoded.tobytes())
    return path


def write_scanned_pdf(image: np.ndarray, path: Path, dpi: int) -> Path:
    """The image as a scanner program saves it: one JPEG page in a PDF."""
    buffer = io.BytesIO()
    Image.fromarray(cv2.cvtColor(image, cv2.COLOR_BGR2RGB)).save(buffer, "PDF", resolution=dpi)
    path.write_bytes(buffer.getvalue())
    return path
