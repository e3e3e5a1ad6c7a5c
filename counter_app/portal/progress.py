"""Progress reports: each later status change of a filed dossier, through the outbox.

The national one-door sync wants every step of a dossier after it was received
(`CapNhatTienDoHoSoMC`: who, when, what, the new status), not only the dossier itself. A change
is queued as an outbox job of kind `progress` in the SAME transaction as the change (the
workflow's move, or the status poller's `status_changed`), with the key
`progress:<dossier>:<seq of that status_changed event>`: one key per change, so a change is
queued once however often the code that saw it runs, and resent with the same key and the same
content (`at` is fixed when queued) after any doubt. The worker sends it in FIFO order behind the
dossier's own filing, with the outbox's backoff.

Only for adapters that declare `progress_sync` (the `dvcqg` adapter; `adapters.declares_progress`):
with the reference or OpenCPS adapter no job is created at all. A job left from a time the
configured adapter did report progress completes as not applicable (`progress_reported` with
`applicable: false`) rather than failing forever.

Echo rule: a change is not queued when the sync target was already told that status (the last
`progress_queued`, else `received` from the filing). The status poller reads the same portal it
reports to, so reading back a status the counter itself pushed queues nothing; a status the back
office set elsewhere is reported once.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass
from typing import Any

from common import clock
from counter_app.dossier import DossierState
from counter_app.events import EventLog
from counter_app.storage.db import utc_now
from portal_contract.models import DOSSIER_STATUSES

KIND_PROGRESS = "progress"
# The counter's own moves of a filed dossier, as the portal's statuses.
REPORTED_MOVES = {DossierState.NEEDS_SUPPLEMENT: "waiting_citizen", DossierState.CANCELLED: "cancelled"}
_FIRST_REPORTED = "received"  # what the filing itself (DongBoHoSoMC) told the portal


@dataclass(frozen=True)
class ProgressUpdate:
    """One step of a filed dossier, as the adapter reports it."""

    dossier_code: str  # the portal's number (MaHoSo)
    status: str  # one of portal_contract DOSSIER_STATUSES
    at: str  # ISO 8601 with offset, office clock: when the step happened (ThoiDiemXuLy)
    officer: str = ""  # who did it (NguoiXuLy); empty: the office (the back office's steps)
    note: str = ""  # what was done (NoiDungXuLy)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ProgressUpdate:
        return cls(**{k: str(data.get(k, "")) for k in ("dossier_code", "status", "at", "officer", "note")})


def last_reported(conn: sqlite3.Connection, dossier_ref: str) -> str:
    row = conn.execute(
        "SELECT payload FROM events WHERE dossier_ref = ? AND kind = 'progress_queued' ORDER BY seq DESC LIMIT 1",
        (dossier_ref,),
    ).fetchone()
    return str(json.loads(row[0])["status"]) if row else _FIRST_REPORTED


def _last_change_seq(conn: sqlite3.Connection, dossier_ref: str) -> int:
    row = conn.execute(
        "SELECT max(seq) FROM events WHERE dossier_ref = ? AND kind = 'status_changed'", (dossier_ref,)
    ).fetchone()
    return int(row[0] or 0)


def queue_progress_in(
    conn: sqlite3.Connection,
    events: EventLog,
    seal: Any,
    dossier_ref: str,
    *,
    portal_code: str,
    status: str,
    officer: str = "",
    note: str = "",
    at: str | None = None,
) -> int | None:
    """Queue the report of the dossier's latest `status_changed` inside the caller's transaction.

    `seal(text, key) -> str` stores the payload as the outbox stores requests. Returns the new
    job's id, or None when nothing is to be sent (not a portal status, already told, or this
    change already queued)."""
    if status not in DOSSIER_STATUSES or status == last_reported(conn, dossier_ref):
        return None
    key = f"{KIND_PROGRESS}:{dossier_ref}:{_last_change_seq(conn, dossier_ref)}"
    update = ProgressUpdate(
        dossier_code=portal_code,
        status=status,
        at=at or clock.now().isoformat(timespec="seconds"),
        officer=officer,
        note=note,
    )
    now = utc_now()
    row = conn.execute("SELECT id FROM dossiers WHERE local_ref = ?", (dossier_ref,)).fetchone()
    cur = conn.execute(
        "INSERT INTO outbox_jobs (dossier_id, dossier_ref, kind, idempotency_key, payload, state,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'queued', ?, ?)"
        " ON CONFLICT(idempotency_key) DO NOTHING",
        (
            row[0] if row else None,
            dossier_ref,
            KIND_PROGRESS,
            key,
            seal(json.dumps(update.to_dict(), ensure_ascii=False), key),
            now,
            now,
        ),
    )
    if cur.rowcount != 1:
        return None
    job_id = int(cur.lastrowid or 0)
    events.append(
        "progress_queued",
        dossier_ref=dossier_ref,
        payload={"status": status, "job_id": job_id, "idempotency_key": key, "portal_code": portal_code},
        conn=conn,
    )
    return job_id
