"""Finding the page quadrilateral in a camera photo.

Two stages: a coarse outline from a small copy of the frame (the page is the largest bright,
unsaturated region), then each side is refined at full resolution by locating the paper-to-desk step
along its normal and fitting a straight line, so corners land within about a pixel.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np

from scanner.cleanup.outline_edges import edge_quad

_COARSE_SIDE = 480  # long side of the working copy for the coarse stage (pixels)
_MIN_AREA = 0.04  # a page smaller than this fraction of the frame is not a page in front of the camera
_SURE = 0.95
_MIN_STEP = 4.0  # grey levels per pixel, the faintest paper edge followed


@dataclass(frozen=True)
class PageOutline:
    """Page corners (float32 array (4, 2), clockwise from the page's top-left) and a 0–1 confidence."""

    corners: np.ndarray
    confidence: float


def order_corners(points: np.ndarray) -> np.ndarray:
    """Clockwise order (in image coordinates) starting at the corner whose next edge points most to the right."""
    pts = np.asarray(points, np.float32).reshape(4, 2)
    centre = pts.mean(axis=0)
    angles = np.arctan2(pts[:, 1] - centre[1], pts[:, 0] - centre[0])
    pts = pts[np.argsort(angles)]  # increasing angle is clockwise on screen, since y points down
    best = max(range(4), key=lambda i: _edge_rightness(pts[i], pts[(i + 1) % 4]))
    return np.roll(pts, -best, axis=0)


def _edge_rightness(a: np.ndarray, b: np.ndarray) -> float:
    d = b - a
    return float(d[0] / (np.hypot(d[0], d[1]) + 1e-9))


def _paper_map(small: np.ndarray) -> np.ndarray:
    # Paper is bright in every channel; coloured or dark desks are low in at least one.
    return small.min(axis=2) if small.ndim == 3 else small


def _coarse_quads(small: np.ndarray) -> Iterator[np.ndarray]:
    """Candidate outlines, cheapest and likeliest first: the bright region, straight edges, the bright
    region grown into shadows, and the same from a stricter threshold.

    The stricter threshold separates the page from glare on the desk; growing recovers the part of the
    page a shadow darkens. The caller keeps the candidate whose sides are best backed by edges.
    """
    paper = cv2.GaussianBlur(_paper_map(small), (5, 5), 0)
    otsu, _ = cv2.threshold(paper, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    bright = float(np.percentile(paper, 99))
    contour = _largest_region(paper > otsu)
    if contour is not None:
        yield _quad_of(contour)
    # Straight edges next: cheap, and the answer for a desk nearly as light as the paper.
    from_edges = edge_quad(small, _MIN_AREA)
    if from_edges is not None:
        yield from_edges
    if contour is not None:
        grown = _grow_into_shadow(small, contour)
        if grown is not None:
            yield _quad_of(grown)
    strict = _largest_region(paper > (otsu + bright) / 2)
    if strict is not None:
        yield _quad_of(strict)
        grown = _grow_into_shadow(small, strict)
        if grown is not None:
            yield _quad_of(grown)


def _largest_region(mask: np.ndarray) -> np.ndarray | None:
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5))
    mask = cv2.morphologyEx(mask.astype(np.uint8) * 255, cv2.MORPH_CLOSE, kernel)
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    contour = max(contours, key=cv2.contourArea)
    return contour if cv2.contourArea(contour) >= _MIN_AREA * mask.size else None


def _quad_of(contour: np.ndarray) -> np.ndarray:
    hull = cv2.convexHull(contour)
    perimeter = cv2.arcLength(hull, True)
    for eps in (0.01, 0.02, 0.03, 0.05, 0.08):
        approx = cv2.approxPolyDP(hull, eps * perimeter, True)
        if len(approx) == 4:
            return approx.reshape(4, 2).astype(np.float32)
        if len(approx) < 4:
            break
    return cv2.boxPoints(cv2.minAreaRect(hull)).astype(np.float32)


