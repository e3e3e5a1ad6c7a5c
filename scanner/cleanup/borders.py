"""Cropping the scanner bed that surrounds a page on flatbed and feeder scans."""

from __future__ import annotations

import cv2
import numpy as np

_DARK_BED = 170  # a bed darker than this (feeder backgrounds, open lids) can be told from paper


def page_box(gray: np.ndarray) -> tuple[int, int, int, int] | None:
    """(x, y, w, h) of the page in a deskewed scan; None when the bed cannot be told from paper."""
    h, w = gray.shape[:2]
    ring = np.concatenate([gray[:3].ravel(), gray[-3:].ravel(), gray[:, :3].ravel(), gray[:, -3:].ravel()])
    bed = float(np.median(ring))
    paper = float(np.percentile(gray[::4, ::4], 90))
    if bed > _DARK_BED or paper - bed < 60:
        return None
    # The deskewed page is an upright rectangle: its rows and columns are mostly paper, the bed's are not.
    _, mask = cv2.threshold(gray, (bed + paper) / 2, 1, cv2.THRESH_BINARY)
    row_share = cv2.reduce(mask, 1, cv2.REDUCE_AVG, dtype=cv2.CV_32F).ravel()
    col_share = cv2.reduce(mask, 0, cv2.REDUCE_AVG, dtype=cv2.CV_32F).ravel()
    rows = np.nonzero(row_share > 0.5 * row_share.max())[0]
    cols = np.nonzero(col_share > 0.5 * col_share.max())[0]
    x, y = int(cols[0]), int(rows[0])
    bw, bh = int(cols[-1]) - x + 1, int(rows[-1]) - y + 1
    if bw * bh < 0.3 * w * h:
        return None
    # One pixel in from each side: the rotated page edge is blended with the bed there.
    return x + 1, y + 1, max(1, bw - 2), max(1, bh - 2)
