"""Bar charts drawn by pyqtgraph (QtCharts ships only in the much larger PySide6-Addons).

`BarChart` draws grouped bars per label, with an optional dashed target line for rates. Count
axes tick at whole numbers only (a count of 1 never shows ticks 0.25, 0.5 …); rate axes run
from 0 to 100 %.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]
    colour: str  # "#RRGGBB"


def count_ticks(top: float) -> list[int]:
    """Whole-number ticks from 0 to at least `top`, at most ~6 of them."""
    ceiling = max(1, math.ceil(top))
    step = max(1, math.ceil(ceiling / 5))
    return list(range(0, ceiling + step, step))


class BarChart(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None, *, percent: bool = False) -> None:
        super().__init__(parent)
        self.title = title
        self.percent = percent
        self.labels: tuple[str, ...] = ()
        self.series: tuple[Series, ...] = ()
        self.target: float | None = None
        self.y_ticks: list[float] = []
        self.plot: Any = None  # made with the first figures: pyqtgraph loads in ~0.2 s, not at start-up
        caption = QLabel(title)
        caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(caption)
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, labels: list[str], series: list[Series], target: float | None = None) -> None:
        self.labels = tuple(labels)
        self.series = tuple(series)
        self.target = target
        self._draw()
        self.setAccessibleDescription(self._describe())

    def _describe(self) -> str:
        # Screen readers and tests get the figures as text.
        parts = [self.title]
        for s in self.series:
            parts.append(
                f"{s.name}: "
                + ", ".join(f"{label}={v:g}" for label, v in zip(self.labels, s.values, strict=False))
            )
        return "; ".join(parts)

    def _make_plot(self) -> Any:
        import pyqtgraph as pg

        plot = pg.PlotWidget(background="w")
        plot.setMenuEnabled(False)
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        plot.addLegend(offset=(10, 5))
        self.layout().addWidget(plot)
        return plot

    def _draw(self) -> None:
        import pyqtgraph as pg

        if self.plot is None:
            self.plot = self._make_plot()
        item = self.plot.getPlotItem()
        item.clear()
        count = max(1, len(self.series))
        width = 0.8 / count
        for i, s in enumerate(self.series):
            xs = [x - 0.4 + width * (i + 0.5) for x in range(len(s.values))]
            bars = pg.BarGraphItem(
                x=xs, height=list(s.values), width=width, brush=s.colour, pen=None, name=s.name
            )
            item.addItem(bars)
        if self.target is not None:
            line = pg.InfiniteLine(
                pos=self.target, angle=0, pen=pg.mkPen("#C62828", width=2, style=Qt.PenStyle.DashLine)
            )
            item.addItem(line)
        top = max([*(v for s in self.series for v in s.values), self.target or 0.0, 0.0])
        if self.percent:
            self.y_ticks = [i / 4 for i in range(5)]
            upper = max(1.0, top)
        else:
            self.y_ticks = [float(t) for t in count_ticks(top)]
            upper = self.y_ticks[-1]
        item.getAxis("left").setTicks([[(t, self._tick_text(t)) for t in self.y_ticks], []])
        step = max(1, len(self.labels) // 12)  # readable day labels over a month
        item.getAxis("bottom").setTicks(
            [[(i, label) for i, label in enumerate(self.labels) if i % step == 0], []]
        )
        item.setXRange(-0.6, max(0, len(self.labels) - 1) + 0.6, padding=0)
        item.setYRange(0, upper * 1.05, padding=0)

    def _tick_text(self, value: float) -> str:
        return f"{value * 100:.0f}%" if self.percent else f"{value:.0f}"
