"""The two QR decoders behind one call: zxing-cpp (strong on photos) and zbar (a second opinion).

Both return repaired text (see `text.repair_text`). zbar is optional: pyzbar needs the zbar
shared library, and a machine without it still reads codes with zxing-cpp alone.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np
import zxingcpp

from scanner.barcodes.text import decode_bytes, repair_text

Decoder = Callable[[np.ndarray], list[str]]


def zxing_texts(gray: np.ndarray, *, fast: bool = False) -> list[str]:
    """QR texts zxing-cpp reads in a grayscale image; `fast` skips its rotated/inverted retries."""
    barcodes = zxingcpp.read_barcodes(
        gray,
        formats=zxingcpp.BarcodeFormat.QRCode,
        try_rotate=not fast,
        try_invert=not fast,
        try_downscale=not fast,
        text_mode=zxingcpp.TextMode.Plain,  # HRI would turn control characters into "<SOH>" etc.
    )
    return [_zxing_text(b) for b in barcodes if b.valid]


def _zxing_text(barcode: zxingcpp.Barcode) -> str:
    # ID payloads are UTF-8 without an ECI marker: zxing-cpp then guesses the character set and
    # may pick Shift-JIS or Latin-1, so its raw bytes are decoded as UTF-8 first.
    raw = bytes(barcode.bytes)
    try:
        return repair_text(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return repair_text(barcode.text)


@functools.cache
def _pyzbar() -> object | None:
    try:
        from pyzbar import pyzbar
    except (ImportError, OSError):  # OSError: the zbar shared library is missing
        return None
    return pyzbar


def zbar_available() -> bool:
    return _pyzbar() is not None


def zbar_texts(gray: np.ndarray) -> list[str]:
    """QR texts zbar reads in a grayscale image; empty when zbar is not installed."""
    pyzbar = _pyzbar()
    if pyzbar is None:
        return []
    symbols = pyzbar.decode(gray, symbols=[pyzbar.ZBarSymbol.QRCODE])  # type: ignore[attr-defined]
    # zbar hands back its own (sometimes wrong) character-set guess re-encoded as UTF-8.
    return [decode_bytes(symbol.data) for symbol in symbols]
