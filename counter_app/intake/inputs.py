"""Inputs of an intake: the citizen from an ID card image, page files cleaned and encoded.

Pure functions over files, run on the intake service's workers (`counter_app.intake.pipeline`);
reached through the page seam (`counter_app.intake.heavy.pages()`), so OpenCV, numpy and the
barcode readers load when the first page or card is read.
"""

from __future__ import annotations

import io
import os
import struct
import time
from pathlib import Path
from typing import Any, NamedTuple

import cv2
import numpy as np
from PIL import Image

from counter_app.dossier import PageMeta
from scanner import guard
from scanner.cleanup import clean_page
from scanner.devices.files import dpi_of, import_files
from scanner.devices.types import ImportedPdf

JPEG_QUALITY = 94  # colour and grey pages: near-lossless, ~20x faster to encode than PNG at 300 dpi


def encode_page(image: Any, dpi: int, mode: str, blank: bool) -> tuple[bytes, PageMeta]:
    """A cleaned page (numpy BGR or grey) as the bytes kept in the workspace."""
    height, width = image.shape[:2]
    if mode == "bw":
        if image.ndim == 3:
            image = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
        buf = io.BytesIO()
        # Fast zlib: a dithered page barely compresses better at the default level, at 2.5x the time.
        Image.fromarray(image).convert("1").save(buf, "PNG", dpi=(dpi, dpi), compress_level=1)
        return buf.getvalue(), PageMeta(width, height, dpi, mode, blank, "png")
    return _jpeg(image, dpi), PageMeta(width, height, dpi, mode, blank, "jpg")


def _jpeg(image: Any, dpi: int) -> bytes:
    """JPEG by OpenCV, which (unlike Pillow) encodes without holding the GIL: the two page workers
    really run at once. OpenCV leaves the JFIF density unset; it is written in place, and the file
    is then byte for byte the one Pillow writes with `dpi=`."""
    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
    data = bytearray(encoded.tobytes())
    if not ok or data[:4] != b"\xff\xd8\xff\xe0" or data[6:11] != b"JFIF\x00":
        raise RuntimeError("OpenCV wrote no JFIF header")  # a bug: this OpenCV build differs
    data[13:18] = struct.pack(">BHH", 1, dpi, dpi)  # density in dots per inch
    return bytes(data)


def read_page_bgr(path: Path, fallback_dpi: int) -> tuple[Any, int] | None:
    """A single-frame 8-bit RGB or grey PNG or JPEG, decoded by OpenCV straight to BGR with its
    resolution; None for any other file (`import_files` reads those).

    The pixels are those `import_files` gives (EXIF orientation is not applied there either),
    without its three full-page copies, and the decoder releases the GIL."""
    try:
        guard.check_image_bytes(Path(path).read_bytes(), Path(path).name)  # every frame's header
    except (OSError, guard.ImageUnreadableError):
        return None  # import_files reports it with its own message
    try:
        with Image.open(path) as img:  # the header only
            args = img.tile[0].args if len(img.tile) == 1 else None
            rawmode = args if isinstance(args, str) else args[0] if args else None  # PNG: str; JPEG: tuple
            if (
                img.format not in ("PNG", "JPEG")
                or img.mode not in ("RGB", "L")
                or rawmode != img.mode  # 16-bit, CMYK, palette...
                or getattr(img, "n_frames", 1) != 1
            ):
                return None
            dpi = dpi_of(img, fallback_dpi)
    except guard.DECODE_ERRORS:
        return None  # import_files reports it with its own message
    flags = cv2.IMREAD_COLOR | cv2.IMREAD_IGNORE_ORIENTATION
    # imread with an output array decodes straight into numpy memory; imdecode (and imread without
    # one) decodes into OpenCV's own and copies: a second 26 MB page at once (issue 17: peak memory).
    # cv2.imread cannot open non-ASCII paths on Windows: those are read by np.fromfile.
    image = cv2.imread(str(path), None, flags) if os.name != "nt" or str(path).isascii() else None
    if image is None:
        image = cv2.imdecode(np.fromfile(path, np.uint8), flags)
    return None if image is None else (image, dpi)


class PreparedPage(NamedTuple):
    """One page ready to store: its bytes and facts, and the milliseconds it took; for an imported
    PDF that was disarmed, what was taken out (`scanner.pdf.sanitize.REMOVED_LABELS` keys)."""

    data: bytes
    meta: PageMeta
    ms: int
    removed: tuple[str, ...] = ()
    file: str = ""
    views: PageViews | None = None  # what a screen shows, made while the pixels were at hand


class PageViews(NamedTuple):
    thumbnail: bytes  # PNG, page_images.THUMB_PX
    preview: bytes  # JPEG, page_images.PREVIEW_PX
    fingerprint: Any = None  # same_pages.fingerprint_pixels, for the check before signing


def _views(image: Any, wanted: bool) -> PageViews | None:
    """The page's thumbnail and preview from its cleaned pixels: a window showing an import
    then needs not decode the stored page again (two decodes of a 300 dpi page per page)."""
    if not wanted:
        return None
    from counter_app.intake.page_images import PREVIEW_PX, reduced_pixels, thumbnail_png
    from counter_app.intake.same_pages import fingerprint_pixels

    # One reduction of the full page (the costly one); the thumbnail and the fingerprint from it.
    preview = reduced_pixels(image, PREVIEW_PX)
    ok, encoded = cv2.imencode(".jpg", preview)
    return PageViews(thumbnail_png(preview), encoded.tobytes() if ok else b"", fingerprint_pixels(preview))


def prepare_pages(path: Path, fallback_dpi: int, clean: bool, views: bool = False) -> list[PreparedPage]:
    """Every page of one file, cleaned and encoded (and with `views`, its thumbnail and preview).
    The cleaned pixels are not kept: the PDF is built from the encoded bytes (decoded again, ~45 ms
    a page at 300 dpi), so pages waiting for their PDF hold a few hundred kilobytes each rather than
    ~12 MB (issue 17: peak memory)."""

    started = time.perf_counter()
    fast = read_page_bgr(path, fallback_dpi) if clean else None
    if fast is not None:
        held, dpi = [fast[0]], fast[1]
        del fast
        # Handed over, not kept: clean_page frees the decoded page once it has turned or cropped it.
        cleaned = clean_page(held.pop())
        data, meta = encode_page(cleaned.image, dpi, cleaned.mode, cleaned.blank)
        shown = _views(cleaned.image, views)
        return [PreparedPage(data, meta, int((time.perf_counter() - started) * 1000), views=shown)]
    pages = []
    for page in import_files([path], fallback_dpi=fallback_dpi):
        removed: tuple[str, ...] = ()
        shown = None
        if isinstance(page, ImportedPdf):
            # A born-digital PDF is kept byte for byte (disarmed when it must be); the PDF builder passes it through.
            data, meta, removed = page.content(), PageMeta(0, 0, 0, "pdf", False, "pdf"), page.removed
        else:
            rgb = np.asarray(page.image.convert("RGB"))
            if clean:
                cleaned = clean_page(np.ascontiguousarray(rgb[:, :, ::-1]))
                data, meta = encode_page(cleaned.image, page.dpi, cleaned.mode, cleaned.blank)
                shown = _views(cleaned.image, views)
            else:
                bgr = np.ascontiguousarray(rgb[:, :, ::-1])
                data, meta = encode_page(bgr, page.dpi, page.mode, False)
                shown = _views(bgr, views)
        now = time.perf_counter()
        pages.append(PreparedPage(data, meta, int((now - started) * 1000), removed, path.name, shown))
        started = now
    return pages
