"""Reading the QR code in a photo, a scan or a webcam frame, trying harder until it reads.

Attempts run in the order of measured reads per millisecond (`benchmarks/decode_id.py --hard`)
and stop at the first text the caller accepts (for the ID card: a payload that parses as a
citizen ID, so a partial or foreign payload is never taken), or when the time budget of a live
frame is spent:

1. zxing-cpp on the whole frame (1-2 ms at 1280x720; reads most sharp, large codes);
2. for each region that looks like a QR code (`locate.find_regions`): the region cropped,
   enlarged to ~600 px and sharpened (blurred 2-4 px modules read far better at 8-10 px);
3. the region deblurred (`deblur`: Wiener deconvolution along the estimated hand-shake
   direction, a few kernel lengths) and warped upright;
4. the region warped upright and upscaled, then re-warped to the code's own corners, each under
   several binarisations, with zxing-cpp and then zbar;
5. files only (too slow for a live frame; the live reader runs them on a frame where the card is
   held still): zbar on the whole frame, then zxing-cpp on the frame upscaled and sharpened
   (small codes far away), then the likeliest region deblurred with harder kernels, also a little
   off the estimated shake direction, each read as it is and cut at Otsu's threshold;
6. files only, last: the code's modules fitted to the photo as blur(render(modules)) under a
   fitted grid and blur kernel (`fit`), re-drawn crisp and read by zxing-cpp (small shaken codes
   whose pixels each mix a dozen modules; seconds of CPU, only on a photo nothing else read).

A text that was read but not accepted is still returned (with `accepted=False`) so the
officer can be told "this is a QR code, but not an ID card".
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from scanner import guard
from scanner.barcodes import deblur, decoders, fit, locate
from scanner.guard import ImageUnreadableError

__all__ = ["ImageUnreadableError", "QrRead", "load_gray_images", "read_qr", "read_qr_file"]


@dataclass(frozen=True)
class QrRead:
    """A decoded QR text and how it was obtained (for diagnostics and the benchmark)."""

    text: str
    accepted: bool
    decoder: str  # "zxing" or "zbar"
    attempt: str  # e.g. "frame", "region1/refined/otsu"
    ms: float


def read_qr(
    image: np.ndarray,
    *,
    accept: Callable[[str], bool] | None = None,
    budget_ms: float | None = None,
) -> QrRead | None:
    """The first QR text in `image` (BGR, BGRA or grayscale) that `accept` takes, or the first read.

    `budget_ms` bounds the time for a live frame: past it no new attempt starts (the first,
    whole-frame one always runs), and the frame is given up: the next frame comes soon.
    Files are read without a budget.
    """
    start = time.perf_counter()
    gray = _to_gray(image)
    first: QrRead | None = None
    for attempt, decoder, decode, picture in _attempts(gray, live=budget_ms is not None, accept=accept):
        for text in decode(picture):
            ok = accept(text) if accept else True
            read = QrRead(text, ok, decoder, attempt, (time.perf_counter() - start) * 1000)
            if ok:
                return read
            first = first or read
        # Checked before the next attempt is prepared (a deblurred crop costs a few ms to make).
        # The whole-frame attempt always runs: it alone reads most frames, in a few ms.
        if budget_ms is not None and (time.perf_counter() - start) * 1000 > budget_ms:
            break
    return first


def read_qr_file(path: Path, *, accept: Callable[[str], bool] | None = None) -> QrRead | None:
    """`read_qr` on an image file or a scanned PDF (any path, including non-ASCII names on Windows).

    A PDF (what many scanner programs save) is read through the page images it embeds, largest
    first, until one gives an accepted text.
    """
    first: QrRead | None = None
    for image in load_gray_images(path):
        read = read_qr(image, accept=accept)
        if read is not None and read.accepted:
            return read
        first = first or read
    return first


def load_gray_images(path: Path) -> list[np.ndarray]:
    """The grayscale image(s) in an image file or a scanned PDF; `ImageUnreadableError` if none."""
    try:
        data = np.fromfile(str(path), dtype=np.uint8)
    except OSError as exc:
        raise ImageUnreadableError(
            f"Không mở được tệp ảnh «{path.name}».", "Kiểm tra tệp còn tồn tại và có quyền đọc."
        ) from exc
    if data[:5].tobytes() == b"%PDF-":
        images = _pdf_images(data.tobytes(), path.name)
    else:
        # Headers first: a pixel bomb is refused before OpenCV allocates it.
        if data.size:
            guard.check_image_bytes(data.tobytes(), path.name)
        image = _imdecode(data)
        images = [image] if image is not None else []
    if not images:
        raise ImageUnreadableError(
            f"Tệp «{path.name}» không phải ảnh đọc được.",
            "Chọn ảnh JPEG, PNG, WebP, BMP, TIFF hoặc PDF ảnh quét.",
        )
    return images


_MAX_PDF_IMAGES = 8


def _imdecode(data: np.ndarray) -> np.ndarray | None:
    if not data.size:
        return None
    try:
        return cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)
    except cv2.error:
        return None  # a file the header check passed but OpenCV cannot decode


def _pdf_images(data: bytes, name: str) -> list[np.ndarray]:
    import pikepdf  # only for PDFs: keeps importing the reader light

    images: list[np.ndarray] = []
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            guard.check_pdf(pdf, name)  # every image's declared size, before any is decoded
            for page in pdf.pages:
                if len(images) >= _MAX_PDF_IMAGES:
                    break
                # get_images (pikepdf >= 10) also finds images inside form XObjects.
                found = page.get_images() if hasattr(page, "get_images") else page.images
                for raw in found.values():
                    try:
                        picture = pikepdf.PdfImage(raw).as_pil_image().convert("L")
                    except (pikepdf.PdfError, NotImplementedError, *guard.DECODE_ERRORS):
                        continue  # an image format Pillow cannot decode: try the others
                    images.append(np.asarray(picture))
                    if len(images) >= _MAX_PDF_IMAGES:
                        break
    except pikepdf.PasswordError as exc:
        raise ImageUnreadableError(
            f"Tệp PDF «{name}» có mật khẩu nên không đọc được.",
            "Chụp hoặc quét lại thẻ thành ảnh JPEG/PNG, hoặc nhờ người nộp bỏ mật khẩu.",
            code="pdf_encrypted",
        ) from exc
    except pikepdf.PdfError:
        return []
    return sorted(images, key=lambda image: -image.size)


def _to_gray(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        return image
    if image.shape[2] == 4:  # screenshots and PNGs with transparency
        return cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY)
    return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


# Upscaling helps small codes in small photos; a large scan doubled would take 4x its memory.
_MAX_UPSCALED = 16_000_000

_Attempt = tuple[str, str, Callable[[np.ndarray], list[str]], np.ndarray]


def _fast_zxing(gray: np.ndarray) -> list[str]:
    return decoders.zxing_texts(gray, fast=True)


# A located code is cropped and scaled so that its longer side is about this many pixels:
# blurred 2-4 px modules read far better at 8-10 px, with the blur widened in step.
_CROP_SIDE = 600


def _attempts(
    gray: np.ndarray, *, live: bool, accept: Callable[[str], bool] | None = None
) -> Iterator[_Attempt]:
    # Generated lazily: the cost of preparing an image is only paid if earlier attempts failed.
    # The order is by measured reads per millisecond on photographed cards (benchmarks/decode_id.py).
    yield "frame", "zxing", decoders.zxing_texts, gray
    regions = locate.find_regions(gray)
    crops = [(index, quad, *locate.crop(gray, quad)) for index, quad in enumerate(regions, start=1)]
    for index, _quad, crop, _offset in crops:
        yield (
            f"region{index}/crop-sharpen",
            "zxing",
            decoders.zxing_texts,
            locate.unsharp(_enlarge(crop), 3.0),
        )
    for index, quad, crop, offset in crops:
        for name, restored in deblur.candidates(crop):
            yield (
                f"region{index}/{name}",
                "zxing",
                _fast_zxing,
                locate.rectify(restored, quad - offset, margin=0.1),
            )
    for index, quad in enumerate(regions, start=1):
        yield from _rectified_attempts(gray, quad, f"region{index}")
    if live:
        return  # the whole-frame attempts below cost 20-60 ms each: more than a live frame may take
    if decoders.zbar_available():
        yield "frame", "zbar", decoders.zbar_texts, gray
    if gray.size <= _MAX_UPSCALED:
        upscaled = cv2.resize(gray, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
        yield "frame-x2", "zxing", decoders.zxing_texts, locate.unsharp(upscaled, 2.5)
    for index, quad, crop, offset in crops[:1]:  # the likeliest region: each kernel costs ~10 ms
        for name, restored in deblur.candidates(crop, thorough=True):
            upright = locate.rectify(restored, quad - offset, margin=0.1, side=600)
            yield f"region{index}/{name}", "zxing", _fast_zxing, upright
            # Sharpened this hard, the restored modules ring; a global threshold cuts the ringing off.
            yield f"region{index}/{name}/otsu", "zxing", _fast_zxing, locate.otsu(upright)
            yield f"region{index}/{name}/enlarged", "zxing", decoders.zxing_texts, _enlarge(restored)
    if regions:
        # Last: the modules fitted to the photo (`fit`), tens to hundreds of ms, only when all else failed.
        yield "fit", "zxing", lambda picture: fit.read(picture, regions, accept), gray


def _enlarge(crop: np.ndarray) -> np.ndarray:
    factor = _CROP_SIDE / max(crop.shape)
    return cv2.resize(crop, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC) if factor > 1 else crop


def _rectified_attempts(gray: np.ndarray, quad: np.ndarray, name: str) -> Iterator[_Attempt]:
    square = locate.rectify(gray, quad)
    refined_quad = locate.refine_quad(square)
    crops = [("box", square)]
    if refined_quad is not None:
        crops.append(("refined", locate.rectify(square, refined_quad, margin=0.08)))
    for crop_name, crop in crops:
        for variant_name, picture in locate.variants(crop):
            yield f"{name}/{crop_name}/{variant_name}", "zxing", _fast_zxing, picture
    if decoders.zbar_available():
        for crop_name, crop in crops:
            yield f"{name}/{crop_name}/plain", "zbar", decoders.zbar_texts, crop
