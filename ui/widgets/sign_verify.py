"""The verification panel: every signature of a PDF, checked off the UI thread.

Shows, per signature: signer, integrity, whether it covers the whole file, trust against the
roots IT configured (`signing.trust_roots`; no network), level and time — the same facts as
`counter-app verify`. Reading and validating a PDF can take seconds, so it runs in the TaskRunner.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from common import clock
from counter_app.context import AppContext
from counter_app.errors import error_dict, is_known_error
from signing.verify import SignatureReport
from ui.tasks import TaskRunner

_CTX = "SignatureVerifyPanel"
_OK = QColor("#1B5E20")
_BAD = QColor("#B71C1C")


def verify_file(path: str, roots: list[str]) -> list[SignatureReport]:
    """Runs on a worker: load the configured roots and check every signature."""
    from signing.verify import load_trust_roots, verify_pdf

    return verify_pdf(path, load_trust_roots(roots))


def _local_time(iso: str | None) -> str:
    return clock.local(dt.datetime.fromisoformat(iso)).strftime("%H:%M:%S %d/%m/%Y") if iso else ""


class SignatureVerifyPanel(QWidget):
    COLUMNS = (
        QT_TRANSLATE_NOOP(_CTX, "Người ký"),
        QT_TRANSLATE_NOOP(_CTX, "Toàn vẹn"),
        QT_TRANSLATE_NOOP(_CTX, "Phủ toàn bộ tệp"),
        QT_TRANSLATE_NOOP(_CTX, "Tin cậy"),
        QT_TRANSLATE_NOOP(_CTX, "Mức"),
        QT_TRANSLATE_NOOP(_CTX, "Thời điểm ký"),
    )

    def __init__(self, ctx: AppContext, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = tasks
        self.reports: list[SignatureReport] | None = None
        self.open_button = QPushButton(self.tr("&Kiểm tra chữ ký của tệp PDF…"))
        self.open_button.setToolTip(self.tr("Chọn một tệp PDF đã ký để kiểm tra (Ctrl+O)"))
        self.open_button.setShortcut("Ctrl+O")
        self.open_button.clicked.connect(self.choose_file)
        self.summary = QLabel(self.tr("Chưa chọn tệp."))
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.tree.setRootIsDecorated(False)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        top = QHBoxLayout()
        top.addWidget(self.open_button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Chọn tệp PDF đã ký"), "", "PDF (*.pdf)")
        if path:
            self.verify(Path(path))

    def verify(self, path: Path) -> None:
        self.reports = None
        self.tree.clear()
        self.open_button.setEnabled(False)
        self.summary.setText(self.tr("Đang kiểm tra chữ ký của {name}…").format(name=path.name))
        self.tasks.run(
            verify_file,
            on_result=lambda reports: self._show(path, reports),
            on_error=self._failed,
            path=str(path),
            roots=list(self.ctx.config.get("signing.trust_roots") or []),
        )

    def _show(self, path: Path, reports: list[SignatureReport]) -> None:
        self.open_button.setEnabled(True)
        self.reports = reports
        for index, report in enumerate(reports):
            self.tree.addTopLevelItem(self._row(report, last=index == len(reports) - 1))
        if not reports:
            self.summary.setText(self.tr("{name}: tệp không có chữ ký số.").format(name=path.name))
        elif all(r.valid and r.intact for r in reports) and reports[-1].covers_whole_file:
            self.summary.setText(
                self.tr("{name}: {n} chữ ký, tất cả hợp lệ; chữ ký cuối phủ toàn bộ tệp.").format(
                    name=path.name, n=len(reports)
                )
            )
        else:
            self.summary.setText(
                self.tr("{name}: CÓ CHỮ KÝ KHÔNG HỢP LỆ hoặc tệp đã bị sửa sau khi ký.").format(
                    name=path.name
                )
            )

    def _row(self, report: SignatureReport, *, last: bool) -> QTreeWidgetItem:
        def yes_no(value: bool) -> str:
            return self.tr("Có") if value else self.tr("KHÔNG")

        # An earlier signature is followed by the later ones' additions: expected, not a fault.
        covers = (
            yes_no(report.covers_whole_file) if last or report.covers_whole_file else self.tr("Có chữ ký sau")
        )

        item = QTreeWidgetItem(
            [
                report.signer,
                self.tr("Hợp lệ") if report.valid and report.intact else self.tr("KHÔNG HỢP LỆ"),
                covers,
                yes_no(report.trusted),
                report.level,
                _local_time(report.time),
            ]
        )
        covered = report.covers_whole_file or not last
        for column, good in (
            (1, report.valid and report.intact),
            (2, covered),
            (3, report.trusted),
        ):
            item.setForeground(column, QBrush(_OK if good else _BAD))
        if not report.trusted:
            item.setToolTip(
                3, self.tr("Chứng thư gốc của người ký chưa được cài trong cấu hình (signing.trust_roots).")
            )
        return item

    def _failed(self, exc: BaseException) -> None:
        self.open_button.setEnabled(True)
        if not is_known_error(exc):
            raise exc
        data: dict[str, Any] = error_dict(exc)
        self.summary.setText(f"{data['message']} {data.get('hint', '')}".strip())
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
