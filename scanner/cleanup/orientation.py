"""Which way up a text page is: 0, 90, 180 or 270 degrees (clockwise turn that makes it upright).

Text lines run along the page, so ink projects far more sharply onto rows than onto columns when the
page is upright or upside down. Between those two, Vietnamese and Latin text carry more ink above the
x-height band (ascenders, capitals, most diacritics) than below it (descenders, the dot below).
Pages without enough text lines are left as they are: turning a page wrongly is worse than not turning it.
"""

from __future__ import annotations

import numpy as np

from scanner.cleanup.deskew import ink_mask

_LINES_NEEDED = 4
_AXIS_RATIO = 1.6  # row sharpness over column sharpness that shows which way the lines run
_UPRIGHT_RATIO = 1.25  # ink above / below the x-height band that shows which side is up


def _sharpness(profile: np.ndarray) -> float:
    mean = float(profile.mean())
    return float(profile.var()) / (mean * mean) if mean > 0 else 0.0


def _above_below(ink: np.ndarray) -> tuple[float, float, int]:
    """Ink above and below the x-height band of every text line, and the number of lines seen."""
    rows = ink.sum(axis=1).astype(np.float64)
    on = rows > 0.02 * max(rows.max(), 1)
    above = below = 0.0
    lines = 0
    start = None
    for i, flag in enumerate([*on.tolist(), False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            band = rows[start:i]
            if len(band) >= 4:
                core = np.nonzero(band >= 0.5 * band.max())[0]
                above += float(band[: core[0]].sum())
                below += float(band[core[-1] + 1 :].sum())
                lines += 1
            start = None
    return above, below, lines


def _up_or_down(ink: np.ndarray) -> int | None:
    above, below, lines = _above_below(ink)
    if lines < _LINES_NEEDED or above + below == 0:
        return None
    if above > _UPRIGHT_RATIO * below:
        return 0
    if below > _UPRIGHT_RATIO * above:
        return 180
    return None


def detect_orientation(gray: np.ndarray) -> int:
    """Clockwise rotation (0/90/180/270) that makes a deskewed page upright; 0 when the content is unclear."""
    ink = ink_mask(gray)
    if ink.sum() < 2000:
        return 0
    rows, cols = _sharpness(ink.sum(axis=1)), _sharpness(ink.sum(axis=0))
    if rows >= _AXIS_RATIO * cols:
        return _up_or_down(ink) or 0
    if cols >= _AXIS_RATIO * rows:
        turned = np.ascontiguousarray(np.rot90(ink, k=-1))  # 90° clockwise
        verdict = _up_or_down(turned)
        if verdict is None:
            return 0
        return 90 if verdict == 0 else 270
    return 0
