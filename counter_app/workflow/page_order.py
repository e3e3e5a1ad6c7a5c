"""Page order edits: insert before a page, replace a page (rotate, re-scan), reorder, move a page
to another component.

A page's `seq` names its sealed file and never changes; its place is `position`. So a reorder
moves no file and is one transaction, and a replacement or a move writes the new file first, swaps
the rows in one transaction and deletes the old file last: a crash leaves at worst the old page
again beside the new one (adopted on reopen), never a lost page.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from counter_app.dossier import EDITABLE_STATES, Component, Dossier, Page, PageMeta, WorkflowError
from counter_app.workflow.base import CS
from counter_app.workflow.capture import CaptureSteps, page_name


def find_page(component: Component, seq: int) -> Page:
    for page in component.pages:
        if page.seq == seq:
            return page
    raise WorkflowError(
        f"Không có trang {seq} trong thành phần này.", "Tải lại danh sách trang.", code="page_missing"
    )


class PageOrderSteps(CaptureSteps):
    def _renumber(self, conn: sqlite3.Connection, pages: Sequence[Page]) -> None:
        self.repo.set_page_positions(conn, [(page.id, index) for index, page in enumerate(pages, start=1)])

    def insert_page(
        self,
        dossier: Dossier,
        component_key: str,
        image: bytes,
        meta: PageMeta,
        before_seq: int,
        *,
        duration_ms: int | None = None,
    ) -> Page:
        """Store a page and put it before page `before_seq` (a page the feeder skipped)."""
        page = self.add_page(dossier, component_key, image, meta, duration_ms=duration_ms)
        pages = [p for p in dossier.component(component_key).pages if p.seq != page.seq]
        at = pages.index(find_page(dossier.component(component_key), before_seq))
        with self._step(dossier) as (conn, _current):
            self._renumber(conn, [*pages[:at], page, *pages[at:]])
        return page

    def replace_page(
        self,
        dossier: Dossier,
        component_key: str,
        seq: int,
        image: bytes,
        meta: PageMeta,
        *,
        duration_ms: int | None = None,
    ) -> Page:
        """Put a new image (turned, re-scanned) in place of page `seq`, at the same place."""
        self._require(dossier, *EDITABLE_STATES)
        old = find_page(dossier.component(component_key), seq)
        with self._page_files(dossier.local_ref):  # the file, then its row
            new_seq = self._next_seq(dossier, dossier.component(component_key))
            name = page_name(component_key, new_seq, meta.ext)
            self.ctx.workspace.write(dossier.local_ref, name, image)
            with self._step(dossier) as (conn, current):
                self._require(current, *EDITABLE_STATES)
                self._back_to_capture(conn, current, "page_replaced")
                component = current.component(component_key)
                stored = find_page(component, seq)
                at = component.pages.index(stored)
                self.repo.delete_page(conn, stored)
                self.repo.insert_page(conn, component, new_seq, name, meta, position=at + 1)
                others = [p for p in component.pages if p.seq != seq]
                self.repo.set_page_positions(
                    conn, [(p.id, i if i <= at else i + 1) for i, p in enumerate(others, start=1)]
                )
                self._invalidate(conn, component)
                self._event(
                    conn,
                    current,
                    "page_replaced",
                    {
                        "component_key": component_key,
                        "page": new_seq,
                        "replaced": seq,
                        "dpi": meta.dpi,
                        "mode": meta.mode,
                        "blank": meta.blank,
                    },
                    duration_ms,
                )
            self.ctx.workspace.delete(dossier.local_ref, old.file_name)
        return find_page(dossier.component(component_key), new_seq)

    def reorder_pages(self, dossier: Dossier, component_key: str, order: Sequence[int]) -> Dossier:
        """`order` is every page seq of the component, in the officer's new order."""
        self._require(dossier, *EDITABLE_STATES)
        with self._step(dossier) as (conn, current):
            self._require(current, *EDITABLE_STATES)
            component = current.component(component_key)
            by_seq = {p.seq: p for p in component.pages}
            if sorted(order) != sorted(by_seq) or len(order) != len(by_seq):
                raise WorkflowError(
                    "Danh sách trang đã thay đổi trong lúc sắp xếp.",
                    "Tải lại danh sách trang rồi sắp xếp lại.",
                    code="page_order_stale",
                )
            self._back_to_capture(conn, current, "pages_reordered")
            self._renumber(conn, [by_seq[s] for s in order])
            self._invalidate(conn, component)
            self._event(
                conn, current, "pages_reordered", {"component_key": component_key, "order": list(order)}, 0
            )
        return dossier

    def move_page(
        self, dossier: Dossier, component_key: str, seq: int, to_key: str, position: int | None = None
    ) -> Page:
        """Move page `seq` to component `to_key` (a page filed under the wrong paper), at 0-based
        `position` there (None: after its last page). Both components are built and signed again."""
        self._require(dossier, *EDITABLE_STATES)
        if to_key == component_key:
            raise WorkflowError(
                "Trang đã ở trong thành phần này.",
                "Chọn một thành phần khác để chuyển trang.",
                code="page_move_same",
            )
        old = find_page(dossier.component(component_key), seq)
        target = dossier.component(to_key)
        with self._page_files(dossier.local_ref):  # the file, then its row
            new_seq = self._next_seq(dossier, target)
            ext = old.file_name.rsplit(".", 1)[-1]
            name = page_name(to_key, new_seq, ext)
            # The file is named after its component (a leftover is adopted there): the bytes are sealed
            # again under the new name before the rows change.
            self.ctx.workspace.write(
                dossier.local_ref, name, self.ctx.workspace.read(dossier.local_ref, old.file_name)
            )
            meta = PageMeta(old.width, old.height, old.dpi, old.mode, old.blank, ext)
            try:
                self._move_rows(dossier, component_key, seq, to_key, position, new_seq, name, meta)
            except BaseException:
                self.ctx.workspace.delete(dossier.local_ref, name)  # nothing recorded: no copy to adopt later
                raise
            self.ctx.workspace.delete(dossier.local_ref, old.file_name)
        return find_page(dossier.component(to_key), new_seq)

    def _move_rows(
        self,
        dossier: Dossier,
        component_key: str,
        seq: int,
        to_key: str,
        position: int | None,
        new_seq: int,
        name: str,
        meta: PageMeta,
    ) -> None:
        with self._step(dossier) as (conn, current):
            self._require(current, *EDITABLE_STATES)
            self._back_to_capture(conn, current, "page_moved")
            source, destination = current.component(component_key), current.component(to_key)
            self.repo.delete_page(conn, find_page(source, seq))
            left = [p for p in source.pages if p.seq != seq]
            self._renumber(conn, left)
            at = len(destination.pages) if position is None else max(0, min(position, len(destination.pages)))
            self.repo.insert_page(conn, destination, new_seq, name, meta, position=at + 1)
            self.repo.set_page_positions(
                conn, [(p.id, i if i <= at else i + 1) for i, p in enumerate(destination.pages, start=1)]
            )
            self._invalidate(conn, destination)
            if left:
                self._invalidate(conn, source)
            else:  # nothing left to build: the component is to be scanned again, as after a delete
                self.repo.update_component(
                    conn, source, status=CS.PENDING, pdf_name=None, signed_name=None, pdf_sha256=None
                )
            self._event(
                conn,
                current,
                "page_moved",
                {"component_key": component_key, "page": seq, "to_component_key": to_key, "to_page": new_seq},
                0,
            )
