"""Small charts drawn with QPainter (QtCharts is not part of PySide6-Essentials).

`BarChart` draws grouped bars per label, with an optional horizontal target line for
rates; it is enough for "received vs filed online per day" and "rate per procedure".
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from common import vi_format


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]
    colour: str  # "#RRGGBB"


class BarChart(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None, *, percent: bool = False) -> None:
        super().__init__(parent)
        self.title = title
        self.percent = percent
        self.labels: tuple[str, ...] = ()
        self.series: tuple[Series, ...] = ()
        self.target: float | None = None
        self.setMinimumHeight(200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, labels: list[str], series: list[Series], target: float | None = None) -> None:
        self.labels = tuple(labels)
        self.series = tuple(series)
        self.target = target
        self.setAccessibleDescription(self._describe())
        self.update()

    def _describe(self) -> str:
        # Screen readers and tests get the figures as text.
        parts = [self.title]
        for s in self.series:
            parts.append(
                f"{s.name}: "
                + ", ".join(f"{label}={v:g}" for label, v in zip(self.labels, s.values, strict=False))
            )
        return "; ".join(parts)

    def _maximum(self) -> float:
        values = [v for s in self.series for v in s.values]
        top = max([*values, self.target or 0.0, 0.0])
        if self.percent:
            return max(1.0, top)
        return max(1.0, float(int(top * 1.15) + 1))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(44, 28, -12, -40)
        painter.setFont(QFont(self.font().family(), 9))
        painter.drawText(QRectF(0, 4, self.width(), 20), Qt.AlignmentFlag.AlignHCenter, self.title)
        maximum = self._maximum()
        painter.setPen(QPen(QColor("#9E9E9E"), 1))
        for i in range(5):
            y = rect.bottom() - rect.height() * i / 4
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            value = maximum * i / 4
            text = vi_format.percent(value, 0) if self.percent else vi_format.number(value)
            painter.drawText(QRectF(0, y - 8, 40, 16), Qt.AlignmentFlag.AlignRight, text)
        if self.labels and self.series:
            group_width = rect.width() / len(self.labels)
            bar_width = max(1.0, group_width * 0.8 / len(self.series))
            for gi, label in enumerate(self.labels):
                x0 = rect.left() + gi * group_width + group_width * 0.1
                for si, series in enumerate(self.series):
                    value = series.values[gi] if gi < len(series.values) else 0.0
                    height = rect.height() * value / maximum
                    painter.fillRect(
                        QRectF(x0 + si * bar_width, rect.bottom() - height, bar_width, height),
                        QColor(series.colour),
                    )
                step = max(1, len(self.labels) // 12)  # keep axis labels readable on a month
                if gi % step == 0:
                    painter.setPen(QColor("#424242"))
                    painter.drawText(
                        QRectF(x0 - 10, rect.bottom() + 2, group_width + 20, 16),
                        Qt.AlignmentFlag.AlignHCenter,
                        label,
                    )
        if self.target is not None:
            y = rect.bottom() - rect.height() * self.target / maximum
            painter.setPen(QPen(QColor("#C62828"), 2, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        legend_x = rect.left()
        for series in self.series:
            painter.fillRect(QRectF(legend_x, self.height() - 18, 12, 12), QColor(series.colour))
            painter.setPen(QColor("#212121"))
            painter.drawText(
                QRectF(legend_x + 16, self.height() - 20, 220, 16), Qt.AlignmentFlag.AlignLeft, series.name
            )
            legend_x += 24 + painter.fontMetrics().horizontalAdvance(series.name)
        painter.end()
