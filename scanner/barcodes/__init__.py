"""QR codes in photos, scans and webcam frames (the citizen ID card QR first of all).

`read_qr(image, accept=...)` tries zxing-cpp and zbar on the frame, on located and rectified
code regions and under several binarisations, and stops at the first text `accept` takes.
`LiveQrReader` decodes webcam frames on a worker thread, dropping stale frames.
`repair_text` undoes decoders' character-set mis-readings. No Qt, no counter_app here.
"""

from scanner.barcodes.live import LiveQrReader
from scanner.barcodes.reader import ImageUnreadableError, QrRead, read_qr, read_qr_file
from scanner.barcodes.text import decode_bytes, repair_text

__all__ = [
    "ImageUnreadableError",
    "LiveQrReader",
    "QrRead",
    "decode_bytes",
    "read_qr",
    "read_qr_file",
    "repair_text",
]
