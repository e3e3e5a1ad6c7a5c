"""Dữ liệu cá nhân: the supervisor's view of what retention will purge when, and who accessed what.

A tab of the dashboard, shown only to whoever sees the whole office (a supervisor, or after the
supervisor PIN). From here a citizen's data is exported or erased (`counter_app.privacy.rights`),
each asking for the supervisor PIN again where IT set one, and each an event of the audit chain.
Everything that reads the database, decrypts or writes runs on the task runner.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.context import AppContext
from counter_app.errors import error_dict
from counter_app.privacy.access import AccessEntry, access_log
from counter_app.privacy.retention import RetentionPolicy, ScheduledPurge, purge_schedule
from counter_app.read_models import state_label
from counter_app.supervisor_pin import configured_hash
from ui.tasks import TaskRunner
from ui.widgets.pin_field import masked_pin_edit


def load_view(ctx: AppContext) -> tuple[list[ScheduledPurge], list[AccessEntry]]:
    return purge_schedule(ctx.db, RetentionPolicy.from_config(ctx.config)), access_log(ctx.db)


def _date(value: Any) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


class CitizenRequestDialog(QDialog):
    """The citizen's ID number, the supervisor PIN where one is set, and for an erasure a confirmation."""

    def __init__(self, title: str, needs_pin: bool, erase: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.id_edit = QLineEdit()
        self.id_edit.setMaxLength(12)
        self.id_edit.setPlaceholderText(self.tr("12 chữ số trên thẻ căn cước"))
        self.pin_edit = masked_pin_edit(32) if needs_pin else None
        self.confirm = (
            QCheckBox(self.tr("Công dân đã yêu cầu xóa; tôi hiểu việc xóa không hoàn tác được."))
            if erase
            else None
        )
        form = QFormLayout()
        form.addRow(self.tr("Số định danh công dân:"), self.id_edit)
        if self.pin_edit is not None:
            form.addRow(self.tr("Mã PIN lãnh đạo bộ phận:"), self.pin_edit)
        self.message = QLabel()
        self.message.setStyleSheet("color: #B71C1C;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if self.confirm is not None:
            layout.addWidget(self.confirm)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        if not (self.id_edit.text().isdigit() and len(self.id_edit.text()) == 12):
            self.message.setText(self.tr("Số định danh phải gồm 12 chữ số."))
            return
        if self.confirm is not None and not self.confirm.isChecked():
            self.message.setText(self.tr("Hãy đánh dấu xác nhận trước khi xóa."))
            return
        self.accept()

    def values(self) -> tuple[str, str | None]:
        pin = self.pin_edit.text() if self.pin_edit is not None else None
        return self.id_edit.text(), pin


class PrivacyView(QWidget):
    def __init__(self, ctx: AppContext, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = tasks
        policy = RetentionPolicy.from_config(ctx.config)
        intro = QLabel(
            self.tr(
                "Tệp và dữ liệu công dân của một hồ sơ được giữ {days} ngày sau khi cổng dịch vụ công tiếp nhận"
                " (hoặc hồ sơ bị hủy), rồi tự động xóa; hồ sơ chưa được cổng tiếp nhận không bao giờ bị xóa."
                " Số liệu thống kê và nhật ký sự kiện được giữ nguyên."
            ).format(days=policy.default_days)
        )
        intro.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        refresh = QPushButton(self.tr("&Làm mới"))
        refresh.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("&Trích xuất dữ liệu công dân…"))
        self.export_button.clicked.connect(self.ask_export)
        self.erase_button = QPushButton(self.tr("&Xóa dữ liệu công dân…"))
        self.erase_button.clicked.connect(self.ask_erase)
        buttons = QHBoxLayout()
        for button in (self.export_button, self.erase_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(refresh)
        self.schedule_table = self._table(
            ("Hồ sơ", "Thủ tục", "Trạng thái", "Căn cứ", "Từ ngày", "Ngày xóa tệp và dữ liệu")
        )
        self.access_table = self._table(("Thời gian", "Cán bộ", "Việc", "Hồ sơ"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(QLabel(f"<b>{self.tr('Lịch xóa theo thời hạn lưu')}</b>"))
        layout.addWidget(self.schedule_table, 3)
        layout.addWidget(
            QLabel(f"<b>{self.tr('Nhật ký truy cập dữ liệu (xem, in lại, trích xuất, xóa)')}</b>")
        )
        layout.addWidget(self.access_table, 2)

    def _table(self, headers: tuple[str, ...]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels([self.tr(h) for h in headers])
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setVisible(False)
        return table

    def refresh(self) -> None:
        self.tasks.run(load_view, ctx=self.ctx, on_result=self._show, on_error=self._failed, context=self)

    def _show(self, loaded: tuple[list[ScheduledPurge], list[AccessEntry]]) -> None:
        schedule, access = loaded
        self._fill(
            self.schedule_table,
            [
                (
                    s.local_ref,
                    s.procedure_code or "",
                    state_label(s.state),
                    s.basis_label,
                    _date(s.since),
                    _date(s.purge_on),
                )
                for s in schedule
            ],
        )
        self._fill(
            self.access_table,
            [(e.when.strftime("%H:%M %d/%m/%Y"), e.officer, e.label, ", ".join(e.dossiers)) for e in access],
        )

    def _fill(self, table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(value))
        table.resizeColumnsToContents()

    def _failed(self, exc: BaseException) -> None:
        data = error_dict(exc)
        self.status.setText(f"<span style='color:#B71C1C'>{data['message']} {data.get('hint', '')}</span>")

    def _ask(self, title: str, erase: bool) -> tuple[str, str | None] | None:
        dialog = CitizenRequestDialog(title, bool(configured_hash(self.ctx.config)), erase, self)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def ask_export(self) -> None:
        answer = self._ask(self.tr("Trích xuất dữ liệu của một công dân"), erase=False)
        if answer is None:
            return
        out, _ = QFileDialog.getSaveFileName(
            self, self.tr("Lưu dữ liệu công dân"), "du-lieu-cong-dan.zip", "ZIP (*.zip)"
        )
        if out:
            self.export_to(answer[0], Path(out), answer[1])

    def export_to(self, id_number: str, out: Path, pin: str | None) -> None:
        from counter_app.privacy.rights import export_citizen

        self.status.setText(self.tr("Đang trích xuất…"))
        self.tasks.run(
            export_citizen,
            ctx=self.ctx,
            id_number=id_number,
            out=out,
            pin=pin,
            on_result=lambda t: self._done(
                self.tr("Đã trích xuất {d} hồ sơ, {f} tệp vào {out}.").format(
                    d=t.dossiers, f=t.files, out=out
                )
            ),
            on_error=self._failed,
            context=self,
        )

    def ask_erase(self) -> None:
        answer = self._ask(self.tr("Xóa dữ liệu của một công dân"), erase=True)
        if answer is not None:
            self.erase(*answer)

    def erase(self, id_number: str, pin: str | None) -> None:
        from counter_app.privacy.rights import erase_citizen

        self.status.setText(self.tr("Đang xóa…"))
        self.tasks.run(
            erase_citizen,
            ctx=self.ctx,
            id_number=id_number,
            pin=pin,
            on_result=lambda t: self._done(
                self.tr("Đã xóa dữ liệu của {d} hồ sơ ({f} tệp). Nhật ký sự kiện được giữ nguyên.").format(
                    d=t.dossiers, f=t.files
                )
            ),
            on_error=self._failed,
            context=self,
        )

    def _done(self, text: str) -> None:
        self.status.setText(text)
        self.refresh()
