"""Skew of a scanned page from its content: the angle at which text lines project most sharply.

Ink pixels are projected onto the normal of each candidate direction; when the direction matches the
text lines, whole lines fall into few bins and the sum of squared bin counts peaks. A coarse sweep over
±15° is refined around the peak and interpolated, which resolves a few hundredths of a degree.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

MAX_ANGLE = 15.0
_MAX_POINTS = 40_000
_MIN_POINTS = 400  # fewer ink pixels (a lone signature or stamp) give no reliable line direction


def ink_mask(gray: np.ndarray, stroke: int = 15) -> np.ndarray:
    """Thin dark strokes (text) as a boolean mask; large dark areas such as a scanner bed are ignored."""
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (stroke, stroke))
    blackhat = cv2.morphologyEx(gray, cv2.MORPH_BLACKHAT, kernel)
    return blackhat > 50


def _energy(xs: np.ndarray, ys: np.ndarray, angles_deg: np.ndarray, span: int) -> np.ndarray:
    out = np.empty(len(angles_deg))
    for i, a in enumerate(np.radians(angles_deg)):
        # Constant along a line turned counter-clockwise by `a` (image y points down).
        v = (xs * math.sin(a) + ys * math.cos(a)).astype(np.int64) + span
        hist = np.bincount(v, minlength=2 * span + 1).astype(np.float64)
        out[i] = float(np.dot(hist, hist))
    return out


def estimate_skew(gray: np.ndarray, max_angle: float = MAX_ANGLE) -> tuple[float, float]:
    """Counter-clockwise skew of the content in degrees, and a 0–1 confidence (0 when unknown)."""
    ys, xs = np.nonzero(ink_mask(gray))
    if len(xs) < _MIN_POINTS:
        return 0.0, 0.0
    if len(xs) > _MAX_POINTS:
        step = len(xs) // _MAX_POINTS + 1  # every n-th ink pixel: spread over all lines, and cheap
        xs, ys = xs[::step], ys[::step]
    xs = xs.astype(np.float64) - gray.shape[1] / 2
    ys = ys.astype(np.float64) - gray.shape[0] / 2
    span = int(math.hypot(*gray.shape[:2]) / 2) + 2
    coarse = np.arange(-max_angle, max_angle + 1e-9, 0.5)
    energy = _energy(xs[::4], ys[::4], coarse, span)  # a quarter of the points find the peak's region
    best = float(coarse[int(np.argmax(energy))])
    fine = np.arange(best - 0.6, best + 0.6 + 1e-9, 0.05)
    fine_energy = _energy(xs, ys, fine, span)
    k = int(np.argmax(fine_energy))
    angle = float(fine[k])
    if 0 < k < len(fine) - 1:
        y0, y1, y2 = fine_energy[k - 1], fine_energy[k], fine_energy[k + 1]
        denom = y0 - 2 * y1 + y2
        if denom < 0:
            angle += 0.05 * 0.5 * (y0 - y2) / denom
    # Peak sharpness against the sweep's typical value: text pages give large ratios, scribbles near 1.
    ratio = float(fine_energy[k] / (16 * np.median(energy) + 1e-9))
    confidence = max(0.0, min(1.0, (ratio - 1.1) / 1.0))
    return round(angle, 3), round(confidence, 3)


def rotation_matrix(size: tuple[int, int], angle: float) -> tuple[np.ndarray, tuple[int, int]]:
    """Affine matrix turning an image of `size` (w, h) by `angle` (CCW) onto a canvas that holds it all."""
    w, h = size
    rad = math.radians(abs(angle))
    out_w = math.ceil(w * math.cos(rad) + h * math.sin(rad))
    out_h = math.ceil(h * math.cos(rad) + w * math.sin(rad))
    mat = cv2.getRotationMatrix2D(((w - 1) / 2, (h - 1) / 2), angle, 1.0)
    mat[:, 2] += [(out_w - w) / 2, (out_h - h) / 2]
    return mat, (out_w, out_h)
