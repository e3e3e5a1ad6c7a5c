"""QR codes in photos, scans and webcam frames (the citizen ID card QR first of all).

`read_qr(image, accept=...)` tries zxing-cpp and zbar on the frame, then on located code regions
(enlarged and sharpened, deblurred, rectified under several binarisations), and stops at the
first text `accept` takes.
`LiveQrReader` decodes webcam frames on a worker thread, dropping stale frames.
`repair_text` undoes decoders' character-set mis-readings. No Qt, no counter_app here.

Names are loaded on first use, so that `scanner.barcodes.text` or `.mrz` (pure text) can be
imported without loading OpenCV and the decoders, e.g. by the keyboard-wedge logic.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # for type checkers, and for PyInstaller's static scan of the submodules
    from scanner.barcodes.live import LiveQrReader
    from scanner.barcodes.reader import ImageUnreadableError, QrRead, read_qr, read_qr_file
    from scanner.barcodes.text import decode_bytes, repair_text

_EXPORTS = {
    "ImageUnreadableError": "reader",
    "LiveQrReader": "live",
    "QrRead": "reader",
    "decode_bytes": "text",
    "read_qr": "reader",
    "read_qr_file": "reader",
    "repair_text": "text",
}

__all__ = [
    "ImageUnreadableError",
    "LiveQrReader",
    "QrRead",
    "decode_bytes",
    "read_qr",
    "read_qr_file",
    "repair_text",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
