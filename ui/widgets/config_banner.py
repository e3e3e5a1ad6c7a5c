"""The strip across the top of the main window that says when the configuration had problems,
each with its file and option, and when demo mode is on because of them, so nobody files a day's
dossiers into the sandbox without knowing."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from counter_app.config import Config, ConfigIssue

MAX_LISTED = 3  # the rest are on the diagnostics screen


class ConfigBanner(QWidget):
    details_requested = Signal()  # «Xem chi tiết»: the configuration tab of the diagnostics

    def __init__(self, config: Config, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("configBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPushButton(self.tr("Xem chi tiết"))
        self.details.clicked.connect(self.details_requested)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self.text, 1)
        row.addWidget(self.details, 0, Qt.AlignmentFlag.AlignTop)
        self.show_config(config)

    def show_config(self, config: Config) -> None:
        """Shown only when the configuration had problems (a plain demo or training start says so
        in the title and the status bar, and keeps the counter screen's height)."""
        if not config.issues:
            self.hide()
            return
        if config.issues_behind_demo():
            lines = [
                self.tr(
                    "<b>ĐANG CHẠY CHẾ ĐỘ DEMO VÌ CẤU HÌNH LỖI</b>: hồ sơ không gửi lên cổng thật."
                    " Báo bộ phận CNTT sửa cấu hình rồi mở lại ứng dụng."
                )
            ]
        elif config.training_mode:
            lines = [
                self.tr("<b>CHẾ ĐỘ ĐÀO TẠO</b>: hồ sơ nộp vào cổng thử nghiệm, không gửi lên cổng thật.")
            ]
        else:
            lines = []
        lines.append(self.tr("Cấu hình có {n} vấn đề:").format(n=len(config.issues)))
        lines += [f"• {self._issue(issue)}" for issue in config.issues[:MAX_LISTED]]
        if len(config.issues) > MAX_LISTED:
            lines.append(
                self.tr("… và {n} vấn đề khác (xem chi tiết).").format(n=len(config.issues) - MAX_LISTED)
            )
        self.setStyleSheet("QWidget#configBanner { background: #fde2e1; border-bottom: 1px solid #a40000; }")
        self.text.setText("<br>".join(lines))
        self.show()

    def _issue(self, issue: ConfigIssue) -> str:
        option = self.tr("cả tệp") if issue.option == "*" else issue.option
        return self.tr("{file} — {option}: {message}").format(
            file=escape(Path(issue.file).name), option=escape(option), message=escape(issue.message)
        )
