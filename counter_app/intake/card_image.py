"""The citizen from a photo or flatbed scan of the ID card: what the window's «Mở ảnh/bản quét…»
and `counter-app intake --headless --id-image` both read with (issue #17: one path).

The QR code first (`scanner.barcodes.read_qr`, no time budget: a file may take its time); when no
ID QR code is found, the MRZ on the back of a pre-2024 card (OCR with Tesseract, a few seconds),
as `counter-app decode-id` does. The picture comes back too, reduced for a screen, with the code's
outline when there is one. Qt-free; OpenCV loads on first use.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from counter_app.citizen import CitizenId, CitizenIdError, citizen_from_mrz, parse_citizen_payload
from counter_app.errors import KnownError

SHOWN_WIDTH = 1280


class CardNotFoundError(KnownError):
    code = "qr_not_found"


@dataclass(frozen=True)
class ImageRead:
    citizen: CitizenId
    method: str  # "qr_image" or "mrz" (counter_app.workflow.IDENTIFY_METHODS)
    frame: np.ndarray | None  # the picture reduced for a screen (BGR)
    quad: np.ndarray | None  # where the code is in `frame`


def is_citizen_payload(text: str) -> bool:
    """Whether a QR code's text is a citizen ID card's payload (the readers' `accept`)."""
    try:
        parse_citizen_payload(text)
    except CitizenIdError:
        return False
    return True


def locate_code(frame: np.ndarray, text: str) -> np.ndarray | None:
    """Where the QR code carrying `text` is in `frame` (4x2 float array), for an overlay; or None."""
    import cv2
    import zxingcpp

    from scanner.barcodes import locate

    gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY) if frame.ndim == 3 else frame
    barcodes = zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode)
    for barcode in barcodes:
        p = barcode.position
        corners = (p.top_left, p.top_right, p.bottom_right, p.bottom_left)
        quad = np.array([[c.x, c.y] for c in corners], dtype=np.float32)
        if len(barcodes) == 1 or barcode.text == text:
            return quad
    # Too hard for a whole-frame read (that is why it took the region search): the best region.
    regions = locate.find_regions(gray, max_regions=1)
    return regions[0].astype(np.float32) if regions else None


def read_card_image(path: Path, cancel: Any = None) -> ImageRead | None:
    """The citizen in the image at `path`; None when cancelled; a known error when none is found."""
    import cv2

    from scanner import guard
    from scanner.barcodes import read_qr, read_qr_file
    from scanner.barcodes.mrz_ocr import read_mrz

    path = Path(path)
    data = np.fromfile(str(path), dtype=np.uint8) if path.is_file() else np.empty(0, np.uint8)
    pdf = data[:5].tobytes() == b"%PDF-"
    if data.size and not pdf:
        guard.check_image_bytes(data.tobytes(), path.name)  # headers first: a pixel bomb stops here
    image = cv2.imdecode(data, cv2.IMREAD_COLOR) if data.size and not pdf else None
    if image is None:
        # A scanned PDF or a multi-page TIFF: the QR file reader opens those (known errors otherwise).
        found = read_qr_file(path, accept=is_citizen_payload)
        if found is not None and found.accepted:
            return ImageRead(parse_citizen_payload(found.text), "qr_image", None, None)
        raise _not_found(path)
    scale = min(1.0, SHOWN_WIDTH / image.shape[1])
    shown = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else image
    read = read_qr(image, accept=is_citizen_payload)
    if read is not None and read.accepted:
        quad = locate_code(image, read.text)
        return ImageRead(
            parse_citizen_payload(read.text), "qr_image", shown, None if quad is None else quad * scale
        )
    if cancel is not None and cancel.cancelled:
        return None
    mrz = read_mrz(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY))
    if mrz is not None and mrz.id_number:
        return ImageRead(citizen_from_mrz(mrz), "mrz", shown, None)
    if read is not None:
        parse_citizen_payload(read.text)  # raises the parser's reason: a QR code, but not an ID card
    raise _not_found(path)


def _not_found(path: Path) -> CardNotFoundError:
    return CardNotFoundError(
        f"Không tìm thấy mã QR (hoặc mã MRZ) của thẻ căn cước trong ảnh «{path.name}».",
        "Chụp hoặc quét lại rõ hơn: cả mã QR trong ảnh, không lóa, không rung tay; hoặc nhập tay.",
    )
