"""The camera side of the scan panel: the live view, auto-capture switch and outline reset, and the
preview worker's lifetime (started when a camera is chosen and the panel shows, stopped otherwise)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from shiboken6 import isValid

from scanner.devices import BackendRegistry
from ui.tasks import Task, TaskRunner
from ui.widgets.scan_camera import (
    CameraControl,
    CameraFrame,
    CameraStill,
    CameraView,
    run_preview,
    scale_corners,
)


class CameraPane(QWidget):
    still_taken = Signal(object)  # CameraStill, with the corners the officer saw or dragged
    failed = Signal(object)  # the exception that stopped the preview
    message = Signal(str)

    def __init__(self, tasks: TaskRunner, registry: BackendRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.registry = registry
        self.task: Task | None = None
        self.control = CameraControl()
        self.view = CameraView()
        self.view.corners_edited.connect(self._corners_edited)
        self.auto_capture = QCheckBox(self.tr("Tự chụp khi trang đứng &yên"))
        self.auto_capture.setChecked(True)
        self.auto_capture.setToolTip(self.tr("Chụp một lần khi khung trang đứng yên khoảng 1 giây"))
        self.auto_capture.toggled.connect(self._auto_toggled)
        self.reset_outline = QPushButton(self.tr("&Nhận khung lại"))
        self.reset_outline.setToolTip(self.tr("Bỏ các góc đã kéo tay, để máy tự nhận khung trang"))
        self.reset_outline.clicked.connect(self._reset_outline)
        self.rate = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.auto_capture)
        row.addWidget(self.reset_outline)
        row.addStretch(1)
        row.addWidget(self.rate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)

    def running(self) -> bool:
        return self.task is not None

    def start(self, device_id: str) -> None:
        if self.task is not None:
            return
        self.view.reset()
        self.control = CameraControl()
        self.control.auto_capture = self.auto_capture.isChecked()
        control = self.control
        self.task = self.tasks.run(
            run_preview,
            on_result=lambda _shown: isValid(self) and self._ended(control),
            on_error=lambda exc: isValid(self) and self._failed(control, exc),
            on_progress=lambda event: isValid(self) and self._event(control, event),
            with_cancel=True,
            registry=self.registry,
            device_id=device_id,
            control=control,
        )

    def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.task = None

    def request_still(self) -> None:
        self.control.request_still()

    def _event(self, control: CameraControl, event: Any) -> None:
        if control is not self.control:
            return  # a preview stopped meanwhile still had a frame in flight
        if isinstance(event, CameraFrame):
            self.view.show_frame(event)
            control.frame_handled()
            if self.view.frames_shown % 15 == 0:
                self.rate.setText(self.tr("{fps:.0f} khung hình/giây").format(fps=self.view.fps()))
        elif isinstance(event, CameraStill):
            if self.view.manual and self.view.corners is not None:
                h, w = event.image.shape[:2]
                corners = scale_corners(self.view.corners, event.frame_size, (w, h))
                event = CameraStill(event.image, corners, event.frame_size, event.auto)
            self.still_taken.emit(event)

    def _ended(self, control: CameraControl) -> None:
        if control is self.control and self.task is not None:  # the stream ended without being stopped
            self.task = None
            self.rate.setText(self.tr("Camera đã ngừng gửi hình."))

    def _failed(self, control: CameraControl, exc: BaseException) -> None:
        if control is self.control:
            self.task = None
            self.failed.emit(exc)

    def _auto_toggled(self, on: bool) -> None:
        self.control.auto_capture = on and not self.view.manual

    def _corners_edited(self) -> None:
        self.control.auto_capture = False  # the officer is correcting: capture on Space only
        self.message.emit(self.tr("Đã chỉnh khung bằng tay: bấm Space để chụp."))

    def _reset_outline(self) -> None:
        self.view.manual = False
        self.control.auto_capture = self.auto_capture.isChecked()
