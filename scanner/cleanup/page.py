"""One call that turns a captured page into a clean page: `clean_page(image, source)`.

Analysis (skew, borders, orientation, colour class, blank test) runs on a copy reduced to about
150 dpi; the full-resolution image is resampled once (rotation and crop in a single warp), which is what
keeps an A4 page at 300 dpi within the time a fast feeder allows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import cv2
import numpy as np

from scanner.cleanup.blank import assess_blank
from scanner.cleanup.borders import page_box
from scanner.cleanup.colour import ColourMode, chroma_map, colour_class
from scanner.cleanup.deskew import MAX_ANGLE, estimate_skew, rotation_matrix
from scanner.cleanup.illumination import flatten_illumination
from scanner.cleanup.orientation import detect_orientation
from scanner.cleanup.outline import PageOutline, detect_page
from scanner.cleanup.perspective import flatten_page

Source = Literal["camera", "flatbed"]

_ANALYSIS_SIDE = 1754  # long side of the analysis copy: an A4 page at 150 dpi
_MIN_SKEW = 0.05  # degrees; below this a rotation only blurs the page
_MIN_SKEW_CAMERA = 0.3  # a flattened photo is at a third of scan resolution: finer turns change nothing
_MIN_SKEW_CONFIDENCE = 0.5
_SURE_SKEW_CONFIDENCE = 0.8
_MIN_EDGE_CONFIDENCE = 0.8
_ROTATE = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


@dataclass(frozen=True)
class CleanResult:
    """A cleaned page and what was found out about it.

    `deskew_angle`: degrees (counter-clockwise) the content was turned in the input and has been turned
    back; for camera pages, the turn of the page's top edge in the photo. `rotation`: clockwise quarter
    turn applied to put the text upright. `corners`: the page outline found in a camera photo (TL, TR, BR,
    BL), None when none was found (the whole photo is then kept, for the officer to outline by hand).
    `blank`: a scanned page with no marks at all (flagged for the officer, never dropped); always False
    for camera pages. `confidence`: 0–1, of the outline for camera pages, of the skew measurement for scans. `ink_mm2`: ink
    area of the largest cluster of marks (what the blank test weighed). `image` is BGR for colour pages
    and single-channel grey for gray and bw pages.
    """

    image: np.ndarray
    deskew_angle: float
    blank: bool
    mode: ColourMode
    corners: np.ndarray | None
    confidence: float
    rotation: int
    ink_mm2: float


def _reduce(image: np.ndarray) -> tuple[np.ndarray, int]:
    h, w = image.shape[:2]
    factor = max(1, round(max(h, w) / _ANALYSIS_SIDE))
    if factor == 1:
        return image, 1
    return cv2.resize(image, (w // factor, h // factor), interpolation=cv2.INTER_AREA), factor


def _gray(image: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image


def _deskew_and_crop(image: np.ndarray) -> tuple[np.ndarray, float, float]:
    """(full-resolution page, skew angle, skew confidence) for a flatbed scan."""
    small, factor = _reduce(_gray(image))
    angle, confidence = estimate_skew(small)
    if confidence < _SURE_SKEW_CONFIDENCE:
        # Too little text to follow (a lone signature, a blank back): on a dark bed the paper's own
        # edges still show the skew; with neither, the page is better left as it came.
        outline = detect_page(small)
        if outline is not None and outline.confidence >= _MIN_EDGE_CONFIDENCE:
            angle, confidence = _top_edge_angle(outline.corners), outline.confidence
        elif confidence < _MIN_SKEW_CONFIDENCE:
            angle = 0.0
    if abs(angle) < _MIN_SKEW or abs(angle) > MAX_ANGLE:
        angle = 0.0
    h_full, w_full = image.shape[:2]
    mat, canvas = rotation_matrix((w_full, h_full), -angle)
    # The bed is found on a copy at half the analysis resolution: a pixel there is well under 1 mm.
    probe = cv2.resize(small, (small.shape[1] // 2, small.shape[0] // 2), interpolation=cv2.INTER_AREA)
    scale = 2 * factor
    if angle:
        mat_probe, size_probe = rotation_matrix((probe.shape[1], probe.shape[0]), -angle)
        probe = cv2.warpAffine(
            probe, mat_probe, size_probe, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
        )
    box = page_box(probe)
    if box is None:
        # A white lid: keep the original frame, centred on the turned canvas.
        x, y, w, h = (canvas[0] - w_full) // 2, (canvas[1] - h_full) // 2, w_full, h_full
    else:
        x, y, w, h = (v * scale for v in box)
        w, h = min(w, canvas[0] - x), min(h, canvas[1] - y)
    if not angle:
        return image[y : y + h, x : x + w], angle, confidence
    mat[:, 2] -= (x, y)
    page = cv2.warpAffine(
        image,
        mat,
        (w, h),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=(255, 255, 255),
    )
    return page, angle, confidence


def _straighten(page: np.ndarray) -> tuple[np.ndarray, float]:
    """Turn back a skew left after flattening (corners dragged roughly, a curled sheet), if the text shows one."""
    small, _ = _reduce(_gray(page))
    angle, confidence = estimate_skew(small, max_angle=5.0)
    if confidence < _SURE_SKEW_CONFIDENCE or abs(angle) < _MIN_SKEW_CAMERA:
        return page, 0.0
    h, w = page.shape[:2]
    mat = cv2.getRotationMatrix2D(((w - 1) / 2, (h - 1) / 2), -angle, 1.0)
    white = (255,) * (page.shape[2] if page.ndim == 3 else 1)
    straight = cv2.warpAffine(
        page, mat, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=white
    )
    return straight, angle


def _upright_corners(corners: np.ndarray, rotation: int) -> np.ndarray:
    """Corners renumbered so the first is the top-left of the page as read, after a `rotation` turn."""
    return np.roll(corners, -((4 - rotation // 90) % 4), axis=0)


def detect_upright_page(image: np.ndarray) -> PageOutline | None:
    """`detect_page`, with the corners starting at the page's own top-left when its text shows which
    way up it lies (a page photographed sideways or upside down); geometric order otherwise."""
    outline = detect_page(image)
    if outline is None:
        return None
    small, _ = _reduce(_gray(flatten_page(image, outline.corners)))
    rotation = detect_orientation(small)
    return (
        PageOutline(_upright_corners(outline.corners, rotation), outline.confidence) if rotation else outline
    )


def _top_edge_angle(corners: np.ndarray) -> float:
    dx, dy = corners[1] - corners[0]
    return round(-math.degrees(math.atan2(float(dy), float(dx))), 2)


def clean_page(
    image: np.ndarray, source: Source = "flatbed", *, corners: np.ndarray | None = None
) -> CleanResult:
    """Clean one page (BGR or grey uint8). Camera pages: `corners` as corrected by the officer, if any.

    `image` is only read. A caller that keeps no reference of its own (`clean_page(held.pop())`)
    lets it be freed once the page is straightened, before the analysis of the result.
    """
    if image.ndim == 2:
        image = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    found: np.ndarray | None = None
    confidence = 0.0
    if source == "camera":
        if corners is not None:
            found, confidence = np.asarray(corners, np.float32).reshape(4, 2), 1.0
        else:
            outline = detect_page(image)
            if outline is not None:
                found, confidence = outline.corners, outline.confidence
    # `image` is let go as soon as the page is made from it: a caller that handed it over (as
    # `counter_app.intake.inputs` does) then no longer holds a turned or photographed page twice.
    if found is not None:
        page = flatten_page(image, found)
        del image
        page = flatten_illumination(page)
        page, residual = _straighten(page)
        angle = round(_top_edge_angle(found) + residual, 3)
    else:
        page, angle, skew_confidence = _deskew_and_crop(image)
        del image
        if source == "camera":
            page = flatten_illumination(page)
        else:
            confidence = skew_confidence
    small, _ = _reduce(page)
    rotation = detect_orientation(_gray(small))
    if rotation:
        page, small = cv2.rotate(page, _ROTATE[rotation]), cv2.rotate(small, _ROTATE[rotation])
        if found is not None:
            found = _upright_corners(found, rotation)
    chroma = chroma_map(small)
    mode = colour_class(small, chroma)
    verdict = assess_blank(small, chroma=chroma)
    # Blank backs come from duplex feeders. A photo is taken on purpose, and glare or distance can wash
    # out a light pencil note entirely, so a camera page is never flagged.
    blank = verdict.blank and source != "camera"
    del small, chroma  # before a grey page is made beside the colour one
    out = page if mode == "color" else _gray(page)
    return CleanResult(
        image=np.ascontiguousarray(out),
        deskew_angle=angle,
        blank=blank,
        mode=mode,
        corners=found,
        confidence=round(float(confidence), 3),
        rotation=rotation,
        ink_mm2=verdict.ink_mm2,
    )
