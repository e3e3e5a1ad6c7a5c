"""Where the citizen-facing guidance window goes, as a function of the screens' geometries (Qt-free).

A counter PC with a second monitor turned towards the citizen gets the guidance full-screen there;
with one screen it is an ordinary resizable window the officer can drag or turn full-screen (F11).
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


def place_guidance(screens: Sequence[Rect], officer_screen: int) -> Placement:
    """Full-screen on the citizen's screen if there is one, else a centred window on the officer's screen."""
    target = citizen_screen(screens, officer_screen)
    if target is not None:
        return Placement(target, screens[target], True)
    x, y, width, height = screens[officer_screen]
    w = min(SINGLE_SCREEN_SIZE[0], int(width * SINGLE_SCREEN_MAX_SHARE))
    h = min(SINGLE_SCREEN_SIZE[1], int(height * SINGLE_SCREEN_MAX_SHARE))
    return Placement(officer_screen, (x + (width - w) // 2, y + (height - h) // 2, w, h), False)
