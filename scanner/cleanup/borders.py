"""Cropping the scanner bed that surrounds a page on flatbed and feeder scans."""

from __future__ import annotations

import numpy as np

_DARK_BED = 170  # a bed darker than this (feeder backgrounds, open lids) can be told from paper


def page_box(gray: np.ndarray) -> tuple[int, int, int, int] | None:
    """(x, y, w, h) of the page in a deskewed scan; None when the bed cannot be told from paper."""
    h, w = gray.shape[:2]
    ring = np.concatenate([gray[:3].ravel(), gray[-3:].ravel(), gray[:, :3].ravel(), gray[:, -3:].ravel()])
    bed = float(np.median(ring))
    paper = float(np.percentile(gray, 90))
    if bed > _DARK_BED or paper - bed < 60:
        return None
    # The deskewed page is an upright rectangle: its rows and columns are mostly paper, the bed's are not.
    mask = gray > (bed + paper) / 2
    rows = np.nonzero(mask.mean(axis=1) > 0.5 * mask.mean(axis=1).max())[0]
    cols = np.nonzero(mask.mean(axis=0) > 0.5 * mask.mean(axis=0).max())[0]
    x, y = int(cols[0]), int(rows[0])
    bw, bh = int(cols[-1]) - x + 1, int(rows[-1]) - y + 1
    if bw * bh < 0.3 * w * h:
        return None
    # One pixel in from each side: the rotated page edge is blended with the bed there.
    return x + 1, y + 1, max(1, bw - 2), max(1, bh - 2)
