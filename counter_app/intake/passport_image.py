"""The foreigner from a photo or scan of the passport's data page: what the window's «Đọc trang hộ
chiếu…» and `counter-app intake --headless --passport-image` both read with (one path).

The two MRZ lines at the page's bottom are read by OCR (`scanner.barcodes.mrz_ocr`, Tesseract, a
few seconds) from an image file or a scanned PDF, opened by the same file readers and size guards
as the ID card's images (`scanner.barcodes.reader.load_gray_images`: a pixel bomb or a huge PDF
image is refused before it is decoded). Every check digit must hold, so a misread gives no
reading rather than a wrong one; the lines read then make the applicant exactly as typed lines
would (`counter_app.applicant.foreigner_from_mrz`). Qt-free; OpenCV loads on first use.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from counter_app.applicant import Applicant, foreigner_from_mrz
from counter_app.errors import KnownError


class PassportMrzNotFoundError(KnownError):
    code = "passport_mrz_not_found"


class OcrMissingError(KnownError):
    code = "ocr_missing"


@dataclass(frozen=True)
class PassportRead:
    applicant: Applicant  # a foreigner
    lines: tuple[str, str]  # the MRZ as read, for the form's zone


def read_passport_image(path: Path, cancel: Any = None) -> PassportRead | None:
    """The foreigner whose data page is the image or scanned PDF at `path`; None when cancelled."""
    from scanner.barcodes.mrz_ocr import read_passport_mrz, tesseract_available
    from scanner.barcodes.reader import load_gray_images

    path = Path(path)
    if not tesseract_available():
        raise OcrMissingError(
            "Máy chưa cài chương trình nhận dạng chữ Tesseract nên không đọc được trang hộ chiếu.",
            "Nhờ bộ phận CNTT cài tesseract-ocr; trong lúc chờ, gõ hai dòng MRZ của hộ chiếu.",
        )
    for gray in load_gray_images(path):  # known errors for a missing, unreadable or oversized file
        if cancel is not None and cancel.cancelled:
            return None
        mrz = read_passport_mrz(gray, cancel)
        if mrz is not None:
            line1, line2 = mrz.text.splitlines()
            return PassportRead(foreigner_from_mrz(mrz.text), (line1, line2))
    if cancel is not None and cancel.cancelled:
        return None
    raise PassportMrzNotFoundError(
        f"Không đọc được dòng MRZ trên trang hộ chiếu trong «{path.name}».",
        "Chụp/quét lại rõ hơn (cả hai dòng chữ cuối trang, thẳng, không lóa) hoặc gõ hai dòng MRZ.",
    )
