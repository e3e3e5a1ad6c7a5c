"""Saving and loading dossiers, components, pages and sealed citizens in the schema-1.0 tables.

Every write takes the caller's connection, so that `counter_app.workflow` puts a state change,
its rows and its events in one transaction. Citizens are stored sealed: `citizens.payload_enc`
is the AES-GCM sealed JSON of the ID card fields, bound to the row's `id_tag` (a keyed hash of
the ID number), so a name or ID number never reaches the database file in the clear.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Any

from common import clock
from counter_app.applicant import Applicant, ApplicantKind, Representative, RepresentativeRole
from counter_app.citizen import CitizenId, CitizenWarning
from counter_app.dossier import (
    Channel,
    CitizenRef,
    Component,
    ComponentStatus,
    Dossier,
    DossierState,
    Page,
    WorkflowError,
    local_day_bounds,
)
from counter_app.storage.crypto import DataKey, applicant_context, citizen_context
from counter_app.storage.db import Database, utc_now

_DOSSIER_COLUMNS = {
    "state",
    "citizen_id",
    "procedure_code",
    "channel",
    "portal_code",
    "received_at",
    "appointment_date",
    "fee",
    "payment_method",
    "return_method",
}
_COMPONENT_COLUMNS = {"status", "reused_from", "original_seen", "pdf_name", "signed_name", "pdf_sha256"}


@dataclass(frozen=True)
class DossierSummary:
    """One line of a list (today's dossiers, a citizen's earlier dossiers): no personal data."""

    local_ref: str
    state: DossierState
    procedure_code: str | None
    portal_code: str | None
    officer: str | None
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class ReusableComponent:
    """A signed component of an earlier dossier of the same citizen, offered for reuse."""

    key: str
    name: str
    component_id: int
    dossier_ref: str
    procedure_code: str | None
    pages: int
    signed_at: str


def citizen_to_json(citizen: CitizenId) -> bytes:
    data = citizen.as_dict()
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def citizen_from_json(blob: bytes) -> CitizenId:
    data = json.loads(blob.decode("utf-8"))
    return CitizenId(
        id_number=data["id_number"],
        old_id_number=data["old_id_number"],
        full_name=data["full_name"],
        date_of_birth=date.fromisoformat(data["date_of_birth"]) if data["date_of_birth"] else None,
        sex=data["sex"],
        address=data["address"],
        issue_date=date.fromisoformat(data["issue_date"]) if data["issue_date"] else None,
        extra=tuple(data.get("extra", ())),
        warnings=tuple(CitizenWarning(w["code"], w["message"]) for w in data.get("warnings", ())),
        raw=data.get("raw", ""),
    )


class Repository:
    def __init__(self, db: Database, key: DataKey) -> None:
        self.db = db
        self.key = key

    # -- citizens -------------------------------------------------------------------------------

    def save_citizen(self, conn: sqlite3.Connection, citizen: CitizenId) -> CitizenRef:
        """Insert or refresh (a newer card) the sealed citizen; the ID number is found by its tag."""
        tag = self.key.lookup_tag(citizen.id_number)
        sealed = self.key.seal(citizen_to_json(citizen), citizen_context(tag))
        now = utc_now()
        conn.execute(
            "INSERT INTO citizens (id_tag, payload_enc, created_at, updated_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(id_tag) DO UPDATE SET payload_enc = excluded.payload_enc,"
            " updated_at = excluded.updated_at",
            (tag, sealed, now, now),
        )
        row = conn.execute("SELECT id FROM citizens WHERE id_tag = ?", (tag,)).fetchone()
        return CitizenRef(int(row["id"]), tag)

    def find_citizen(self, id_number: str) -> CitizenRef | None:
        tag = self.key.lookup_tag(id_number.strip())
        row = self.db.connection().execute("SELECT id FROM citizens WHERE id_tag = ?", (tag,)).fetchone()
        return CitizenRef(int(row["id"]), tag) if row else None

    def load_citizen(self, ref: CitizenRef) -> CitizenId:
        row = (
            self.db.connection()
            .execute("SELECT id_tag, payload_enc FROM citizens WHERE id = ?", (ref.id,))
            .fetchone()
        )
        if row is None:
            raise WorkflowError(f"Không tìm thấy công dân #{ref.id}.", code="citizen_missing")
        return citizen_from_json(self.key.open(bytes(row["payload_enc"]), citizen_context(row["id_tag"])))

    # -- dossiers -------------------------------------------------------------------------------

    def create_dossier(
        self, conn: sqlite3.Connection, office_code: str, officer: str, channel: Channel, details: dict
    ) -> str:
        now = utc_now()
        day = clock.today()
        # A daily serial (local day) for the officer's eye, and a random suffix so two counters of
        # one office never produce the same reference before the portal issues the real code.
        start, end = local_day_bounds(day)
        serial = conn.execute(
            "SELECT COUNT(*) FROM dossiers WHERE office_code = ? AND created_at >= ? AND created_at < ?",
            (office_code, start, end),
        ).fetchone()[0]
        local_ref = f"HS{day:%Y%m%d}-{serial + 1:04d}-{secrets.token_hex(2)}"
        officer_row = conn.execute("SELECT id FROM officers WHERE username = ?", (officer,)).fetchone()
        conn.execute(
            "INSERT INTO dossiers (local_ref, office_code, officer_id, channel, state, details_json,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                local_ref,
                office_code,
                officer_row["id"] if officer_row else None,
                int(channel),
                DossierState.DRAFT.value,
                json.dumps(details, ensure_ascii=False),
                now,
                now,
            ),
        )
        return local_ref

    def update_dossier(
        self,
        conn: sqlite3.Connection,
        dossier: Dossier,
        *,
        details: dict[str, Any] | None = None,
        **columns: Any,
    ) -> None:
        unknown = set(columns) - _DOSSIER_COLUMNS
        if unknown:
            raise ValueError(f"not dossier columns: {unknown}")
        values = {k: (v.value if hasattr(v, "value") else v) for k, v in columns.items()}
        if details is not None:
            values["details_json"] = json.dumps(details, ensure_ascii=False)
        values["updated_at"] = utc_now()
        assignments = ", ".join(f"{k} = ?" for k in values)
        conn.execute(f"UPDATE dossiers SET {assignments} WHERE id = ?", (*values.values(), dossier.id))

    def load(self, local_ref: str, conn: sqlite3.Connection | None = None) -> Dossier:
        conn = conn or self.db.connection()
        row = conn.execute("SELECT * FROM dossiers WHERE local_ref = ?", (local_ref,)).fetchone()
        if row is None:
            raise WorkflowError(
                f"Không tìm thấy hồ sơ {local_ref}.",
                "Kiểm tra mã hồ sơ nội bộ trong danh sách hồ sơ hôm nay.",
                code="dossier_missing",
            )
        citizen = self._citizen_ref(conn, row["citizen_id"])
        dossier = Dossier(
            id=int(row["id"]),
            local_ref=row["local_ref"],
            office_code=row["office_code"],
            state=DossierState(row["state"]),
            channel=Channel(row["channel"]),
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            citizen=citizen,
            procedure_code=row["procedure_code"],
            portal_code=row["portal_code"],
            received_at=row["received_at"],
            appointment_date=row["appointment_date"],
            fee=int(row["fee"]),
            payment_method=row["payment_method"],
            return_method=row["return_method"],
            details=json.loads(row["details_json"]),
            applicant_kind=ApplicantKind(row["applicant_kind"]),
            representative=self._citizen_ref(conn, row["representative_id"]),
            representative_role=RepresentativeRole(row["representative_role"])
            if row["representative_role"]
            else None,
        )
        dossier.components = self._components(conn, dossier.id)
        return dossier

    @staticmethod
    def _citizen_ref(conn: sqlite3.Connection, citizen_id: int | None) -> CitizenRef | None:
        if citizen_id is None:
            return None
        tag = conn.execute("SELECT id_tag FROM citizens WHERE id = ?", (citizen_id,)).fetchone()
        return CitizenRef(int(citizen_id), tag["id_tag"])

    # -- applicant and representative -----------------------------------------------------------

    def save_applicant(
        self, conn: sqlite3.Connection, dossier: Dossier, applicant: Applicant
    ) -> CitizenRef | None:
        """Store the applicant in the dossier row: an individual as a sealed citizen (`citizen_id`),
        an organisation or agency in the clear (not personal data), a foreigner sealed."""
        clear: str | None = None
        sealed: bytes | None = None
        ref: CitizenRef | None = None
        if applicant.kind is ApplicantKind.INDIVIDUAL:
            assert applicant.citizen is not None
            ref = self.save_citizen(conn, applicant.citizen)
        elif applicant.kind.personal:
            data = json.dumps(applicant.data(), ensure_ascii=False).encode("utf-8")
            sealed = self.key.seal(data, applicant_context(dossier.local_ref))
        else:
            clear = json.dumps(applicant.data(), ensure_ascii=False)
        conn.execute(
            "UPDATE dossiers SET applicant_kind = ?, applicant_json = ?, applicant_enc = ?, citizen_id = ?,"
            " updated_at = ? WHERE id = ?",
            (applicant.kind.value, clear, sealed, ref.id if ref else None, utc_now(), dossier.id),
        )
        return ref

    def load_applicant(self, dossier: Dossier, conn: sqlite3.Connection | None = None) -> Applicant | None:
        """The dossier's applicant; None when it has none yet or its personal data was purged."""
        if dossier.applicant_kind is ApplicantKind.INDIVIDUAL:
            return Applicant.individual(self.load_citizen(dossier.citizen)) if dossier.citizen else None
        conn = conn or self.db.connection()
        row = conn.execute(
            "SELECT applicant_json, applicant_enc FROM dossiers WHERE id = ?", (dossier.id,)
        ).fetchone()
        if row["applicant_json"]:
            return Applicant.from_data(dossier.applicant_kind, json.loads(row["applicant_json"]))
        if row["applicant_enc"]:
            blob = self.key.open(bytes(row["applicant_enc"]), applicant_context(dossier.local_ref))
            return Applicant.from_data(dossier.applicant_kind, json.loads(blob.decode("utf-8")))
        return None

    def save_representative(
        self, conn: sqlite3.Connection, dossier: Dossier, representative: Representative | None
    ) -> CitizenRef | None:
        ref = self.save_citizen(conn, representative.citizen) if representative else None
        conn.execute(
            "UPDATE dossiers SET representative_id = ?, representative_role = ?, updated_at = ? WHERE id = ?",
            (
                ref.id if ref else None,
                representative.role.value if representative else None,
                utc_now(),
                dossier.id,
            ),
        )
        return ref

    def load_representative(self, dossier: Dossier) -> Representative | None:
        if dossier.representative is None or dossier.representative_role is None:
            return None
        return Representative(self.load_citizen(dossier.representative), dossier.representative_role)

    def _components(self, conn: sqlite3.Connection, dossier_id: int) -> list[Component]:
        pages: dict[int, list[Page]] = {}
        for p in conn.execute(
            "SELECT p.* FROM pages p JOIN components c ON c.id = p.component_id"
            " WHERE c.dossier_id = ? ORDER BY p.component_id, COALESCE(p.position, p.seq), p.seq",
            (dossier_id,),
        ):
            pages.setdefault(int(p["component_id"]), []).append(
                Page(
                    int(p["id"]),
                    int(p["seq"]),
                    p["file_name"],
                    int(p["width"]),
                    int(p["height"]),
                    int(p["dpi"]),
                    p["mode"],
                    bool(p["blank"]),
                    p["created_at"],
                )
            )
        return [
            Component(
                id=int(c["id"]),
                key=c["key"],
                name=c["name"],
                required=bool(c["required"]),
                status=ComponentStatus(c["status"]),
                reused_from=c["reused_from"],
                original_seen=bool(c["original_seen"]),
                pdf_name=c["pdf_name"],
                signed_name=c["signed_name"],
                pdf_sha256=c["pdf_sha256"],
                pages=pages.get(int(c["id"]), []),
            )
            for c in conn.execute("SELECT * FROM components WHERE dossier_id = ? ORDER BY id", (dossier_id,))
        ]

    # -- components and pages -------------------------------------------------------------------

    def replace_components(
        self, conn: sqlite3.Connection, dossier: Dossier, specs: list[tuple[str, str, bool]]
    ) -> None:
        conn.execute("DELETE FROM components WHERE dossier_id = ?", (dossier.id,))
        conn.executemany(
            "INSERT INTO components (dossier_id, key, name, required) VALUES (?, ?, ?, ?)",
            [(dossier.id, key, name, int(required)) for key, name, required in specs],
        )

    def update_component(self, conn: sqlite3.Connection, component: Component, **columns: Any) -> None:
        unknown = set(columns) - _COMPONENT_COLUMNS
        if unknown:
            raise ValueError(f"not component columns: {unknown}")
        values = {k: (v.value if hasattr(v, "value") else v) for k, v in columns.items()}
        assignments = ", ".join(f"{k} = ?" for k in values)
        conn.execute(f"UPDATE components SET {assignments} WHERE id = ?", (*values.values(), component.id))

    def insert_page(
        self,
        conn: sqlite3.Connection,
        component: Component,
        seq: int,
        file_name: str,
        meta: Any,
        position: int | None = None,
    ) -> None:
        """Insert a page row; `position` None puts it after the component's last page."""
        if position is None:
            row = conn.execute(
                "SELECT COALESCE(MAX(COALESCE(position, seq)), 0) + 1 FROM pages WHERE component_id = ?",
                (component.id,),
            ).fetchone()
            position = int(row[0])
        conn.execute(
            "INSERT INTO pages (component_id, seq, file_name, width, height, dpi, mode, blank, created_at,"
            " position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                component.id,
                seq,
                file_name,
                meta.width,
                meta.height,
                meta.dpi,
                meta.mode,
                int(meta.blank),
                utc_now(),
                position,
            ),
        )

    def set_page_positions(self, conn: sqlite3.Connection, positions: list[tuple[int, int]]) -> None:
        """(page id, position) pairs, written together."""
        conn.executemany("UPDATE pages SET position = ? WHERE id = ?", [(pos, pid) for pid, pos in positions])

    def delete_page(self, conn: sqlite3.Connection, page: Page) -> None:
        conn.execute("DELETE FROM pages WHERE id = ?", (page.id,))

    # -- lists ----------------------------------------------------------------------------------

    def _summaries(self, where: str, params: tuple) -> list[DossierSummary]:
        rows = self.db.connection().execute(
            "SELECT d.local_ref, d.state, d.procedure_code, d.portal_code, o.username, d.created_at,"
            f" d.updated_at FROM dossiers d LEFT JOIN officers o ON o.id = d.officer_id WHERE {where}"
            " ORDER BY d.created_at DESC",
            params,
        )
        return [DossierSummary(r[0], DossierState(r[1]), r[2], r[3], r[4], r[5], r[6]) for r in rows]

    def dossiers_of_citizen(self, citizen: CitizenRef, *, exclude: str | None = None) -> list[DossierSummary]:
        return self._summaries("d.citizen_id = ? AND d.local_ref != ?", (citizen.id, exclude or ""))

    def dossiers_created_on(self, day: date) -> list[DossierSummary]:
        """The dossiers created on a local (Vietnamese) day; timestamps are stored in UTC."""
        return self._summaries("d.created_at >= ? AND d.created_at < ?", local_day_bounds(day))

    def signed_components_of_citizen(
        self, citizen: CitizenRef, exclude_dossier: int
    ) -> list[ReusableComponent]:
        rows = self.db.connection().execute(
            "SELECT c.id, c.key, c.name, d.local_ref, d.procedure_code, d.updated_at,"
            " (SELECT COUNT(*) FROM pages p WHERE p.component_id = c.id) AS pages"
            " FROM components c JOIN dossiers d ON d.id = c.dossier_id"
            " WHERE d.citizen_id = ? AND d.id != ? AND d.state != 'cancelled'"
            " AND c.signed_name IS NOT NULL ORDER BY d.created_at DESC, c.id",
            (citizen.id, exclude_dossier),
        )
        return [
            ReusableComponent(
                r["key"],
                r["name"],
                int(r["id"]),
                r["local_ref"],
                r["procedure_code"],
                r["pages"],
                r["updated_at"],
            )
            for r in rows
        ]

    def component_origin(self, component_id: int) -> tuple[str, str, int, int | None]:
        """(dossier_ref, signed file name, dossier citizen id, reused_from) of a stored component."""
        row = (
            self.db.connection()
            .execute(
                "SELECT d.local_ref, c.signed_name, d.citizen_id, c.reused_from FROM components c"
                " JOIN dossiers d ON d.id = c.dossier_id WHERE c.id = ?",
                (component_id,),
            )
            .fetchone()
        )
        if row is None or row["signed_name"] is None:
            raise WorkflowError(
                "Thành phần hồ sơ được chọn để tái sử dụng không còn tệp đã ký.",
                "Quét lại thành phần này.",
                code="reuse_source_missing",
            )
        return row["local_ref"], row["signed_name"], row["citizen_id"], row["reused_from"]