def _grow_into_shadow(small: np.ndarray, contour: np.ndarray) -> np.ndarray | None:
    """Extend the bright region to the strongest edges around it (watershed).

    A shadow across the page makes part of it darker than any global threshold; the shadow's edge
    is soft while the page's edge is a sharp step, so flooding from the bright part and from the frame
    border meets at the page edge.
    """
    h, w = small.shape[:2]
    component = np.zeros((h, w), np.uint8)
    cv2.drawContours(component, [contour], -1, 255, -1)
    markers = np.zeros((h, w), np.int32)
    ring = np.ones((h, w), bool)
    ring[2:-2, 2:-2] = False
    near = cv2.dilate(component, np.ones((9, 9), np.uint8)) > 0
    markers[ring & ~near] = 1
    markers[cv2.erode(component, np.ones((9, 9), np.uint8)) > 0] = 2
    if not (markers == 1).any() or not (markers == 2).any():
        return None
    colour = small if small.ndim == 3 else cv2.cvtColor(small, cv2.COLOR_GRAY2BGR)
    cv2.watershed(cv2.GaussianBlur(colour, (3, 3), 0), markers)
    grown = (markers == 2).astype(np.uint8) * 255
    contours, _ = cv2.findContours(grown, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    return max(contours, key=cv2.contourArea) if contours else None


def _fit_line(points: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray, float] | None:
    """Weighted total-least-squares line with two rounds of outlier rejection: (point, direction, rms)."""
    keep = np.ones(len(points), bool)
    for _ in range(3):
        if keep.sum() < 6:
            return None
        p, w = points[keep], weights[keep]
        centre = (p * w[:, None]).sum(0) / w.sum()
        d = p - centre
        cov = (d * w[:, None]).T @ d
        _, vecs = np.linalg.eigh(cov)
        direction = vecs[:, 1]
        normal = np.array([-direction[1], direction[0]])
        resid = np.abs((points - centre) @ normal)
        limit = max(0.75, 2.5 * float(np.median(resid[keep])))
        keep = resid <= limit
    rms = float(np.sqrt(np.mean(resid[keep] ** 2))) if keep.any() else 99.0
    return centre, direction, rms


def _sample(gray: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Bilinear samples (float32) of the grey image (uint8) at the points (xs, ys), its edge repeated
    outside.

    Only the rows and columns the points reach are turned into floats: a float copy of a whole
    12-megapixel photo is 48 MB (issue 17: peak memory). The crop holds every pixel an interpolation
    reads, and touches the image's own edge wherever a point lies beyond it, so the edge repeats as
    before; the points move by whole pixels, which leaves every interpolation weight as it was.
    """
    h, w = gray.shape[:2]
    x0, x1 = _span(xs, w)
    y0, y1 = _span(ys, h)
    crop = gray[y0 : y1 + 1, x0 : x1 + 1].astype(np.float32)
    return cv2.remap(
        crop, xs - np.float32(x0), ys - np.float32(y0), cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )


def _span(coords: np.ndarray, size: int) -> tuple[int, int]:
    """First and last pixel index (within 0..size-1) that bilinear samples at `coords` read."""
    if not np.isfinite(coords).all():
        return 0, size - 1
    low = int(np.clip(np.floor(coords.min()) - 1, 0, size - 1))
    high = int(np.clip(np.floor(coords.max()) + 2, low, size - 1))
    return low, high


def _refine(gray: np.ndarray, quad: np.ndarray, reach: float, samples: int = 40) -> tuple[np.ndarray, float]:
    """Move each side onto the strongest bright-to-dark step along its outward normal (`gray`:
    the frame lightly smoothed, uint8)."""
    centre = quad.mean(axis=0)
    lines = []
    support = []
    step = 0.5
    offsets = np.arange(-reach, reach + step, step, dtype=np.float32)
    t = np.linspace(0.06, 0.94, samples, dtype=np.float32)
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        direction = (b - a) / (np.linalg.norm(b - a) + 1e-9)
        normal = np.array([direction[1], -direction[0]], np.float32)
        if np.dot((a + b) / 2 - centre, normal) < 0:
            normal = -normal
        base = a[None, :] + t[:, None] * (b - a)[None, :]
        pts = base[:, None, :] + offsets[None, :, None] * normal[None, None, :]
        profile = _sample(gray, pts[..., 0], pts[..., 1])
        deriv = profile[:, 2:] - profile[:, :-2]  # outward: paper (bright) to desk (dark) is negative
        idx = np.argmin(deriv, axis=1)
        strength = -deriv[np.arange(samples), idx]
        # Sub-sample peak by a parabola through the three derivative values around the minimum.
        inner = (idx > 0) & (idx < deriv.shape[1] - 1)
        frac = np.zeros(samples, np.float32)
        j = idx[inner]
        rows = np.nonzero(inner)[0]
        y0, y1, y2 = deriv[rows, j - 1], deriv[rows, j], deriv[rows, j + 1]
        denom = y0 - 2 * y1 + y2
        frac[rows] = np.where(np.abs(denom) > 1e-6, 0.5 * (y0 - y2) / np.where(denom == 0, 1, denom), 0)
        pos = offsets[0] + (idx + 1 + np.clip(frac, -1, 1)) * step
        # Relative to this side's own edge strength: white paper on a light desk is a step of ~15 levels.
        good = inner & (strength > max(_MIN_STEP, 0.35 * float(np.median(strength))))
        edge_pts = base + pos[:, None] * normal[None, :]
        fit = _fit_line(edge_pts[good], strength[good]) if good.sum() >= 6 else None
        if fit is None:
            lines.append((a, direction))
            support.append(0.0)
            continue
        lines.append((fit[0], fit[1]))
        support.append(float(good.mean()) * (1.0 if fit[2] < 1.5 else 1.5 / fit[2]))
    corners = []
    for i in range(4):
        p1, d1 = lines[(i - 1) % 4]
        p2, d2 = lines[i]
        corner = _intersect(p1, d1, p2, d2)
        if corner is None:
            return quad, 0.0
        corners.append(corner)
    return np.array(corners, np.float32), float(np.mean(support))


def _intersect(p1: np.ndarray, d1: np.ndarray, p2: np.ndarray, d2: np.ndarray) -> np.ndarray | None:
    mat = np.array([[d1[0], -d2[0]], [d1[1], -d2[1]]], np.float64)
    if abs(np.linalg.det(mat)) < 1e-6:
        return None
    s, _ = np.linalg.solve(mat, (p2 - p1).astype(np.float64))
    return (p1 + s * d1).astype(np.float32)


def _plausible(quad: np.ndarray, shape: tuple[int, ...]) -> float:
    """1 for a convex page-like quadrilateral inside the frame, lower for odd shapes, 0 for nonsense."""
    h, w = shape[:2]
    if not cv2.isContourConvex(quad.reshape(-1, 1, 2).astype(np.float32)):
        return 0.0
    area = cv2.contourArea(quad)
    if area < _MIN_AREA * w * h:
        return 0.0
    slack = 0.02 * max(w, h)
    inside = np.all((quad >= -slack) & (quad <= [w - 1 + slack, h - 1 + slack]))
    score = 1.0 if inside else 0.5
    for i in range(4):
        v1 = quad[i - 1] - quad[i]
        v2 = quad[(i + 1) % 4] - quad[i]
        cos = float(np.dot(v1, v2) / (np.linalg.norm(v1) * np.linalg.norm(v2) + 1e-9))
        angle = math.degrees(math.acos(max(-1.0, min(1.0, cos))))
        if not 45 <= angle <= 135:
            score *= 0.5
    return score


def detect_page(image: np.ndarray) -> PageOutline | None:
    """The page quadrilateral in a camera frame (BGR or grey), or None when no page is visible."""
    h, w = image.shape[:2]
    # An integer reduction factor keeps INTER_AREA on its fast path.
    factor = max(1, round(max(h, w) / _COARSE_SIDE))
    scale = 1.0 / factor
    small = (
        cv2.resize(image, (w // factor, h // factor), interpolation=cv2.INTER_AREA) if factor > 1 else image
    )
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    # Light smoothing lets a faint step stand out of sensor noise without moving it.
    gray = cv2.GaussianBlur(gray, (5, 5), 1.0)
    best: PageOutline | None = None
    for coarse in _coarse_quads(small):
        quad = order_corners((coarse + 0.5) / scale - 0.5)
        quad, support = _refine(gray, quad, reach=max(6.0, 3.0 / scale))
        quad, support = _refine(gray, order_corners(quad), reach=3.0)
        quad = order_corners(quad)
        confidence = support * _plausible(quad, image.shape)
        if confidence > 0 and (best is None or confidence > best.confidence):
            best = PageOutline(quad, round(confidence, 3))
        if confidence >= _SURE:
            break  # every side is a straight, strong edge: later candidates cannot do better
    return best
