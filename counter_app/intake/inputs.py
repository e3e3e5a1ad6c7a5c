"""Inputs of a headless intake: the citizen from an ID card image, page files cleaned and encoded.

Pure functions over files, run on a thread pool by `counter_app.intake.HeadlessIntake`.
"""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Any

from counter_app.citizen import CitizenId, CitizenIdError, parse_citizen_payload
from counter_app.dossier import PageMeta
from counter_app.errors import KnownError

JPEG_QUALITY = 94  # colour and grey pages: near-lossless, ~20x faster to encode than PNG at 300 dpi


class IntakeError(KnownError):
    code = "intake_failed"


def read_citizen_from_image(path: Path) -> CitizenId:
    """The citizen from a photo or scan of the ID card's QR code (known errors otherwise)."""
    from scanner.barcodes import read_qr_file

    def accept(text: str) -> bool:
        try:
            parse_citizen_payload(text)
        except CitizenIdError:
            return False
        return True

    read = read_qr_file(Path(path), accept=accept)
    if read is None:
        raise IntakeError(
            f"Không tìm thấy mã QR thẻ căn cước trong ảnh «{Path(path).name}».",
            "Chụp lại mặt có mã QR: rõ nét, không lóa, cả mã trong khung hình; hoặc nhập tay trong cửa sổ.",
            code="qr_not_found",
        )
    return parse_citizen_payload(read.text)


def encode_page(image: Any, dpi: int, mode: str, blank: bool) -> tuple[bytes, PageMeta]:
    """A cleaned page (numpy BGR or grey) as the bytes kept in the workspace."""
    import cv2
    from PIL import Image

    if image.ndim == 3:
        image = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
    picture = Image.fromarray(image)
    buf = io.BytesIO()
    if mode == "bw":
        picture.convert("1").save(buf, "PNG", dpi=(dpi, dpi))
        ext = "png"
    else:
        picture.save(buf, "JPEG", dpi=(dpi, dpi), quality=JPEG_QUALITY)
        ext = "jpg"
    return buf.getvalue(), PageMeta(picture.width, picture.height, dpi, mode, blank, ext)


def prepare_pages(path: Path, fallback_dpi: int, clean: bool) -> list[tuple[bytes, PageMeta, int]]:
    """Every page of one file, cleaned and encoded: (bytes, meta, milliseconds spent)."""
    import cv2
    import numpy as np

    from scanner.devices.files import import_files
    from scanner.devices.types import ImportedPdf

    pages = []
    started = time.perf_counter()
    for page in import_files([path], fallback_dpi=fallback_dpi):
        if isinstance(page, ImportedPdf):
            # A born-digital PDF is kept byte for byte; the PDF builder passes it through.
            data, meta = page.path.read_bytes(), PageMeta(0, 0, 0, "pdf", False, "pdf")
        elif clean:
            from scanner.cleanup import clean_page

            cleaned = clean_page(cv2.cvtColor(np.asarray(page.image.convert("RGB")), cv2.COLOR_RGB2BGR))
            data, meta = encode_page(cleaned.image, page.dpi, cleaned.mode, cleaned.blank)
        else:
            data, meta = encode_page(
                np.asarray(page.image.convert("RGB"))[:, :, ::-1], page.dpi, page.mode, False
            )
        now = time.perf_counter()
        pages.append((data, meta, int((now - started) * 1000)))
        started = now
    return pages
