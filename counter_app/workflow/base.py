"""The workflow's plumbing (one transaction per step, events, allowed moves) and its first steps:
starting a dossier, identifying the citizen, choosing the procedure, and the exits from the happy
path (supplement, cancel). See `counter_app.workflow` for the whole API."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from counter_app.applicant import Applicant, ApplicantKind, Representative
from counter_app.catalog import Catalog, Procedure, configured_catalog
from counter_app.citizen import CitizenId
from counter_app.context import AppContext
from counter_app.dossier import (
    Channel,
    ComponentStatus,
    Dossier,
    DossierState,
    WorkflowError,
)
from counter_app.dossier_moves import move_dossier, ms_between
from counter_app.portal.adapters import declares_progress
from counter_app.portal.outbox import Outbox
from counter_app.portal.progress import REPORTED_MOVES
from counter_app.read_models import DossierRow, state_label, today_dossiers
from counter_app.repository import DossierSummary, Repository
from counter_app.storage.db import utc_now

S = DossierState
CS = ComponentStatus
# The chip's two: its data proven the issuer's (passive authentication), or read without the CSCA
# certificates to prove it (issue #23 asks the audit to tell them apart).
IDENTIFY_METHODS = ("qr_camera", "qr_image", "qr_reader", "mrz", "chip_pa_ok", "chip_no_csca", "manual")
# Steps back to capturing when a page or component changes after capture ended.
_RECAPTURE_FROM = frozenset({S.COMPONENTS_CAPTURED, S.PDFS_BUILT, S.SIGNED, S.NEEDS_SUPPLEMENT})
# (data folder, dossier) -> the lock of its page files (`WorkflowBase._page_files`)
_PAGE_FILES: dict[tuple[str, str], threading.RLock] = {}
_PAGE_FILES_GUARD = threading.Lock()


class WorkflowBase:
    def __init__(self, ctx: AppContext, catalog: Catalog | None = None) -> None:
        self.ctx = ctx
        self.repo = Repository(ctx.db, ctx.data_key)
        self.catalog = catalog or configured_catalog(ctx.paths, ctx.config)

    # -- plumbing -------------------------------------------------------------------------------

    @contextmanager
    def _page_files(self, local_ref: str) -> Iterator[None]:
        """Held from a page's file written to its row recorded, and while an opening adopts
        leftover files: in between, an opening on another thread (the thumbnails of the component
        the officer moved to while pages are imported) would take the file for a crash's leftover
        and record it first. Within this process; another process opening the dossier at that
        very moment can still adopt the page, and the writer then fails with a known error."""
        key = (str(self.ctx.paths.data_dir), local_ref)
        with _PAGE_FILES_GUARD:
            lock = _PAGE_FILES.setdefault(key, threading.RLock())
        with lock:
            yield

    @contextmanager
    def _step(self, dossier: Dossier) -> Iterator[tuple[sqlite3.Connection, Dossier]]:
        """One transaction on the stored dossier (not the caller's possibly stale copy), then refresh."""
        with self.ctx.db.transaction() as conn:
            yield conn, self.repo.load(dossier.local_ref, conn)
        dossier.__dict__.update(self.repo.load(dossier.local_ref).__dict__)

    def _fact(self, conn: sqlite3.Connection, dossier: Dossier, kind: str, payload: dict[str, Any]) -> None:
        """An event that is not a timed step (no duration: the step-time report leaves it out)."""
        self.ctx.events.append(kind, dossier_ref=dossier.local_ref, payload=payload, conn=conn)

    def _event(
        self,
        conn: sqlite3.Connection,
        dossier: Dossier,
        kind: str,
        payload: dict[str, Any],
        duration_ms: int | None = None,
    ) -> None:
        if duration_ms is None:
            duration_ms = ms_between(dossier.state_entered_at, utc_now())
        self.ctx.events.append(
            kind, dossier_ref=dossier.local_ref, duration_ms=duration_ms, payload=payload, conn=conn
        )

    def _move(
        self,
        conn: sqlite3.Connection,
        dossier: Dossier,
        to: DossierState,
        *,
        reason: str | None = None,
        **columns: Any,
    ) -> None:
        move_dossier(conn, self.ctx.events, self.repo, dossier, to, reason=reason, **columns)
        if dossier.portal_code and to in REPORTED_MOVES and declares_progress(self.ctx.config):
            # The portal holds this dossier: the change is reported to it, committed with the move.
            Outbox(self.ctx.db, self.ctx.events, data_key=self.ctx.data_key).queue_progress_in(
                conn,
                dossier.local_ref,
                portal_code=dossier.portal_code,
                status=REPORTED_MOVES[to],
                officer=self.ctx.config.get("officer.full_name"),
                note=reason or "",
            )

    def _require(self, dossier: Dossier, *states: DossierState) -> None:
        if dossier.state not in states:
            allowed = ", ".join(f"«{state_label(s)}»" for s in states)
            raise WorkflowError(
                f"Hồ sơ {dossier.local_ref} đang ở bước «{state_label(dossier.state)}»; thao tác này chỉ làm được ở bước {allowed}.",
                "Quay về đúng bước trong màn hình hồ sơ.",
                code="wrong_state",
            )

    def _back_to_capture(self, conn: sqlite3.Connection, dossier: Dossier, reason: str) -> None:
        if dossier.state in _RECAPTURE_FROM:
            self._move(conn, dossier, S.PROCEDURE_CHOSEN, reason=reason)

    # -- dossiers -------------------------------------------------------------------------------

    def start(self, channel: Channel = Channel.IN_PERSON) -> Dossier:
        with self.ctx.db.transaction() as conn:
            now = utc_now()
            local_ref = self.repo.create_dossier(
                conn, self.ctx.events.office_code, self.ctx.events.officer, channel, {"state_entered_at": now}
            )
            self.ctx.events.append(
                "dossier_created",
                dossier_ref=local_ref,
                duration_ms=0,
                payload={"channel": int(channel)},
                conn=conn,
            )
            self.ctx.events.append(
                "status_changed",
                dossier_ref=local_ref,
                duration_ms=0,
                payload={"from_state": None, "to_state": S.DRAFT.value},
                conn=conn,
            )
        return self.repo.load(local_ref)

    def today(self) -> list[DossierRow]:
        """The office's dossiers created today (`counter_app.read_models.today_dossiers`)."""
        return today_dossiers(self.ctx.db)

    def read_file(self, dossier: Dossier, name: str) -> bytes:
        return self.ctx.workspace.read(dossier.local_ref, name)

    # -- citizen --------------------------------------------------------------------------------

    def identify(
        self,
        dossier: Dossier,
        citizen: CitizenId,
        *,
        method: str = "qr_image",
        civil_servant: bool = False,
        representative: Representative | None = None,
    ) -> Dossier:
        """Attach the citizen (sealed) to the dossier as its individual applicant, and the
        representative acting for them if any; a returning citizen is recognised by ID number."""
        if method not in IDENTIFY_METHODS:
            raise ValueError(f"method must be one of {IDENTIFY_METHODS}")
        with self._step(dossier) as (conn, current):
            self._require(current, S.DRAFT, S.CITIZEN_IDENTIFIED)
            ref = self.repo.save_applicant(conn, current, Applicant.individual(citizen))
            assert ref is not None
            self.repo.save_representative(conn, current, representative)
            earlier = conn.execute(
                "SELECT COUNT(*) FROM dossiers WHERE citizen_id = ? AND id != ?", (ref.id, current.id)
            ).fetchone()[0]
            self._record_identity(
                conn,
                current,
                ApplicantKind.INDIVIDUAL,
                representative,
                method=method,
                civil_servant=civil_servant,
                earlier=earlier,
                warnings=[w.code for w in citizen.warnings],
                citizen_id=ref.id,
            )
        return dossier

    def _record_identity(
        self,
        conn: sqlite3.Connection,
        current: Dossier,
        kind: ApplicantKind,
        representative: Representative | None,
        *,
        method: str,
        civil_servant: bool,
        earlier: int,
        warnings: list[str],
        citizen_id: int | None = None,
    ) -> None:
        """The identification's details, its `citizen_identified` event (the applicant's kind and
        the representative's role, never their data: events are pseudonymous) and the move out of
        the draft, for an applicant of any kind already saved in this transaction."""
        details = {**current.details, "identify_method": method, "civil_servant": civil_servant}
        columns = {} if citizen_id is None else {"citizen_id": citizen_id}
        self.repo.update_dossier(conn, current, details=details, **columns)
        current.details = details
        self._event(
            conn,
            current,
            "citizen_identified",
            {
                "method": method,
                "civil_servant": civil_servant,
                "returning": earlier > 0,
                "earlier_dossiers": earlier,
                "warnings": warnings,
                "applicant_kind": kind.value,
                "representative_role": representative.role.value if representative else None,
            },
        )
        if current.state is S.DRAFT:
            self._move(conn, current, S.CITIZEN_IDENTIFIED)

    def citizen_of(self, dossier: Dossier) -> CitizenId:
        if dossier.citizen is None and "purged" in dossier.details:
            raise WorkflowError(
                f"Dữ liệu cá nhân của hồ sơ {dossier.local_ref} đã được xóa (hết thời hạn lưu hoặc theo yêu cầu).",
                "Hồ sơ vẫn còn trên hệ thống giải quyết thủ tục hành chính; tra cứu ở đó theo mã hồ sơ.",
                code="dossier_purged",
            )
        if dossier.citizen is None:
            raise WorkflowError(
                "Hồ sơ chưa có công dân."
                if dossier.applicant_kind is ApplicantKind.INDIVIDUAL
                else f"Người nộp hồ sơ là {dossier.applicant_kind.label.lower()}, không phải công dân có thẻ căn cước.",
                "Đọc thẻ căn cước trước.",
                code="citizen_missing",
            )
        return self.repo.load_citizen(dossier.citizen)

    def earlier_dossiers(self, dossier: Dossier) -> list[DossierSummary]:
        if dossier.citizen is None:
            return []
        return self.repo.dossiers_of_citizen(dossier.citizen, exclude=dossier.local_ref)

    def record_guided(self, dossier: Dossier, guided_to: str) -> Dossier:
        """The officer guided the citizen to online filing (VNeID, the portal): target 100 %."""
        with self._step(dossier) as (conn, current):
            details = {**current.details, "guided_to": guided_to}
            self.repo.update_dossier(conn, current, details=details)
            self._event(conn, current, "citizen_guided", {"guided_to": guided_to})
        return dossier

    # -- procedure ------------------------------------------------------------------------------

    def choose_procedure(self, dossier: Dossier, code: str) -> Dossier:
        procedure = self.catalog.get(code)
        with self._step(dossier) as (conn, current):
            self._require(current, S.CITIZEN_IDENTIFIED, S.PROCEDURE_CHOSEN)
            procedure.require_applicant_kind(current.applicant_kind)
            if any(c.pages or c.status is CS.REUSED for c in current.components):
                raise WorkflowError(
                    "Hồ sơ đã có trang quét; không đổi thủ tục được.",
                    "Hủy hồ sơ này và tạo hồ sơ mới cho thủ tục khác.",
                    code="procedure_locked",
                )
            specs = procedure.components_for(current.representative_role)  # with the authorisation
            self.repo.replace_components(conn, current, [(c.key, c.name, c.required) for c in specs])
            self.repo.update_dossier(conn, current, procedure_code=procedure.code, fee=procedure.fee)
            self._event(
                conn,
                current,
                "procedure_chosen",
                {
                    "procedure_code": procedure.code,
                    "fee": procedure.fee,
                    "online_level": procedure.online_level,
                    "processing_days": procedure.processing_days,
                },
            )
            if current.state is S.CITIZEN_IDENTIFIED:
                self._move(conn, current, S.PROCEDURE_CHOSEN)
        return dossier

    def procedure_of(self, dossier: Dossier) -> Procedure:
        if dossier.procedure_code is None:
            raise WorkflowError("Hồ sơ chưa chọn thủ tục.", "Chọn thủ tục trước.", code="procedure_missing")
        return self.catalog.get(dossier.procedure_code)

    # -- exceptions to the happy path -----------------------------------------------------------

    def request_supplement(self, dossier: Dossier, reason: str, missing: list[str] | None = None) -> Dossier:
        """The citizen must bring `missing` (component keys); kept in the dossier's details so the
        components to fix stay marked when it is reopened."""
        with self._step(dossier) as (conn, current):
            self._event(conn, current, "needs_supplement", {"reason": reason, "missing": missing or []})
            current.details = {**current.details, "supplement": {"reason": reason, "missing": missing or []}}
            self._move(conn, current, S.NEEDS_SUPPLEMENT, reason=reason)
        return dossier

    def resume_capture(self, dossier: Dossier) -> Dossier:
        with self._step(dossier) as (conn, current):
            self._move(conn, current, S.PROCEDURE_CHOSEN, reason="supplement")
        return dossier

    def cancel(self, dossier: Dossier, reason: str) -> Dossier:
        with self._step(dossier) as (conn, current):
            self._event(conn, current, "dossier_cancelled", {"reason": reason})
            self._move(conn, current, S.CANCELLED, reason=reason)
        return dossier
