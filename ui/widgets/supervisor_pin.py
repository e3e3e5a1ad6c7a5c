"""The supervisor PIN dialog of the dashboard: masked entry, tries left, a pause after too many.

The dialog only collects the PIN and shows the answer; the check (scrypt, a tenth of a
second) runs off the UI thread in the dashboard, through `counter_app.supervisor_pin.PinGate`.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.supervisor_pin import Attempt
from ui.widgets.pin_field import masked_pin_edit

ERROR_STYLE = "color: #B71C1C;"


class SupervisorPinDialog(QDialog):
    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Xem số liệu toàn bộ phận"))
        self.setMinimumWidth(420)
        intro = QLabel(
            self.tr(
                "Nhập mã PIN của lãnh đạo bộ phận để xem số liệu của mọi cán bộ trong phiên làm việc này."
            )
        )
        intro.setWordWrap(True)
        self.pin_edit = masked_pin_edit(32)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.ok_button = QPushButton(self.tr("&Mở"))
        self.ok_button.setDefault(True)
        cancel = QPushButton(self.tr("&Hủy"))
        buttons = QDialogButtonBox()
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.clicked.connect(self._submit)
        cancel.clicked.connect(self.reject)

        form = QFormLayout()
        label = QLabel(self.tr("Mã &PIN:"))
        label.setBuddy(self.pin_edit)
        form.addRow(label, self.pin_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._resume = QTimer(self)
        self._resume.setSingleShot(True)
        self._resume.timeout.connect(self._end_pause)

    def _submit(self) -> None:
        pin = self.pin_edit.text()
        self.pin_edit.clear()  # the PIN is handed over once, never kept in the widget
        if not pin:
            self.message.setText(self.tr("Chưa nhập mã PIN."))
            return
        self._set_busy(True)
        self.message.setText(self.tr("Đang kiểm tra…"))
        self.submitted.emit(pin)

    def _set_busy(self, busy: bool) -> None:
        self.pin_edit.setEnabled(not busy)
        self.ok_button.setEnabled(not busy)

    def show_attempt(self, attempt: Attempt) -> None:
        """The gate's answer: close on success, otherwise say what happened and what to do."""
        if attempt.ok:
            self.accept()
            return
        if attempt.wait_s > 0:
            self.pause(attempt.wait_s)
            return
        self._set_busy(False)
        self.pin_edit.setFocus()
        self.message.setText(
            self.tr("Mã PIN không đúng. Còn {n} lần thử trước khi phải chờ.").format(n=attempt.tries_left)
        )

    def pause(self, wait_s: float) -> None:
        self._set_busy(True)
        self.message.setText(
            self.tr(
                "Đã nhập sai quá nhiều lần. Vui lòng chờ {s} giây rồi thử lại;"
                " nếu quên mã PIN, hãy liên hệ bộ phận CNTT."
            ).format(s=math.ceil(wait_s))
        )
        self._resume.start(math.ceil(wait_s * 1000))

    def _end_pause(self) -> None:
        self._set_busy(False)
        self.message.setText(self.tr("Có thể nhập lại mã PIN."))
        self.pin_edit.setFocus()

    def show_error(self, text: str) -> None:
        self._set_busy(False)
        self.message.setText(text)
