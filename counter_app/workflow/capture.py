"""Capture steps: pages into the sealed workspace, reuse of earlier signed components, components
marked not provided, the end of scanning, and reopening a dossier after a crash."""

from __future__ import annotations

import hashlib
import io
import logging
import sqlite3
from typing import Any

from counter_app.dossier import EDITABLE_STATES, Component, Dossier, Page, PageMeta, WorkflowError
from counter_app.repository import ReusableComponent
from counter_app.workflow.base import CS, S, WorkflowBase

log = logging.getLogger(__name__)


def _image_meta(data: bytes, fallback_dpi: int, ext: str) -> PageMeta:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as img:
        dpi = round(float(img.info.get("dpi", (fallback_dpi,))[0]))
        mode = {"1": "bw", "L": "gray"}.get(img.mode, "color")
        return PageMeta(img.width, img.height, dpi, mode, ext=ext)


def page_name(key: str, seq: int, ext: str) -> str:
    return f"pages/{key}/{seq:03d}.{ext}"


class CaptureSteps(WorkflowBase):
    # -- capture --------------------------------------------------------------------------------

    def _next_seq(self, dossier: Dossier, component: Component) -> int:
        on_disk = [
            int(name.rsplit("/", 1)[1].split(".")[0])
            for name in self.ctx.workspace.names(dossier.local_ref)
            if name.startswith(f"pages/{component.key}/")
        ]
        return max([0, *on_disk, *(p.seq for p in component.pages)]) + 1

    def add_page(
        self,
        dossier: Dossier,
        component_key: str,
        image: bytes,
        meta: PageMeta,
        *,
        duration_ms: int | None = None,
    ) -> Page:
        """Store one scanned page: the sealed file is on disk before the row and the event."""
        self._require(dossier, *EDITABLE_STATES)
        component = dossier.component(component_key)
        with self._page_files(dossier.local_ref):
            seq = self._next_seq(dossier, component)
            name = page_name(component_key, seq, meta.ext)
            self.ctx.workspace.write(dossier.local_ref, name, image)
            with self._step(dossier) as (conn, current):
                self._require(current, *EDITABLE_STATES)
                self._back_to_capture(conn, current, "page_added")
                self._record_page(
                    conn, current, current.component(component_key), seq, name, meta, duration_ms
                )
        return dossier.component(component_key).pages[-1]

    def record_sanitised(self, dossier: Dossier, component_key: str, file: str, removed: list[str]) -> None:
        """An imported PDF had active content (scripts, actions, attachments, forms) taken out
        before it was stored (`scanner.pdf.sanitize`): for the audit, and shown to the officer."""
        dossier.component(component_key)
        with self._step(dossier) as (conn, current):
            entry = {"component_key": component_key, "file": file, "removed": removed}
            details = {**current.details, "sanitised": [*current.details.get("sanitised", []), entry]}
            self.repo.update_dossier(conn, current, details=details)
            current.details = details
            self.ctx.events.append(
                "pdf_sanitised",
                dossier_ref=current.local_ref,
                payload={"component_key": component_key, "file": file, "removed": removed},
                conn=conn,
            )

    def _invalidate(self, conn: sqlite3.Connection, component: Component) -> None:
        # A changed component must be built and signed again.
        self.repo.update_component(
            conn,
            component,
            status=CS.CAPTURED,
            reused_from=None,
            pdf_name=None,
            signed_name=None,
            pdf_sha256=None,
        )

    def _record_page(
        self,
        conn: sqlite3.Connection,
        dossier: Dossier,
        component: Component,
        seq: int,
        name: str,
        meta: PageMeta,
        duration_ms: int | None,
        recovered: bool = False,
    ) -> None:
        self.repo.insert_page(conn, component, seq, name, meta)
        self._invalidate(conn, component)
        payload: dict[str, Any] = {
            "component_key": component.key,
            "page": seq,
            "dpi": meta.dpi,
            "mode": meta.mode,
            "blank": meta.blank,
        }
        if recovered:
            payload["recovered"] = True
        self._event(conn, dossier, "page_scanned", payload, duration_ms)

    def _leftover_pages(self, dossier: Dossier) -> list[str]:
        """Page files in the workspace with no row in `dossier`."""
        known = {p.file_name for c in dossier.components for p in c.pages}
        return [
            name
            for name in self.ctx.workspace.names(dossier.local_ref)
            if len(name.split("/")) == 3 and name.startswith("pages/") and name not in known
        ]

    def _adopt_orphan_pages(self, dossier: Dossier) -> None:
        if not self._leftover_pages(dossier):
            return
        with self._page_files(dossier.local_ref):
            # A writer may have recorded its page while this waited: only what is still a leftover.
            dossier.__dict__.update(self.repo.load(dossier.local_ref).__dict__)
            for name in self._leftover_pages(dossier):
                self._adopt_page(dossier, name)

    def _adopt_page(self, dossier: Dossier, name: str) -> None:
        parts = name.split("/")
        try:
            component = dossier.component(parts[1])
            seq = int(parts[2].split(".")[0])
            data = self.ctx.workspace.read(dossier.local_ref, name)
            if name.endswith(".pdf"):  # a born-digital PDF kept as it came
                meta = PageMeta(0, 0, 0, "pdf", False, "pdf")
            else:
                meta = _image_meta(data, self.ctx.config.get("scanner.dpi"), parts[2].rsplit(".", 1)[-1])
        except Exception:  # an unreadable leftover must not stop the dossier from opening
            log.warning("dossier %s: leftover page file %s could not be adopted", dossier.local_ref, name)
            return
        with self._step(dossier) as (conn, current):
            self._back_to_capture(conn, current, "page_recovered")
            self._record_page(conn, current, current.component(component.key), seq, name, meta, 0, True)
        log.info("dossier %s: adopted page %s written before a crash", dossier.local_ref, name)

    def remove_page(self, dossier: Dossier, component_key: str, seq: int) -> Dossier:
        self._require(dossier, *EDITABLE_STATES)
        page = next((p for p in dossier.component(component_key).pages if p.seq == seq), None)
        if page is None:
            raise WorkflowError(f"Không có trang {seq} trong thành phần này.", code="page_missing")
        # File first: a crash in between leaves a row whose file is gone (rescan), never a deleted
        # page that comes back on restart.
        self.ctx.workspace.delete(dossier.local_ref, page.file_name)
        with self._step(dossier) as (conn, current):
            self._back_to_capture(conn, current, "page_removed")
            component = current.component(component_key)
            self.repo.delete_page(conn, page)
            left = len(component.pages) - 1
            self.repo.update_component(
                conn,
                component,
                status=CS.CAPTURED if left else CS.PENDING,
                pdf_name=None,
                signed_name=None,
                pdf_sha256=None,
            )
        return dossier

    def page_image(self, dossier: Dossier, page: Page) -> bytes:
        return self.ctx.workspace.read(dossier.local_ref, page.file_name)

    def reusable_components(self, dossier: Dossier) -> list[ReusableComponent]:
        """Signed components of the citizen's earlier dossiers that this procedure may reuse."""
        if dossier.citizen is None or dossier.procedure_code is None:
            return []
        reusable = {c.key for c in self.procedure_of(dossier).components if c.reusable}
        found: dict[str, ReusableComponent] = {}
        for candidate in self.repo.signed_components_of_citizen(dossier.citizen, dossier.id):
            if candidate.key in reusable:
                found.setdefault(candidate.key, candidate)  # the most recent one per key
        return list(found.values())

    def reuse_component(self, dossier: Dossier, component_key: str, source_component_id: int) -> Dossier:
        """Copy an earlier signed component of the same citizen instead of rescanning (recorded, KPI 4.3)."""
        self._require(dossier, *EDITABLE_STATES)
        spec = self.procedure_of(dossier).component(component_key)
        if not spec.reusable:
            raise WorkflowError(
                f"Thành phần «{spec.name}» không được tái sử dụng theo danh mục thủ tục.",
                "Quét bản giấy công dân mang đến.",
                code="reuse_not_allowed",
            )
        source_ref, signed_name, citizen_id, _ = self.repo.component_origin(source_component_id)
        if dossier.citizen is None or citizen_id != dossier.citizen.id:
            raise WorkflowError(
                "Chỉ được tái sử dụng giấy tờ của chính công dân đứng tên hồ sơ.",
                "Chọn giấy tờ trong danh sách hồ sơ trước đây của công dân này.",
                code="reuse_other_citizen",
            )
        data = self.ctx.workspace.read(source_ref, signed_name)
        name = f"signed/{component_key}.pdf"
        self.ctx.workspace.write(dossier.local_ref, name, data)
        with self._step(dossier) as (conn, current):
            self._back_to_capture(conn, current, "component_reused")
            component = current.component(component_key)
            self.repo.update_component(
                conn,
                component,
                status=CS.REUSED,
                reused_from=source_component_id,
                pdf_name=name,
                signed_name=name,
                pdf_sha256=hashlib.sha256(data).hexdigest(),
            )
            self._event(
                conn,
                current,
                "component_reused",
                {
                    "component_key": component_key,
                    "reused_from": source_ref,
                    "reused_component_id": source_component_id,
                },
            )
            self._event(
                conn,
                current,
                "component_digitized",
                {
                    "component_key": component_key,
                    "pages": 0,
                    "bytes": len(data),
                    "attached": True,
                    "reused": True,
                },
            )
        return dossier

    def mark_not_provided(self, dossier: Dossier, component_key: str) -> Dossier:
        self._require(dossier, *EDITABLE_STATES)
        with self._step(dossier) as (conn, current):
            component = current.component(component_key)
            if component.pages:
                raise WorkflowError(
                    "Thành phần này đã có trang quét.",
                    "Xóa các trang đã quét trước khi đánh dấu «không nộp».",
                    code="component_has_pages",
                )
            self._back_to_capture(conn, current, "component_not_provided")
            self.repo.update_component(
                conn, component, status=CS.NOT_PROVIDED, reused_from=None, pdf_name=None, signed_name=None
            )
            self._event(
                conn,
                current,
                "component_not_provided",
                {"component_key": component_key, "required": component.required},
            )
        return dossier

    def mark_original_seen(self, dossier: Dossier, component_key: str, seen: bool = True) -> Dossier:
        with self._step(dossier) as (conn, current):
            self.repo.update_component(conn, current.component(component_key), original_seen=int(seen))
        return dossier

    def complete_capture(self, dossier: Dossier) -> Dossier:
        """End of scanning: every required component is scanned, reused or marked not provided."""
        with self._step(dossier) as (conn, current):
            self._require(current, S.PROCEDURE_CHOSEN)
            missing = [c.name for c in current.components if c.required and c.status is CS.PENDING]
            if missing:
                raise WorkflowError(
                    "Còn thành phần bắt buộc chưa số hóa: " + "; ".join(missing) + ".",
                    "Quét các thành phần này, chọn tái sử dụng, hoặc đánh dấu «không nộp» rồi yêu cầu bổ sung.",
                    code="components_missing",
                )
            for component in current.components:
                if component.status is CS.PENDING:  # optional and not brought: not applicable
                    self.repo.update_component(conn, component, status=CS.NOT_PROVIDED)
                    self._event(
                        conn,
                        current,
                        "component_not_provided",
                        {"component_key": component.key, "required": False},
                        0,
                    )
            self._move(conn, current, S.COMPONENTS_CAPTURED)
        return dossier
