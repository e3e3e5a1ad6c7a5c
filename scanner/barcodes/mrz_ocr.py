"""Reading the MRZ of a pre-2024 card's back from an image, with the Tesseract OCR engine.

A fallback for files and scans when there is no QR code to read (a card photographed from the
back): 0.5-3 s per image, far too slow for a live frame. The three MRZ lines are found as a wide
band of dark text on a light ground (black-hat filter, then closing), cut out upright, and read
with the OCR engine restricted to the MRZ alphabet; every check digit must then hold
(`mrz.parse_td1`), so an OCR slip gives no reading rather than a wrong one.

Tesseract is a system program (`tesseract-ocr` on Linux); without it `read_mrz` returns None.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np

from scanner.barcodes.mrz import MrzError, Td1Mrz, find_td1_lines, parse_td1

_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
_WORK_HEIGHT = 600
_OCR_TIMEOUT_S = 20


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def read_mrz(gray: np.ndarray) -> Td1Mrz | None:
    """The card's MRZ if one is readable with valid check digits; None otherwise."""
    if not tesseract_available():
        return None
    for band in _candidate_bands(gray):
        for upright in (band, cv2.rotate(band, cv2.ROTATE_180)):
            text = _ocr(upright)
            if find_td1_lines(text):
                try:
                    return parse_td1(text)
                except MrzError:
                    continue
    return None


def _candidate_bands(gray: np.ndarray) -> Iterator[np.ndarray]:
    """Upright crops that may hold the 3 MRZ lines, largest first; the whole image if none."""
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
        if short_side > 8 and 2.5 < long_side / short_side < 12 and long_side > 0.2 * small.shape[1]:
            boxes.append((long_side * short_side, ((cx, cy), (w, h), angle)))
    # Each candidate costs two OCR runs (it may be upside down): only the two largest bands.
    for _, rect in sorted(boxes, key=lambda item: -item[0])[:2]:
        yield _upright_crop(gray, rect, 1 / scale)
    if not boxes:
        yield gray


def _upright_crop(gray: np.ndarray, rect: tuple, factor: float) -> np.ndarray:
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
    target = 3 * 40 * 1.4 / max(crop.shape[0], 1)
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
