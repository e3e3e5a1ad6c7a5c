"""Webcam backend with OpenCV reading a video file generated here (it stands in for the camera).

Each frame shows a white bar whose length encodes its frame number, so a test can tell which
frame it was given and whether it was the newest one.
"""

from __future__ import annotations

import time
from pathlib import Path

import cv2
import numpy as np
import pytest

from scanner.devices.types import ScanSettings
from scanner.devices.webcam import CameraPreview, WebcamBackend
from scanner.errors import DeviceDisconnectedError, NoDeviceError

FPS = 30
SIZE = (640, 480)


def frame_number(image: np.ndarray) -> int:
    row = image[20:40, :, :].mean(axis=(0, 2))
    return round(float((row > 128).sum()) / 5)


@pytest.fixture(scope="module")
def video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("camera") / "camera.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), FPS, SIZE)
    if not writer.isOpened():
        pytest.skip("OpenCV cannot write MJPG video here")
    for number in range(1, 61):  # two seconds
        frame = np.full((SIZE[1], SIZE[0], 3), 40, np.uint8)
        frame[20:40, : number * 5] = 255
        cv2.rectangle(frame, (150, 80), (490, 440), (235, 235, 230), -1)  # a page on a dark desk
        writer.write(frame)
    writer.release()
    return path


def test_video_source_is_listed_as_a_camera(video):
    backend = WebcamBackend(extra_sources=[str(video)])
    ids = [d.id for d in backend.list_devices()]
    assert f"webcam:{video}" in ids
    caps = backend.capabilities(backend.device_from_id(str(video)))
    assert caps.sources == ("camera",) and caps.as_dict()["max_frame"] == list(SIZE)


def test_still_capture_at_full_frame_size(video):
    backend = WebcamBackend()
    device = backend.device_from_id(str(video))
    pages = list(backend.scan(device, ScanSettings(source="camera", mode="color", dpi=200)))
    assert len(pages) == 1
    assert (pages[0].width, pages[0].height) == SIZE and pages[0].image.mode == "RGB"


def test_preview_drops_frames_for_a_slow_consumer_instead_of_queueing(video):
    with CameraPreview(str(video)) as preview:
        seen = []
        for frame in preview.frames(timeout=1.0):
            # The frame handed over is the newest the camera produced: no backlog.
            assert frame.number >= preview.frames_read - 1
            seen.append(frame_number(frame.image))
            time.sleep(0.2)  # a UI too busy to draw every frame
            if len(seen) == 5:
                break
        assert preview.frames_dropped > 0
        assert seen == sorted(seen) and len(set(seen)) == len(seen)
        assert seen[-1] - seen[0] >= 4 * 4  # ~6 camera frames pass during each 0.2 s nap


def test_preview_keeps_up_with_the_camera_rate_then_reports_the_stream_ending(video):
    with CameraPreview(str(video)) as preview:
        started = time.monotonic()
        delivered = sum(1 for _ in preview.frames(timeout=0.5))
        elapsed = time.monotonic() - started - 0.5  # minus the wait that noticed the end
        assert isinstance(preview.error, DeviceDisconnectedError)
    assert delivered / elapsed >= 15  # the issue asks for a live preview at >= 15 fps


def test_preview_still_is_the_full_frame(video):
    with CameraPreview(str(video)) as preview:
        assert preview.latest() is not None
        still = preview.capture_still()
    assert still.shape == (SIZE[1], SIZE[0], 3)


def test_missing_camera_is_no_device(tmp_path):
    backend = WebcamBackend()
    with pytest.raises(NoDeviceError) as caught:
        backend.capabilities(backend.device_from_id(str(tmp_path / "none.avi")))
    assert "Zalo" in caught.value.hint
