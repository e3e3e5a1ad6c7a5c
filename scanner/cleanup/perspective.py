"""Flattening a photographed page: map its quadrilateral onto an upright rectangle."""

from __future__ import annotations

import math

import cv2
import numpy as np

ISO_RATIO = math.sqrt(2)  # A3, A4, A5 all share it
_SNAP = 0.08  # estimated proportions this close to √2 are taken to be an ISO page


def page_proportions(corners: np.ndarray, frame: tuple[int, int]) -> float | None:
    """Height / width of the real page, from its image under a pinhole camera (Zhang & He, 2007).

    Assumes square pixels and the principal point at the frame centre; None when the view is too
    close to head-on to tell (then the side lengths are already a good measure) or inconsistent.
    """
    u0, v0 = frame[0] / 2, frame[1] / 2
    tl, tr, br, bl = (np.array([x, y, 1.0]) for x, y in corners.astype(np.float64))
    k2 = np.dot(np.cross(tl, br), bl) / np.dot(np.cross(tr, br), bl)
    k3 = np.dot(np.cross(tl, br), tr) / np.dot(np.cross(bl, br), tr)
    n2, n3 = k2 * tr - tl, k3 * bl - tl
    if abs(n2[2] * n3[2]) < 1e-9:
        return None
    f2 = -(
        (n2[0] * n3[0] - (n2[0] * n3[2] + n2[2] * n3[0]) * u0 + n2[2] * n3[2] * u0 * u0)
        + (n2[1] * n3[1] - (n2[1] * n3[2] + n2[2] * n3[1]) * v0 + n2[2] * n3[2] * v0 * v0)
    ) / (n2[2] * n3[2])
    # A focal length far outside what phones and document cameras have means the estimate is noise.
    if not (0.3 * max(frame)) ** 2 < f2 < (5 * max(frame)) ** 2:
        return None
    inv = np.linalg.inv(np.array([[math.sqrt(f2), 0, u0], [0, math.sqrt(f2), v0], [0, 0, 1]]))
    metric = inv.T @ inv
    return math.sqrt((n3 @ metric @ n3) / (n2 @ metric @ n2))


def target_size(corners: np.ndarray, frame: tuple[int, int] | None = None) -> tuple[int, int]:
    """Width and height (pixels) of the flattened page, at the resolution of its larger sides.

    With the photo's `frame` size (w, h) the page's proportions are recovered from the perspective;
    proportions within 8 % of √2 are then taken to be an ISO page (A4, A5).
    """
    tl, tr, br, bl = corners.astype(np.float64)
    width = max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl))
    height = max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr))
    ratio = height / max(width, 1.0)
    measured = page_proportions(corners, frame) if frame else None
    if measured is not None and abs(measured / ratio - 1) < 0.3:
        ratio = measured
        height = width * ratio
    if abs(ratio / ISO_RATIO - 1) < _SNAP:
        height = width * ISO_RATIO
    elif abs(ratio * ISO_RATIO - 1) < _SNAP:
        height = width / ISO_RATIO
    return max(1, round(width)), max(1, round(height))


def flatten_page(image: np.ndarray, corners: np.ndarray, size: tuple[int, int] | None = None) -> np.ndarray:
    """The page inside `corners` (TL, TR, BR, BL), warped to an upright rectangle of `size` (w, h)."""
    w, h = size or target_size(corners, (image.shape[1], image.shape[0]))
    # Page edges sit half a pixel outside the outermost pixel centres on both sides.
    dst = np.array([[-0.5, -0.5], [w - 0.5, -0.5], [w - 0.5, h - 0.5], [-0.5, h - 0.5]], np.float32)
    hom = cv2.getPerspectiveTransform(corners.astype(np.float32), dst)
    return cv2.warpPerspective(image, hom, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
