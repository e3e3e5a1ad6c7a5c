"""Where the citizen-facing guidance window goes, as a function of the screens' geometries (Qt-free).

A counter PC with a second monitor turned towards the citizen gets the guidance full-screen there.
With one screen it must not cover the officer's window: beside it when the screen has room, else
behind it, to be brought forward (Ctrl+G) while the officer turns the screen to the citizen.
A screen that overlaps the officer's (a mirrored display reported twice) is not a second screen:
going full-screen there would cover the officer's own window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Rect = tuple[int, int, int, int]  # x, y, width, height

# The single-screen window: big enough for large type, never larger than most of the screen.
SINGLE_SCREEN_SIZE = (1024, 700)
SINGLE_SCREEN_MAX_SHARE = 0.8


@dataclass(frozen=True)
class Placement:
    screen: int  # index into the list of screens
    rect: Rect
    full_screen: bool
    behind: bool = False  # one screen, no room beside the officer's window: kept behind it


def _overlaps(a: Rect, b: Rect) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


def citizen_screen(screens: Sequence[Rect], officer_screen: int) -> int | None:
    """The index of the screen for the citizen: the largest one not overlapping the officer's; None if none."""
    officer = screens[officer_screen]
    others = [i for i, rect in enumerate(screens) if i != officer_screen and not _overlaps(rect, officer)]
    if not others:
        return None
    # max() keeps the first of equal areas, so the order the system lists screens breaks ties.
    return max(others, key=lambda i: screens[i][2] * screens[i][3])


def beside(screen: Rect, window: Rect, min_width: int) -> Rect | None:
    """The widest strip of `screen` left or right of `window`, if it is at least `min_width` wide."""
    sx, sy, sw, sh = screen
    wx, _wy, ww, _wh = window
    right = (wx + ww, sy, sx + sw - (wx + ww), sh)
    left = (sx, sy, wx - sx, sh)
    best = max(right, left, key=lambda r: r[2])
    return best if best[2] >= min_width else None


def place_guidance(
    screens: Sequence[Rect], officer_screen: int, officer_window: Rect | None = None, min_width: int = 0
) -> Placement:
    """Full-screen on the citizen's screen if there is one. Else, on the officer's screen, beside the
    officer's window (`officer_window`, its frame) when a strip at least `min_width` wide is free,
    else behind it; a centred window when the officer's window is not known."""
    target = citizen_screen(screens, officer_screen)
    if target is not None:
        return Placement(target, screens[target], True)
    screen = screens[officer_screen]
    if officer_window is not None:
        strip = beside(screen, officer_window, min_width)
        if strip is not None:
            return Placement(officer_screen, strip, False)
    x, y, width, height = screen
    w = min(SINGLE_SCREEN_SIZE[0], int(width * SINGLE_SCREEN_MAX_SHARE))
    h = min(SINGLE_SCREEN_SIZE[1], int(height * SINGLE_SCREEN_MAX_SHARE))
    centred = (x + (width - w) // 2, y + (height - h) // 2, w, h)
    return Placement(officer_screen, centred, False, behind=officer_window is not None)
