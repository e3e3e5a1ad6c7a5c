"""What will be signed, seen before signing: each built PDF's first page beside its name and page
count, the whole PDF in the document viewer (Enter or a double-click on its row), and a warning when
two components hold the same page (`IntakeService.same_pages`, over page fingerprints in the core).
Thumbnails and the check run on the task runner, once for the PDFs as they are: the table is
filled again on every change of the dossier (signed, filed, the receipt saved), and the same
PDFs keep their thumbnails and the check its answer (each refill cost the 2-core PC a dossier's
worth of tasks beside the step under way)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from counter_app.intake.documents import Document
from counter_app.intake.outcomes import PdfFacts
from counter_app.intake.same_pages import SamePage
from counter_app.intake.stamp_places import THUMB_WIDTH
from ui.widgets.document_viewer import DocumentViewer, open_viewer
from ui.widgets.elided_label import ElidedLabel

if TYPE_CHECKING:
    from ui.intake.host import IntakeHost

KEY_ROLE = Qt.ItemDataRole.UserRole
THUMB = QSize(
    THUMB_WIDTH // 2, 48
)  # an A4 page's proportions: a form told from an ID card; the viewer for more


class PdfReview(QObject):
    def __init__(self, section: IntakeHost, table: QTreeWidget) -> None:
        super().__init__(table)
        self.section = section
        self.table = table
        self.viewer: DocumentViewer | None = None
        self.same: list[SamePage] = []
        self._load = self._loaded = 0  # which shown list the thumbnails and the check belong to
        self._pending = 0
        self._icons: dict[tuple[object, ...], QIcon] = {}  # by dossier, component and what made the PDF
        self._last_check: tuple[tuple[object, ...], list[SamePage]] | None = None  # the PDFs, what was found
        table.setIconSize(THUMB)
        table.setToolTip(self.tr("Nhấp đúp hoặc Enter để xem toàn bộ tệp PDF trước khi ký"))
        table.itemActivated.connect(self.view)
        self.warning = ElidedLabel()  # one line cut with «…», every pair in its tooltip
        self.warning.setStyleSheet("color: #b00000; font-weight: bold;")
        self.warning.hide()

    @property
    def loading(self) -> bool:
        return self._load != self._loaded

    def facts_shown(self, facts: list[PdfFacts]) -> None:
        """The table now lists `facts`, in order: fetch their first pages and check for shared pages."""
        dossier = self.section.dossier
        self._load += 1
        load = self._load
        self.same = []
        self.warning.hide()
        if dossier is None:
            self._loaded = load
            return
        local_ref = dossier.local_ref
        pdfs = (local_ref, *((f.key, f.made_from) for f in facts))
        self._pending = 1
        for row, fact in enumerate(facts):
            item = self.table.topLevelItem(row)
            item.setData(0, KEY_ROLE, fact.key)
            item.setToolTip(0, fact.name)  # a long name is cut in its column
            icon = self._icons.get((local_ref, fact.key, fact.made_from))
            if icon is not None:
                item.setIcon(0, icon)
                continue
            self._pending += 1
            self.section.tasks.run(
                self.section.service.render_document_page,
                on_result=lambda image, f=fact, n=load: self._thumb(n, local_ref, f, image),
                on_error=lambda _exc, n=load: self._done(n),
                context=self.table,
                document=Document(local_ref, fact.key, pdf=True),
                index=0,
                width=THUMB_WIDTH,  # page 1 as looked at when the PDF was built
            )
        if self._last_check is not None and self._last_check[0] == pdfs:
            self._checked(load, self._last_check[1], pdfs)
            return
        self.section.tasks.run(
            self.section.service.same_pages,
            on_result=lambda found, n=load: self._checked(n, found, pdfs),
            on_error=lambda exc, n=load: (self._done(n), self.section.show_error(exc)),
            context=self.table,
            local_ref=local_ref,
        )

    def _done(self, load: int) -> None:
        if load == self._load:
            self._pending -= 1
            if self._pending <= 0:
                self._loaded = load

    def _thumb(self, load: int, local_ref: str, fact: PdfFacts, image: bytes) -> None:
        pixmap = QPixmap()
        pixmap.loadFromData(image)
        icon = self._icons[(local_ref, fact.key, fact.made_from)] = QIcon(pixmap)
        if len(self._icons) > 256:  # dossiers of earlier citizens
            self._icons = {k: v for k, v in self._icons.items() if k[0] == local_ref}
        # By key, not by item: the table is cleared and filled again whenever the dossier changes.
        rows = (self.table.topLevelItem(i) for i in range(self.table.topLevelItemCount()))
        item = next((r for r in rows if r.data(0, KEY_ROLE) == fact.key), None)
        if load == self._load and item is not None:
            item.setIcon(0, icon)
        self._done(load)

    def _checked(self, load: int, found: list[SamePage], pdfs: tuple[object, ...]) -> None:
        self._last_check = (pdfs, found)
        if load == self._load:
            self.same = found
            lines = [
                self.tr("«{a}» trang {p} giống «{b}» trang {q}").format(
                    a=s.first_name, p=s.first_page, b=s.second_name, q=s.second_page
                )
                for s in found
            ]
            self.warning.set_full_text(
                self.tr("⚠ Có trang giống nhau ở hai thành phần — xem lại trước khi ký: {pairs}.").format(
                    pairs="; ".join(lines)
                )
            )
            self.warning.setVisible(bool(found))
        self._done(load)

    def view(self, item: QTreeWidgetItem | None = None) -> None:
        item = item or self.table.currentItem()
        dossier = self.section.dossier
        key = item.data(0, KEY_ROLE) if item is not None else None
        if dossier is None or key is None:
            return
        self.viewer = open_viewer(
            self.table,
            self.section.service,
            self.section.tasks,
            Document(dossier.local_ref, key, pdf=True),
            self.tr("Tệp PDF — {name}").format(name=item.text(0)),
        )
