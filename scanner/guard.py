"""Bounded decoding: the declared size of every picture is checked before any decoder runs.

A 2.4 MB PDF can declare a 50000×50000 image, a 30 kB PNG a 2.5 Gpx one: decoders (Pillow,
OpenCV, zxing-cpp, PDFium) would try to allocate it all, then fail with their own exceptions or
exhaust memory. Every entry point that decodes a picture asks here first, from the headers only:
image files (every frame of a TIFF), the image XObjects of a PDF (inside form XObjects too) and
PDF pages about to be rendered. One limit on the pixel count, set from the configuration
(`limits.max_image_pixels`); one limit on a side, what the decoders themselves accept.
"""

from __future__ import annotations

import io
import struct
import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from scanner.errors import ScannerError

if TYPE_CHECKING:  # Pillow loads when a picture is checked: the configuration imports the limits
    from PIL import Image

# The largest page a counter scans is A3 at 600 dpi (7016×9921, 69.6 Mpx, e.g. a construction
# drawing): 72 Mpx takes it. Measured on one, text or photograph: `pages clean` peaks at 744 MB,
# `pages detect` 667 MB, `digitize` 475 MB, so every command stays under 1 GB. The configuration
# may lower or raise it within the bounds below.
DEFAULT_MAX_PIXELS = 72_000_000
MIN_MAX_PIXELS = 1_000_000
MAX_MAX_PIXELS = 250_000_000
# OpenCV's warps and resizes take sides below SHRT_MAX; zxing-cpp refuses sides over 65535.
MAX_SIDE = 32_767
# A multi-page TIFF or PDF past this many pictures is not a dossier document.
MAX_FRAMES = 2_000
# Form XObjects nest; a hostile file nests them in a loop.
_MAX_XOBJECT_DEPTH = 8

_max_pixels = DEFAULT_MAX_PIXELS
# What Pillow and OpenCV raise on a malformed file, besides their own error types (the fuzzing in
# tests/reliability found TypeError and KeyError from a TIFF directory with missing tags).
DECODE_ERRORS: tuple[type[Exception], ...] = (
    OSError, ValueError, SyntaxError, EOFError, struct.error, TypeError, KeyError, IndexError, ZeroDivisionError,
)  # fmt: skip


class ImageTooLargeError(ScannerError):
    code = "image_too_large"


class ImageUnreadableError(ScannerError):
    code = "image_unreadable"


def set_max_pixels(pixels: int) -> None:
    """The pixel limit for this process (from `limits.max_image_pixels`)."""
    global _max_pixels
    if not MIN_MAX_PIXELS <= int(pixels) <= MAX_MAX_PIXELS:
        raise ValueError(f"max_pixels must lie in [{MIN_MAX_PIXELS}, {MAX_MAX_PIXELS}]")
    _max_pixels = int(pixels)


def max_pixels() -> int:
    return _max_pixels


def check_size(width: int, height: int, name: str) -> None:
    """`ImageTooLargeError` when a picture of `width`×`height` may not be decoded."""
    if width <= 0 or height <= 0:
        raise ImageUnreadableError(
            f"Ảnh «{name}» ghi kích thước không hợp lệ ({width}×{height}).",
            "Chọn ảnh JPEG, PNG, TIFF hoặc PDF còn nguyên vẹn.",
        )
    if width > MAX_SIDE or height > MAX_SIDE or width * height > _max_pixels:
        raise ImageTooLargeError(
            f"Ảnh «{name}» quá lớn ({width}×{height} điểm ảnh, giới hạn {_max_pixels // 1_000_000} triệu).",
            "Quét hoặc chụp lại ở độ phân giải 300 dpi; ảnh lớn như vậy không phải ảnh giấy tờ.",
        )


def check_image_bytes(data: bytes, name: str) -> str:
    """Check every frame of an image file from its headers; return its format (e.g. "PNG").

    `ImageUnreadableError` when Pillow does not recognise it: no decoder is then given the bytes.
    """
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = _max_pixels  # Pillow's own bomb check agrees with ours
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # we decide, below
            with Image.open(io.BytesIO(data)) as img:
                fmt = img.format or ""
                for index, frame in enumerate(_frames(img)):
                    if index >= MAX_FRAMES:
                        raise ImageTooLargeError(
                            f"Tệp «{name}» có hơn {MAX_FRAMES} trang ảnh.", "Tách tệp thành nhiều phần."
                        )
                    check_size(frame.width, frame.height, name)
    except Image.DecompressionBombError as exc:
        raise ImageTooLargeError(
            f"Ảnh «{name}» quá lớn (vượt giới hạn {_max_pixels // 1_000_000} triệu điểm ảnh).",
            "Quét hoặc chụp lại ở độ phân giải 300 dpi.",
        ) from exc
    except ScannerError:
        raise
    except DECODE_ERRORS as exc:  # UnidentifiedImageError is an OSError
        raise ImageUnreadableError(
            f"Tệp «{name}» không phải ảnh đọc được.",
            "Chọn ảnh JPEG, PNG, WebP, BMP, TIFF hoặc PDF ảnh quét còn nguyên vẹn.",
        ) from exc
    return fmt


def _frames(img: Image.Image) -> Iterator[Image.Image]:
    from PIL import ImageSequence

    if getattr(img, "n_frames", 1) == 1:
        yield img
        return
    yield from ImageSequence.Iterator(img)  # seeking reads a frame's header, not its pixels


def check_pdf(pdf: Any, name: str) -> None:
    """Check every image XObject of an open `pikepdf.Pdf` (declared /Width and /Height)."""
    seen: set[tuple[int, int]] = set()
    count = 0
    for page in pdf.pages:
        for width, height in _xobject_sizes(page.obj.get("/Resources"), seen, 0):
            count += 1
            if count > MAX_FRAMES:
                raise ImageTooLargeError(
                    f"Tệp PDF «{name}» chứa hơn {MAX_FRAMES} ảnh.", "Tách tệp thành nhiều phần."
                )
            check_size(width, height, name)


def _xobject_sizes(resources: Any, seen: set[tuple[int, int]], depth: int) -> Iterator[tuple[int, int]]:
    import pikepdf

    if depth > _MAX_XOBJECT_DEPTH or not isinstance(resources, pikepdf.Dictionary):
        return
    xobjects = resources.get("/XObject")
    if not isinstance(xobjects, pikepdf.Dictionary):
        return
    for key in list(xobjects.keys()):
        xobject = xobjects.get(key)
        if not isinstance(xobject, pikepdf.Stream):
            continue
        if xobject.is_indirect:
            if xobject.objgen in seen:
                continue
            seen.add(xobject.objgen)
        subtype = xobject.get("/Subtype")
        if subtype == "/Image":
            yield _int(xobject.get("/Width")), _int(xobject.get("/Height"))
        elif subtype == "/Form":
            yield from _xobject_sizes(xobject.get("/Resources"), seen, depth + 1)


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0  # check_size refuses it as not a real size


def check_render(width_pt: float, height_pt: float, dpi: float, name: str) -> None:
    """Check a PDF page of `width_pt`×`height_pt` points before rendering it at `dpi`."""
    check_size(round(abs(width_pt) * dpi / 72), round(abs(height_pt) * dpi / 72), name)
