"""Turning one page image into the image streams and drawing operators of a PDF page, per profile."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import cv2
import numpy as np
from PIL import Image

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


@dataclass(frozen=True)
class PlacedImage:
    """An encoded image drawn over the whole page; `fill` is the paint colour of a stencil mask."""

    image: EncodedImage
    fill: tuple[int, int, int] | None = None


@dataclass(frozen=True)
class PageLayout:
    width_pt: float
    height_pt: float
    layers: tuple[PlacedImage, ...]
    page_class: str
    encoding: str
    dpi: float


def _working(page: SourcePage) -> tuple[Image.Image, float, bool]:
    """The page at a resolution safe to process; True when it had to be resampled."""
    img, dpi = page.image, page.dpi
    if dpi <= MAX_WORKING_DPI:
        return img, dpi, False
    scale = WORKING_DPI / dpi
    size = (max(1, round(img.width * scale)), max(1, round(img.height * scale)))
    src = img.convert("L") if img.mode == "1" else img
    return src.resize(size, Image.Resampling.BOX), dpi * size[0] / img.width, True


def _rgb(img: Image.Image) -> np.ndarray:
    return np.asarray(img if img.mode == "RGB" else img.convert("RGB"))


def _gray(img: Image.Image) -> np.ndarray:
    return np.asarray(img if img.mode == "L" else img.convert("L"))


def _reduce(pixels: np.ndarray, dpi: float, target: float) -> tuple[np.ndarray, float]:
    h, w = pixels.shape[:2]
    rw, rh = segment.reduced_size(w, h, dpi, target)
    if (rw, rh) == (w, h):
        return pixels, dpi
    return cv2.resize(pixels, (rw, rh), interpolation=cv2.INTER_AREA), dpi * rw / w


def layout_page(page: SourcePage, profile: Profile) -> PageLayout:
    """Encode one page for `profile`; the page keeps the paper's physical size at the scan resolution."""
    width_pt = page.image.width * 72.0 / page.dpi
    height_pt = page.image.height * 72.0 / page.dpi
    img, dpi, resampled = _working(page)
    passthrough = page.jpeg is not None and not resampled

    def single(image: EncodedImage, page_class: str, encoding: str) -> PageLayout:
        return PageLayout(width_pt, height_pt, (PlacedImage(image),), page_class, encoding, dpi)

    if profile == "bw":
        mask = ~np.asarray(img) if img.mode == "1" else segment.bw_mask(_rgb(img), dpi)
        return single(encode.g4(mask, stencil=False), "text", "g4")
    if profile == "gray":
        if passthrough and img.mode == "L":
            return single(
                encode.jpeg_passthrough(page.jpeg or b"", img.width, img.height, "L"), "gray", "jpeg"
            )
        pixels, _ = _reduce(_gray(img), dpi, WORKING_DPI)
        return single(encode.jpeg(pixels, GRAY_QUALITY), "gray", "jpeg")
    if profile == "color":
        if passthrough and img.mode == "RGB":
            return single(
                encode.jpeg_passthrough(page.jpeg or b"", img.width, img.height, "RGB"), "color", "jpeg"
            )
        pixels, _ = _reduce(_rgb(img), dpi, WORKING_DPI)
        return single(encode.jpeg(pixels, COLOR_QUALITY), "color", "jpeg")

    rgb = _rgb(img)
    analysis = segment.analyse(rgb, dpi)
    if analysis.page_class == "photo":
        if passthrough and img.mode == "RGB" and dpi <= WORKING_DPI:
            return single(
                encode.jpeg_passthrough(page.jpeg or b"", img.width, img.height, "RGB"), "photo", "jpeg"
            )
        return single(encode.jpeg(analysis.reduced, PHOTO_QUALITY), "photo", "jpeg")
    layers = segment.mrc_layers(rgb, analysis)
    background = PlacedImage(encode.jpeg(layers.background, BACKGROUND_QUALITY))
    if not np.any(layers.mask):
        return PageLayout(width_pt, height_pt, (background,), analysis.page_class, "mrc", dpi)
    text = PlacedImage(encode.g4(layers.mask, stencil=True), fill=layers.text_colour)
    return PageLayout(width_pt, height_pt, (background, text), analysis.page_class, "mrc", dpi)
