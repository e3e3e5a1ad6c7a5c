"""The batch progress dialog: files signed so far and a Cancel button.

Not QProgressDialog: its `setValue` spins the event loop when modal, which would deliver the
batch's end in the middle of a progress update.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget


class SigningProgressDialog(QDialog):
    cancel_requested = Signal()

    def __init__(self, total: int, first_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Đang ký số"))
        self.setMinimumWidth(440)
        self.label = QLabel(first_text)
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(0)
        self.cancel_button = QPushButton(self.tr("&Hủy"))
        self.cancel_button.setToolTip(self.tr("Dừng ký; các tệp của lô này sẽ không được giữ lại (Esc)"))
        self.cancel_button.clicked.connect(self.request_cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        self._finished = False

    def show_step(self, done: int, total: int, name: str) -> None:
        self.bar.setValue(done)
        self.label.setText(
            self.tr("Đã ký {done}/{total} tệp: {name}").format(done=done, total=total, name=name)
        )

    def request_cancel(self) -> None:
        if not self.cancel_button.isEnabled():
            return
        self.cancel_button.setEnabled(False)
        self.label.setText(self.tr("Đang dừng sau tệp đang ký…"))
        self.cancel_requested.emit()

    def reject(self) -> None:
        # Esc asks to cancel; the dialog stays until the token thread has stopped.
        self.request_cancel()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._finished:
            event.accept()
            return
        event.ignore()
        self.request_cancel()

    def finish(self) -> None:
        self._finished = True
        self.hide()
        self.deleteLater()
