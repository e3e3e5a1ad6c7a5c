"""The sandbox portal's own state in SQLite: dossiers, daily serials, idempotency, accounts.

The KPI collector's events are kept apart, in `collector_store.py` (SQLite or PostgreSQL).

One connection behind a lock: the ASGI app runs its handlers on one event-loop thread, but the
store is created by whoever starts the server (another thread), and tests read it directly.
A file path keeps the state across restarts of the sandbox; the default is in memory.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from typing import Any

from common import clock

VN_TZ = timezone(timedelta(hours=7), "ICT")

SCHEMA = """
CREATE TABLE IF NOT EXISTS dossiers (
    code             TEXT PRIMARY KEY,
    office_code      TEXT NOT NULL,
    local_ref        TEXT NOT NULL,
    procedure_code   TEXT NOT NULL,
    idempotency_key  TEXT NOT NULL UNIQUE,
    status           TEXT NOT NULL,
    received_at      TEXT NOT NULL,
    appointment_date TEXT NOT NULL,
    processing_days  INTEGER NOT NULL,
    metadata         TEXT NOT NULL,
    files            TEXT NOT NULL,
    replays          INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS serials (
    office_code TEXT NOT NULL,
    day         TEXT NOT NULL,
    last        INTEGER NOT NULL,
    PRIMARY KEY (office_code, day)
);
CREATE TABLE IF NOT EXISTS idempotency (
    key         TEXT NOT NULL,
    endpoint    TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status      INTEGER NOT NULL,
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (key, endpoint)
);
CREATE TABLE IF NOT EXISTS accounts (
    account_id  TEXT PRIMARY KEY,
    id_number   TEXT NOT NULL UNIQUE,
    provider    TEXT NOT NULL,
    level       INTEGER NOT NULL,
    created_at  TEXT NOT NULL
);
"""

# Columns added after the first release of the sandbox: a state file kept with `--state` from an
# older run gains them on open (the back office's progress, `sandbox/progress.py`).
_PROGRESS_COLUMNS = {
    "updated_at": "TEXT",
    "result_attached": "INTEGER NOT NULL DEFAULT 0",
    "result_attached_at": "TEXT",
    "finished_at": "TEXT",
    "waiting_citizen_s": "REAL NOT NULL DEFAULT 0",
    "waiting_since": "TEXT",
    "note": "TEXT NOT NULL DEFAULT ''",
}


class SandboxStore:
    def __init__(self, path: str = ":memory:") -> None:
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        self._lock = threading.RLock()
        with self._lock:
            if path != ":memory:":
                self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.executescript(SCHEMA)
            present = {r["name"] for r in self._conn.execute("PRAGMA table_info(dossiers)")}
            for name, decl in _PROGRESS_COLUMNS.items():
                if name not in present:
                    self._conn.execute(f"ALTER TABLE dossiers ADD COLUMN {name} {decl}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # -- idempotency ----------------------------------------------------------------------

    def recorded(self, conn: sqlite3.Connection, key: str, endpoint: str) -> sqlite3.Row | None:
        return conn.execute(
            "SELECT * FROM idempotency WHERE key = ? AND endpoint = ?", (key, endpoint)
        ).fetchone()

    def record(
        self, conn: sqlite3.Connection, key: str, endpoint: str, fingerprint: str, status: int, body: dict
    ) -> None:
        conn.execute(
            "INSERT INTO idempotency (key, endpoint, fingerprint, status, body, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (key, endpoint, fingerprint, status, json.dumps(body, ensure_ascii=False), _now().isoformat()),
        )

    # -- dossiers -------------------------------------------------------------------------

    def next_code(self, conn: sqlite3.Connection, office_code: str, received: datetime) -> str:
        """`<office code>-YYMMDD-NNNN`: the receipt date and the serial within that day."""
        day = received.strftime("%y%m%d")
        row = conn.execute(
            "INSERT INTO serials (office_code, day, last) VALUES (?, ?, 1)"
            " ON CONFLICT(office_code, day) DO UPDATE SET last = last + 1 RETURNING last",
            (office_code, day),
        ).fetchone()
        return f"{office_code}-{day}-{row[0]:04d}"

    def forget(self, local_refs: Sequence[str], id_number: str) -> int:
        """Drop what the stand-in portal holds about one citizen (their dossiers' metadata, which
        names them, and their account): a demo or training counter keeps this store in its data
        folder, so a citizen's erasure there must reach it too. Returns the dossiers changed."""
        marks = ",".join("?" * len(local_refs))
        with self._lock:
            self._conn.execute("PRAGMA secure_delete = ON")
        with self.transaction() as conn:
            changed = (
                conn.execute(
                    f"UPDATE dossiers SET metadata = '{{}}' WHERE local_ref IN ({marks})", tuple(local_refs)
                ).rowcount
                if local_refs
                else 0
            )
            conn.execute("DELETE FROM accounts WHERE id_number = ?", (id_number,))
        with self._lock:
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return int(changed)

    def dossiers(self) -> list[dict[str, Any]]:
        rows = self.query("SELECT * FROM dossiers ORDER BY received_at, code")
        return [
            {
                "dossier_code": r["code"],
                "office_code": r["office_code"],
                "local_ref": r["local_ref"],
                "procedure_code": r["procedure_code"],
                "idempotency_key": r["idempotency_key"],
                "status": r["status"],
                "received_at": r["received_at"],
                "appointment_date": r["appointment_date"],
                "components": json.loads(r["files"]),
                # who it was filed for, as submitted (kind, identifier, representative); None once forgotten
                "applicant": json.loads(r["metadata"]).get("applicant"),
                "replays": r["replays"],
                **progress_fields(r),
            }
            for r in rows
        ]


def progress_fields(row: sqlite3.Row) -> dict[str, Any]:
    """The back office's progress as the contract's DossierStatus shows it."""
    return {
        "updated_at": row["updated_at"] or row["received_at"],
        "result_attached": bool(row["result_attached"]),
        "result_attached_at": row["result_attached_at"] or "",
        "finished_at": row["finished_at"] or "",
        "waiting_citizen_s": float(row["waiting_citizen_s"] or 0.0),
        "waiting_since": row["waiting_since"] or "",
        "note": row["note"] or "",
    }


def _now() -> datetime:
    return clock.utc_now().astimezone(VN_TZ)
