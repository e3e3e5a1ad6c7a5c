"""Reading an MRZ from an image with the Tesseract OCR engine: the three lines of a pre-2024 card's
back (TD1) and the two lines of a passport's data page (TD3, foreign applicants).

A fallback for files and scans when there is no QR code to read (a card photographed from the
back), and the way a passport's data page is read: 0.5-3 s per image, far too slow for a live
frame. The MRZ lines are found as a wide band of dark text on a light ground (black-hat filter,
then closing), cut out upright (both ways round: a page may lie upside down), and read with the
OCR engine restricted to the MRZ alphabet; every check digit must then hold (`mrz.parse_td1`,
`mrz.parse_td3`), so an OCR slip gives no reading rather than a wrong one.

Tesseract is a system program (`tesseract-ocr` on Linux); without it `read_mrz` returns None.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

import cv2
import numpy as np

from common.progress import Cancel
from scanner.barcodes.mrz import (
    MrzError,
    Td1Mrz,
    Td3Mrz,
    find_td1_lines,
    find_td3_lines,
    parse_td1,
    parse_td3,
)

T = TypeVar("T")


@dataclass(frozen=True)
class _Zone(Generic[T]):
    """What differs between the card's zone and the passport's: the rest is shared."""

    lines: int
    max_aspect: float  # the band's length over its height, at most
    find: Callable[[str], list[str] | None]
    parse: Callable[[str], T]
    # Read the band again at these scales and keep a reading only when two agree: two misread
    # characters whose errors cancel out in a check digit seldom recur at another size.
    confirm_scales: tuple[float, ...] = ()


def _parse_td3_read(text: str) -> Td3Mrz:
    """`parse_td3` on OCR output, after repairing look-alikes where only one kind of character can be.

    Line 1 (issuing state and names) and the nationality hold letters only: a digit there is a
    misread letter (1 for I, 0 for O). Check digits and dates hold digits only: a letter there is a
    misread digit (O or Q for 0, I for 1...), and the check digits then vouch for the repair. The
    document and personal numbers mix letters and digits: nothing is guessed there, so a misread
    O/0 makes its check digit fail and gives no reading rather than a wrong one."""
    lines = find_td3_lines(text)
    if lines is None:
        return parse_td3(text)  # raises its "not found"
    line1, line2 = lines
    line1 = line1[:2] + line1[2:].translate(_LETTER_LOOKALIKES)
    names = line1[5:]
    if re.search(r"<<<+[^<]", names):  # after the name only fillers: anything else is noise read
        raise MrzError("Dòng tên trong mã MRZ đọc được có ký tự lạ.", "Chụp lại rõ hơn.")
    digits = _DIGIT_LOOKALIKES
    line2 = (
        line2[:9]
        + line2[9].translate(digits)
        + line2[10:13].translate(_LETTER_LOOKALIKES)
        + line2[13:20].translate(digits)
        + line2[20]
        + line2[21:28].translate(digits)
        + line2[28:42]
        + line2[42:].translate(digits)
    )
    return parse_td3(f"{line1}\n{line2}")


_TD1 = _Zone(3, 12, find_td1_lines, parse_td1)
# Two lines of 44 characters make a longer, flatter band than the card's three of 30.
_TD3 = _Zone(2, 20, find_td3_lines, _parse_td3_read, confirm_scales=(0.8, 1.25, 0.65))

_DIGIT_LOOKALIKES = str.maketrans("ODQILZSGB", "000112568")
_LETTER_LOOKALIKES = str.maketrans("01258", "OIZSB")
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
_WORK_HEIGHT = 600
_OCR_TIMEOUT_S = 20


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def read_mrz(gray: np.ndarray) -> Td1Mrz | None:
    """The card's MRZ (TD1) if one is readable with valid check digits; None otherwise."""
    return _read(gray, _TD1)


def read_passport_mrz(gray: np.ndarray, cancel: Cancel | None = None) -> Td3Mrz | None:
    """A passport data page's MRZ (TD3) if one is readable with every check digit valid (the
    composite too); None otherwise, never a reading with a character the digits do not vouch for.
    `cancel` stops it before the next OCR run (each takes up to a second)."""
    return _read(gray, _TD3, cancel)


