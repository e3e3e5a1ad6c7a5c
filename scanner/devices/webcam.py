"""Webcams and document cameras through OpenCV.

Two ways to use a camera:
- `CameraPreview`: a reader thread keeps only the newest frame, so a slow consumer (the UI
  drawing the page outline) always gets the current picture and never a growing backlog; frames
  it had no time for are dropped and counted.
- `WebcamBackend.scan()`: a still at the camera's full resolution, through the same interface as
  a scanner. A camera has no true resolution: the page records the asked dpi as the size the
  clean-up stage will straighten it to.
A video file or stream URL can stand in for a camera (tests, training); it is played in real time.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scanner.devices.base import (
    CancelToken,
    ProgressCallback,
    ScannerBackend,
    check_cancel,
    page_as_asked,
    report,
)
from scanner.devices.types import COMMON_DPI, Capabilities, DeviceInfo, ScannedPage, ScanSettings
from scanner.errors import DeviceDisconnectedError, NoDeviceError

# Asked for at still capture; the driver answers with the largest size it really has.
FULL_RESOLUTION_REQUEST = (4096, 3072)
PREVIEW_SIZE = (1280, 720)
WARMUP_FRAMES = 5  # auto-exposure needs a few frames after opening


def _source_of(native_id: str) -> int | str:
    return int(native_id) if native_id.isdigit() else native_id


def open_capture(native_id: str) -> Any:
    import cv2

    source = _source_of(native_id)
    if isinstance(source, int) and sys.platform == "win32":
        capture = cv2.VideoCapture(source, cv2.CAP_DSHOW)  # MSMF opens slowly on many laptops
    else:
        capture = cv2.VideoCapture(source)
    if not capture.isOpened():
        capture.release()
        raise NoDeviceError(
            f"Không mở được camera «{native_id}».",
            "Kiểm tra camera đã cắm, và đóng các ứng dụng đang dùng camera (Zalo, Teams, Zoom…).",
        )
    return capture


def is_file_source(native_id: str) -> bool:
    return not native_id.isdigit() and "://" not in native_id


def _request_size(capture: Any, size: tuple[int, int]) -> tuple[int, int]:
    import cv2

    capture.set(cv2.CAP_PROP_FRAME_WIDTH, size[0])
    capture.set(cv2.CAP_PROP_FRAME_HEIGHT, size[1])
    return int(capture.get(cv2.CAP_PROP_FRAME_WIDTH)), int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT))


@dataclass(frozen=True)
class PreviewFrame:
    image: Any  # numpy BGR array, as OpenCV gives it
    number: int  # sequence number of the frame from the camera (gaps = dropped frames)
    timestamp: float


class CameraPreview:
    """Live frames from one camera; newest-only, so the consumer never falls behind."""

    def __init__(self, native_id: str, size: tuple[int, int] = PREVIEW_SIZE) -> None:
        self.native_id = native_id
        self._capture = open_capture(native_id)
        self._realtime_fps = 0.0
        if is_file_source(native_id):
            import cv2

            self._realtime_fps = float(self._capture.get(cv2.CAP_PROP_FPS) or 25.0)
        else:
            _request_size(self._capture, size)
        self._lock = threading.Condition()  # guards the newest frame
        self._capture_lock = threading.Lock()  # one reader of the device at a time
        self._latest: PreviewFrame | None = None
        self._delivered = 0
        self.frames_read = 0
        self.frames_dropped = 0
        self.error: Exception | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._read_loop, name="camera-preview", daemon=True)
        self._thread.start()

    def _read_loop(self) -> None:
        started = time.monotonic()
        while not self._stop.is_set():
            with self._capture_lock:
                ok, image = self._capture.read()
            if not ok:
                self.error = DeviceDisconnectedError(
                    "Mất tín hiệu từ camera.", "Kiểm tra cáp USB của camera rồi mở lại xem trước."
                )
                break
            self.frames_read += 1
            with self._lock:
                if self._latest is not None and self._latest.number > self._delivered:
                    self.frames_dropped += 1  # the consumer never saw the previous one
                self._latest = PreviewFrame(image, self.frames_read, time.monotonic())
                self._lock.notify_all()
            if self._realtime_fps:
                # A file plays at its own pace, like a live camera would.
                due = started + self.frames_read / self._realtime_fps
                self._stop.wait(max(0.0, due - time.monotonic()))
        with self._lock:
            self._lock.notify_all()

    def latest(self, timeout: float = 2.0) -> PreviewFrame | None:
        """The newest frame not yet delivered, waiting up to `timeout`; None when the stream ended."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._latest is None or self._latest.number <= self._delivered:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not self._thread.is_alive():
                    return None
                self._lock.wait(remaining)
            self._delivered = self._latest.number
            return self._latest

    def frames(self, timeout: float = 2.0) -> Iterator[PreviewFrame]:
        while not self._stop.is_set():
            frame = self.latest(timeout)
            if frame is None:
                return
            yield frame

    def capture_still(self) -> Any:
        """A frame at the camera's full resolution, then back to preview size."""
        if is_file_source(self.native_id):
            with self._lock:
                return self._latest.image.copy() if self._latest is not None else None
        with self._capture_lock:
            preview = _request_size(self._capture, FULL_RESOLUTION_REQUEST)
            try:
                for _ in range(2):  # the first frame after a size change is often the old size
                    ok, image = self._capture.read()
            finally:
                _request_size(self._capture, preview)
            return image if ok else None

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        with self._capture_lock:
            self._capture.release()

    def __enter__(self) -> CameraPreview:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _linux_cameras() -> list[tuple[str, str]]:
    """(index, name) of V4L2 capture nodes; index-0 nodes only, the others are metadata."""
    found = []
    for node in sorted(Path("/sys/class/video4linux").glob("video*")):
        index_file = node / "index"
        if index_file.exists() and index_file.read_text().strip() != "0":
            continue
        name_file = node / "name"
        name = name_file.read_text().strip() if name_file.exists() else node.name
        found.append((node.name.removeprefix("video"), name))
    return found


