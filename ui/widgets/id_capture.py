"""Capturing the citizen's identity from the ID card: camera, handheld reader, image file, or by hand.

    capture = IdCaptureWidget(ctx, tasks)
    capture.citizen_read.connect(on_citizen)   # (CitizenId, method), method in IDENTIFY_METHODS

- Camera (F2 on/off): the camera of config `camera.index` (or `camera_source`, e.g. a video file),
  decoded off the UI thread on the newest frame only (`ui.widgets.id_camera`); the code is
  outlined on the picture and "Đọc thành công" shown in green with a beep. The same card held in
  view is not read twice; "Đọc lại" (or `reset()`) forgets it.
- Handheld reader (keyboard wedge): `WedgeFilter` on the QApplication while this widget is
  visible, anywhere in its window, even with a text field focused (which is put back as it was).
  A burst mangled by Unikey/EVKey shows the known error instead of a corrupted name.
- "Đọc chip" (F6): the card's chip on a PC/SC reader (`ui.widgets.id_chip`), opened with the
  number and birth date in the form and the card's expiry date; the issuer's signature checked.
- "Mở ảnh/bản quét…" (Ctrl+O): an image file, QR first then the MRZ of an old card, off the UI thread.
- The form shows what was read with the parser's warnings, and takes manual entry with the same
  checks; Enter confirms it (method "manual"). `show_form=False` hides it for a page that has
  its own citizen form (reads are still emitted).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.citizen import CitizenId
from counter_app.errors import error_dict, is_known_error
from counter_app.intake.card_image import ImageRead, read_card_image
from scanner.errors import NoDeviceError
from ui import shortcuts
from ui.tasks import Task, TaskRunner
from ui.widgets.id_camera import CameraHooks, CameraRead, CameraView, LiveIdCamera
from ui.widgets.id_camera_picker import CameraPicker
from ui.widgets.id_chip import ChipPanel
from ui.widgets.id_form import IdForm
from ui.widgets.id_wedge import WedgeFilter

_SUCCESS_STYLE = "background: #1b5e20; color: white; padding: 6px; font-weight: bold; border-radius: 4px;"
_ERROR_STYLE = "background: #b71c1c; color: white; padding: 6px; border-radius: 4px;"
_INFO_STYLE = "background: #eceff1; color: #263238; padding: 6px; border-radius: 4px;"
_SAME_CARD_RETRY_MS = 700  # the same card still in view: look again later, not every frame
_OVERLAY_HOLD_S = 1.5  # the found code stays outlined on the live picture this long


class IdCaptureWidget(QWidget):
    citizen_read = Signal(object, str)  # CitizenId, method (counter_app.workflow IDENTIFY_METHODS)

    def __init__(
        self,
        ctx: Any,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        camera_source: str | None = None,
        autostart_camera: bool = True,
        show_form: bool = True,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = tasks
        self.camera_source = (
            camera_source if camera_source is not None else str(ctx.config.get("camera.index"))
        )
        self.camera_wanted = autostart_camera  # the officer's F2 choice; the camera runs while visible
        self._last_camera_text: str | None = None
        self._image_task: Task | None = None
        self._overlay: tuple[Any, float] | None = None  # (quad, monotonic time it stops showing)
        self._camera_asked = False  # turned on by the officer (F2, picker), not on showing

        hooks = CameraHooks(self._show_frame, self._camera_read, self._camera_failed, self._camera_running)
        self.camera = LiveIdCamera(tasks, hooks, self)
        self.wedge = WedgeFilter(self, self)
        self.wedge.burst.connect(self._wedge_burst)

        self.view = CameraView()
        self.view.set_message(self.tr("Camera đang tắt. Nhấn F2 để bật."))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.camera_button = QPushButton(self.tr("Bật ca&mera"))
        self.camera_button.setToolTip(self.tr("Bật/tắt camera đọc mã QR trên thẻ (F2)"))
        self.camera_button.clicked.connect(self.toggle_camera)
        self.picker = CameraPicker(tasks)
        self.picker.chosen.connect(self.choose_camera)
        self.open_button = QPushButton(self.tr("Mở ảnh/&bản quét…"))
        self.open_button.setToolTip(self.tr("Đọc mã QR từ ảnh chụp hoặc bản quét thẻ căn cước (Ctrl+O)"))
        self.open_button.clicked.connect(self.choose_image)
        self.again_button = QPushButton(self.tr("Đọc &lại"))
        self.again_button.setToolTip(self.tr("Đọc lại thẻ đang đặt trước camera"))
        self.again_button.clicked.connect(self.read_again)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("Hủ&y"))
        self.cancel_button.setToolTip(self.tr("Thôi đọc ảnh (Esc)"))
        self.cancel_button.clicked.connect(self.cancel_image)
        self.form = IdForm()
        self.form.confirmed.connect(self._manual_confirmed)
        self.chip = ChipPanel(ctx, tasks, self.form.values)
        self.chip.citizen_read.connect(self._accept)
        self.chip.failed.connect(self._show_error)

        buttons = QHBoxLayout()
        buttons.addWidget(self.camera_button)
        buttons.addWidget(self.picker)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.again_button)
        buttons.addStretch(1)
        busy = QHBoxLayout()
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.cancel_button)
        self._busy = QWidget()
        self._busy.setLayout(busy)
        self._busy.hide()
        left = QVBoxLayout()
        left.addWidget(self.view, 1)
        left.addWidget(self.status)
        left.addWidget(self._busy)
        left.addLayout(buttons)
        left.addWidget(self.chip)
        self.fields = QGroupBox(self.tr("Thông tin trên thẻ căn cước"))
        QVBoxLayout(self.fields).addWidget(self.form)
        self.fields.setVisible(show_form)  # a page with its own citizen form may show only the capture
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(self.fields, 2)

        for keys, slot in (
            (shortcuts.CAMERA.keys, self.toggle_camera),
            (shortcuts.OPEN.keys, self.choose_image),
            (shortcuts.CHIP.keys, self.chip.start),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
        # Esc only while an image is being read: otherwise it belongs to the window.
        self._cancel_shortcut = QShortcut(QKeySequence("Esc"), self)
        self._cancel_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self._cancel_shortcut.activated.connect(self.cancel_image)
        self._cancel_shortcut.setEnabled(False)
        self.setTabOrder(self.camera_button, self.picker)
        self.setTabOrder(self.picker, self.open_button)
        self.setTabOrder(self.open_button, self.again_button)
        self.setTabOrder(self.again_button, self.form.id_number)
        self._idle_status()

    # -- visibility: the reader filter and the camera only while the officer sees this -------------

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.wedge.install()
        self.picker.refresh(self.camera_source)
        if self.camera_wanted:
            self._camera_asked = False
            self.camera.start(self.camera_source)

    def hideEvent(self, event: Any) -> None:
        self.wedge.remove()
        self.camera.stop()
        super().hideEvent(event)

    # -- actions -----------------------------------------------------------------------------------

    def toggle_camera(self) -> None:
        self.camera_wanted = not self.camera.running
        if self.camera_wanted:
            self._camera_asked = True
            self.camera.start(self.camera_source)
            self._idle_status()
        else:
            self.camera.stop()
            self.view.set_frame(None)
            self.view.set_message(self.tr("Camera đang tắt. Nhấn F2 để bật."))

    def choose_camera(self, native_id: str) -> None:
        """Switch to another camera (from the picker); a numbered one is remembered for next time."""
        if native_id == self.camera_source:
            return
        self.camera.stop()
        self.camera_source = native_id
        try:
            CameraPicker.remember(self.ctx, native_id)
        except Exception as exc:  # locked by IT: use it now anyway, say why it is not kept
            self._show_error(exc)
        if self.camera_wanted:
            self._camera_asked = True
            self.camera.start(native_id)

    def read_again(self) -> None:
        self._last_camera_text = None
        self.camera.resume()
        self._idle_status()

    def reset(self) -> None:
        """Ready for the next citizen: empty form, the card in view may be read again."""
        self.form.clear()
        self.chip.reset()
        self.read_again()

    def choose_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Chọn ảnh chụp hoặc bản quét thẻ căn cước"),
            "",
            self.tr("Ảnh (*.jpg *.jpeg *.png *.webp *.bmp *.tif *.tiff)"),
        )
        if path:
            self.open_image(Path(path))

    def open_image(self, path: Path) -> None:
        """Read the citizen from an image file, off the UI thread (progress and Hủy shown)."""
        self.cancel_image()
        self._set_status(self.tr("Đang đọc ảnh «{name}»…").format(name=path.name), _INFO_STYLE)
        self._busy.show()
        self._cancel_shortcut.setEnabled(True)
        self.open_button.setEnabled(False)
        task: Task | None = None

        def done(found: ImageRead | None) -> None:
            if task is not self._image_task:
                return  # cancelled: the officer moved on
            self._image_finished()
            if found is None:
                self._idle_status()
                return
            self.view.set_frame(found.frame, found.quad)
            self._accept(found.citizen, found.method)

        def failed(exc: BaseException) -> None:
            if task is not self._image_task:
                return
            self._image_finished()
            self._show_error(exc)

        task = self.tasks.run(read_card_image, on_result=done, on_error=failed, with_cancel=True, path=path)
        self._image_task = task

    def cancel_image(self) -> None:
        if self._image_task is None:
            return
        self._image_task.cancel()
        self._image_finished()
        self._idle_status()

    def _image_finished(self) -> None:
        self._image_task = None
        self._busy.hide()
        self._cancel_shortcut.setEnabled(False)
        self.open_button.setEnabled(True)

    # -- results -----------------------------------------------------------------------------------

    def _accept(self, citizen: CitizenId, method: str) -> None:
        self.form.fill(citizen)
        if not method.startswith("chip"):
            self.chip.prefill_expiry()
        text = self.tr("✓ Đọc thành công: {name} — {number}").format(
            name=citizen.full_name, number=citizen.id_number
        )
        if citizen.warnings:
            text += "\n" + self.tr("Cần xem lại: {warnings}").format(
                warnings="; ".join(w.message for w in citizen.warnings)
            )
        self._set_status(text, _SUCCESS_STYLE)
        self.view.flash(self.tr("✓ Đọc thành công"), int(_OVERLAY_HOLD_S * 1000))
        QApplication.beep()
        self.citizen_read.emit(citizen, method)

    def _camera_read(self, found: CameraRead) -> None:
        from counter_app.citizen import parse_citizen_payload

        text = found.read.text
        if text == self._last_camera_text:
            QTimer.singleShot(_SAME_CARD_RETRY_MS, self.camera.resume)
            return
        self._last_camera_text = text
        quad = found.quad
        self._overlay = (quad, time.monotonic() + _OVERLAY_HOLD_S) if quad is not None else None
        self.view.set_frame(found.frame, quad)
        self._accept(parse_citizen_payload(text), "qr_camera")
        QTimer.singleShot(_SAME_CARD_RETRY_MS, self.camera.resume)

    def _wedge_burst(self, result: Any) -> None:
        if result.kind == "citizen_id" and result.citizen is not None:
            self._accept(result.citizen, "qr_reader")
        elif result.error is not None:
            self._show_error(result.error)

    def _manual_confirmed(self, citizen: CitizenId) -> None:
        self._set_status(
            self.tr("✓ Đã nhận thông tin nhập tay: {name}").format(name=citizen.full_name), _SUCCESS_STYLE
        )
        self.citizen_read.emit(citizen, "manual")

    def _show_frame(self, frame: Any) -> None:
        quad = None
        if self._overlay is not None:
            quad, until = self._overlay
            if time.monotonic() > until:
                quad, self._overlay = None, None
        self.view.set_frame(frame, quad)

    def _camera_running(self, running: bool) -> None:
        self.camera_button.setText(self.tr("Tắt ca&mera") if running else self.tr("Bật ca&mera"))
        if running:
            self.view.set_message(self.tr("Đang mở camera…"))

    def _camera_failed(self, exc: BaseException) -> None:
        self.view.set_frame(None)
        if isinstance(exc, NoDeviceError) and not self._camera_asked:
            # Opened by itself on showing: a counter without a camera is told so once, calmly.
            self.view.set_message(
                self.tr(
                    "Máy này không có camera (hoặc camera đang bận).\n\nDùng máy đọc cầm tay, mở ảnh (Ctrl+O)"
                    " hoặc nhập tay; cắm camera rồi nhấn F2 để bật."
                )
            )
            return
        data = error_dict(exc) if is_known_error(exc) else {"message": str(exc)}
        self.view.set_message(
            "\n".join(filter(None, (data["message"], data.get("hint"))))
            + "\n\n"
            + self.tr("Vẫn có thể dùng máy đọc cầm tay, mở ảnh hoặc nhập tay.")
        )
        # A counter without a camera is normal: only a camera the officer asked for, or one that
        # stopped while in use, turns the status line red.
        if self._camera_asked or not isinstance(exc, NoDeviceError):
            self._show_error(exc)

    # -- status line -------------------------------------------------------------------------------

    def _idle_status(self) -> None:
        self._set_status(
            self.tr(
                "Đưa mặt có mã QR của thẻ căn cước vào camera, quét bằng máy đọc cầm tay, "
                "mở ảnh (Ctrl+O) hoặc nhập tay."
            ),
            _INFO_STYLE,
        )

    def _show_error(self, exc: BaseException) -> None:
        if not is_known_error(exc):
            raise exc  # a bug: the application's crash handler shows it
        data = error_dict(exc)
        text = data["message"] + (("\n" + data["hint"]) if data.get("hint") else "")
        self._set_status(text, _ERROR_STYLE)

    def _set_status(self, text: str, style: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(style)
