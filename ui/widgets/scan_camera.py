"""Live camera preview for the scan panel: frames with the detected page outline drawn on them,
corners the officer can drag, auto-capture once the page has rested ~1 s, manual capture (Space).

`run_preview` is the worker: it reads the camera's newest frame (`CameraPreview` drops the ones
there was no time for), follows the outline with the clean-up library's `OutlineTracker`, turns the
frame into a QImage (allowed off the UI thread, unlike QPixmap) and hands it over through the
TaskRunner's progress signal. `CameraView` only paints what it is given.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from scanner.devices import BackendRegistry

GRAB_RADIUS = 14  # pixels on screen within which a press picks up a corner


class CameraControl:
    """What the UI thread and the preview worker tell each other between frames."""

    def __init__(self) -> None:
        self.auto_capture = True
        self._still = threading.Event()
        self._painted = threading.Event()  # the UI has handled the last frame: send the next one
        self._painted.set()

    def request_still(self) -> None:
        self._still.set()

    def take_request(self) -> bool:
        if self._still.is_set():
            self._still.clear()
            return True
        return False

    def frame_handled(self) -> None:
        self._painted.set()

    def ready_for_frame(self) -> bool:
        """True once per handled frame: a busy UI thread gets the newest frame, never a backlog."""
        if self._painted.is_set():
            self._painted.clear()
            return True
        return False


@dataclass(frozen=True)
class CameraFrame:
    image: QImage
    corners: np.ndarray | None  # page outline in frame pixels (TL, TR, BR, BL)
    steady_s: float


@dataclass(frozen=True)
class CameraStill:
    image: np.ndarray  # BGR at the camera's full resolution
    corners: np.ndarray | None  # outline scaled to the still
    frame_size: tuple[int, int]  # (width, height) of the preview frames the outline was seen on
    auto: bool


def to_qimage(bgr: np.ndarray) -> QImage:
    h, w = bgr.shape[:2]
    data = np.ascontiguousarray(bgr)
    return QImage(data, w, h, data.strides[0], QImage.Format.Format_BGR888).copy()


def scale_corners(
    corners: np.ndarray | None, src: tuple[int, int], dst: tuple[int, int]
) -> np.ndarray | None:
    if corners is None:
        return None
    factor = np.array([dst[0] / src[0], dst[1] / src[1]], np.float32)
    return (np.asarray(corners, np.float32) * factor).astype(np.float32)


class _OutlineFollower:
    """Runs the outline tracker on its own thread over the newest frame, so detection time (tens of ms
    on a busy counter PC) slows the outline, never the picture."""

    def __init__(self) -> None:
        from scanner.cleanup import OutlineTracker, TrackerState

        self._tracker = OutlineTracker(steady_s=1.0)
        self._cond = threading.Condition()
        self._frame: Any = None
        self._stop = False
        self.state = TrackerState(None, 0.0, False)
        self.fire = threading.Event()  # the page has rested: take the still
        self._thread = threading.Thread(target=self._run, name="outline-tracker", daemon=True)
        self._thread.start()

    def offer(self, frame: Any) -> None:
        with self._cond:
            self._frame = frame
            self._cond.notify()

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._frame is None and not self._stop:
                    self._cond.wait()
                if self._stop:
                    return
                frame, self._frame = self._frame, None
            state = self._tracker.update(frame.image, frame.timestamp)
            self.state = state
            if state.capture:
                self.fire.set()

    def close(self) -> None:
        with self._cond:
            self._stop = True
            self._cond.notify()
        self._thread.join(timeout=5)


def run_preview(
    registry: BackendRegistry,
    device_id: str,
    control: CameraControl,
    *,
    progress: Any,
    cancel: Any,
) -> int:
    """Stream frames until cancelled or the stream ends; returns how many frames were handed over."""
    from scanner.devices.webcam import is_file_source

    backend, device = registry.resolve(device_id)
    preview = backend.preview(device)  # type: ignore[attr-defined]
    follower = _OutlineFollower()
    shown = 0
    try:
        while not cancel.cancelled:
            frame = preview.latest(timeout=1.0)
            if frame is None:
                if preview.error is not None and not is_file_source(device.native_id):
                    raise preview.error
                break  # a video file standing in for a camera has ended
            follower.offer(frame)
            state = follower.state
            corners = None if state.outline is None else state.outline.corners
            if control.ready_for_frame():
                progress(CameraFrame(to_qimage(frame.image), corners, state.steady_s))
                shown += 1
            auto = follower.fire.is_set() and control.auto_capture
            follower.fire.clear()
            if auto or control.take_request():
                still = preview.capture_still()
                if still is not None:
                    size = (frame.image.shape[1], frame.image.shape[0])
                    scaled = scale_corners(corners, size, (still.shape[1], still.shape[0]))
                    progress(CameraStill(still, scaled, size, auto))
    finally:
        follower.close()
        preview.close()
    return shown


class CameraView(QWidget):
    """Paints the newest frame and the page outline; the officer drags corners to correct it."""

    corners_edited = Signal()
    capture_requested = Signal()  # Space
    frame_shown = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.image = QImage()
        self.corners: np.ndarray | None = None
        self.manual = False  # the officer moved a corner: the live outline no longer overrides it
        self.steady_s = 0.0
        self.frames_shown = 0
        self._first_frame_at = 0.0
        self._drag: int | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 200)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Xem trước camera"))
        self.setToolTip(
            self.tr(
                "Kéo các góc xanh để chỉnh khung trang. Space: chụp ngay. Tự chụp khi trang đứng yên ~1 giây."
            )
        )

    def show_frame(self, frame: CameraFrame) -> None:
        """Called on the UI thread for each frame the worker sends."""
        if self.frames_shown == 0:
            self._first_frame_at = time.monotonic()
        self.frames_shown += 1
        self.image = frame.image
        self.steady_s = frame.steady_s
        if not self.manual:
            self.corners = None if frame.corners is None else np.array(frame.corners, np.float32)
        self.update()
        self.frame_shown.emit()

    def fps(self) -> float:
        elapsed = time.monotonic() - self._first_frame_at
        return (self.frames_shown - 1) / elapsed if self.frames_shown > 1 and elapsed > 0 else 0.0

    def reset(self) -> None:
        self.manual = False
        self.frames_shown = 0
        self.corners = None
        self.image = QImage()
        self.update()

    # -- geometry ------------------------------------------------------------------------------------

    def _target(self) -> QRectF:
        if self.image.isNull():
            return QRectF(self.rect())
        scale = min(self.width() / self.image.width(), self.height() / self.image.height())
        w, h = self.image.width() * scale, self.image.height() * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def _to_screen(self, point: np.ndarray) -> QPointF:
        target = self._target()
        scale = target.width() / max(1, self.image.width())
        return QPointF(target.x() + float(point[0]) * scale, target.y() + float(point[1]) * scale)

    def _to_image(self, pos: QPointF) -> np.ndarray:
        target = self._target()
        scale = target.width() / max(1, self.image.width())
        x = min(max((pos.x() - target.x()) / scale, 0.0), self.image.width() - 1.0)
        y = min(max((pos.y() - target.y()) / scale, 0.0), self.image.height() - 1.0)
        return np.array([x, y], np.float32)

    # -- painting and dragging -----------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(40, 40, 40))
        if self.image.isNull():
            painter.setPen(QColor("white"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Đang mở camera…"))
            return
        painter.drawImage(self._target(), self.image)
        if self.corners is not None:
            colour = QColor(0, 200, 80) if self.manual or self.steady_s >= 0.5 else QColor(255, 200, 0)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(colour, 3))
            points = [self._to_screen(c) for c in self.corners]
            painter.drawPolygon(QPolygonF(points))
            painter.setBrush(colour)
            for point in points:
                painter.drawEllipse(point, 7, 7)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.corners is None:
            return
        pos = event.position()
        distances = [(pos - self._to_screen(c)).manhattanLength() for c in self.corners]
        nearest = int(np.argmin(distances))
        if distances[nearest] <= GRAB_RADIUS * 2:
            self._drag = nearest

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is None or self.corners is None:
            return
        self.corners[self._drag] = self._to_image(event.position())
        self.manual = True
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None:
            self._drag = None
            self.corners_edited.emit()

    def event(self, event: QEvent) -> bool:
        is_key = event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
        if is_key and event.key() == Qt.Key.Key_Space:  # type: ignore[attr-defined]
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space:
            self.capture_requested.emit()
        else:
            super().keyPressEvent(event)