def _read(gray: np.ndarray, zone: _Zone[T], cancel: Cancel | None = None) -> T | None:
    if not tesseract_available():
        return None
    for band in _candidate_bands(gray, zone):
        for upright in (band, cv2.rotate(band, cv2.ROTATE_180)):
            found = _read_band(upright, zone, cancel)
            if found is not None:
                return found
    return None


def _read_band(upright: np.ndarray, zone: _Zone[T], cancel: Cancel | None) -> T | None:
    """The zone in one upright crop: at its own size, and for a confirmed zone at other sizes too
    until two readings agree (none do: None)."""
    readings: list[T] = []
    for factor in (1.0, *zone.confirm_scales):
        if cancel is not None and cancel.cancelled:
            return None
        resized = upright if factor == 1.0 else cv2.resize(upright, None, fx=factor, fy=factor)
        text = _ocr(resized)
        if factor == 1.0 and "<<" not in text:
            return None  # no filler read at all: the wrong way up, or no zone here
        if not zone.find(text):
            continue
        try:
            found = zone.parse(text)
        except MrzError:
            continue
        if not zone.confirm_scales or found in readings:
            return found
        readings.append(found)
    return None


def _candidate_bands(gray: np.ndarray, zone: _Zone) -> Iterator[np.ndarray]:
    """Upright crops that may hold the MRZ lines, largest first; the whole image if none."""
    scale = _WORK_HEIGHT / gray.shape[0]
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    # Black-hat keeps dark strokes smaller than the kernel: text, not shadows or the photo.
    blackhat = cv2.morphologyEx(small, cv2.MORPH_BLACKHAT, cv2.getStructuringElement(cv2.MORPH_RECT, (15, 7)))
    _, mask = cv2.threshold(blackhat, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    # Join characters into lines and the 3 lines into one band.
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (21, 21)))
    mask = cv2.erode(mask, None, iterations=2)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    boxes = []
    for contour in contours:
        (cx, cy), (w, h), angle = cv2.minAreaRect(contour)
        long_side, short_side = max(w, h), min(w, h)
        if (
            short_side > 8
            and 2.5 < long_side / short_side < zone.max_aspect
            and long_side > 0.2 * small.shape[1]
        ):
            boxes.append((long_side * short_side, ((cx, cy), (w, h), angle)))
    # Each candidate costs two OCR runs (it may be upside down): only the two largest bands.
    for _, rect in sorted(boxes, key=lambda item: -item[0])[:2]:
        yield _upright_crop(gray, rect, 1 / scale, zone.lines)
    if not boxes:
        yield gray


def _upright_crop(gray: np.ndarray, rect: tuple, factor: float, lines: int) -> np.ndarray:
    (cx, cy), (w, h), angle = rect
    if w < h:  # make the long side horizontal
        w, h, angle = h, w, angle - 90
    w, h = (1.04 * w + 0.5 * h) * factor, h * 1.4 * factor  # OCR needs some ground around the text
    matrix = cv2.getRotationMatrix2D((cx * factor, cy * factor), angle, 1.0)
    matrix[:, 2] += (w / 2 - cx * factor, h / 2 - cy * factor)
    crop = cv2.warpAffine(
        gray, matrix, (int(w), int(h)), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE
    )
    # About 40 px per text line suits the OCR engine best.
    target = lines * 40 * 1.4 / max(crop.shape[0], 1)
    return cv2.resize(crop, None, fx=target, fy=target, interpolation=cv2.INTER_CUBIC)


def _ocr(gray: np.ndarray) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mrz.png"
        cv2.imwrite(str(path), gray)
        try:
            done = subprocess.run(
                ["tesseract", str(path), "-", "--psm", "6", "-c", f"tessedit_char_whitelist={_ALPHABET}"],
                capture_output=True,
                text=True,
                timeout=_OCR_TIMEOUT_S,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            return ""
    return done.stdout
