"""The live camera of the ID capture: the picture on screen, and the QR decoding behind it.

`LiveIdCamera` opens the camera off the UI thread (`scanner.devices.webcam.CameraPreview`, whose
reader thread keeps only the newest frame), then a UI timer takes the newest frame ~25 times a
second, shows it and offers it to `scanner.barcodes.LiveQrReader`, which decodes on its own
thread within the per-frame budget and drops frames rather than queueing them. A read that parses
as a citizen ID comes back on the UI thread as a `CameraRead(read, frame, quad)`: `quad` (4 points
in frame pixels, or None) is where the code was found, for the overlay. Closing waits for threads, so it also runs
off the UI thread.

`CameraView` paints a frame scaled to fit, with the code's outline over it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from counter_app.intake.card_image import is_citizen_payload, locate_code
from ui.tasks import TaskRunner

_log = logging.getLogger(__name__)
_TICK_MS = 40  # ~25 pictures a second: smooth enough, and leaves the cores to the decoder


def _open_camera(source: str) -> Any:
    from scanner.devices.webcam import CameraPreview

    return CameraPreview(source)


def _close_camera(preview: Any, reader: Any) -> None:
    if reader is not None:
        reader.close()
    if preview is not None:
        preview.close()


@dataclass(frozen=True)
class CameraRead:
    read: Any  # scanner.barcodes.QrRead, accepted (parses as a citizen ID)
    frame: np.ndarray | None  # the frame it was found in
    quad: np.ndarray | None  # where the code is in `frame`


@dataclass
class CameraHooks:
    """What the camera tells its owner, always on the UI thread.

    Plain callables rather than Qt signals: a Python-side `Signal.emit` in PySide6 6.12.0 drops
    a reference to `True` each time, which at 25 frames a second exhausts it within a minute.
    """

    frame: Callable[[np.ndarray], None]
    read: Callable[[CameraRead], None]
    failed: Callable[[BaseException], None]
    running: Callable[[bool], None]


class LiveIdCamera(QObject):
    """One camera session at a time: `start(source)`, `stop()`, `resume()` after a read."""

    def __init__(self, tasks: TaskRunner, hooks: CameraHooks, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.hooks = hooks
        self.preview: Any = None
        self.reader: Any = None
        self._opening = False
        self._session = 0  # a stop() while the camera opens cancels that opening
        self._submitted: np.ndarray | None = None
        # Handed over by the decoder thread, collected by the UI timer (no cross-thread signal).
        self._found: CameraRead | None = None
        self._found_lock = threading.Lock()
        self._timer = QTimer(self)
        self._timer.setInterval(_TICK_MS)
        self._timer.timeout.connect(self._tick)

    @property
    def running(self) -> bool:
        return self.preview is not None or self._opening

    def start(self, source: str) -> None:
        if self.running:
            return
        self._session += 1
        session = self._session
        self._opening = True
        self.hooks.running(True)
        self.tasks.run(
            _open_camera,
            on_result=lambda preview: self._opened(session, preview),
            on_error=lambda exc: self._open_failed(session, exc),
            source=source,
        )

    def _opened(self, session: int, preview: Any) -> None:
        self._opening = False
        if session != self._session:  # stopped while opening
            self.tasks.run(_close_camera, preview=preview, reader=None)
            return
        from scanner.barcodes import LiveQrReader

        self.preview = preview
        self.reader = LiveQrReader(self._read_on_worker, accept=is_citizen_payload)
        self._timer.start()

    def _open_failed(self, session: int, exc: BaseException) -> None:
        self._opening = False
        if session == self._session:
            self.hooks.running(False)
            self.hooks.failed(exc)

    def stop(self) -> None:
        self._session += 1
        self._timer.stop()
        was_running = self.running
        preview, reader, self.preview, self.reader = self.preview, self.reader, None, None
        self._opening = False
        with self._found_lock:
            self._found = None
        if preview is not None or reader is not None:
            self.tasks.run(_close_camera, preview=preview, reader=reader)
        if was_running:
            self.hooks.running(False)

    def resume(self) -> None:
        """Look for a card again after a read (the reader pauses after each accepted read)."""
        if self.reader is not None:
            self.reader.resume()

    def _tick(self) -> None:
        preview = self.preview
        if preview is None:
            return
        frame = preview.latest(timeout=0)  # never waits: the newest frame or nothing new
        if frame is not None:
            self._submitted = frame.image
            self.reader.submit(frame.image)
            self.hooks.frame(frame.image)
        with self._found_lock:
            found, self._found = self._found, None
        if found is not None:
            self.hooks.read(found)
        if frame is None and preview.error is not None:
            error = preview.error
            self.stop()
            self.hooks.failed(error)

    def _read_on_worker(self, read: Any) -> None:
        # On the decoder's thread: find the code for the overlay here, not on the UI thread.
        frame = self._submitted
        quad = None
        if frame is not None:
            try:
                quad = locate_code(frame, read.text)
            except Exception:  # the overlay is a nicety: never lose the read because of it
                _log.exception("locating the QR code for the overlay failed")
        with self._found_lock:
            self._found = CameraRead(read, frame, quad)


class CameraView(QWidget):
    """A camera frame scaled to fit, the found code outlined, and a line of text when idle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(320, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._image: QImage | None = None
        self._frame_size = (1, 1)
        self._quad: np.ndarray | None = None
        self._quad_colour = QColor("#2e7d32")
        self._message = ""
        self._banner = ""
        self._banner_timer = QTimer(self)
        self._banner_timer.setSingleShot(True)
        self._banner_timer.timeout.connect(lambda: self.flash("", 0))

    def set_frame(self, frame: np.ndarray | None, quad: np.ndarray | None = None) -> None:
        import cv2

        if frame is None:
            self._image = None
        else:
            height, width = frame.shape[:2]
            self._frame_size = (width, height)
            # Scale with OpenCV first: cheaper than a full-size QImage scaled at paint time.
            scale = min(self.width() / width, self.height() / height, 1.0)
            if scale < 1.0:
                frame = cv2.resize(frame, (max(1, int(width * scale)), max(1, int(height * scale))))
            if frame.ndim == 2:
                frame = cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)
            frame = np.ascontiguousarray(frame)
            h, w = frame.shape[:2]
            self._image = QImage(frame.data, w, h, frame.strides[0], QImage.Format.Format_BGR888).copy()
        self._quad = quad
        self.update()

    def set_quad(self, quad: np.ndarray | None) -> None:
        self._quad = quad
        self.update()

    def flash(self, text: str, msecs: int) -> None:
        """A banner over the picture for `msecs` (the success cue where the officer is looking)."""
        self._banner = text
        if text:
            self._banner_timer.start(msecs)
        self.update()

    @property
    def message(self) -> str:
        return self._message

    def set_message(self, text: str) -> None:
        self._message = text
        self.update()

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#202124"))
        if self._image is None:
            painter.setPen(QColor("#e8eaed"))
            painter.drawText(
                self.rect().adjusted(12, 12, -12, -12),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self._message,
            )
            return
        frame_w, frame_h = self._frame_size
        scale = min(self.width() / frame_w, self.height() / frame_h)
        target = QRectF(
            (self.width() - frame_w * scale) / 2,
            (self.height() - frame_h * scale) / 2,
            frame_w * scale,
            frame_h * scale,
        )
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, self._image)
        if self._quad is not None:
            polygon = QPolygonF(
                [QPointF(target.x() + x * scale, target.y() + y * scale) for x, y in self._quad]
            )
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(self._quad_colour, 4))
            painter.drawPolygon(polygon)
        if self._banner:
            font = painter.font()
            font.setPointSizeF(font.pointSizeF() * 1.6)
            font.setBold(True)
            painter.setFont(font)
            band = QRectF(target.x(), target.y(), target.width(), painter.fontMetrics().height() * 1.8)
            painter.fillRect(band, self._quad_colour)
            painter.setPen(QColor("white"))
            painter.drawText(band, Qt.AlignmentFlag.AlignCenter, self._banner)
