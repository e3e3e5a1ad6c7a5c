"""Picks a report period: a month or a quarter of the office's calendar, newest first."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from counter_app.kpi import periods

MONTHS_BACK = 24
QUARTERS_BACK = 8


def recent(today: date, kind: str) -> list[periods.Period]:
    """The period holding `today` and the ones before it, newest first."""
    out = [periods.containing(today, kind)]
    count = MONTHS_BACK if kind == "month" else QUARTERS_BACK
    while len(out) < count:
        out.append(periods.containing(out[-1].first - timedelta(days=1), kind))
    return out


class PeriodPicker(QWidget):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Tháng"), "month")
        self.kind.addItem(self.tr("Quý"), "quarter")
        self.kind.setAccessibleName(self.tr("Loại kỳ báo cáo"))
        self.choice = QComboBox()
        self.choice.setAccessibleName(self.tr("Kỳ báo cáo"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kind)
        layout.addWidget(self.choice)
        self.kind.currentIndexChanged.connect(self._fill)
        self._fill()

    def _fill(self) -> None:
        self.choice.clear()
        for period in recent(self.today, self.kind.currentData()):
            self.choice.addItem(period.label_vi, period.label)

    def period(self) -> periods.Period:
        return periods.parse(self.choice.currentData())

    def select(self, label: str) -> None:
        """Choose the period written `label` (2026-11, 2026-Q4)."""
        kind = periods.parse(label).kind
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.choice.setCurrentIndex(self.choice.findData(label))
