"""The local event log: append-only, hash-chained, the single source of the KPI figures.

Every step of an intake writes one event with time, office, officer, dossier, the step's
duration and a JSON payload. Each event stores the hash of the previous one, and the head
(last sequence number and hash) is kept in `meta`, so an edited, deleted or truncated
event is found by `verify()`. Payloads never carry names or ID numbers: those are personal
data and live sealed in `citizens`; events name the dossier by its local reference.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from counter_app.errors import KnownError
from counter_app.storage.db import Database, utc_now
from portal_contract.events import GENESIS_HASH, HASHED_COLUMNS, event_digest

_HEAD_KEY = "events_head"

# Event kinds and the payload keys each must carry: what KPI computation (domain.md §6)
# and the audit need. Extra keys are allowed.
EVENT_KINDS: Mapping[str, tuple[str, ...]] = {
    "dossier_created": ("channel",),
    "citizen_identified": ("method", "civil_servant"),
    "citizen_guided": ("guided_to",),
    "procedure_chosen": ("procedure_code", "fee", "online_level", "processing_days"),
    "page_scanned": ("component_key", "page", "dpi", "mode", "blank"),
    "page_replaced": ("component_key", "page", "replaced"),
    "pages_reordered": ("component_key", "order"),
    "page_moved": ("component_key", "page", "to_component_key", "to_page"),
    "component_digitized": ("component_key", "pages", "bytes", "attached", "reused"),
    "digitized_black_and_white": ("component_key", "pages"),
    "component_reused": ("component_key", "reused_from"),
    "component_not_provided": ("component_key",),
    "pdf_sanitised": ("component_key", "file", "removed"),  # active content taken out of an imported PDF
    "dossier_signed": ("level", "components", "signer"),
    "account_checked": ("found",),
    "account_created": (),
    "submission_queued": ("idempotency_key",),
    "submitted": ("portal_code", "appointment_date", "channel"),
    "submission_failed": ("reason", "retryable"),
    "submission_retried": ("idempotency_key",),
    "submission_cancelled": ("reason",),
    # A filed dossier's later status change reported to the sync target (counter_app.portal.progress).
    "progress_queued": ("status", "idempotency_key"),
    "progress_reported": ("status", "applicable"),
    "progress_failed": ("reason", "retryable"),
    "progress_retried": ("idempotency_key",),
    "progress_cancelled": ("reason",),
    "fee_paid": ("amount", "payment_channel"),
    "receipt_printed": ("received_at", "appointment_date"),
    "form_printed": ("form", "reprint"),  # Mẫu 01 again, 02, 03, 06 (counter_app.forms.printing)
    "appointment_computed": ("appointment_at", "days", "online"),
    "appointment_mismatch": ("local_date", "portal_date"),
    "status_changed": ("from_state", "to_state"),
    "result_attached": (),
    "dossier_finished": ("finished_at", "waiting_citizen_s"),
    "needs_supplement": ("reason",),
    "dossier_cancelled": ("reason",),
    "officer_login": (),
    "config_changed": ("option",),
    "supervisor_unlocked": ("method",),
    # Personal data duties (counter_app.privacy): who looked at, reprinted, exported or erased what.
    "dossier_viewed": (),
    "citizen_exported": ("dossiers", "files", "bytes", "authorised_by"),
    "citizen_erased": ("dossiers", "files", "bytes", "authorised_by"),
    "dossier_purged": ("reason", "files", "bytes"),
    # The citizen's rating at the counter (Decision 766 group 5): a level, never who gave it.
    "satisfaction_rated": ("level",),
    "satisfaction_skipped": (),
}


class EventError(KnownError):
    code = "event_invalid"


@dataclass(frozen=True)
class Event:
    seq: int
    event_id: str
    ts: str
    kind: str
    office_code: str
    officer: str
    dossier_ref: str | None
    duration_ms: int | None
    payload: dict[str, Any]
    prev_hash: str
    hash: str


def _head(conn: sqlite3.Connection) -> tuple[int, str]:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (_HEAD_KEY,)).fetchone()
    if row is None:
        return 0, GENESIS_HASH
    seq, digest = row[0].split(":", 1)
    return int(seq), digest


class EventLog:
    def __init__(self, db: Database, office_code: str, officer: str) -> None:
        self.db = db
        self.office_code = office_code
        self.officer = officer

    def append(
        self,
        kind: str,
        *,
        dossier_ref: str | None = None,
        duration_ms: int | None = None,
        payload: Mapping[str, Any] | None = None,
        ts: str | None = None,
        conn: sqlite3.Connection | None = None,
    ) -> Event:
        """Append one event; pass `conn` to join a transaction the caller already holds."""
        data = dict(payload or {})
        required = EVENT_KINDS.get(kind)
        if required is None:
            raise EventError(f"Loại sự kiện không xác định: {kind}", code="event_unknown_kind")
        missing = [k for k in required if k not in data]
        if missing:
            raise EventError(f"Sự kiện {kind} thiếu trường: {', '.join(missing)}", code="event_missing_field")
        if conn is None:
            with self.db.transaction() as own:
                return self._insert(own, kind, dossier_ref, duration_ms, data, ts)
        return self._insert(conn, kind, dossier_ref, duration_ms, data, ts)

    def _insert(
        self,
        conn: sqlite3.Connection,
        kind: str,
        dossier_ref: str | None,
        duration_ms: int | None,
        data: dict[str, Any],
        ts: str | None,
    ) -> Event:
        _, prev_hash = _head(conn)
        event_id = str(uuid.uuid4())
        ts = ts or utc_now()
        payload_text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        row = (event_id, ts, kind, self.office_code, self.officer, dossier_ref, duration_ms, payload_text)
        digest = event_digest(prev_hash, *row)
        cur = conn.execute(
            "INSERT INTO events (event_id, ts, kind, office_code, officer, dossier_ref, duration_ms,"
            " payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*row, prev_hash, digest),
        )
        seq = int(cur.lastrowid or 0)
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (_HEAD_KEY, f"{seq}:{digest}"),
        )
        return Event(
            seq,
            event_id,
            ts,
            kind,
            self.office_code,
            self.officer,
            dossier_ref,
            duration_ms,
            data,
            prev_hash,
            digest,
        )


def iter_events(db: Database, *, after_seq: int = 0, kinds: tuple[str, ...] = ()) -> Iterator[Event]:
    sql = "SELECT * FROM events WHERE seq > ?"
    params: list[Any] = [after_seq]
    if kinds:
        sql += f" AND kind IN ({','.join('?' * len(kinds))})"
        params.extend(kinds)
    for row in db.connection().execute(sql + " ORDER BY seq", params):
        yield Event(
            row["seq"],
            row["event_id"],
            row["ts"],
            row["kind"],
            row["office_code"],
            row["officer"],
            row["dossier_ref"],
            row["duration_ms"],
            json.loads(row["payload"]),
            row["prev_hash"],
            row["hash"],
        )


def verify(db: Database) -> dict[str, Any]:
    """Walk the chain: `{"ok", "events", "first_bad"}`; first_bad names the first broken seq."""
    conn = db.connection()
    expected_prev = GENESIS_HASH
    expected_seq = 1
    count = 0
    first_bad: dict[str, Any] | None = None
    for row in conn.execute("SELECT * FROM events ORDER BY seq"):
        count += 1
        if first_bad is not None:
            continue
        if row["seq"] != expected_seq:
            first_bad = {
                "seq": expected_seq,
                "reason": "missing",
                "detail": f"events {expected_seq}..{row['seq'] - 1} are missing",
            }
            continue
        recomputed = event_digest(*(row[name] for name in HASHED_COLUMNS))
        if row["prev_hash"] != expected_prev:
            first_bad = {
                "seq": row["seq"],
                "reason": "chain_broken",
                "detail": "previous hash does not match",
            }
        elif recomputed != row["hash"]:
            first_bad = {"seq": row["seq"], "reason": "modified", "detail": "content does not match its hash"}
        expected_prev = row["hash"]
        expected_seq = row["seq"] + 1
    head_seq, head_hash = _head(conn)
    if first_bad is None and (head_seq != expected_seq - 1 or (head_seq and head_hash != expected_prev)):
        first_bad = {
            "seq": expected_seq if head_seq >= expected_seq else head_seq,
            "reason": "truncated",
            "detail": f"the log ends at {expected_seq - 1} but its head says {head_seq}",
        }
    return {"ok": first_bad is None, "events": count, "first_bad": first_bad}
