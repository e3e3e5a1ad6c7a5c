"""The tracking QR code on the citizen's screen: sharp modules, as large as the space it is given."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from ui.guidance_text import qr_matrix

# Below two pixels per module a phone camera at arm's length starts to miss it.
MIN_MODULE_PX = 2
PREFERRED_MODULE_PX = 6


def qr_image(text: str, side: int) -> QImage:
    """A QR code of `text` as a black-on-white image at most `side` pixels wide (whole pixels per module)."""
    modules = np.array(qr_matrix(text), dtype=bool)
    scale = max(MIN_MODULE_PX, side // modules.shape[0])
    pixels = np.where(modules, 0, 255).astype(np.uint8).repeat(scale, axis=0).repeat(scale, axis=1)
    pixels = np.ascontiguousarray(pixels)
    height, width = pixels.shape
    # copy(): the QImage must own its bytes once the numpy buffer goes away.
    return QImage(pixels.data, width, height, width, QImage.Format.Format_Grayscale8).copy()


class QrCodeLabel(QLabel):
    """Shows `text` as a QR code filling the label's square; the layout decides how much room it gets."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._text = ""
        self._modules = 0

    def set_code(self, text: str) -> None:
        self._text = text
        self._modules = len(qr_matrix(text)) if text else 0
        self.setMinimumSize(QSize(self._modules * MIN_MODULE_PX, self._modules * MIN_MODULE_PX))
        self.updateGeometry()
        self._redraw()

    def sizeHint(self) -> QSize:
        side = self._modules * PREFERRED_MODULE_PX
        return QSize(side, side)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._redraw()

    def _redraw(self) -> None:
        if not self._text:
            self.clear()
            return
        self.setPixmap(QPixmap.fromImage(qr_image(self._text, min(self.width(), self.height()))))
