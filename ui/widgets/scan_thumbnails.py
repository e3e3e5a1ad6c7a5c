"""The scan panel's pages: a thumbnails strip (drag to reorder, keys for every action) and a zoomed
preview of the selected page. Passive views: they say what the officer asked, the panel does it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QMimeData, QObject, QPoint, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from counter_app.intake.page_images import THUMB_PX, PageThumb
from ui.widgets.elided_label import ElidedLabel

SEQ_ROLE = Qt.ItemDataRole.UserRole
PAGE_MIME = "application/x-counter-app-page"  # a page dragged out of the strip: its seq
BLANK_ROLE = Qt.ItemDataRole.UserRole + 1
BLANK_RED = QColor(200, 30, 30)


def marked_blank(pixmap: QPixmap, label: str) -> QPixmap:
    """The thumbnail with a red frame and a banner: a possibly blank page is flagged, never dropped."""
    out = QPixmap(pixmap)
    painter = QPainter(out)
    painter.setPen(QPen(BLANK_RED, 6))
    painter.drawRect(out.rect().adjusted(3, 3, -3, -3))
    banner = out.rect().adjusted(0, out.height() // 2 - 12, 0, -(out.height() // 2 - 12))
    painter.fillRect(banner, BLANK_RED)
    painter.setPen(QColor("white"))
    font = painter.font()
    font.setPixelSize(max(8, out.width() // 11))
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(banner, Qt.AlignmentFlag.AlignCenter, label)
    painter.end()
    return out


# Keys the strip takes before the window's shortcuts see them (the intake has its own Delete).
# Shift+F5 re-scans the selected page (F5 scans; Ctrl+Enter files the dossier on every step).
_STRIP_KEYS = frozenset({Qt.Key.Key_Delete, Qt.Key.Key_R, Qt.Key.Key_Insert})


def _is_rescan(event: QKeyEvent) -> bool:
    return event.key() == Qt.Key.Key_F5 and bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)


class ThumbnailStrip(QListWidget):
    """Pages of one component in order. Drag a page, or Ctrl+←/→, to move it; R rotates, Delete deletes,
    Insert scans a page in before the selected one, Shift+F5 re-scans it (keys work while the strip
    has focus, so they never clash with the window's own shortcuts)."""

    order_changed = Signal(list)  # every seq in the new order
    rotate_requested = Signal(int)
    delete_requested = Signal(int)
    rescan_requested = Signal(int)
    insert_requested = Signal(int)  # position (0-based) the new pages go to

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setIconSize(QSize(THUMB_PX, THUMB_PX))
        self.setGridSize(QSize(THUMB_PX + 16, THUMB_PX + 36))
        self.setMovement(QListView.Movement.Snap)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        # Thumbnails decoded once: the strip is shown again whenever the dossier changes (PDFs
        # built, signed, filed), mostly with the same pages; by PNG bytes, bounded (a few
        # components' pages, ~60 KB each decoded).
        self._pixmaps: dict[bytes, QPixmap] = {}
        self._png_of: dict[int, bytes] = {}  # seq -> its thumbnail, for the items shown
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setFixedHeight(THUMB_PX + 48)  # the grid row and a horizontal scroll bar
        self.setAccessibleName(self.tr("Các trang đã quét"))
        self.editable = True

    def _pixmap(self, png: bytes) -> QPixmap:
        pixmap = self._pixmaps.get(png)
        if pixmap is None:
            if len(self._pixmaps) >= 128:
                self._pixmaps.clear()
            pixmap = self._pixmaps[png] = QPixmap()
            pixmap.loadFromData(png)
        return pixmap

    def _label(self, text: str, blank: bool) -> str:
        return self.tr("{page} · trắng?").format(page=text) if blank else text

    def _item(self, seq: int, png: bytes, blank: bool, text: str) -> QListWidgetItem:
        self._png_of[seq] = png
        pixmap = self._pixmap(png)
        if blank:
            pixmap = marked_blank(pixmap, self.tr("TRANG TRẮNG?"))
        item = QListWidgetItem(pixmap, self._label(text, blank))
        item.setData(SEQ_ROLE, seq)
        item.setData(BLANK_ROLE, blank)
        if blank:
            item.setForeground(BLANK_RED)
            item.setToolTip(self.tr("Trang có vẻ để trắng: kiểm tra rồi xóa (Delete) nếu đúng là mặt trắng."))
        return item

    def _shown(self) -> list[tuple[int, bool, bytes]]:
        """What the items show, in their order (after a drag too)."""
        items = [self.item(i) for i in range(self.count())]
        return [
            (seq := int(item.data(SEQ_ROLE)), bool(item.data(BLANK_ROLE)), self._png_of.get(seq, b""))
            for item in items
        ]

    def show_pages(self, pages: list[PageThumb], select_seq: int | None = None) -> None:
        """`pages` in order; the items are made again only when they differ from those shown."""
        wanted = [(t.seq, t.blank, t.png) for t in pages]
        current = self.current_seq()
        if wanted == self._shown():
            for number, (_seq, blank, _png) in enumerate(wanted, start=1):  # "Trang mới n" of an import
                item, text = self.item(number - 1), self._label(self.tr("Trang {n}").format(n=number), blank)
                if item.text() != text:
                    item.setText(text)
        else:
            self.blockSignals(True)
            self.clear()
            self._png_of.clear()
            for number, thumb in enumerate(pages, start=1):
                self.addItem(
                    self._item(thumb.seq, thumb.png, thumb.blank, self.tr("Trang {n}").format(n=number))
                )
            self.blockSignals(False)
            current = None
        seqs = self.seqs()
        if seqs and current is not None and current == (select_seq if select_seq in seqs else seqs[-1]):
            return  # the same pages, the same one selected: nothing to show again
        if seqs:
            self.setCurrentRow(seqs.index(select_seq) if select_seq in seqs else len(seqs) - 1)
        else:
            self.currentItemChanged.emit(None, None)

    def add_arrived(self, seq: int, png: bytes, blank: bool, text: str) -> None:
        """A page just stored by a running batch, shown before the strip is reloaded."""
        item = self._item(seq, png, blank, text)
        self.addItem(item)
        self.scrollToItem(item)

    def mimeData(self, items: list[QListWidgetItem]) -> QMimeData:  # type: ignore[override]
        """A dragged page also says which page it is, so a component of the checklist can take it."""
        data = super().mimeData(items)
        if items:
            data.setData(PAGE_MIME, str(int(items[0].data(SEQ_ROLE))).encode())
        return data

    def seqs(self) -> list[int]:
        return [int(self.item(i).data(SEQ_ROLE)) for i in range(self.count())]

    def current_seq(self) -> int | None:
        item = self.currentItem()
        seq = None if item is None else item.data(SEQ_ROLE)
        return None if seq is None else int(seq)

    def drop_position(self, pos: QPoint) -> int:
        """Where a page dropped at `pos` goes: before the thumbnail under it, or after it when dropped
        on its right half; after the last one when dropped past the end."""
        index = self.indexAt(pos)
        if not index.isValid():
            return self.count()
        return index.row() + (1 if pos.x() > self.visualRect(index).center().x() else 0)

    def dropEvent(self, event: QDropEvent) -> None:
        # The view never moves the item itself: the workflow stores the new order, then the strip is
        # reloaded from it, so what is shown is always what is stored.
        if event.mimeData().hasUrls() or not self.editable:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        row, position = self.currentRow(), self.drop_position(event.position().toPoint())
        if row < 0:
            return
        order = self.seqs()
        seq = order.pop(row)
        order.insert(position - 1 if position > row else position, seq)
        if order != self.seqs():
            self.order_changed.emit(order)

    def set_editable(self, editable: bool) -> None:
        """While pages are being stored the strip stays readable (in colour) but takes no edits."""
        self.editable = editable
        self.setDragEnabled(editable)

    def move_current(self, step: int) -> None:
        if not self.editable:
            return
        row = self.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.count():
            return
        order = self.seqs()
        order.insert(target, order.pop(row))
        self.order_changed.emit(order)

    def event(self, event: QEvent) -> bool:
        is_key = event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
        if is_key and (event.key() in _STRIP_KEYS or _is_rescan(event)):  # type: ignore[attr-defined,arg-type]
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        seq = self.current_seq()
        key, ctrl = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if not self.editable and (
            key in _STRIP_KEYS or _is_rescan(event) or (ctrl and key in (Qt.Key.Key_Left, Qt.Key.Key_Right))
        ):
            return
        if seq is not None and key == Qt.Key.Key_Delete:
            self.delete_requested.emit(seq)
        elif seq is not None and key == Qt.Key.Key_R:
            self.rotate_requested.emit(seq)
        elif key == Qt.Key.Key_Insert:
            self.insert_requested.emit(max(0, self.currentRow()))
        elif seq is not None and _is_rescan(event):
            self.rescan_requested.emit(seq)
        elif ctrl and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.move_current(-1 if key == Qt.Key.Key_Left else 1)
        else:
            super().keyPressEvent(event)


KEYS_HELP = QT_TRANSLATE_NOOP(
    "PagesPane",
    "Enter hoặc nhấp đúp: xem trang lớn · Kéo thả hoặc Ctrl+←/→: đổi thứ tự · R: xoay 90° · "
    "Delete: xóa · Insert: chèn trang · Shift+F5: quét lại trang · Ctrl+M: chuyển/tách trang",
)


ZOOMS = (1.0, 1.5, 2.25, 3.5)  # 1.0 = the whole page in view; above, times the view's width


class PagePreview(QScrollArea):
    """The selected page, whole or zoomed in (+/−, Ctrl+wheel, double-click): the officer checks here
    that small print and stamps are legible before moving on."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._pixmap = QPixmap()
        self._image, self._blank = b"", False  # what `_pixmap` was decoded from
        self.zoom = 0  # index into ZOOMS
        self.label = QLabel(self.tr("Chưa có trang nào. Đặt giấy vào máy rồi bấm «Quét» (F5)."))
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.setWidget(self.label)
        self.setWidgetResizable(True)
        self.setMinimumHeight(120)
        self.setAccessibleName(self.tr("Xem trang phóng to"))
        self.setToolTip(self.tr("Phóng to: + hoặc Ctrl+lăn chuột hoặc nhấp đúp · thu nhỏ: − · cả trang: 0"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def show_image(self, image: bytes, blank: bool) -> None:
        if image == self._image and blank == self._blank and not self._pixmap.isNull():
            return  # already shown (the strip shown again after a change elsewhere in the dossier)
        self._image, self._blank = image, blank
        self._pixmap.loadFromData(image)  # PNG or JPEG
        self.label.setStyleSheet(f"border: 4px solid {BLANK_RED.name()};" if blank else "")
        self.label.setToolTip(self.tr("Trang có vẻ để trắng") if blank else "")
        self._fit()

    def clear_page(self, text: str) -> None:
        self._pixmap, self._image = QPixmap(), b""
        self.label.setPixmap(QPixmap())
        self.label.setStyleSheet("")
        self.label.setText(text)

    def has_page(self) -> bool:
        return not self._pixmap.isNull()

    def set_zoom(self, index: int) -> None:
        self.zoom = max(0, min(index, len(ZOOMS) - 1))
        self._fit()

    def _fit(self) -> None:
        if self._pixmap.isNull():
            return
        size = self.viewport().size() - QSize(8, 8)
        smooth = Qt.TransformationMode.SmoothTransformation
        if self.zoom == 0:
            scaled = self._pixmap.scaled(size, Qt.AspectRatioMode.KeepAspectRatio, smooth)
        else:
            scaled = self._pixmap.scaledToWidth(round(size.width() * ZOOMS[self.zoom]), smooth)
        self.label.setPixmap(scaled)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.set_zoom(self.zoom + 1)
        elif key == Qt.Key.Key_Minus:
            self.set_zoom(self.zoom - 1)
        elif key == Qt.Key.Key_0:
            self.set_zoom(0)
        else:
            super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.set_zoom(self.zoom + (1 if event.angleDelta().y() > 0 else -1))
        else:
            super().wheelEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.set_zoom(0 if self.zoom else 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()


class PagesPane(QWidget):
    """The strip with a button for each of its actions (same signals as the keys)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strip = ThumbnailStrip()
        strip = self.strip

        def on_current(signal: Any) -> Any:
            return lambda: (seq := strip.current_seq()) is not None and signal.emit(seq)

        self.buttons: list[QPushButton] = []
        row = QHBoxLayout()
        for text, tip, slot in (
            (
                self.tr("X&oay 90°"),
                self.tr("Xoay trang đang chọn 90° theo chiều kim đồng hồ (R)"),
                on_current(strip.rotate_requested),
            ),
            (
                self.tr("Xóa trang"),
                self.tr("Xóa trang đang chọn (Delete trong dải trang)"),
                on_current(strip.delete_requested),
            ),
            (
                self.tr("Chèn trang"),
                self.tr("Quét thêm trang vào trước trang đang chọn (Insert)"),
                lambda: strip.insert_requested.emit(max(0, strip.currentRow())),
            ),
            (
                self.tr("Quét &lại trang"),
                self.tr("Quét lại trang đang chọn, thay vào đúng chỗ (Shift+F5)"),
                on_current(strip.rescan_requested),
            ),
            ("◀", self.tr("Chuyển trang sang trái (Ctrl+←)"), lambda: strip.move_current(-1)),
            ("▶", self.tr("Chuyển trang sang phải (Ctrl+→)"), lambda: strip.move_current(1)),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons.append(button)
        # The keys beside the buttons, cut on a narrow screen (whole in the tooltip): on lines of
        # their own they took room a 1366×768 screen does not have.
        self.keys = ElidedLabel()
        self.keys.setStyleSheet("color: palette(mid);")
        self.keys.set_full_text(self.tr(KEYS_HELP))
        row.addWidget(self.keys, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.strip)
        layout.addLayout(row)

    def set_editable(self, editable: bool) -> None:
        self.strip.set_editable(editable)
        has_page = self.strip.current_seq() is not None
        for button in self.buttons:
            button.setEnabled(editable and (has_page or button.text() == self.tr("Chèn trang")))
