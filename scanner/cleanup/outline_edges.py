"""A page outline from straight edges, for desks nearly as light as paper.

On a light desk no brightness threshold separates page and desk, but the page border is still a long
straight step. Text is closed away first (so its strokes give no edges), straight lines are found with
the Hough transform, and every quadrilateral made of two roughly parallel pairs of lines is scored by
how much of its outline lies on edges with the brighter side inside.
"""

from __future__ import annotations

import itertools
import math

import cv2
import numpy as np

_MAX_LINES = 12
_T = np.linspace(0.1, 0.9, 48)


def _lines(gray: np.ndarray) -> list[tuple[float, float]]:
    """Distinct (rho, theta) lines, strongest first."""
    h, w = gray.shape
    edges = cv2.Canny(gray, 10, 30)
    found = cv2.HoughLines(edges, 1, math.pi / 180, threshold=max(20, int(0.12 * min(h, w))))
    if found is None:
        return []
    lines: list[tuple[float, float]] = []
    for rho, theta in found[:, 0]:
        duplicate = any(
            (abs(rho - r) < 6 and abs(theta - t) < math.radians(4))
            or (abs(rho + r) < 6 and abs(abs(theta - t) - math.pi) < math.radians(4))
            for r, t in lines
        )
        if not duplicate:
            lines.append((float(rho), float(theta)))
        if len(lines) == _MAX_LINES:
            break
    return lines


def _intersect(a: tuple[float, float], b: tuple[float, float]) -> np.ndarray | None:
    (r1, t1), (r2, t2) = a, b
    mat = np.array([[math.cos(t1), math.sin(t1)], [math.cos(t2), math.sin(t2)]])
    if abs(np.linalg.det(mat)) < 1e-3:
        return None
    return np.linalg.solve(mat, np.array([r1, r2]))


def _angle_gap(a: float, b: float) -> float:
    d = abs(a - b) % math.pi
    return min(d, math.pi - d)


def _separation(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance between two nearly parallel lines (rho changes sign when theta wraps around pi)."""
    same_way = abs(a[1] - b[1]) < math.pi / 2
    return abs(a[0] - b[0]) if same_way else abs(a[0] + b[0])


def _score(gray: np.ndarray, edges: np.ndarray, quad: np.ndarray) -> float:
    """Share of the outline on an edge with paper (brighter) inside, worst side counted double."""
    h, w = gray.shape
    a, b = quad, np.roll(quad, -1, axis=0)
    direction = (b - a) / (np.linalg.norm(b - a, axis=1, keepdims=True) + 1e-9)
    normal = np.stack([direction[:, 1], -direction[:, 0]], axis=1)
    outward = np.sign(np.sum(((a + b) / 2 - quad.mean(axis=0)) * normal, axis=1, keepdims=True))
    normal = normal * np.where(outward == 0, 1, outward)
    pts = a[:, None, :] + _T[None, :, None] * (b - a)[:, None, :]  # (4 sides, samples, xy)
    limit = np.array([w - 1, h - 1])
    on = np.clip(np.rint(pts), 0, limit).astype(int)
    inner = np.clip(np.rint(pts - 3 * normal[:, None, :]), 0, limit).astype(int)
    outer = np.clip(np.rint(pts + 3 * normal[:, None, :]), 0, limit).astype(int)
    on_edge = edges[on[..., 1], on[..., 0]] > 0
    brighter = gray[inner[..., 1], inner[..., 0]].astype(int) > gray[outer[..., 1], outer[..., 0]] + 4
    sides = np.mean(on_edge & brighter, axis=1)
    return float((sides.sum() + sides.min()) / 5)


def edge_quad(small: np.ndarray, min_area: float) -> np.ndarray | None:
    """The best-supported page quadrilateral in a small frame (BGR or grey), or None."""
    gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY) if small.ndim == 3 else small
    # Closing paints dark text over with the paper around it, so only the page border remains an edge.
    gray = cv2.morphologyEx(gray, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (7, 7)))
    gray = cv2.GaussianBlur(gray, (5, 5), 0)
    lines = _lines(gray)
    if len(lines) < 4:
        return None
    edges = cv2.dilate(cv2.Canny(gray, 10, 30), np.ones((3, 3), np.uint8))
    h, w = gray.shape
    pairs = [
        (a, b)
        for a, b in itertools.combinations(lines, 2)
        if _angle_gap(a[1], b[1]) < math.radians(35) and _separation(a, b) > 0.15 * min(h, w)
    ]
    best, best_score = None, 0.3
    for (a, b), (c, d) in itertools.combinations(pairs, 2):
        if _angle_gap(a[1], c[1]) < math.radians(45):
            continue
        corners = [_intersect(a, c), _intersect(c, b), _intersect(b, d), _intersect(d, a)]
        if any(p is None for p in corners):
            continue
        quad = np.array(corners, np.float32)
        if not np.all((quad > -0.02 * w) & (quad < [1.02 * w, 1.02 * h])):
            continue
        hull = cv2.convexHull(quad)
        if len(hull) != 4 or cv2.contourArea(hull) < min_area * w * h:
            continue
        quad = hull.reshape(4, 2)
        score = _score(gray, edges, quad)
        if score > best_score:
            best, best_score = quad, score
    return best
