"""Cài đặt & chẩn đoán: the doctor report, every option with its origin, the log tail."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from common import clock
from counter_app.context import AppContext
from counter_app.doctor_summary import MARKS, PROBLEM, headline, summarize
from counter_app.logging_setup import LOG_FILE_NAME, tail
from ui.tasks import TaskRunner

ORIGIN_LABELS = {"default": "mặc định", "machine": "máy (CNTT)", "user": "người dùng"}


class DiagnosticsSection(QWidget):
    def __init__(self, ctx: AppContext, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = tasks
        self.report: dict[str, Any] | None = None

        self.summary = QLabel(self.tr("Chưa chạy chẩn đoán."))
        self.run_button = QPushButton(self.tr("&Chạy chẩn đoán"))
        self.run_button.clicked.connect(self.run_doctor)
        open_data = QPushButton(self.tr("Mở thư mục &dữ liệu"))
        open_data.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.paths.data_dir)))
        )
        top = QHBoxLayout()
        top.addWidget(QLabel(f"<h2>{self.tr('Cài đặt & chẩn đoán')}</h2>"))
        top.addStretch(1)
        self.bundle_button = QPushButton(self.tr("Xuất gói &hỗ trợ…"))
        self.bundle_button.clicked.connect(self.export_bundle)
        top.addWidget(open_data)
        top.addWidget(self.bundle_button)
        top.addWidget(self.run_button)

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Mục"), self.tr("Kết quả")])
        self.tree.setColumnWidth(0, 280)
        self.tree.setWordWrap(True)

        self.options = QTableWidget(0, 4)
        self.options.setHorizontalHeaderLabels(
            [self.tr("Tùy chọn"), self.tr("Giá trị"), self.tr("Nguồn"), self.tr("Khóa")]
        )
        self.options.horizontalHeader().setStretchLastSection(True)
        self.options.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

        self.log_view = QPlainTextEdit()
        self.log_view.setReadOnly(True)
        self.log_view.setMaximumBlockCount(2000)

        self.config_issues = QLabel()
        self.config_issues.setWordWrap(True)
        self.config_issues.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        config_tab = QWidget()
        config_layout = QVBoxLayout(config_tab)
        config_layout.setContentsMargins(0, 0, 0, 0)
        config_layout.addWidget(self.config_issues)
        config_layout.addWidget(self.options, 1)

        self.tabs = tabs = QTabWidget()
        tabs.addTab(self.tree, self.tr("Chẩn đoán"))
        tabs.addTab(config_tab, self.tr("Cấu hình"))
        tabs.addTab(self.log_view, self.tr("Nhật ký"))
        tabs.currentChanged.connect(lambda i: self.refresh_log() if i == 2 else None)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(tabs)
        self.fill_options()

    def show_options(self) -> None:
        """The configuration tab: its problems first, then every option with its origin."""
        self.tabs.setCurrentIndex(1)

    def fill_options(self) -> None:
        issues = self.ctx.config.issues
        self.config_issues.setVisible(bool(issues))
        self.config_issues.setText(
            "\n".join(
                self.tr("✘ {file} — {option}: {message}").format(
                    file=i.file, option=self.tr("cả tệp") if i.option == "*" else i.option, message=i.message
                )
                for i in issues
            )
        )
        rows = self.ctx.config.describe()
        self.options.setRowCount(len(rows))
        for i, row in enumerate(rows):
            value = row["value"]
            text = json.dumps(value, ensure_ascii=False) if isinstance(value, list) else str(value)
            cells = (
                f"{row['label']} ({row['key']})",
                text,
                ORIGIN_LABELS[row["origin"]],
                "🔒" if row["locked"] else "",
            )
            for j, cell in enumerate(cells):
                self.options.setItem(i, j, QTableWidgetItem(cell))
        self.options.resizeColumnToContents(0)

    def refresh_log(self) -> None:
        self.log_view.setPlainText("\n".join(tail(self.ctx.paths.log_dir / LOG_FILE_NAME, 500)))
        self.log_view.verticalScrollBar().setValue(self.log_view.verticalScrollBar().maximum())

    def run_doctor(self) -> None:
        from counter_app.doctor import run_doctor

        self.run_button.setEnabled(False)
        self.summary.setText(self.tr("Đang kiểm tra thiết bị và kết nối…"))
        self.tasks.run(run_doctor, ctx=self.ctx, on_result=self.show_report, on_error=self._failed)

    def show_report(self, report: dict[str, Any]) -> None:
        """Each part in words: tốt, có vấn đề (why), không có, chưa kiểm tra; no raw keys."""
        self.report = report
        self.run_button.setEnabled(True)
        self.tree.clear()
        parts = summarize(report)
        for part in parts:
            item = QTreeWidgetItem([part.label, f"{MARKS[part.status]} {part.status}"])
            for line in filter(None, part.lines):
                child = QTreeWidgetItem(["", line])
                child.setToolTip(1, line)
                item.addChild(child)
            self.tree.addTopLevelItem(item)
            item.setExpanded(part.status == PROBLEM)
        self.summary.setText(headline(parts))

    def export_bundle(self) -> None:
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        name = f"ho-tro-mot-cua-so-{clock.now().strftime('%Y%m%d-%H%M')}.zip"
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Xuất gói hỗ trợ"), str(Path.home() / name), self.tr("Tệp zip (*.zip)")
        )
        if path:
            self.write_bundle(Path(path))

    def write_bundle(self, path: Any) -> None:
        from counter_app.support_bundle import build_support_bundle

        self.bundle_button.setEnabled(False)
        self.summary.setText(self.tr("Đang tạo gói hỗ trợ…"))
        self.tasks.run(
            build_support_bundle,
            ctx=self.ctx,
            out=path,
            report=self.report,
            on_result=self._bundle_done,
            on_error=self._failed,
        )

    def _bundle_done(self, path: Any) -> None:
        self.bundle_button.setEnabled(True)
        self.summary.setText(self.tr("Đã lưu gói hỗ trợ: {p}. Gửi tệp này cho bộ phận CNTT.").format(p=path))

    def _failed(self, exc: BaseException) -> None:
        from counter_app.errors import error_dict

        self.bundle_button.setEnabled(True)
        self.run_button.setEnabled(True)
        self.summary.setText(self.tr("Chẩn đoán thất bại: {m}").format(m=error_dict(exc)["message"]))
