"""Thống kê: today and this month against the targets, Decision 766 points, charts, tables, reports.

Every figure on this screen comes from one core query, `counter_app.kpi.overview` (the event
log is the single source, days on the office clock): the header, the tiles, the charts and the
scorecard cannot disagree with each other nor with `counter-app kpi --score`. Loading runs off
the UI thread. A supervisor sees the whole office; an officer sees their own dossiers, unless
IT set a supervisor PIN and it is typed here («Xem toàn bộ phận…»): then the whole office,
for as long as this screen lives (the unlock is logged as `supervisor_unlocked`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from common import clock, vi_format
from counter_app.context import AppContext
from counter_app.errors import error_dict
from counter_app.kpi.overview import Overview
from counter_app.supervisor_pin import Attempt, PinGate, configured_hash
from ui.pages.dashboard_score import ScorePanel
from ui.tasks import TaskRunner
from ui.widgets.charts import BarChart, Series
from ui.widgets.period_picker import PeriodPicker
from ui.widgets.supervisor_pin import SupervisorPinDialog

TABLE_COLUMNS = (
    ("group", QT_TRANSLATE_NOOP("DashboardSection", "Nhóm")),
    ("received", QT_TRANSLATE_NOOP("DashboardSection", "Tiếp nhận")),
    ("online_rate", QT_TRANSLATE_NOOP("DashboardSection", "Trực tuyến")),
    ("digitized_rate", QT_TRANSLATE_NOOP("DashboardSection", "Số hóa")),
    ("reuse_rate", QT_TRANSLATE_NOOP("DashboardSection", "Tái sử dụng")),
    ("guided_rate", QT_TRANSLATE_NOOP("DashboardSection", "Hướng dẫn")),
    ("on_time_rate", QT_TRANSLATE_NOOP("DashboardSection", "Đúng hạn")),
    ("median_intake_s", QT_TRANSLATE_NOOP("DashboardSection", "Trung vị tiếp nhận (giây)")),
)


@dataclass
class DashboardData:
    figures: Overview
    outbox: dict[str, int] = field(default_factory=dict)

    # The figures' parts by the names the screen and its tests read.
    @property
    def today(self) -> date:
        return self.figures.today

    @property
    def day_tiles(self) -> list[Any]:
        return self.figures.day_tiles

    @property
    def month_tiles(self) -> list[Any]:
        return self.figures.month_tiles

    @property
    def daily(self) -> list[Any]:
        return self.figures.daily

    @property
    def by_procedure(self) -> list[Any]:
        return self.figures.by_procedure

    @property
    def by_officer(self) -> list[Any]:
        return self.figures.by_officer


def load_dashboard(ctx: AppContext, today: date | None = None, whole_office: bool = False) -> DashboardData:
    from counter_app.kpi.overview import overview

    officer = None if whole_office or ctx.is_supervisor else ctx.config.get("officer.username")
    figures = overview(
        ctx.db, ctx.config, today or clock.today(), officer=officer, by_officer=officer is None
    )
    data = DashboardData(figures)
    for state, count in ctx.db.connection().execute("SELECT state, count(*) FROM outbox_jobs GROUP BY state"):
        data.outbox[state] = count
    return data


def _attempt_unlock(ctx: AppContext, gate: PinGate, pin: str) -> Attempt:
    attempt = gate.attempt(pin)
    if attempt.ok:
        ctx.events.append("supervisor_unlocked", payload={"method": "pin"})
    return attempt


def _percent(rate: float | None) -> str:
    return vi_format.percent(rate, 0)


class KpiTile(QFrame):
    def __init__(self, tile: Any, colours: dict[str, str], band_names: dict[str, str]) -> None:
        super().__init__()
        self.tile = tile
        self.setObjectName("kpiTile")
        colour = colours.get(tile.band, "9E9E9E")
        self.setStyleSheet(
            f"#kpiTile {{ background: #{colour}; border-radius: 6px; }} QLabel {{ color: white; }}"
        )
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{tile.name_vi}</b>"))
        rate = QLabel(f"<span style='font-size:22pt'>{_percent(tile.rate)}</span>")
        rate.setObjectName("rate")
        layout.addWidget(rate)
        layout.addWidget(
            QLabel(
                self.tr("{n}/{d} hồ sơ · chỉ tiêu {t} · mức {b}").format(
                    n=tile.count,
                    d=tile.denominator,
                    t=_percent(tile.target),
                    b=band_names.get(tile.band, tile.band),
                )
            )
        )
        self.setToolTip(
            self.tr("Điểm theo Quyết định 766: {p} điểm tối đa").format(
                p=vi_format.percent(tile.points_share, 0)
            )
        )


class DashboardSection(QWidget):
    def __init__(self, ctx: AppContext, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = tasks
        self.data: DashboardData | None = None
        self.summary = QLabel(self.tr("Đang tải số liệu…"))
        self.summary.setWordWrap(True)
        refresh = QPushButton(self.tr("&Làm mới"))
        refresh.clicked.connect(self.refresh)
        self.report_period = PeriodPicker(clock.today())
        self.report_button = QPushButton(self.tr("Xuất &báo cáo…"))
        self.report_button.clicked.connect(self.export_report)
        self.unlocked = False
        self.privacy: Any = None  # ui.pages.privacy.PrivacyView, for whoever sees the whole office
        pin_hash = "" if ctx.is_supervisor else configured_hash(ctx.config)
        self.pin_gate = PinGate(pin_hash) if pin_hash else None
        self.pin_dialog: SupervisorPinDialog | None = None
        self.unlock_button = QPushButton(self.tr("Xem &toàn bộ phận…"))
        self.unlock_button.setToolTip(self.tr("Lãnh đạo bộ phận nhập mã PIN để xem số liệu của mọi cán bộ"))
        self.unlock_button.clicked.connect(self.ask_pin)
        self.unlock_button.setVisible(self.pin_gate is not None)
        top = QHBoxLayout()
        self.title = QLabel()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.unlock_button)
        top.addWidget(QLabel(self.tr("Kỳ báo cáo:")))
        top.addWidget(self.report_period)
        top.addWidget(self.report_button)
        top.addWidget(refresh)

        self.day_grid = QGridLayout()
        self.month_grid = QGridLayout()
        tiles = QWidget()
        tiles_layout = QVBoxLayout(tiles)
        self.score_panel = ScorePanel()
        tiles_layout.addWidget(self.score_panel)
        self.day_title = QLabel(f"<b>{self.tr('Hôm nay')}</b>")
        tiles_layout.addWidget(self.day_title)
        tiles_layout.addLayout(self.day_grid)
        tiles_layout.addWidget(QLabel(f"<b>{self.tr('Tháng này')}</b>"))
        tiles_layout.addLayout(self.month_grid)
        self.received_chart = BarChart(self.tr("Hồ sơ tiếp nhận và nộp trực tuyến theo ngày"))
        self.rate_chart = BarChart(self.tr("Tỉ lệ trực tuyến theo ngày so với chỉ tiêu"), percent=True)
        tiles_layout.addWidget(self.received_chart)
        tiles_layout.addWidget(self.rate_chart)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(tiles)

        self.procedure_table = self._table()
        self.officer_table = self._table()
        self.tabs = QTabWidget()
        self.tabs.addTab(scroll, self.tr("Tổng quan"))
        self.tabs.addTab(self.procedure_table, self.tr("Theo thủ tục"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs)
        self._show_scope()

    @property
    def whole_office(self) -> bool:
        return self.ctx.is_supervisor or self.unlocked

    def _show_scope(self) -> None:
        scope = self.tr("toàn bộ phận") if self.whole_office else self.tr("của tôi")
        self.title.setText(f"<h2>{self.tr('Thống kê')} ({scope})</h2>")
        if self.whole_office and self.tabs.indexOf(self.officer_table) < 0:
            self.tabs.addTab(self.officer_table, self.tr("Theo cán bộ"))
        if self.whole_office and self.privacy is None:
            from ui.pages.privacy import PrivacyView

            self.privacy = PrivacyView(self.ctx, self.tasks)
            self.tabs.addTab(self.privacy, self.tr("Dữ liệu cá nhân"))
            self.privacy.refresh()

    def ask_pin(self) -> None:
        if self.pin_gate is None or self.unlocked:
            return
        if self.pin_dialog is None:
            self.pin_dialog = SupervisorPinDialog(self)
            self.pin_dialog.submitted.connect(self._check_pin)
        wait = self.pin_gate.wait_s()
        if wait > 0:
            self.pin_dialog.pause(wait)
        self.pin_dialog.open()

    def _check_pin(self, pin: str) -> None:
        self.tasks.run(
            _attempt_unlock,
            ctx=self.ctx,
            gate=self.pin_gate,
            pin=pin,
            on_result=self._pin_checked,
            on_error=self._pin_failed,
            context=self,
        )

    def _pin_checked(self, attempt: Attempt) -> None:
        if self.pin_dialog is not None:
            self.pin_dialog.show_attempt(attempt)
        if attempt.ok:
            self.unlocked = True
            self.unlock_button.hide()
            self._show_scope()
            self.refresh()

    def _pin_failed(self, exc: BaseException) -> None:
        data = error_dict(exc)
        if self.pin_dialog is not None:
            self.pin_dialog.show_error(
                self.tr("Không kiểm tra được mã PIN: {m} {h}").format(
                    m=data["message"], h=data.get("hint", "")
                )
            )

    def _table(self) -> QTableWidget:
        table = QTableWidget(0, len(TABLE_COLUMNS))
        table.setHorizontalHeaderLabels([self.tr(label) for _key, label in TABLE_COLUMNS])
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSortingEnabled(True)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def refresh(self) -> None:
        self.summary.setText(self.tr("Đang tải số liệu…"))
        self.tasks.run(
            load_dashboard,
            ctx=self.ctx,
            whole_office=self.whole_office,
            on_result=self.show_data,
            on_error=self._failed,
        )

    def show_data(self, data: DashboardData) -> None:
        from counter_app.kpi import BAND_COLOURS, BAND_NAMES_VI

        self.data = data
        for grid, tiles in ((self.day_grid, data.day_tiles), (self.month_grid, data.month_tiles)):
            while grid.count():
                item = grid.takeAt(0)
                if item.widget() is not None:
                    item.widget().deleteLater()
            for i, tile in enumerate(tiles):
                grid.addWidget(KpiTile(tile, BAND_COLOURS, BAND_NAMES_VI), i // 3, i % 3)
        self.score_panel.show_scorecard(data.figures.scorecard, data.figures.month.label_vi)
        # Today's tiles count dossiers received today; the today list also holds those in progress.
        self.day_title.setText(
            self.tr("<b>Hôm nay ({d}): {n} hồ sơ đã tiếp nhận</b>").format(
                d=data.today.strftime("%d/%m"), n=data.figures.day_row.received
            )
        )
        labels = [row.group[-2:] for row in data.daily]
        self.received_chart.set_data(
            labels,
            [
                Series(self.tr("Tiếp nhận"), tuple(float(r.received) for r in data.daily), "#1565C0"),
                Series(self.tr("Trực tuyến"), tuple(float(r.online) for r in data.daily), "#2E7D32"),
            ],
        )
        online_target = next((t.target for t in data.month_tiles if t.key == "online"), None)
        self.rate_chart.set_data(
            labels,
            [Series(self.tr("Tỉ lệ trực tuyến"), tuple(r.online_rate or 0.0 for r in data.daily), "#2E7D32")],
            target=online_target,
        )
        self._fill(self.procedure_table, data.by_procedure)
        self._fill(self.officer_table, data.by_officer)
        received = data.figures.month_row.received  # the month's tiles count the same row
        pending = data.outbox.get("queued", 0) + data.outbox.get("sending", 0)
        attention = data.outbox.get("failed", 0) + data.outbox.get("needs_attention", 0)
        self.summary.setText(
            self.tr("Tháng {m}: {n} hồ sơ tiếp nhận. Hàng đợi nộp: {p} đang chờ, {a} cần xử lý.").format(
                m=data.today.strftime("%m/%Y"), n=received, p=pending, a=attention
            )
        )

    def _fill(self, table: QTableWidget, rows: list[Any]) -> None:
        table.setSortingEnabled(False)
        table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            values = row.as_dict()
            for j, (key, _label) in enumerate(TABLE_COLUMNS):
                value = values.get(key)
                item = QTableWidgetItem()
                if key.endswith("_rate"):
                    item.setData(Qt.ItemDataRole.DisplayRole, _percent(value))
                elif isinstance(value, (int, float)):
                    item.setData(Qt.ItemDataRole.DisplayRole, round(value, 1))
                else:
                    item.setData(Qt.ItemDataRole.DisplayRole, str(value or "—"))
                table.setItem(i, j, item)
        table.setSortingEnabled(True)

    def export_report(self) -> None:
        period = self.report_period.period()
        default = str(Path.home() / f"bao-cao-{period.label}.xlsx")
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Xuất báo cáo"), default, self.tr("Excel (*.xlsx);;PDF (*.pdf)")
        )
        if path:
            self.write_report(period.label, Path(path))

    def write_report(self, month: str, path: Path) -> None:
        from counter_app.report import build_report

        self.report_button.setEnabled(False)
        self.summary.setText(self.tr("Đang lập báo cáo kỳ {m}…").format(m=month))
        self.tasks.run(
            build_report,
            db=self.ctx.db,
            config=self.ctx.config,
            month=month,
            out=path,
            on_result=self._report_done,
            on_error=self._failed,
        )

    def _report_done(self, path: Path) -> None:
        self.report_button.setEnabled(True)
        self.summary.setText(self.tr("Đã lưu báo cáo: {p}").format(p=path))

    def _failed(self, exc: BaseException) -> None:
        self.report_button.setEnabled(True)
        data = error_dict(exc)
        self.summary.setText(
            self.tr("Không tải được số liệu: {m} {h}").format(m=data["message"], h=data.get("hint", ""))
        )
