"""Live camera: follow the page outline and say when to take the still (the page has been still ~1 s).

Pure logic over frames and their timestamps, so it runs the same on a live camera, a video file or a
test sequence; the UI feeds it preview frames and draws `state.outline`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from scanner.cleanup.outline import PageOutline, detect_page


@dataclass(frozen=True)
class TrackerState:
    """What to show for one frame: the outline (or None), how long it has been still, and whether to
    capture now (True on exactly one frame per resting period)."""

    outline: PageOutline | None
    steady_s: float
    capture: bool


class OutlineTracker:
    """Fires `capture` once the page outline has stayed within `tolerance` for `steady_s` seconds.

    `tolerance` is the largest corner movement allowed, as a fraction of the page diagonal. A detection
    missing for less than `grace_s` (one blurred frame) does not restart the count. After firing, the
    tracker waits for the page to move or leave before it can fire again.
    """

    def __init__(
        self,
        steady_s: float = 1.0,
        *,
        tolerance: float = 0.015,
        min_confidence: float = 0.6,
        grace_s: float = 0.25,
        detect: Callable[[np.ndarray], PageOutline | None] = detect_page,
    ) -> None:
        self.steady_s = steady_s
        self.tolerance = tolerance
        self.min_confidence = min_confidence
        self.grace_s = grace_s
        self._detect = detect
        self._anchor: PageOutline | None = None
        self._since = 0.0
        self._last_seen = 0.0
        self._armed = True

    def reset(self) -> None:
        self._anchor = None
        self._armed = True

    def update(self, frame: np.ndarray, timestamp: float) -> TrackerState:
        """Detect the page in `frame` (taken at `timestamp` seconds) and advance the tracker."""
        return self.update_outline(self._detect(frame), timestamp)

    def update_outline(self, outline: PageOutline | None, timestamp: float) -> TrackerState:
        """Advance with an outline found elsewhere (None when no page was seen)."""
        if outline is None or outline.confidence < self.min_confidence:
            if self._anchor is not None and timestamp - self._last_seen < self.grace_s:
                return TrackerState(self._anchor, timestamp - self._since, False)
            self.reset()
            return TrackerState(None, 0.0, False)
        self._last_seen = timestamp
        if self._anchor is None or self._moved(outline):
            self._anchor, self._since, self._armed = outline, timestamp, True
        steady = timestamp - self._since
        fire = self._armed and steady >= self.steady_s
        if fire:
            self._armed = False
        return TrackerState(outline, steady, fire)

    def _moved(self, outline: PageOutline) -> bool:
        assert self._anchor is not None
        ref = self._anchor.corners
        diagonal = float(np.linalg.norm(ref[2] - ref[0]))
        shift = float(np.linalg.norm(outline.corners - ref, axis=1).max())
        return shift > self.tolerance * diagonal
