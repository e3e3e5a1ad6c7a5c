"""The camera path end to end: live preview → page outline tracker → still capture.

A generated desk video (a page slides into view, then rests) is played in real time by
`CameraPreview`, exactly as a camera would deliver it; the clean-up library's `OutlineTracker`
watches the frames the preview hands over (dropping those it has no time for) and asks for the
still once the page has rested ~1 s.
"""

from __future__ import annotations

from pathlib import Path

import pytest

tracker_module = pytest.importorskip("scanner.cleanup.tracker")
synthetic_capture = pytest.importorskip("tests.synthetic_capture")

from scanner.devices.webcam import CameraPreview  # noqa: E402


@pytest.mark.slow  # ~12 s: the clip is rendered, then played back in real time
def test_auto_capture_fires_once_after_the_page_rests(tmp_path: Path):
    video = tmp_path / "desk.avi"
    try:
        rest_at = synthetic_capture.write_page_video(video, seed=5, fps=15.0, rest_s=2.0)
    except RuntimeError as exc:
        pytest.skip(str(exc))
    tracker = tracker_module.OutlineTracker(steady_s=1.0)
    fired: list[float] = []
    still = None
    with CameraPreview(str(video)) as preview:
        for frame in preview.frames(timeout=1.0):
            video_time = (frame.number - 1) / 15.0
            state = tracker.update(frame.image, video_time)
            if state.capture:
                fired.append(video_time)
                still = preview.capture_still()
    assert len(fired) == 1, fired
    assert rest_at + 0.8 <= fired[0] <= rest_at + 1.8  # ~1 s of stillness, whatever frames were dropped
    assert still is not None and still.shape[:2] == (360, 640)
