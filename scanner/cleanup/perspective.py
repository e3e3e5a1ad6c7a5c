"""Flattening a photographed page: map its quadrilateral onto an upright rectangle."""

from __future__ import annotations

import math

import cv2
import numpy as np

ISO_RATIO = math.sqrt(2)  # A3, A4, A5 all share it
_SNAP = 0.08  # estimated proportions this close to √2 are taken to be an ISO page


def target_size(corners: np.ndarray) -> tuple[int, int]:
    """Width and height (pixels) of the flattened page, at the resolution of its larger sides."""
    tl, tr, br, bl = corners.astype(np.float64)
    width = max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl))
    height = max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr))
    ratio = height / max(width, 1.0)
    # Foreshortening shrinks the far side, so the measured ratio is only approximate; pages are ISO.
    if abs(ratio / ISO_RATIO - 1) < _SNAP:
        height = width * ISO_RATIO
    elif abs(ratio * ISO_RATIO - 1) < _SNAP:
        height = width / ISO_RATIO
    return max(1, round(width)), max(1, round(height))


def flatten_page(image: np.ndarray, corners: np.ndarray, size: tuple[int, int] | None = None) -> np.ndarray:
    """The page inside `corners` (TL, TR, BR, BL), warped to an upright rectangle of `size` (w, h)."""
    w, h = size or target_size(corners)
    # Page edges sit half a pixel outside the outermost pixel centres on both sides.
    dst = np.array([[-0.5, -0.5], [w - 0.5, -0.5], [w - 0.5, h - 0.5], [-0.5, h - 0.5]], np.float32)
    hom = cv2.getPerspectiveTransform(corners.astype(np.float32), dst)
    return cv2.warpPerspective(image, hom, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
