"""Colour class of a page: bw (text only), gray (continuous tones) or color (any coloured mark).

A red seal or a blue signature is a few thousandths of the page, so the test counts coherent coloured
marks relative to the paper's own tint rather than averaging colour over the page.
"""

from __future__ import annotations

from typing import Literal

import cv2
import numpy as np

ColourMode = Literal["bw", "gray", "color"]

_CHROMA = 22  # channel spread (after white balance on the paper) that counts as coloured ink
_COLOUR_SHARE = 0.0002  # fraction of the page in coloured marks that makes it a colour page
_TONE_SHARE = 0.01  # fraction of flat mid-grey areas (photos, shading) that makes it a grey page
_MIN_RUN = 6  # pixels in one coloured component before it counts as a mark
_MARGIN = 0.015  # fraction of the page's width ignored along each edge
_BAND_ROWS = 128


def paper_colour(image: np.ndarray) -> np.ndarray:
    """Median BGR of the brightest half of the page (the paper), from a sparse sample of pixels."""
    sample = image[::4, ::4].reshape(-1, 3)
    lum = sample.sum(axis=1)
    return np.median(sample[lum >= np.median(lum)], axis=0).astype(np.float32)


def chroma_map(image: np.ndarray) -> np.ndarray:
    """Colourfulness of each pixel (uint8): max minus min channel once the paper is balanced to grey.

    Cheaper than a Lab conversion by an order of magnitude, and the paper's own tint (recycled or
    yellowed paper) is taken out by the white balance.
    """
    paper = np.maximum(paper_colour(image), 1.0)
    gains = np.diag(paper.max() / paper).astype(np.float32)
    chroma = np.empty(image.shape[:2], np.uint8)
    # A band of rows at a time: every step is per pixel, and the balanced copy and its channels of
    # the whole page would be nine times the map's own size at once (issue 17: peak memory).
    for top in range(0, image.shape[0], _BAND_ROWS):
        b, g, r = cv2.split(cv2.transform(image[top : top + _BAND_ROWS], gains))
        cv2.subtract(cv2.max(cv2.max(b, g), r), cv2.min(cv2.min(b, g), r), dst=chroma[top : top + _BAND_ROWS])
    return chroma


def colour_class(image: np.ndarray, chroma: np.ndarray | None = None) -> ColourMode:
    """Decide bw / gray / color for a page image (BGR or grey, ideally reduced to ~100–150 dpi).

    `chroma` is `chroma_map(image)` when the caller already has it.
    """
    # The outermost strip may hold a sliver of desk or scanner bed, which says nothing about the page.
    h, w = image.shape[:2]
    m = max(1, round(_MARGIN * min(h, w)))
    image = image[m : h - m, m : w - m]
    if chroma is not None:
        chroma = chroma[m : h - m, m : w - m]
    if image.ndim == 3:
        _, coloured = cv2.threshold(
            chroma_map(image) if chroma is None else chroma, _CHROMA, 1, cv2.THRESH_BINARY
        )
        needed = max(20, _COLOUR_SHARE * coloured.size)
        total = int(np.count_nonzero(coloured))
        if total >= 20 * needed:
            return "color"  # a seal or a photo: no need to tell strokes from noise
        if total >= needed:
            # Specks of a few pixels are sensor and JPEG chroma noise or colour fringes; a pen stroke,
            # even one pixel thin, is a long connected run. (An opening would erase thin strokes.)
            _, _, stats, _ = cv2.connectedComponentsWithStats(coloured, connectivity=8)
            areas = stats[1:, cv2.CC_STAT_AREA]
            if areas[areas >= _MIN_RUN].sum() >= needed:
                return "color"
        gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    else:
        gray = image
    # Masks as 0/255 bytes, worked in place: a page's worth of boolean temporaries each otherwise.
    mid = cv2.inRange(gray, 61, 199)  # 60 < grey < 200
    # Anti-aliased stroke edges are mid-grey too; only mid tones away from strong edges mean shading.
    kernel = np.ones((3, 3), np.uint8)
    edges = cv2.morphologyEx(gray, cv2.MORPH_GRADIENT, kernel)
    cv2.threshold(edges, 40, 255, cv2.THRESH_BINARY, dst=edges)
    cv2.dilate(edges, kernel, dst=edges)
    flat_mid = cv2.bitwise_and(mid, cv2.bitwise_not(edges, dst=edges), dst=mid)
    return "gray" if cv2.countNonZero(flat_mid) / flat_mid.size > _TONE_SHARE else "bw"
