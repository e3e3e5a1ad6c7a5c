"""Reading the citizen from an image file or a flatbed scan of the card. Qt-free; runs on a worker.

The QR code first (`scanner.barcodes.read_qr_file`, no time budget: a file may take its time);
when no ID QR code is found, the MRZ on the back of a pre-2024 card (OCR with Tesseract, a few
seconds), as `counter-app decode-id` does. The picture is returned too, reduced for the screen,
with the code's outline when there is one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from counter_app.citizen import CitizenId, citizen_from_mrz, parse_citizen_payload
from counter_app.errors import KnownError

_SHOWN_WIDTH = 1280


class CardNotFoundError(KnownError):
    code = "qr_not_found"


@dataclass(frozen=True)
class ImageRead:
    citizen: CitizenId
    method: str  # "qr_image" or "mrz"
    frame: np.ndarray | None  # the picture reduced for the screen (BGR)
    quad: np.ndarray | None  # where the code is in `frame`


def read_card_image(path: Path, cancel: Any = None) -> ImageRead | None:
    """The citizen in the image at `path`; None when cancelled; a known error when none is found."""
    import cv2

    from scanner import guard
    from scanner.barcodes import ImageUnreadableError, read_qr
    from scanner.barcodes.mrz_ocr import read_mrz
    from ui.widgets.id_camera import is_citizen_payload, locate_code

    data = np.fromfile(str(path), dtype=np.uint8) if path.is_file() else np.empty(0, np.uint8)
    if data.size:
        guard.check_image_bytes(data.tobytes(), path.name)  # headers first: a pixel bomb stops here
    image = cv2.imdecode(data, cv2.IMREAD_COLOR) if data.size else None
    if image is None:
        raise ImageUnreadableError(
            f"Tệp «{path.name}» không phải ảnh đọc được.", "Chọn ảnh JPEG, PNG, WebP, BMP hoặc TIFF."
        )
    scale = min(1.0, _SHOWN_WIDTH / image.shape[1])
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
    raise CardNotFoundError(
        "Không tìm thấy mã QR (hoặc mã MRZ) của thẻ căn cước trong ảnh.",
        "Chụp hoặc quét lại rõ hơn: cả mã QR trong ảnh, không lóa, không rung tay; hoặc nhập tay.",
    )
