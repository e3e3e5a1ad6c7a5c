"""The dossier log book (Sổ theo dõi hồ sơ, Mẫu 07): one book per office and year, each dossier
filed from the counter entered once with the next number, without gaps.

`enter()` runs inside the caller's write transaction (the one that queues the dossier), so the
number and the dossier's `queued` state are stored together: a crash before the receipt is
printed leaves the number with its dossier, and the receipt printed afterwards shows it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timezone

from common import clock
from counter_app.dossier import local_day_bounds
from counter_app.storage.db import Database, utc_now


@dataclass(frozen=True)
class LogBookEntry:
    office_code: str
    year: int
    number: int
    dossier_ref: str
    received_at: str  # UTC, as stored
    entered_at: str

    @property
    def book(self) -> str:
        """The book's name on the forms: one book a year ("Quyển số 01/2026")."""
        return f"01/{self.year}"

    @property
    def received_local(self) -> datetime:
        return clock.local(datetime.fromisoformat(self.received_at))


def _entry(row: sqlite3.Row) -> LogBookEntry:
    return LogBookEntry(
        row["office_code"],
        row["year"],
        row["number"],
        row["dossier_ref"],
        row["received_at"],
        row["entered_at"],
    )


def _find(conn: sqlite3.Connection, office_code: str, dossier_ref: str) -> LogBookEntry | None:
    row = conn.execute(
        "SELECT * FROM log_book WHERE office_code = ? AND dossier_ref = ?", (office_code, dossier_ref)
    ).fetchone()
    return None if row is None else _entry(row)


def enter(
    conn: sqlite3.Connection, office_code: str, dossier_ref: str, received_at: datetime
) -> LogBookEntry:
    """The dossier's line, made with the book's next number if it has none (idempotent). Call
    inside a write transaction (`BEGIN IMMEDIATE`): the next number is read and taken in it."""
    found = _find(conn, office_code, dossier_ref)
    if found is not None:
        return found
    year = clock.local(received_at).year
    number = conn.execute(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM log_book WHERE office_code = ? AND year = ?",
        (office_code, year),
    ).fetchone()[0]
    entry = LogBookEntry(
        office_code,
        year,
        number,
        dossier_ref,
        received_at.astimezone(timezone.utc).isoformat(timespec="milliseconds"),
        utc_now(),
    )
    conn.execute(
        "INSERT INTO log_book (office_code, year, number, dossier_ref, received_at, entered_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (entry.office_code, entry.year, entry.number, entry.dossier_ref, entry.received_at, entry.entered_at),
    )
    return entry


def entry_of(db: Database, office_code: str, dossier_ref: str) -> LogBookEntry | None:
    return _find(db.connection(), office_code, dossier_ref)


def entries(db: Database, office_code: str, first: date, last: date) -> list[LogBookEntry]:
    """The lines of dossiers received from `first` to `last` (office days, inclusive), in order."""
    start, _ = local_day_bounds(first)
    _, end = local_day_bounds(last)
    rows = db.connection().execute(
        "SELECT * FROM log_book WHERE office_code = ? AND received_at >= ? AND received_at < ?"
        " ORDER BY year, number",
        (office_code, start, end),
    )
    return [_entry(row) for row in rows]
