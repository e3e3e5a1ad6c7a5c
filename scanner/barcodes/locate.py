"""Finding where a QR code may be in a photo, and turning that region into a clean square.

A decoder that fails on a whole webcam frame usually succeeds on a crop of the code made
upright, square and large: the code is small (2-3 px per module), tilted, and the card's
print and the desk confuse global thresholds. A QR symbol is a dense, roughly square patch
of strong black/white edges in every direction, which is what `find_regions` looks for.
"""

from __future__ import annotations

from collections.abc import Iterator

import cv2
import numpy as np

# Work on a copy this wide: edge density is scale-robust and the search stays ~5 ms.
_WORK_WIDTH = 640
# Side of the rectified square: ~7 px per module for a version-8 code (49 modules + quiet zone).
RECTIFIED_SIDE = 400


def find_regions(gray: np.ndarray, *, max_regions: int = 3) -> list[np.ndarray]:
    """Quadrilaterals (4x2 float32, in `gray` coordinates) that may hold a QR code, best first."""
    scale = min(1.0, _WORK_WIDTH / gray.shape[1])
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    # Morphological gradient: high where black and white modules meet, in any direction.
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3))
    gradient = cv2.morphologyEx(small, cv2.MORPH_GRADIENT, kernel)
    _, edges = cv2.threshold(gradient, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    # Close the gaps between modules, then open away thin text strokes and isolated edges.
    edges = cv2.morphologyEx(edges, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (7, 7)))
    edges = cv2.morphologyEx(edges, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9)))
    contours, _ = cv2.findContours(edges, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    min_side = 18  # below ~18 px at 640 wide (36 px in a 1280 frame) no decoder reads a card QR
    scored: list[tuple[float, np.ndarray]] = []
    for contour in contours:
        (cx, cy), (w, h), angle = cv2.minAreaRect(contour)
        if min(w, h) < min_side:
            continue
        squareness = min(w, h) / max(w, h)
        fill = cv2.contourArea(contour) / (w * h)
        if squareness < 0.55 or fill < 0.6:
            continue
        box = cv2.boxPoints(((cx, cy), (w, h), angle))
        scored.append((squareness * fill * np.sqrt(w * h), box / scale))
    scored.sort(key=lambda item: -item[0])
    return [box.astype(np.float32) for _, box in scored[:max_regions]]


def rectify(
    gray: np.ndarray, quad: np.ndarray, *, margin: float = 0.12, side: int = RECTIFIED_SIDE
) -> np.ndarray:
    """The region `quad` warped to an upright `side` x `side` square, with a light quiet zone.

    The margin keeps the code's own quiet zone inside the crop even when the located quad is
    a little tight; the decoders find the code's exact corners themselves.
    """
    quad = _order_clockwise(quad.astype(np.float32))
    centre = quad.mean(axis=0)
    grown = centre + (quad - centre) * (1 + 2 * margin)
    target = np.array([[0, 0], [side - 1, 0], [side - 1, side - 1], [0, side - 1]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(grown, target)
    return cv2.warpPerspective(
        gray, matrix, (side, side), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE
    )


def crop(gray: np.ndarray, quad: np.ndarray, *, margin: float = 0.3) -> tuple[np.ndarray, np.ndarray]:
    """The upright box around `quad` with `margin` of its size on each side, and the box's top-left."""
    low, high = quad.min(axis=0), quad.max(axis=0)
    grow = (high - low) * margin
    x0, y0 = np.maximum(0, np.floor(low - grow)).astype(int)
    x1, y1 = np.ceil(high + grow).astype(int)
    return gray[y0 : y1 + 1, x0 : x1 + 1], np.array([x0, y0], np.float32)


def unsharp(gray: np.ndarray, sigma: float, amount: float = 1.5) -> np.ndarray:
    """`gray` sharpened by an unsharp mask of radius `sigma` (px of `gray`, wider once enlarged)."""
    blurred = cv2.GaussianBlur(gray, (0, 0), sigma)
    return cv2.addWeighted(gray, 1 + amount, blurred, -amount, 0)


def variants(gray: np.ndarray) -> Iterator[tuple[str, np.ndarray]]:
    """The same image under the binarisations and sharpening that rescue hard crops, cheap first."""
    yield "plain", gray
    clahe = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(4, 4)).apply(gray)
    yield "clahe", clahe
    blurred = cv2.GaussianBlur(clahe, (0, 0), 2.0)
    yield "sharpen", cv2.addWeighted(clahe, 1.8, blurred, -0.8, 0)
    yield "otsu", otsu(gray)
    block = max(15, (gray.shape[0] // 12) | 1)
    yield (
        "adaptive",
        cv2.adaptiveThreshold(clahe, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, block, 5),
    )


def otsu(gray: np.ndarray) -> np.ndarray:
    """`gray` lightly smoothed and cut at Otsu's global threshold (black modules on white)."""
    _, binary = cv2.threshold(cv2.GaussianBlur(gray, (3, 3), 0), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return binary


def _order_clockwise(quad: np.ndarray) -> np.ndarray:
    centre = quad.mean(axis=0)
    angles = np.arctan2(quad[:, 1] - centre[1], quad[:, 0] - centre[0])
    return quad[np.argsort(angles)]


def refine_quad(square: np.ndarray) -> np.ndarray | None:
    """The code's own corners inside a rectified crop, to undo the perspective left by a box.

    `find_regions` returns rotated rectangles; a tilted card makes the code a trapezoid inside
    it. The dense patch's convex hull, reduced to 4 points, is close enough for a second warp.
    """
    gradient = cv2.morphologyEx(square, cv2.MORPH_GRADIENT, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    _, edges = cv2.threshold(gradient, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    size = max(5, square.shape[0] // 30) | 1
    edges = cv2.morphologyEx(edges, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (size, size)))
    contours, _ = cv2.findContours(edges, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    hull = cv2.convexHull(max(contours, key=cv2.contourArea))
    perimeter = cv2.arcLength(hull, True)
    for epsilon in (0.02, 0.04, 0.06, 0.08, 0.1):
        approx = cv2.approxPolyDP(hull, epsilon * perimeter, True)
        if len(approx) == 4:
            quad = approx.reshape(4, 2).astype(np.float32)
            return quad if cv2.contourArea(quad) > 0.1 * square.size else None
    return None