def _probe_cameras(max_index: int) -> list[tuple[str, str]]:
    import cv2

    found = []
    for index in range(max_index):
        capture = (
            cv2.VideoCapture(index, cv2.CAP_DSHOW) if sys.platform == "win32" else cv2.VideoCapture(index)
        )
        if capture.isOpened():
            found.append((str(index), f"Camera {index}"))
        capture.release()
    return found


class WebcamBackend(ScannerBackend):
    name = "webcam"

    def __init__(self, extra_sources: Sequence[str] = (), max_index: int = 4) -> None:
        self._extra = [str(s) for s in extra_sources]
        self._max_index = max_index

    @classmethod
    def unavailable_reason(cls) -> str | None:
        try:
            import cv2  # noqa: F401
        except ImportError as exc:
            return f"chưa cài OpenCV ({exc})"
        return None

    def list_devices(self) -> list[DeviceInfo]:
        cameras = _linux_cameras() if sys.platform.startswith("linux") else _probe_cameras(self._max_index)
        cameras += [(source, Path(source).name or source) for source in self._extra]
        return [
            DeviceInfo(id=f"webcam:{native}", backend="webcam", native_id=native, name=name, kind="camera")
            for native, name in cameras
        ]

    def device_from_id(self, native_id: str) -> DeviceInfo:
        return DeviceInfo(
            id=f"webcam:{native_id}", backend="webcam", native_id=native_id, name=native_id, kind="camera"
        )

    def capabilities(self, device: DeviceInfo) -> Capabilities:
        capture = open_capture(device.native_id)
        try:
            if is_file_source(device.native_id):
                import cv2

                width = int(capture.get(cv2.CAP_PROP_FRAME_WIDTH))
                height = int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT))
            else:
                width, height = _request_size(capture, FULL_RESOLUTION_REQUEST)
        finally:
            capture.release()
        return Capabilities(
            sources=("camera",),
            modes=("color", "gray", "bw"),
            resolutions=COMMON_DPI,
            resolution_range=(72, 600),
            extra_info={"max_frame": [width, height]},
        )

    def preview(self, device: DeviceInfo, size: tuple[int, int] = PREVIEW_SIZE) -> CameraPreview:
        return CameraPreview(device.native_id, size)

    def scan(
        self,
        device: DeviceInfo,
        settings: ScanSettings,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> Iterator[ScannedPage]:
        self.capabilities(device).validate(settings)
        capture = open_capture(device.native_id)
        if not is_file_source(device.native_id):
            _request_size(capture, FULL_RESOLUTION_REQUEST)
        return self._stills(capture, device, settings, progress, cancel)

    def _stills(
        self,
        capture: Any,
        device: DeviceInfo,
        settings: ScanSettings,
        progress: ProgressCallback | None,
        cancel: CancelToken | None,
    ) -> Iterator[ScannedPage]:
        from PIL import Image

        try:
            for _ in range(WARMUP_FRAMES):
                capture.grab()
            limit = settings.page_limit or 1
            for number in range(1, limit + 1):
                check_cancel(cancel)
                report(progress, number, 0.0)
                ok, bgr = capture.read()
                if not ok:
                    raise DeviceDisconnectedError(
                        "Mất tín hiệu từ camera.", device=device.id, pages_received=number - 1
                    )
                image = Image.fromarray(bgr[:, :, ::-1].copy())
                report(progress, number, 1.0)
                yield page_as_asked(image, settings, number, device, source="camera")
        finally:
            capture.release()
