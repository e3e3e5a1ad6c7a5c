"""The strip under the intake steps: what is running, how far it is, a Stop button; and the last
failure in plain words (message + what to do next) instead of a modal box the officer must close."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from common.progress import Update
from counter_app.errors import error_dict
from ui import shortcuts


class TaskStrip(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setMaximumWidth(260)
        self.stop = QPushButton(self.tr("&Dừng"))
        shortcuts.press_at_once(self.stop, shortcuts.STOP.keys)
        self.stop.setToolTip(self.tr("Dừng việc đang chạy (Esc); phần đã lưu vẫn giữ nguyên"))
        self.error = QLabel()
        self.error.setObjectName("intakeError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("QLabel#intakeError { color: #a40000; }")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.text, 1)
        row.addWidget(self.bar)
        row.addWidget(self.stop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.idle()
        self.error.hide()

    def busy(self, text: str, cancellable: bool) -> None:
        self.error.hide()
        self.text.setText(text)
        self.bar.setRange(0, 0)  # indeterminate until the first progress report
        self.bar.show()
        self.stop.setVisible(cancellable)
        self.stop.setEnabled(cancellable)

    def progress(self, update: Update) -> None:
        fraction, text = update.fraction, update.text
        if fraction is not None:
            self.bar.setRange(0, 100)
            self.bar.setValue(int(max(0.0, min(1.0, fraction)) * 100))
        if text:
            self.text.setText(text)

    def idle(self, text: str = "") -> None:
        self.text.setText(text)
        self.bar.hide()
        self.stop.hide()

    def failed(self, exc: BaseException) -> None:
        data = error_dict(exc)
        self.idle()
        message = data["message"]
        if data.get("hint"):
            message += "\n" + self.tr("Việc cần làm: {hint}").format(hint=data["hint"])
        self.error.setText(message)
        self.error.show()
