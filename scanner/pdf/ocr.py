"""Invisible OCR text layer from the Tesseract command line (Vietnamese model).

Tesseract's "textonly" PDF output is one page of invisible text (render mode 3, an embedded glyph-less
font with a Unicode map) exactly the size of the image at its resolution; the builder lays it over the
page image, so the PDF can be searched and the text copied. A missing Tesseract or language model
disables OCR with a reason; it never fails a dossier.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

LANGUAGE = "vie"
# A dense A4 page takes a few seconds on one core; far longer means Tesseract is stuck.
TIMEOUT_S = 180


@dataclass(frozen=True)
class OcrStatus:
    available: bool
    reason: str = ""


@lru_cache(maxsize=1)
def ocr_status() -> OcrStatus:
    """Whether the OCR layer can be made here, and in Vietnamese why not when it cannot."""
    exe = shutil.which("tesseract")
    if exe is None:
        return OcrStatus(
            False, "Chưa cài Tesseract nên PDF không có lớp chữ tìm kiếm được (cài tesseract-ocr)."
        )
    try:
        out = subprocess.run(
            [exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return OcrStatus(False, "Không chạy được Tesseract nên PDF không có lớp chữ tìm kiếm được.")
    if LANGUAGE not in out.split():
        return OcrStatus(
            False, "Tesseract thiếu gói tiếng Việt (cài tesseract-ocr-vie) nên tắt nhận dạng chữ."
        )
    return OcrStatus(True)


class OcrFailed(Exception):
    """One page could not be recognised; the page is kept without a text layer."""


def text_layer_pdf(image: Image.Image | np.ndarray, dpi: float, workdir: Path) -> Path:
    """Run Tesseract on one page image (Pillow, or a numpy RGB or grey array) and return the path of
    its one-page invisible-text PDF."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise OcrFailed("tesseract is gone")
    src = Path(tempfile.mkstemp(suffix=".tif", dir=workdir)[1])
    # Uncompressed grey TIFF: writing a colour PNG of an A4 page takes seconds, this takes milliseconds.
    if isinstance(image, np.ndarray):
        image = Image.fromarray(image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY))
    (image if image.mode in ("L", "1") else image.convert("L")).save(src, format="TIFF", dpi=(dpi, dpi))
    base = src.with_suffix("")
    # One thread each: the counter PC runs the scanner and the UI at the same time.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    cmd = [exe, str(src), str(base), "-l", LANGUAGE, "--dpi", f"{round(dpi)}", "-c", "textonly_pdf=1", "pdf"]
    try:
        done = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT_S, env=env, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise OcrFailed(str(exc)) from exc
    finally:
        src.unlink(missing_ok=True)
    out = base.with_suffix(".pdf")
    if done.returncode != 0 or not out.is_file():
        raise OcrFailed(done.stderr.decode(errors="replace")[-500:])
    return out
