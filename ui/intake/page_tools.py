"""Step 3's page tools beyond one component: look at the pages in the document viewer (Enter or a
double-click on a thumbnail), move the selected page to another component (or drag its thumbnail
onto that component in the checklist), split the stack there,
or split an ADF stack at its blank separator sheets («Chuyển/tách trang…», Ctrl+M).

Every change is an intake service action (`move_page`, `split_from`, `split_at_blanks`) run through
the section, so the components are rebuilt and re-signed as the core decides.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QDropEvent, QKeySequence
from PySide6.QtWidgets import QListWidgetItem, QMenu, QPushButton

from counter_app.intake.documents import Document
from ui import shortcuts
from ui.widgets.document_viewer import DocumentViewer, open_viewer
from ui.widgets.scan_thumbnails import PAGE_MIME

if TYPE_CHECKING:
    from ui.intake.components_page import ComponentsPage


class PageTools(QObject):
    def __init__(self, page: ComponentsPage) -> None:
        super().__init__(page)
        self.page = page
        self.viewer: DocumentViewer | None = None
        self.menu = QMenu(page)
        self.menu.aboutToShow.connect(self.fill_menu)
        self.button = QPushButton(self.tr("Chuyển/tách trang…"))
        self.button.setToolTip(
            self.tr(
                "Chuyển trang đang chọn sang thành phần khác, hoặc tách xấp giấy thành nhiều thành phần (Ctrl+M)"
            )
        )
        self.button.setShortcut(QKeySequence(shortcuts.PAGE_TOOLS.keys))
        self.button.setMenu(self.menu)
        page.panel.strip.itemActivated.connect(self.view_pages)
        # Enter on a component opens it from its first page, whichever thumbnail the strip last selected.
        page.checklist.itemActivated.connect(lambda _item: self.view_pages(first=True))
        # A thumbnail dragged onto another component of the checklist moves there.
        page.checklist.setAcceptDrops(True)
        page.checklist.viewport().installEventFilter(self)

    # -- the viewer ---------------------------------------------------------------------------------

    def view_pages(self, item: QListWidgetItem | None = None, first: bool = False) -> None:
        """The component's scanned pages in the viewer, at the page activated (Enter, double-click), or
        at the first page when the component itself was activated."""
        section, component = self.page.section, self.page.current()
        dossier = section.dossier
        if component is None or dossier is None:
            return
        strip = self.page.panel.strip
        start = 0 if first else strip.row(item) if item is not None else max(0, strip.currentRow())
        if not component.pages:
            self.page.panel.say(self.tr("Thành phần này chưa có trang nào để xem."), error=True)
            return
        self.viewer = open_viewer(
            self.page,
            section.service,
            section.tasks,
            Document(dossier.local_ref, component.key),
            self.tr("Các trang đã quét — {name}").format(name=component.name),
            start,
        )

    # -- moving and splitting -------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kinds = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)
        if event.type() not in kinds or not isinstance(event, QDropEvent):
            return super().eventFilter(watched, event)
        target = self._drop_target(event)
        if target is None:
            event.ignore()
            return True
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        if event.type() == QEvent.Type.Drop:
            self.move_page(target, int(bytes(event.mimeData().data(PAGE_MIME).data()).decode()))
        return True

    def _drop_target(self, event: QDropEvent) -> str | None:
        """The component a page dropped here would go to: another one than the page's own, editable."""
        if not event.mimeData().hasFormat(PAGE_MIME) or not self.page._editable():
            return None
        item = self.page.checklist.itemAt(event.position().toPoint())
        key = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return key if key is not None and key != self.page.current_key() else None

    def others(self) -> list[tuple[str, str]]:
        """(key, name) of every other component of the dossier, in the procedure's order."""
        dossier, current = self.page.section.dossier, self.page.current_key()
        if dossier is None:
            return []
        return [(c.key, c.name) for c in dossier.components if c.key != current]

    def fill_menu(self) -> None:
        self.menu.clear()
        seq = self.page.panel.strip.current_seq()
        editable = self.page._editable() and seq is not None
        view = self.menu.addAction(self.tr("Xem các trang (Enter)"), self.view_pages)
        view.setEnabled(seq is not None)
        move = self.menu.addMenu(self.tr("Chuyển trang này sang"))
        split = self.menu.addMenu(self.tr("Tách từ trang này sang"))
        for key, name in self.others():
            move.addAction(name, lambda k=key: self.move_page(k))
            split.addAction(name, lambda k=key: self.split_from(k))
        move.setEnabled(editable)
        split.setEnabled(editable)
        blanks = self.menu.addAction(
            self.tr("Tách theo tờ trắng ngăn cách (phần sau mỗi tờ trắng vào thành phần kế tiếp)"),
            self.split_at_blanks,
        )
        blanks.setEnabled(self.page._editable() and bool(self._following()))

    def _following(self) -> list[str]:
        """The components after the current one, where the runs after blank sheets go."""
        dossier, current = self.page.section.dossier, self.page.current_key()
        if dossier is None or current is None:
            return []
        keys = [c.key for c in dossier.components]
        return keys[keys.index(current) + 1 :]

    def move_page(self, to_key: str, seq: int | None = None) -> None:
        """Page `seq` (default: the one selected in the strip) to component `to_key`."""
        seq = self.page.panel.strip.current_seq() if seq is None else seq
        if seq is not None:
            self.page._run_on_component(
                self.page.section.service.move_page, self.tr("Đang chuyển trang…"), seq=seq, to_key=to_key
            )

    def split_from(self, to_key: str) -> None:
        seq = self.page.panel.strip.current_seq()
        if seq is not None:
            self.page._run_on_component(
                self.page.section.service.split_from, self.tr("Đang tách xấp giấy…"), seq=seq, to_key=to_key
            )

    def split_at_blanks(self) -> None:
        self.page._run_on_component(
            self.page.section.service.split_at_blanks,
            self.tr("Đang tách xấp giấy theo tờ trắng…"),
            to_keys=self._following(),
        )
