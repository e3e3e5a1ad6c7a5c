"""The dashboard's Decision 766 scorecard: points per indicator and group, and the overall score.

Indicators only the province can score say so («do tỉnh chấm») and are left out of the
counter's total, never shown as 0 points; an indicator with nothing to rate yet says
«chưa có số liệu».
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from counter_app.kpi.score import IndicatorScore, Scorecard

COLUMNS = ("Mã", "Chỉ số", "Đạt / tổng", "Tỉ lệ", "Ngưỡng", "Điểm")


def points_text(points: float) -> str:
    return f"{points:.1f}".replace(".", ",")


class ScorePanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.total = QLabel()
        self.total.setObjectName("scoreTotal")
        self.total.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(260)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.total)
        layout.addWidget(self.table)

    def show_scorecard(self, card: Scorecard, period_vi: str = "") -> None:
        self.total.setText(
            self.tr(
                "<b>Điểm Quyết định 766 ({p}): {t} / {m} điểm tính được tại quầy</b>"
                " · {v} điểm do tỉnh chấm (không tính ở đây)"
            ).format(
                p=period_vi or card.period,
                t=points_text(card.total_points),
                m=points_text(card.max_points_computable),
                v=points_text(card.max_points_province),
            )
        )
        rows: list[tuple[str, ...]] = []
        bold: set[int] = set()
        for group in card.groups:
            bold.add(len(rows))
            rows.append(
                (
                    str(group.group),
                    group.name,
                    "",
                    "",
                    "",
                    f"{points_text(group.points)} / {group.max_points}",
                )
            )
            for ind in (i for i in card.indicators if i.group == group.group):
                rows.append(self._indicator_row(ind))
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                if c >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if r in bold:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)
        for column in (0, 2, 3, 4, 5):
            self.table.resizeColumnToContents(column)

    def _indicator_row(self, ind: IndicatorScore) -> tuple[str, ...]:
        if not ind.computable:
            return (
                ind.code,
                ind.name,
                "",
                "",
                "",
                self.tr("do tỉnh chấm (tối đa {m})").format(m=ind.max_points),
            )
        if ind.rate is None:
            return (ind.code, ind.name, "0 / 0", "—", _pct(ind.threshold), self.tr("chưa có số liệu"))
        numerator = f"{ind.numerator:g}".replace(".", ",")
        return (
            ind.code,
            ind.name,
            f"{numerator} / {ind.denominator:g}",
            _pct(ind.rate),
            _pct(ind.threshold),
            f"{points_text(ind.points or 0.0)} / {ind.max_points}",
        )


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"
