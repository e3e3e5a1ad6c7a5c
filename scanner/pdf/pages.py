"""Turning one page image into the image streams and drawing operators of a PDF page, per profile."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import cv2
import numpy as np

from scanner.pdf import encode, segment
from scanner.pdf.encode import EncodedImage
from scanner.pdf.sources import SourcePage

Profile = Literal["standard", "bw", "gray", "color"]
PROFILES: tuple[Profile, ...] = ("standard", "bw", "gray", "color")

# Above this the page is resampled to WORKING_DPI first: a 600 dpi A3 colour page would otherwise need
# gigabytes, and 300 dpi is well above the 200 dpi rule.
MAX_WORKING_DPI = 400
WORKING_DPI = 300
# JPEG qualities: the MRC background is flat paper plus seals, so a low quality costs nothing visible.
BACKGROUND_QUALITY = 50
PHOTO_QUALITY = 70
GRAY_QUALITY = 70
COLOR_QUALITY = 75
# A camera or scanner JPEG is embedded as it is (no generation loss) unless it is bigger than this,
# when re-encoding is what keeps a dossier under the portal's upload limit.
PASSTHROUGH_MAX_BYTES = 350_000


@dataclass(frozen=True)
class PlacedImage:
    """An encoded image drawn over the whole page, or over `rect` (x, y, w, h in points from the
    page's bottom-left); `fill` is the paint colour of a stencil mask."""

    image: EncodedImage
    fill: tuple[int, int, int] | None = None
    rect: tuple[float, float, float, float] | None = None


@dataclass(frozen=True)
class PageLayout:
    width_pt: float
    height_pt: float
    layers: tuple[PlacedImage, ...]
    page_class: str
    encoding: str
    dpi: float
    has_colour: bool | None = None
    paper_fill: tuple[int, int, int] | None = None  # painted over the whole page before the layers


def _working(page: SourcePage) -> tuple[np.ndarray, float, bool]:
    """The page (RGB or grey) at a resolution safe to process and compliant; True when resampled."""
    pixels, dpi = page.array(), page.dpi
    if segment.MIN_DPI <= dpi <= MAX_WORKING_DPI:
        return pixels, dpi, False
    # Below 200 dpi the page is interpolated up so the file still meets the rule (the officer is warned).
    target = WORKING_DPI if dpi > MAX_WORKING_DPI else segment.MIN_DPI
    scale = target / dpi
    h, w = pixels.shape[:2]
    size = (max(1, math.ceil(w * scale)), max(1, math.ceil(h * scale)))
    method = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    return cv2.resize(pixels, size, interpolation=method), dpi * size[0] / w, True


def _rgb(pixels: np.ndarray) -> np.ndarray:
    return pixels if pixels.ndim == 3 else cv2.cvtColor(pixels, cv2.COLOR_GRAY2RGB)


def _gray(pixels: np.ndarray) -> np.ndarray:
    return pixels if pixels.ndim == 2 else cv2.cvtColor(pixels, cv2.COLOR_RGB2GRAY)


def _reduce(pixels: np.ndarray, dpi: float, target: float) -> tuple[np.ndarray, float]:
    h, w = pixels.shape[:2]
    rw, rh = segment.reduced_size(w, h, dpi, target)
    if (rw, rh) == (w, h):
        return pixels, dpi
    return cv2.resize(pixels, (rw, rh), interpolation=cv2.INTER_AREA), dpi * rw / w


def layout_page(page: SourcePage, profile: Profile, *, keep_pixels: bool = True) -> PageLayout:
    """Encode one page for `profile`; the page keeps the paper's physical size at the scan resolution.

    `keep_pixels=False`: the page is not needed afterwards (no text layer to recognise), so the
    page lets go of its pixels (`page.forget_pixels()`) once they are being analysed; the analysis
    lets go of them once a text page's ink is taken, and its background is made (or a photograph
    encoded) without the full-resolution page in memory.
    """
    width, height = page.size
    width_pt = width * 72.0 / page.dpi
    height_pt = height * 72.0 / page.dpi
    img, dpi, resampled = _working(page)
    ih, iw = img.shape[:2]
    colour = img.ndim == 3
    passthrough = page.jpeg is not None and not resampled and len(page.jpeg) <= PASSTHROUGH_MAX_BYTES

    def single(image: EncodedImage, page_class: str, encoding: str) -> PageLayout:
        return PageLayout(width_pt, height_pt, (PlacedImage(image),), page_class, encoding, dpi)

    if profile == "bw":
        bilevel = page.mode == "1" and not resampled
        mask = ~np.asarray(page.image) if bilevel else segment.bw_mask(_rgb(img), dpi)
        return single(encode.g4(mask, stencil=False), "text", "g4")
    if profile == "gray":
        if passthrough and not colour:
            return single(encode.jpeg_passthrough(page.jpeg or b"", iw, ih, "L"), "gray", "jpeg")
        pixels, _ = _reduce(_gray(img), dpi, WORKING_DPI)
        return single(encode.jpeg(pixels, GRAY_QUALITY), "gray", "jpeg")
    if profile == "color":
        if passthrough and colour:
            return single(encode.jpeg_passthrough(page.jpeg or b"", iw, ih, "RGB"), "color", "jpeg")
        pixels, _ = _reduce(_rgb(img), dpi, WORKING_DPI)
        return single(encode.jpeg(pixels, COLOR_QUALITY), "color", "jpeg")

    rgb = _rgb(img)
    # From here on the page's pixels are reached only through `rgb`, then the analysis (and the
    # page): a grey page's own pixels, or a 1-bit page's image, go before it is analysed.
    del img
    if not keep_pixels:
        page.forget_pixels()
    analysis = segment.analyse(rgb, dpi)
    del rgb
    if analysis.page_class == "photo" and passthrough and colour:
        return single(encode.jpeg_passthrough(page.jpeg or b"", iw, ih, "RGB"), "photo", "jpeg")
    page_class, has_colour = analysis.page_class, analysis.has_colour
    if page_class == "photo":
        reduced = analysis.reduced
        del analysis  # with it the page (unless kept): only its 200 dpi copy is encoded
        photo = encode.jpeg(reduced, PHOTO_QUALITY)
        return PageLayout(width_pt, height_pt, (PlacedImage(photo),), "photo", "jpeg", dpi, has_colour)
    layers = segment.mrc_layers(analysis)
    del analysis  # its 200 dpi page and maps (~20 MB at 300 dpi): the layers are all that is encoded
    patches = segment.background_patches(layers.background, layers.content)
    parts: tuple[PlacedImage, ...]
    if patches is None:
        parts = (PlacedImage(encode.jpeg(layers.background, BACKGROUND_QUALITY)),)
    else:
        parts = _patch_layers(layers.background, patches, 72.0 / layers.background_dpi, height_pt)
    extent = _ink_extent(layers.mask)
    if extent is not None:
        rows, cols = extent
        # Blank bottom and right margins cost G4 time, not bytes: they are left out. The mask stays
        # anchored at the page's top-left corner so its pixels land where a whole-page mask's would
        # (a stencil placed at a fractional offset is rounded a pixel off by renderers).
        stencil = encode.g4(layers.mask[:rows, :cols], stencil=True)  # a view: g4 packs it as it is
        x_pt, y_pt = width_pt / layers.mask.shape[1], height_pt / layers.mask.shape[0]
        rect = (0.0, height_pt - rows * y_pt, cols * x_pt, rows * y_pt)
        parts += (PlacedImage(stencil, fill=layers.text_colour, rect=rect),)
    return PageLayout(
        width_pt,
        height_pt,
        parts,
        page_class,
        "mrc",
        dpi,
        has_colour,
        paper_fill=patches.paper if patches is not None else None,
    )


def _ink_extent(mask: np.ndarray) -> tuple[int, int] | None:
    """Rows and columns from the top-left corner that hold all the ink, or None when there is none."""
    rows = np.flatnonzero(mask.any(axis=1))
    if rows.size == 0:
        return None
    cols = np.flatnonzero(mask[: rows[-1] + 1].any(axis=0))
    return int(rows[-1]) + 1, int(cols[-1]) + 1


def _patch_layers(
    background: np.ndarray, patches: segment.BackgroundPatches, pt_per_px: float, height_pt: float
) -> tuple[PlacedImage, ...]:
    """Each colour patch as its own JPEG at the background's resolution (still >= 200 dpi)."""
    parts = []
    for x, y, w, h in patches.boxes:
        image = encode.jpeg(np.ascontiguousarray(background[y : y + h, x : x + w]), BACKGROUND_QUALITY)
        rect = (x * pt_per_px, height_pt - (y + h) * pt_per_px, w * pt_per_px, h * pt_per_px)
        parts.append(PlacedImage(image, rect=rect))
    return tuple(parts)
