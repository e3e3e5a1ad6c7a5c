"""Before signing: where the signature stamp goes on documents with no white space at the top left.

Shown by the signing step only when a stamp would cover ink (`IntakeService.to_sign`): page
1 of each such document with the stamp's rectangle (green on white space, red over ink) and the
corner to use; the officer's corners go into the signing metadata (`stamp_places.with_corners`).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from counter_app.intake.stamp_places import CORNER_LABELS, StampChoice, StampOption

FREE, INK = QColor(0, 140, 60), QColor(200, 0, 0)  # the stamp's rectangle on white space / over ink


def with_rectangle(page: QPixmap, option: StampOption) -> QPixmap:
    """Page 1 with the stamp's rectangle drawn at `option`'s corner (on a copy)."""
    shown = page.copy()
    left, top, right, bottom = option.rectangle
    painter = QPainter(shown)
    painter.setPen(QPen(FREE if option.placement.free else INK, 3))
    painter.drawRect(QRect(left, top, right - left, bottom - top))
    painter.end()
    return shown


class StampPlacementDialog(QDialog):
    def __init__(self, choices: list[StampChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Vị trí dấu chữ ký số"))
        self.choices = choices
        self._corners = {c.key: c.suggested for c in choices}
        self._pages: dict[str, QPixmap] = {}  # page 1 of each document, decoded once
        intro = QLabel(
            self.tr(
                "Góc trên bên trái trang 1 của các tệp dưới đây không còn chỗ trống: dấu chữ ký (tên người"
                " số hóa, thời điểm số hóa) sẽ che nội dung. Chọn góc đặt dấu cho từng tệp rồi bấm «Ký số»."
            )
        )
        intro.setWordWrap(True)
        self.documents = QListWidget()
        self.documents.addItems([c.name for c in choices])
        self.documents.currentRowChanged.connect(self._show)
        self.corner = QComboBox()
        self.corner.currentIndexChanged.connect(self._corner_changed)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(300, 420)
        # The page is fitted to the room the dialog has (a 1366x768 screen gives it less than
        # the preview's 585 px): shown at its own size it was cut at the top, where the stamp goes.
        self.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._shown = QPixmap()  # page 1 with the rectangle, before fitting
        side = QVBoxLayout()
        side.addWidget(self.documents)
        side.addWidget(QLabel(self.tr("Đặt dấu ở:")))
        side.addWidget(self.corner)
        side.addWidget(self.warning)
        body = QHBoxLayout()
        body.addLayout(side, 1)
        body.addWidget(self.preview, 2)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Ký số"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("&Hủy"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(body)
        layout.addWidget(buttons)
        self.documents.setCurrentRow(0)
        self.resize(880, 640)  # room for page 1 on a 1366x768 counter screen

    def _fit_preview(self) -> None:
        if self._shown.isNull():
            self.preview.setPixmap(self._shown)
            return
        room = self.preview.contentsRect().size()
        self.preview.setPixmap(
            self._shown.scaled(
                room, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_preview()

    def corners(self) -> dict[str, str]:
        """The chosen corner of each document, by component key."""
        return dict(self._corners)

    def _choice(self) -> StampChoice | None:
        row = self.documents.currentRow()
        return self.choices[row] if 0 <= row < len(self.choices) else None

    def _show(self, _row: int) -> None:
        choice = self._choice()
        if choice is None:
            return
        self.corner.blockSignals(True)
        self.corner.clear()
        for corner, option in choice.options.items():
            state = self.tr("còn chỗ trống") if option.placement.free else self.tr("che nội dung")
            self.corner.addItem(f"{self.tr(CORNER_LABELS[corner])} — {state}", corner)
        self.corner.setCurrentIndex(self.corner.findData(self._corners[choice.key]))
        self.corner.blockSignals(False)
        self._corner_changed()

    def _corner_changed(self) -> None:
        choice = self._choice()
        corner = self.corner.currentData()
        if choice is None or corner is None:
            return
        self._corners[choice.key] = corner
        option = choice.options[corner]
        page = self._pages.get(choice.key)
        if page is None:
            page = self._pages[choice.key] = QPixmap()
            page.loadFromData(choice.preview_jpeg)
        self._shown = with_rectangle(page, option) if not page.isNull() else page
        self._fit_preview()
        self.warning.setText(
            ""
            if option.placement.free
            else self.tr(
                "<b style='color:#a40000'>Dấu ở vị trí này che nội dung của văn bản.</b> Chọn góc khác nếu có"
                " chỗ trống."
            )
        )
