"""The submission queue as officers and supervisors see it: each job's state, retry and cancel."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from common import vi_format
from counter_app.context import AppContext
from counter_app.errors import error_dict
from ui.tasks import TaskRunner

REFRESH_MS = 5_000  # often enough to see a job leave the queue, cheap (one indexed query)


def _outbox(ctx: AppContext) -> Any:
    from counter_app.portal.outbox import Outbox

    return Outbox(ctx.db, ctx.events, data_key=ctx.data_key, workspace=ctx.workspace)


def load_jobs(ctx: AppContext) -> list[dict[str, Any]]:
    return [job.to_dict() for job in _outbox(ctx).jobs()][-200:]


def retry_job(ctx: AppContext, job_id: int) -> dict[str, Any]:
    return _outbox(ctx).retry(job_id).to_dict()


def cancel_job(ctx: AppContext, job_id: int) -> dict[str, Any]:
    return _outbox(ctx).cancel(job_id).to_dict()


class OutboxView(QWidget):
    HEADERS = (
        QT_TRANSLATE_NOOP("OutboxView", "Hồ sơ"),
        QT_TRANSLATE_NOOP("OutboxView", "Trạng thái"),
        QT_TRANSLATE_NOOP("OutboxView", "Số lần gửi"),
        QT_TRANSLATE_NOOP("OutboxView", "Mã hồ sơ"),
        QT_TRANSLATE_NOOP("OutboxView", "Lỗi gần nhất"),
        QT_TRANSLATE_NOOP("OutboxView", "Gửi lại lúc"),
    )

    def __init__(self, ctx: AppContext, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = tasks
        self.jobs: list[dict[str, Any]] = []
        self._loading = False
        self.summary = QLabel()
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.retry_button = QPushButton(self.tr("&Gửi lại"))
        self.cancel_button = QPushButton(self.tr("&Hủy gửi"))
        self.retry_button.clicked.connect(self.retry_selected)
        self.cancel_button.clicked.connect(self.cancel_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(f"<b>{self.tr('Hàng đợi nộp hồ sơ')}</b>"))
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)

    def refresh(self) -> None:
        if self._loading:
            return  # never queue refreshes behind a slow disk
        self._loading = True
        self.tasks.run(load_jobs, ctx=self.ctx, on_result=self._show, on_error=self._failed)

    def _show(self, jobs: list[dict[str, Any]]) -> None:
        self._loading = False
        self.jobs = list(reversed(jobs))
        self.table.setRowCount(len(self.jobs))
        for i, job in enumerate(self.jobs):
            error = (job.get("last_error") or {}).get("message", "")
            cells = (
                job["dossier"],
                job["state_label"],
                str(job["attempts"]),
                job.get("portal_code") or "—",
                error,
                vi_format.moment(job.get("next_attempt_at")),
            )
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        waiting = sum(1 for j in jobs if j["state"] in ("queued", "sending"))
        attention = sum(1 for j in jobs if j["state"] in ("failed", "needs_attention"))
        self.summary.setText(self.tr("{w} đang chờ gửi · {a} cần xử lý").format(w=waiting, a=attention))

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        self.summary.setText(self.tr("Không đọc được hàng đợi: {m}").format(m=error_dict(exc)["message"]))

    def _selected_id(self) -> int | None:
        row = self.table.currentRow()
        return self.jobs[row]["id"] if 0 <= row < len(self.jobs) else None

    def retry_selected(self) -> None:
        job_id = self._selected_id()
        if job_id is not None:
            self.tasks.run(
                retry_job,
                ctx=self.ctx,
                job_id=job_id,
                on_result=lambda _j: self.refresh(),
                on_error=self._action_failed,
            )

    def cancel_selected(self) -> None:
        job_id = self._selected_id()
        if job_id is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Hủy gửi hồ sơ"),
            self.tr("Hủy gửi hồ sơ này lên cổng? Hồ sơ vẫn được giữ trong máy và có thể gửi lại sau."),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.tasks.run(
                cancel_job,
                ctx=self.ctx,
                job_id=job_id,
                on_result=lambda _j: self.refresh(),
                on_error=self._action_failed,
            )

    def _action_failed(self, exc: BaseException) -> None:
        from ui.dialogs import show_known_error

        show_known_error(self, exc)
        self.refresh()
