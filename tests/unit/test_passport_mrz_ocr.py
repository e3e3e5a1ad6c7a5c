"""Reading a passport data page's MRZ (TD3) with Tesseract: synthetic pages photographed upright
and upside down, scanned at 200 and 300 dpi, and saved as a scanned PDF (`tests.synthetic_passport`).

The truth is the foreigner each page was rendered from: every field must come back right, and a
page whose MRZ has one character altered must give no reading at all, never a wrong one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import cv2
import numpy as np
import pytest

from common import clock
from common.errors import KnownError
from common.progress import Cancel
from counter_app.intake.passport_image import PassportMrzNotFoundError, read_passport_image
from scanner.barcodes.mrz import Td3Mrz
from scanner.barcodes.mrz_ocr import read_passport_mrz, tesseract_available
from scanner.barcodes.reader import ImageUnreadableError
from tests import hostile
from tests.synthetic_passport import (
    SyntheticForeigner,
    photographed,
    render_data_page,
    scanned,
    write_jpeg,
    write_scanned_pdf,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not tesseract_available(), reason="tesseract (tesseract-ocr) is not installed"),
]

PERSON = SyntheticForeigner(
    "TK0841096", "JPN", "TESUTO", "HANAKO MEI", date(1988, 2, 29), "F", date(2032, 7, 15)
)
GERMAN = SyntheticForeigner("C01X00T47", "D", "MUSTERFRAU", "ERIKA", date(1964, 8, 12), "F", date(2030, 1, 1))


def _gray(image: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def _assert_fields(mrz: Td3Mrz | None, person: SyntheticForeigner) -> None:
    assert mrz is not None
    assert mrz.document_number == person.passport_number
    assert mrz.nationality == person.nationality
    assert mrz.issuing_state == person.nationality
    assert (mrz.surname, mrz.given_names) == (person.surname, person.given_names)
    assert (mrz.birth_date, mrz.expiry_date, mrz.sex) == (person.birth_date, person.expiry_date, person.sex)
    assert tuple(mrz.text.splitlines()) == person.mrz


@pytest.fixture(autouse=True)
def _office_day():
    with clock.use(clock.fixed(datetime(2026, 12, 7, 2, 0, tzinfo=UTC))):
        yield


@pytest.mark.parametrize("person", [PERSON, GERMAN], ids=["jpn", "deu"])
@pytest.mark.parametrize(
    "variant",
    ["page", "photo", "photo-upside-down", "scan-200dpi", "scan-300dpi-upside-down"],
)
def test_every_field_is_read_from_the_data_page(person: SyntheticForeigner, variant: str) -> None:
    images = {
        "page": lambda: render_data_page(person),
        "photo": lambda: photographed(render_data_page(person), seed=3),
        "photo-upside-down": lambda: photographed(render_data_page(person), seed=5, upside_down=True),
        "scan-200dpi": lambda: scanned(person, 200, angle=1.5),
        "scan-300dpi-upside-down": lambda: scanned(person, 300, angle=178.5),
    }
    _assert_fields(read_passport_mrz(_gray(images[variant]())), person)


def test_a_scanned_pdf_gives_the_foreigner_as_typed_lines_would(tmp_path: Path) -> None:
    from counter_app.applicant import foreigner_from_mrz

    pdf = write_scanned_pdf(scanned(PERSON, 300, angle=-1.0), tmp_path / "ho-chieu.pdf", dpi=300)
    read = read_passport_image(pdf)
    assert read is not None
    assert read.lines == PERSON.mrz
    assert read.applicant == foreigner_from_mrz("\n".join(PERSON.mrz))
    foreigner = read.applicant.foreigner
    assert foreigner is not None
    assert (foreigner.passport_number, foreigner.nationality, foreigner.sex) == ("TK0841096", "JPN", "Nữ")


@pytest.mark.parametrize(
    ("line", "index"),
    [(1, 14), (1, 3), (1, 24)],  # a birth-date digit, a document-number character, an expiry digit
    ids=["birth-digit", "number-char", "expiry-digit"],
)
def test_one_altered_character_gives_no_reading(line: int, index: int) -> None:
    lines = list(PERSON.mrz)
    original = lines[line][index]
    lines[line] = lines[line][:index] + ("7" if original != "7" else "4") + lines[line][index + 1 :]
    page = render_data_page(PERSON, mrz=(lines[0], lines[1]))
    assert read_passport_mrz(_gray(page)) is None
    assert read_passport_mrz(_gray(cv2.rotate(page, cv2.ROTATE_180))) is None


def test_no_mrz_on_the_page_is_a_known_error(tmp_path: Path) -> None:
    blank = write_jpeg(np.full((880, 1250, 3), 230, np.uint8), tmp_path / "trang-trong.jpg")
    with pytest.raises(PassportMrzNotFoundError) as caught:
        read_passport_image(blank)
    assert "Không đọc được dòng MRZ trên trang hộ chiếu" in caught.value.message
    assert "gõ hai dòng MRZ" in caught.value.hint


def test_a_file_that_is_no_image_is_a_known_error(tmp_path: Path) -> None:
    junk = tmp_path / "ho-chieu.jpg"
    junk.write_bytes(b"not an image at all" * 10)
    with pytest.raises(ImageUnreadableError):
        read_passport_image(junk)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bomb.png", hostile.png_header_bomb(40_000, 40_000)),
        ("bomb.pdf", hostile.pdf_with_image(40_000, 40_000, deflated=b"x\x9c\x03\x00\x00\x00\x00\x01")),
    ],
    ids=["png", "pdf"],
)
def test_a_pixel_bomb_is_refused_before_it_is_decoded(name: str, data: bytes, tmp_path: Path) -> None:
    """Bounded memory: the declared size is checked before any pixel is allocated (a known error)."""
    with pytest.raises(KnownError):
        read_passport_image(hostile.write(tmp_path, name, data))


def test_cancelled_before_the_ocr_gives_none(tmp_path: Path) -> None:
    cancel = Cancel()
    cancel.cancel()
    page = write_jpeg(render_data_page(PERSON), tmp_path / "ho-chieu.jpg")
    assert read_passport_image(page, cancel) is None
