"""The state of a stand-in (OpenCPS, DVCQG) in SQLite: JSON records by kind and key.

Given a file (`counter-app sandbox --flavour opencps|dvcqg --state FILE`, or `state_path` in
`sandbox.server.start_in_thread`), what the stand-in stored survives its restart, as the
reference sandbox's `SandboxStore` does: a test can stop the server mid-run and start it again
on the same file and port, and a resend after the restart still finds the first filing. Without
a file the records live in memory. Every write is its own committed transaction (WAL), done
under the stand-in's lock by the handler that changed the record.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
    kind  TEXT NOT NULL,
    key   TEXT NOT NULL,
    seq   INTEGER NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (kind, key)
);
"""


class StandInState:
    def __init__(self, path: Path | str | None = None) -> None:
        self._conn = sqlite3.connect(str(path) if path else ":memory:", check_same_thread=False)
        self._lock = threading.Lock()
        with self._lock:
            if path:
                self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.executescript(_SCHEMA)

    def put(self, kind: str, key: str, value: Any) -> None:
        """Insert or replace; a record keeps its first position in `load` order."""
        with self._lock, self._conn:
            self._conn.execute(
                "INSERT INTO records (kind, key, seq, value) VALUES (?, ?,"
                " (SELECT coalesce(max(seq), 0) + 1 FROM records), ?)"
                " ON CONFLICT(kind, key) DO UPDATE SET value = excluded.value",
                (kind, key, json.dumps(value, ensure_ascii=False)),
            )

    def delete_kind(self, kind: str) -> None:
        with self._lock, self._conn:
            self._conn.execute("DELETE FROM records WHERE kind = ?", (kind,))

    def load(self, kind: str) -> dict[str, Any]:
        """The records of `kind`, key -> value, in the order they were first written."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT key, value FROM records WHERE kind = ? ORDER BY seq", (kind,)
            ).fetchall()
        return {key: json.loads(value) for key, value in rows}

    def close(self) -> None:
        with self._lock:
            self._conn.close()
