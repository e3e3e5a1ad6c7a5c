"""Auto-capture on the live camera: OpenCV reads a generated video of a page sliding onto a desk."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from scanner.cleanup import OutlineTracker, PageOutline
from tests.synthetic_capture import write_page_video


@pytest.mark.slow
def test_video_auto_capture_fires_once_after_page_rests_for_a_second(tmp_path: Path) -> None:
    video = tmp_path / "desk.avi"
    fps = 15.0
    rest_at = write_page_video(video, seed=3, fps=fps, rest_s=2.2)
    capture = cv2.VideoCapture(str(video))
    assert capture.isOpened(), "OpenCV could not open the generated video"
    tracker = OutlineTracker(steady_s=1.0)
    fired_at: list[float] = []
    outlines_seen = 0
    index = 0
    while True:
        ok, frame = capture.read()
        if not ok:
            break
        state = tracker.update(frame, index / fps)
        outlines_seen += state.outline is not None
        if state.capture:
            fired_at.append(index / fps)
        index += 1
    capture.release()
    assert index >= 60, "the video should hold about four seconds of frames"
    assert outlines_seen > 0
    assert len(fired_at) == 1, f"auto-capture should fire exactly once, fired at {fired_at}"
    # Not before the page has rested a full second, and promptly after.
    assert rest_at + 1.0 - 1e-6 <= fired_at[0] <= rest_at + 1.0 + 2 / fps


def _outline(shift: float) -> PageOutline:
    corners = np.array([[100, 50], [400, 60], [390, 470], [95, 460]], np.float32) + shift
    return PageOutline(corners, 1.0)


def test_tracker_restarts_the_count_when_the_page_moves_and_fires_again_after_rest() -> None:
    tracker = OutlineTracker(steady_s=1.0)
    times = np.arange(0, 3.01, 0.1)
    fired = [t for t in times if tracker.update_outline(_outline(0 if t < 1.5 else 40), float(t)).capture]
    assert fired == pytest.approx([1.0, 2.5])


def test_tracker_tolerates_one_missed_detection_but_not_a_page_removed() -> None:
    tracker = OutlineTracker(steady_s=1.0)
    frames = [_outline(0)] * 5 + [None] + [_outline(0.5)] * 5  # 0.1 s apart, one blurred frame
    fired = [i / 10 for i, o in enumerate(frames) if tracker.update_outline(o, i / 10).capture]
    assert fired == pytest.approx([1.0])
    gone = [tracker.update_outline(None, i / 10).outline for i in range(11, 16)]  # page taken away
    assert gone[-1] is None
    fired = [t / 10 for t in range(16, 30) if tracker.update_outline(_outline(0), t / 10).capture]
    assert fired == pytest.approx([2.6])


def test_low_confidence_outline_never_triggers_capture() -> None:
    tracker = OutlineTracker(steady_s=1.0)
    weak = PageOutline(_outline(0).corners, 0.3)
    assert not any(tracker.update_outline(weak, t / 10).capture for t in range(40))
