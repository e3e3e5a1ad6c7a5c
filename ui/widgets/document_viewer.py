"""The document viewer: a component's scanned pages or its built PDF, page by page, to read small
print and stamps before signing.

Zoom (+/−, Ctrl+wheel), page through (PgUp/PgDn, ←/→, Home/End), fit the width (W) or the whole
page (0). Pages are rendered by the intake service (`render_document_page`: PDFium for PDFs) on the
task runner at the width shown, so a 50-page PDF never stalls the window; the latest request wins.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QPixmap, QResizeEvent, QShortcut, QWheelEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from common.errors import error_dict
from counter_app.intake.documents import Document
from ui.tasks import TaskRunner

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)  # times the view's width
FIT_WIDTH, WHOLE_PAGE = "width", "page"


class DocumentViewer(QDialog):
    def __init__(
        self,
        service: Any,
        tasks: TaskRunner,
        document: Document,
        title: str,
        start: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.tasks = tasks
        self.document = document
        self.index = max(0, start)
        self.count: int | None = None
        self.fit = WHOLE_PAGE
        self.zoom = ZOOMS.index(1.0)
        self._wanted = self._shown = 0  # render requests made and answered: the latest one wins
        self._pixmap = QPixmap()
        self.setWindowTitle(title)
        self.setObjectName("documentViewer")

        self.page_label = QLabel(self.tr("Đang mở…"))
        self.previous = QPushButton(self.tr("◀ Trang trước"))
        self.previous.setToolTip(self.tr("Trang trước (PgUp, ←)"))
        self.previous.clicked.connect(lambda: self.go(self.index - 1))
        self.next = QPushButton(self.tr("Trang sau ▶"))
        self.next.setToolTip(self.tr("Trang sau (PgDn, →)"))
        self.next.clicked.connect(lambda: self.go(self.index + 1))
        self.smaller = QPushButton("−")
        self.smaller.setToolTip(self.tr("Thu nhỏ (−, Ctrl+lăn chuột)"))
        self.smaller.clicked.connect(lambda: self.set_zoom(self.zoom - 1))
        self.larger = QPushButton("+")
        self.larger.setToolTip(self.tr("Phóng to (+, Ctrl+lăn chuột)"))
        self.larger.clicked.connect(lambda: self.set_zoom(self.zoom + 1))
        self.fit_width = QPushButton(self.tr("Vừa &chiều rộng"))
        self.fit_width.setToolTip(self.tr("Trang rộng bằng khung xem (W)"))
        self.fit_width.clicked.connect(lambda: self.set_fit(FIT_WIDTH))
        self.whole_page = QPushButton(self.tr("&Cả trang"))
        self.whole_page.setToolTip(self.tr("Thấy cả trang (0)"))
        self.whole_page.clicked.connect(lambda: self.set_fit(WHOLE_PAGE))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.area = QScrollArea()
        self.area.setWidget(self.image)
        self.area.setWidgetResizable(True)
        self.area.setAlignment(Qt.AlignmentFlag.AlignCenter)

        bar = QHBoxLayout()
        for widget in (self.previous, self.page_label, self.next):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.smaller, self.larger, self.fit_width, self.whole_page):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.area, 1)
        for keys, slot in (
            (("PgDown", "Right", "Space"), lambda: self.go(self.index + 1)),
            (("PgUp", "Left"), lambda: self.go(self.index - 1)),
            (("Home",), lambda: self.go(0)),
            (("End",), lambda: self.go((self.count or 1) - 1)),
            (("W",), lambda: self.set_fit(FIT_WIDTH)),
            (("0",), lambda: self.set_fit(WHOLE_PAGE)),
        ):
            for key in keys:
                QShortcut(QKeySequence(key), self, slot)
        self.tasks.run(
            service.document_page_count,
            on_result=self._counted,
            on_error=self._failed,
            context=self,
            document=document,
        )

    # -- state -------------------------------------------------------------------------------------

    @property
    def rendering(self) -> bool:
        return self.count is None or self._wanted != self._shown

    def go(self, index: int) -> None:
        if self.count is None or not 0 <= index < self.count or (index == self.index and self._wanted):
            return
        self.index = index
        self._request()

    def set_fit(self, fit: str) -> None:
        self.fit = fit
        self.zoom = ZOOMS.index(1.0)
        self._request()

    def set_zoom(self, zoom: int) -> None:
        self.zoom = max(0, min(zoom, len(ZOOMS) - 1))
        self.fit = FIT_WIDTH
        self._request()

    def shown_width(self) -> int:
        """The width the page is rendered at: the view's, times the zoom when zoomed."""
        view = self.area.viewport().width() - 8
        return max(64, round(view * ZOOMS[self.zoom]))

    # -- rendering ---------------------------------------------------------------------------------

    def _counted(self, count: int) -> None:
        self.count = count
        self.index = min(self.index, max(0, count - 1))
        if count:
            self._request()
        else:
            self._refresh_bar()
            self.status.setText(self.tr("Thành phần này chưa có trang nào."))

    def _request(self) -> None:
        if not self.count:
            return
        self._wanted += 1
        wanted = self._wanted
        self._refresh_bar()
        self.status.setText(self.tr("Đang dựng trang…"))
        self.tasks.run(
            self.service.render_document_page,
            on_result=lambda image: self._rendered(wanted, image),
            on_error=lambda exc: self._render_failed(wanted, exc),
            context=self,
            document=self.document,
            index=self.index,
            width=self.shown_width(),
        )

    def _rendered(self, wanted: int, image: bytes) -> None:
        if wanted != self._wanted:
            return  # another page or zoom was asked for meanwhile
        self._shown = wanted
        self._pixmap.loadFromData(image)
        self.status.clear()
        self._place()

    def _place(self) -> None:
        if self._pixmap.isNull():
            return
        pixmap = self._pixmap
        if self.fit == WHOLE_PAGE:
            room = self.area.viewport().size() - QSize(8, 8)
            pixmap = pixmap.scaled(
                room, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        self.image.setPixmap(pixmap)

    def _render_failed(self, wanted: int, exc: BaseException) -> None:
        if wanted == self._wanted:
            self._shown = wanted
            self._failed(exc)

    def _failed(self, exc: BaseException) -> None:
        if self.count is None:
            self.count = 0
        error = error_dict(exc)
        self.status.setText(f"{error['message']} {error.get('hint', '')}".strip())
        self.status.setStyleSheet("color: #b00000;")
        self._refresh_bar()

    def _refresh_bar(self) -> None:
        count = self.count or 0
        self.page_label.setText(
            self.tr("Trang {n}/{total}").format(n=self.index + 1 if count else 0, total=count)
        )
        self.previous.setEnabled(self.index > 0)
        self.next.setEnabled(self.index + 1 < count)
        self.smaller.setEnabled(self.zoom > 0)
        self.larger.setEnabled(self.zoom + 1 < len(ZOOMS))

    # -- input -------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.set_zoom(self.zoom + 1)
        elif event.key() == Qt.Key.Key_Minus:
            self.set_zoom(self.zoom - 1)
        else:
            super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.set_zoom(self.zoom + (1 if event.angleDelta().y() > 0 else -1))
        else:
            super().wheelEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fit == WHOLE_PAGE:
            self._place()
        elif self.count and event.oldSize().width() != event.size().width():
            self._request()  # fit to the width: render again at the new width


def open_viewer(
    parent: QWidget, service: Any, tasks: TaskRunner, document: Document, title: str, start: int = 0
) -> DocumentViewer:
    """A viewer over most of `parent`'s window, non-modal: the officer may keep it open beside the steps."""
    viewer = DocumentViewer(service, tasks, document, title, start, parent)
    viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window = parent.window()
    viewer.resize(window.size() * 0.9)
    viewer.show()
    return viewer
