"""Reading the inputs of a digitised PDF: page images (any Pillow format, multi-page TIFF) and PDFs.

Pages are yielded one at a time so a long dossier never holds every page in memory. Bad files become
known errors that name the file; doubtful resolution metadata is replaced by a guess from the paper size
and reported as a warning.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from scanner import guard
from scanner.errors import ScannerError

# Resolutions a scanner or a phone photo of a page can honestly have.
MIN_SANE_DPI = 99
MAX_SANE_DPI = 1200
FALLBACK_DPI = 300
USUAL_DPI = (150, 200, 240, 300, 400, 600)
# Paper sizes in inches (short, long side) used to infer the resolution when the metadata is absurd.
PAPER_INCHES = {
    "A5": (5.83, 8.27),
    "A4": (8.27, 11.69),
    "A3": (11.69, 16.54),
    "Letter": (8.5, 11.0),
    "Legal": (8.5, 14.0),
}


class SourcePage:
    """One page image, oriented upright, with the resolution its physical size is computed from.

    The pixels are held either as a Pillow image or as a numpy array (H×W×3 RGB or H×W grey, what
    OpenCV decodes common JPEG and PNG files into); each form is made from the other only when asked.
    """

    def __init__(
        self,
        image: Image.Image | None,
        dpi: float,
        label: str,
        jpeg: bytes | None = None,
        warnings: list[str] | None = None,
        *,
        pixels: np.ndarray | None = None,
    ) -> None:
        if image is None and pixels is None:
            raise ValueError("a page needs an image or pixels")
        self._image = image
        self._pixels = pixels
        self._forgotten: tuple[tuple[int, int], str] | None = None  # (size, mode) once let go
        self.dpi = dpi
        self.label = label
        self.jpeg = jpeg
        self.warnings = warnings if warnings is not None else []

    @property
    def image(self) -> Image.Image:
        if self._image is None:
            assert self._pixels is not None, "the page's pixels were let go"
            self._image = Image.fromarray(self._pixels)
        return self._image

    @property
    def size(self) -> tuple[int, int]:
        if self._forgotten is not None:
            return self._forgotten[0]
        if self._pixels is not None:
            return self._pixels.shape[1], self._pixels.shape[0]
        return self.image.size

    @property
    def mode(self) -> str:
        if self._forgotten is not None:
            return self._forgotten[1]
        if self._pixels is not None:
            return "RGB" if self._pixels.ndim == 3 else "L"
        return self.image.mode

    def forget_pixels(self) -> None:
        """Let go of the pixels (a PDF page made from them no longer needs them: a 300 dpi colour
        page is 26 MB); the size and mode stay known, the pixels themselves are gone."""
        self._forgotten = (self.size, self.mode)
        self._image = self._pixels = None

    def array(self) -> np.ndarray:
        """The pixels as a numpy array (RGB or grey; a 1-bit page becomes grey 0/255)."""
        if self._pixels is None:
            img = self.image
            return np.asarray(img.convert("L") if img.mode == "1" else img)
        return self._pixels


@dataclass(frozen=True)
class EncodedPage:
    """A page image file's bytes held in memory (a stored page, unsealed): read like a file of
    that name when its build runs, so nothing is written to disk in clear and a queued build
    holds the file's few hundred kilobytes, not its decoded pixels."""

    name: str
    data: bytes


@dataclass(frozen=True)
class SourcePdf:
    """An existing digital PDF whose pages are carried over: unchanged, or disarmed when it carried
    active content (`data` is then the disarmed copy and `note` says what went)."""

    path: Path
    pdf_is_pdfa: bool
    data: bytes = field(default=b"", repr=False)
    note: str = ""

    def content(self) -> bytes:
        return self.data or self.path.read_bytes()


def _guess_dpi(width: int, height: int) -> float | None:
    """The resolution implied by a known paper size of the same shape.

    A5, A4 and A3 share one shape: A4 (by far the usual paper at the counter) wins whenever its
    resolution is plausible, otherwise the candidate nearest a usual scanner setting.
    """
    short, long = sorted((width, height))
    best: tuple[float, float] | None = None
    for name, (short_in, long_in) in PAPER_INCHES.items():
        if abs(short / long - short_in / long_in) < 0.02:
            dpi = long / long_in
            if MIN_SANE_DPI <= dpi <= MAX_SANE_DPI:
                distance = -1.0 if name == "A4" else min(abs(dpi - usual) / usual for usual in USUAL_DPI)
                if best is None or distance < best[0]:
                    best = (distance, dpi)
    return None if best is None else best[1]


