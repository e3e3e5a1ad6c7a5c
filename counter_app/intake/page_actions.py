"""The officer's page actions on one component, as methods of the intake service.

Scan a batch, store a camera still, reorder, rotate, delete, move a page to another component,
split a stack into components, the pages two components share, and the page images the screen
and its document viewer show: each takes the dossier by its local reference, so the scan
panel holds no workflow of its own and goes through the same service as every other step.
The work itself is `scanning`, `page_edits` and `page_images`'.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from common.progress import Cancel, Progress
from counter_app.dossier import Dossier
from counter_app.intake import documents, page_edits, page_images, page_split, same_pages, scanning
from counter_app.workflow import Workflow
from scanner.devices import BackendRegistry, ScanSettings


class PageActions:
    wf: Workflow  # the service's

    def scan(
        self,
        local_ref: str,
        component_key: str,
        *,
        registry: BackendRegistry,
        device_id: str,
        settings: ScanSettings,
        place_at: int | None = None,
        replace: int | None = None,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
    ) -> scanning.BatchResult:
        """Scan from `device_id` into the component, each page stored before the next is asked for."""
        return scanning.scan_batch(
            self.wf, registry, local_ref, component_key, device_id, settings,
            place_at=place_at, replace=replace, progress=progress, cancel=cancel,
        )  # fmt: skip

    def store_still(
        self,
        local_ref: str,
        component_key: str,
        *,
        bgr: Any,
        dpi: int,
        corners: Any = None,
        place_at: int | None = None,
        replace: int | None = None,
    ) -> scanning.BatchResult:
        """A camera still, cleaned with the outline the officer saw, stored as the component's page."""
        return scanning.store_still(
            self.wf, local_ref, component_key, bgr, dpi, corners, place_at=place_at, replace=replace
        )

    def reorder_pages(self, local_ref: str, component_key: str, *, order: Sequence[int]) -> Dossier:
        return page_edits.reorder_pages(self.wf, local_ref, component_key, order)

    def rotate_page(self, local_ref: str, component_key: str, *, seq: int, clockwise: bool = True) -> Dossier:
        return page_edits.rotate_page(self.wf, local_ref, component_key, seq, clockwise)

    def remove_page(self, local_ref: str, component_key: str, *, seq: int) -> Dossier:
        return page_edits.remove_page(self.wf, local_ref, component_key, seq)

    def move_page(
        self, local_ref: str, component_key: str, *, seq: int, to_key: str, position: int | None = None
    ) -> Dossier:
        """A page scanned into the wrong component goes to `to_key` (both are rebuilt and re-signed)."""
        return page_edits.move_page(self.wf, local_ref, component_key, seq, to_key, position)

    def split_from(self, local_ref: str, component_key: str, *, seq: int, to_key: str) -> Dossier:
        """The officer's split point: page `seq` and every page after it go to `to_key`."""
        return page_split.split_from(self.wf, local_ref, component_key, seq, to_key)

    def split_at_blanks(self, local_ref: str, component_key: str, *, to_keys: Sequence[str]) -> Dossier:
        """An ADF stack with blank separator sheets: each run after a sheet to the next of `to_keys`."""
        return page_split.split_at_blanks(self.wf, local_ref, component_key, to_keys)

    def same_pages(self, local_ref: str) -> list[same_pages.SamePage]:
        """Pages of different components that hold the same content (shown before signing)."""
        return same_pages.same_pages(self.wf, local_ref)

    def document_page_count(self, document: documents.Document) -> int:
        return documents.page_count(self.wf, document)

    def render_document_page(self, document: documents.Document, *, index: int, width: int) -> bytes:
        """Page `index` of the scanned pages or the built PDF, `width` pixels wide, for the viewer."""
        return documents.render_page(self.wf, document, index, width)

    def page_thumbnails(
        self, local_ref: str, component_key: str, *, known: frozenset[str] = frozenset()
    ) -> list[page_images.PageThumb]:
        return page_images.thumbnails(self.wf, local_ref, component_key, known)

    def page_preview(self, local_ref: str, component_key: str, *, seq: int) -> bytes:
        return page_images.page_preview(self.wf, local_ref, component_key, seq)
