"""What the window lists: today's dossiers and the ones an officer can still continue.

Plain queries over the local database, returning frozen rows ready to show: the state's label
comes from `STATE_LABELS` here, the one set every screen, list and message uses (the intake's
title, «Hồ sơ hôm nay», «Tiếp tục hồ sơ…», the workflow's refusals); the creation time is already in
the office's time (`common.clock`), and the citizen's name, where a list shows it, is unsealed
here. They do SQL and decryption, so the window runs them on its task runner, never on the UI
thread. Days are the office's days (`counter_app.dossier.local_day_bounds`), whatever zone the PC
is set to.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from common import clock
from counter_app.applicant import ApplicantKind
from counter_app.catalog import Catalog, CatalogError
from counter_app.dossier import OPEN_STATES, CitizenRef, DossierState, local_day_bounds
from counter_app.repository import Repository
from counter_app.storage.crypto import DataKey
from counter_app.storage.db import Database

log = logging.getLogger(__name__)

STATE_LABELS: Mapping[DossierState, str] = {
    DossierState.DRAFT: "Mới tạo",
    DossierState.CITIZEN_IDENTIFIED: "Đã xác định công dân",
    DossierState.PROCEDURE_CHOSEN: "Đang số hóa thành phần hồ sơ",
    DossierState.COMPONENTS_CAPTURED: "Đã quét đủ thành phần",
    DossierState.PDFS_BUILT: "Đã tạo tệp PDF",
    DossierState.SIGNED: "Đã ký số",
    DossierState.QUEUED: "Đang chờ gửi lên cổng",
    DossierState.FILED: "Đã nộp trực tuyến",
    DossierState.RECEIPT_PRINTED: "Đã in phiếu tiếp nhận",
    DossierState.NEEDS_SUPPLEMENT: "Cần bổ sung",
    DossierState.CANCELLED: "Đã hủy",
}


def state_label(state: DossierState) -> str:
    """The state as the officer reads it (Vietnamese; the window translates it)."""
    return STATE_LABELS[state]


@dataclass(frozen=True)
class DossierRow:
    """One line of «Hồ sơ hôm nay»: no personal data."""

    local_ref: str
    state: DossierState
    procedure_code: str | None
    portal_code: str | None
    appointment_date: str | None
    officer: str | None
    created_at: str  # UTC, as stored
    created_local: datetime  # the same instant in the office's time
    applicant_kind: ApplicantKind = ApplicantKind.INDIVIDUAL

    @property
    def state_label(self) -> str:
        return state_label(self.state)


@dataclass(frozen=True)
class NamedDossier:
    """A dossier as the officer names it: its row, its procedure's name and the citizen's name
    (a line of «Hồ sơ hôm nay», an entry of «Tiếp tục hồ sơ…», the offer to resume at start)."""

    row: DossierRow
    procedure_name: str
    citizen_name: str

    @property
    def local_ref(self) -> str:
        return self.row.local_ref


def _rows(db: Database, day: date | None, officer: str | None) -> list[tuple[DossierRow, Any]]:
    start, end = local_day_bounds(day or clock.today())
    sql = (
        "SELECT d.local_ref, d.state, d.procedure_code, d.portal_code, d.appointment_date, o.username,"
        " d.created_at, d.citizen_id, c.id_tag, d.applicant_kind FROM dossiers d"
        " LEFT JOIN officers o ON o.id = d.officer_id LEFT JOIN citizens c ON c.id = d.citizen_id"
        " WHERE d.created_at >= ? AND d.created_at < ?"
    )
    params: list[Any] = [start, end]
    if officer is not None:
        sql += " AND o.username = ?"
        params.append(officer)
    out = []
    for r in db.connection().execute(sql + " ORDER BY d.created_at DESC", params):
        row = DossierRow(
            local_ref=r["local_ref"],
            state=DossierState(r["state"]),
            procedure_code=r["procedure_code"],
            portal_code=r["portal_code"],
            appointment_date=r["appointment_date"],
            officer=r["username"],
            created_at=r["created_at"],
            created_local=clock.local(datetime.fromisoformat(r["created_at"])),
            applicant_kind=ApplicantKind(r["applicant_kind"]),
        )
        citizen = CitizenRef(int(r["citizen_id"]), r["id_tag"]) if r["citizen_id"] is not None else None
        out.append((row, citizen))
    return out


def today_dossiers(db: Database, day: date | None = None, officer: str | None = None) -> list[DossierRow]:
    """Dossiers created on the office's `day` (default today), by `officer` if named; newest first."""
    return [row for row, _citizen in _rows(db, day, officer)]


def named_dossiers(
    db: Database,
    key: DataKey,
    catalog: Catalog | None = None,
    day: date | None = None,
    officer: str | None = None,
    *,
    open_only: bool = False,
) -> list[NamedDossier]:
    """The office `day`'s dossiers (default today), by `officer` if named, newest first, with the
    citizen's name unsealed and the procedure's name from `catalog`; only those that can still be
    continued (`OPEN_STATES`) with `open_only`."""
    repo = Repository(db, key)
    out = []
    for row, citizen in _rows(db, day, officer):
        if open_only and row.state not in OPEN_STATES:
            continue
        if (
            row.applicant_kind is not ApplicantKind.INDIVIDUAL
        ):  # an organisation's, agency's, foreigner's name
            applicant = repo.load_applicant(repo.load(row.local_ref))
            name = applicant.name if applicant is not None else ""
        else:
            name = repo.load_citizen(citizen).full_name if citizen is not None else ""
        out.append(NamedDossier(row, _procedure_name(catalog, row.procedure_code), name))
    return out


def resumable_dossiers(
    db: Database,
    key: DataKey,
    catalog: Catalog | None = None,
    day: date | None = None,
    officer: str | None = None,
) -> list[NamedDossier]:
    """Today's dossiers that can still be continued (`OPEN_STATES`), named; newest first."""
    return named_dossiers(db, key, catalog, day, officer, open_only=True)


def applicant_kind_counts(db: Database, day: date | None = None) -> dict[ApplicantKind, int]:
    """How many of the office `day`'s dossiers (default today) are of each applicant kind
    (the dashboard's split; cancelled ones left out)."""
    start, end = local_day_bounds(day or clock.today())
    counts = dict.fromkeys(ApplicantKind, 0)
    for kind, count in db.connection().execute(
        "SELECT applicant_kind, COUNT(*) FROM dossiers WHERE created_at >= ? AND created_at < ?"
        " AND state != 'cancelled' GROUP BY applicant_kind",
        (start, end),
    ):
        counts[ApplicantKind(kind)] = int(count)
    return counts


def _procedure_name(catalog: Catalog | None, code: str | None) -> str:
    if catalog is None or not code:
        return ""
    try:
        return catalog.get(code).name
    except CatalogError:  # a procedure dropped from the catalog since: its code still says which
        log.info("procedure %s is not in the catalog", code)
        return code