def resolve_dpi(width: int, height: int, meta: object) -> tuple[float, str | None]:
    """The page resolution from metadata when plausible, else from the paper size, else 300 dpi."""
    try:
        x, y = (float(v) for v in meta)  # type: ignore[union-attr]
    except (TypeError, ValueError):
        x = y = 0.0
    if MIN_SANE_DPI <= x <= MAX_SANE_DPI and abs(x - y) <= 0.01 * x:
        # PNG stores pixels per metre: 300 dpi comes back as 299.9994.
        return (float(round(x)) if abs(x - round(x)) < 0.01 else x), None
    guess = _guess_dpi(width, height)
    if guess is not None:
        return (
            guess,
            f"độ phân giải ghi trong tệp không hợp lệ ({x:g}×{y:g}); suy ra {guess:.0f} dpi từ khổ giấy",
        )
    return float(
        FALLBACK_DPI
    ), f"độ phân giải ghi trong tệp không hợp lệ ({x:g}×{y:g}); dùng {FALLBACK_DPI} dpi"


def _unreadable(path: Path, detail: str) -> ScannerError:
    return ScannerError(
        f"Không đọc được ảnh trang «{path.name}»: {detail}.",
        "Quét lại trang này hoặc chọn đúng tệp ảnh.",
        code="page_unreadable",
    )


def _upright(frame: Image.Image, orientation: object) -> Image.Image:
    if orientation not in (2, 3, 4, 5, 6, 7, 8):
        # Absent, 1 (upright) or invalid values such as 0: the pixels are used as stored.
        return frame
    try:
        return ImageOps.exif_transpose(frame)
    except (ValueError, TypeError, OSError, SyntaxError):
        # A broken EXIF block must not lose the page: keep the pixels as stored.
        return frame.copy()


def _normalise_mode(image: Image.Image) -> Image.Image:
    if image.mode in ("RGB", "L", "1"):
        return image
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        return image.point(lambda v: v / 256).convert("L")
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        # PDF/A forbids transparency: flatten onto white paper.
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")


def _complete(data: bytes, fmt: str | None) -> bool:
    """Whether a JPEG or PNG file ends where its format says it ends.

    libjpeg fills a truncated page with grey and only warns; such files go through Pillow, which
    reports them as broken.
    """
    if fmt == "JPEG":
        return data.endswith(b"\xff\xd9")
    return fmt == "PNG" and data.endswith(b"IEND\xaeB`\x82")


def decode(data: bytes, flags: int) -> np.ndarray | None:
    """`cv2.imdecode(data, flags)`, written straight into numpy's memory where it can be.

    imdecode decodes into OpenCV's own memory and copies the result into numpy: a 300 dpi A4
    page is then held twice at once (2 x 26 MB, issue 17: peak memory). imread with an output
    array writes into numpy, so on Linux the bytes are handed to imread as an anonymous
    in-memory file (memfd: nothing reaches the disk, the stored page may be personal data).
    The pixels are the same; elsewhere, or if that fails, imdecode."""
    memfd_create = getattr(os, "memfd_create", None)
    if memfd_create is not None:
        try:
            fd = memfd_create("page", os.MFD_CLOEXEC)
        except OSError:
            fd = -1
        if fd >= 0:
            try:
                with open(fd, "wb", closefd=False) as file:
                    file.write(data)
                pixels = cv2.imread(f"/proc/self/fd/{fd}", None, flags)
            finally:
                os.close(fd)
            if pixels is not None:
                return pixels
    return cv2.imdecode(np.frombuffer(data, np.uint8), flags)


def _fast_page(path: Path, data: bytes, img: Image.Image) -> SourcePage | None:
    """A plain single-page RGB or grey JPEG/PNG decoded by OpenCV straight into a numpy array.

    Twice as fast as Pillow plus the copy into numpy; anything unusual (rotation, alpha, palette,
    16-bit grey, several frames, trailing bytes) is left to the Pillow path.
    """
    if getattr(img, "n_frames", 1) != 1 or img.mode not in ("RGB", "L") or not _complete(data, img.format):
        return None
    if img.format == "PNG":
        # Pillow decodes a whole PNG to look for EXIF after the pixels: a PNG with any EXIF goes the slow way.
        if b"eXIf" in data or "Raw profile type exif" in img.info:
            return None
    elif img.getexif().get(0x0112, 1) not in (0, 1):
        return None
    flags = (
        cv2.IMREAD_COLOR_RGB if img.mode == "RGB" else cv2.IMREAD_GRAYSCALE
    ) | cv2.IMREAD_IGNORE_ORIENTATION
    try:
        pixels = decode(data, flags)
    except cv2.error:
        return None
    if pixels is None or (pixels.shape[1], pixels.shape[0]) != img.size:
        return None
    dpi, warning = resolve_dpi(img.width, img.height, img.info.get("dpi"))
    page = SourcePage(None, dpi, path.name, pixels=pixels)
    if warning:
        page.warnings.append(f"{path.name}: {warning}")
    if img.format == "JPEG":
        page.jpeg = data
    return page


