"""Hồ sơ hôm nay: today's dossiers at this counter with the citizen's and the procedure's names, read
through `counter_app.read_models` on the task runner (no SQL or decryption on the UI thread), with
the core's state labels."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from counter_app.catalog import Catalog
from counter_app.context import AppContext
from counter_app.read_models import NamedDossier, named_dossiers
from ui.pages.outbox_view import OutboxView
from ui.tasks import TaskRunner


class DossierTableModel(QAbstractTableModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("DossierTableModel", "Mã nội bộ"),
        QT_TRANSLATE_NOOP("DossierTableModel", "Công dân"),
        QT_TRANSLATE_NOOP("DossierTableModel", "Thủ tục"),
        QT_TRANSLATE_NOOP("DossierTableModel", "Trạng thái"),
        QT_TRANSLATE_NOOP("DossierTableModel", "Mã hồ sơ"),
        QT_TRANSLATE_NOOP("DossierTableModel", "Hẹn trả"),
        QT_TRANSLATE_NOOP("DossierTableModel", "Giờ tạo"),
    )
    PROCEDURE = 2  # the long one: cut to the column's width, whole in its tooltip
    STATE = 3

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[NamedDossier] = []

    def set_rows(self, rows: list[NamedDossier]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(self.HEADERS[section])
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        entry = self.rows[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.PROCEDURE:
            code = entry.row.procedure_code
            return f"{entry.procedure_name} ({code})" if code else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._text(entry, index.column())

    def _text(self, entry: NamedDossier, column: int) -> str:
        row = entry.row
        if column == 0:
            return row.local_ref
        if column == 1:
            return entry.citizen_name or "—"
        if column == self.PROCEDURE:
            return entry.procedure_name or row.procedure_code or "—"
        if column == self.STATE:
            return self.tr(row.state_label)
        if column == 4:
            return row.portal_code or "—"
        if column == 5:
            return f"{date.fromisoformat(row.appointment_date):%d/%m/%Y}" if row.appointment_date else "—"
        return f"{row.created_local:%H:%M}"


class TodaySection(QWidget):
    open_requested = Signal(str)  # local reference of a dossier to continue in «Tiếp nhận»

    def __init__(
        self,
        ctx: AppContext,
        tasks: TaskRunner,
        catalog: Catalog | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`catalog` names the procedures (their codes alone without it)."""
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = tasks
        self.catalog = catalog
        self.model = DossierTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        # Codes, names, states and times in full; the procedure's name takes the rest, cut with «…»
        # when it is longer (whole in its tooltip).
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DossierTableModel.PROCEDURE, QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(False)
        self.table.setToolTip(self.tr("Nhấp đúp hoặc Enter để mở hồ sơ và làm tiếp"))
        self.table.doubleClicked.connect(self._open_row)
        self.table.activated.connect(self._open_row)
        self.summary = QLabel()
        refresh = QPushButton(self.tr("&Làm mới"))
        refresh.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(QLabel(f"<h2>{self.tr('Hồ sơ hôm nay')}</h2>"))
        top.addStretch(1)
        top.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 3)
        self.outbox = OutboxView(ctx, tasks)
        layout.addWidget(self.outbox, 2)

    def _open_row(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(self.model.rows[index.row()].local_ref)

    def refresh(self) -> None:
        self.outbox.refresh()
        self.outbox.timer.start()
        self.summary.setText(self.tr("Đang tải…"))
        self.tasks.run(
            named_dossiers,
            db=self.ctx.db,
            key=self.ctx.data_key,
            catalog=self.catalog,
            on_result=self._show,
            on_error=self._failed,
            context=self,
        )

    def _show(self, rows: list[NamedDossier]) -> None:
        self.model.set_rows(rows)
        if rows:
            self.summary.setText(self.tr("{n} hồ sơ tiếp nhận hôm nay.").format(n=len(rows)))
        else:
            self.summary.setText(self.tr("Chưa có hồ sơ nào hôm nay."))

    def _failed(self, exc: BaseException) -> None:
        from counter_app.errors import error_dict

        self.summary.setText(self.tr("Không tải được danh sách: {m}").format(m=error_dict(exc)["message"]))