def _pages_of_image(path: Path, data: bytes) -> Iterator[SourcePage]:
    try:
        guard.check_image_bytes(data, path.name)  # every frame's header, before any pixel is decoded
    except guard.ImageUnreadableError as exc:
        raise _unreadable(path, "không phải ảnh hoặc định dạng không hỗ trợ") from exc
    try:
        with Image.open(io.BytesIO(data)) as img:
            page = _fast_page(path, data, img)
            frames = getattr(img, "n_frames", 1)
            if page is None and frames == 1:
                img.load()
                page = _frame_page(path, data, img, img, 0, 1)
            if page is None:
                for index, frame in enumerate(ImageSequence.Iterator(img)):
                    frame.load()
                    yield _frame_page(path, data, img, frame, index, frames)
                return
    except ScannerError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError) as exc:
        raise _unreadable(path, "không phải ảnh hoặc định dạng không hỗ trợ") from exc
    except guard.DECODE_ERRORS as exc:
        raise _unreadable(path, "tệp bị hỏng hoặc không trọn vẹn") from exc
    # A single page is handed over once the file is closed (closing keeps the pixels) and let
    # go of here (`img` is the page's own image): this generator then holds none of its pixels,
    # so the page can let them go while it is worked on.
    del img
    yield page


def _frame_page(
    path: Path, data: bytes, img: Image.Image, frame: Image.Image, index: int, frames: int
) -> SourcePage:
    """Frame `index` (loaded) of the image file `img`, upright, as a page."""
    label = path.name if frames == 1 else f"{path.name}#{index + 1}"
    dpi, warning = resolve_dpi(frame.width, frame.height, frame.info.get("dpi"))
    orientation = frame.getexif().get(0x0112, 1)
    # Frames of a multi-page file share one object that the next seek overwrites.
    upright = _upright(frame if frames == 1 else frame.copy(), orientation)
    page = SourcePage(_normalise_mode(upright), dpi, label)
    if warning:
        page.warnings.append(f"{label}: {warning}")
    if img.format == "JPEG" and frame.mode in ("RGB", "L") and orientation in (0, 1):
        page.jpeg = data
    return page


def _pdf_source(path: Path, data: bytes) -> SourcePdf:
    from scanner.pdf.sanitize import sanitise_pdf

    clean = sanitise_pdf(data, path.name)
    if not clean.changed:
        return SourcePdf(path, clean.pdfa)
    return SourcePdf(path, False, clean.data, clean.note(path.name))


def read_sources(paths: Sequence[Path | SourcePage | EncodedPage]) -> Iterator[SourcePage | SourcePdf]:
    """Pages and PDFs in the order given; a bad file raises a known error naming it.

    A `SourcePage` among the paths is a page already in memory, taken as it is; an `EncodedPage`
    is an image file's bytes, decoded now as the file would be."""
    for path in paths:
        if isinstance(path, SourcePage):
            yield path
            continue
        if isinstance(path, EncodedPage):
            yield from _pages_of_image(Path(path.name), path.data)
            continue
        try:
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise ScannerError(
                f"Không tìm thấy tệp trang «{path.name}».", "Kiểm tra lại đường dẫn tệp.", code="page_missing"
            ) from exc
        except OSError as exc:
            raise _unreadable(path, str(exc.strerror or exc)) from exc
        if not data:
            raise ScannerError(
                f"Tệp trang «{path.name}» rỗng (0 byte).",
                "Quét lại trang này.",
                code="page_empty",
            )
        if data[:5] == b"%PDF-":
            yield _pdf_source(path, data)
        else:
            yield from _pages_of_image(path, data)


def count_pages(paths: Sequence[Path | SourcePage | EncodedPage]) -> int:
    """Pages to expect, for progress only: reads headers, and counts an unreadable file as one page."""
    import pikepdf

    total = 0
    for path in paths:
        if isinstance(path, SourcePage):
            total += 1
            continue
        if isinstance(path, EncodedPage):
            try:
                with Image.open(io.BytesIO(path.data)) as img:
                    total += getattr(img, "n_frames", 1)
            except Exception:
                total += 1  # read_sources reports the real error when it reaches this page
            continue
        try:
            with path.open("rb") as fh:
                is_pdf = fh.read(5) == b"%PDF-"
            if is_pdf:
                with pikepdf.open(path) as pdf:
                    total += len(pdf.pages)
            else:
                with Image.open(path) as img:
                    total += getattr(img, "n_frames", 1)
        except Exception:
            # read_sources reports the real error, with its own message, when it reaches this file.
            total += 1
    return total
