"""Daily aggregates kept up to date from the event log, incrementally.

`refresh(db)` reads only the events after the position it reached last time, refolds the
dossiers they touch, and moves each dossier's contribution in `kpi_daily` by the difference
(old contribution out, new one in). A late event (the result attached weeks after receipt)
therefore corrects the day the dossier was received. The tables are derived data:
`rebuild(db)` recomputes them from the log.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict

from counter_app.events import Event
from counter_app.kpi.dossier import COUNTERS, Contribution, DossierState, GroupKey
from counter_app.storage.db import Database

CURSOR_KEY = "kpi_aggregated_seq"
# Events folded per transaction: the write lock is held well under a second (the intake
# writes meanwhile), and progress is kept if the application stops mid-way.
CHUNK = 5_000

_UPSERT = (
    "INSERT INTO kpi_daily (day, office_code, officer, procedure_code, "
    + ", ".join(COUNTERS)
    + ") VALUES (?, ?, ?, ?, "
    + ", ".join("?" * len(COUNTERS))
    + ") ON CONFLICT(day, office_code, officer, procedure_code) DO UPDATE SET "
    + ", ".join(f"{c} = {c} + excluded.{c}" for c in COUNTERS)
)


def aggregated_seq(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (CURSOR_KEY,)).fetchone()
    return int(row[0]) if row else 0


def _apply_delta(conn: sqlite3.Connection, delta: dict[GroupKey, dict[str, int]]) -> None:
    rows = []
    for key, counts in delta.items():
        values = [counts.get(c, 0) for c in COUNTERS]
        if any(values):
            rows.append((*key, *values))
    conn.executemany(_UPSERT, rows)


def _add(delta: dict[GroupKey, dict[str, int]], contribution: Contribution, sign: int) -> None:
    for key, counts in contribution.items():
        target = delta[key]
        for name, value in counts.items():
            target[name] = target.get(name, 0) + sign * value


def _read_events(conn: sqlite3.Connection, after: int) -> list[Event]:
    rows = conn.execute(
        "SELECT seq, event_id, ts, kind, office_code, officer, dossier_ref, duration_ms, payload,"
        " prev_hash, hash FROM events WHERE seq > ? ORDER BY seq LIMIT ?",
        (after, CHUNK),
    ).fetchall()
    return [Event(*row[:8], json.loads(row[8]), row[9], row[10]) for row in rows]


def _fold_chunk(conn: sqlite3.Connection, after: int) -> tuple[int, int]:
    """Fold up to CHUNK events after `after`; returns (last seq folded, events folded)."""
    events = _read_events(conn, after)
    if not events:
        return after, 0
    refs = sorted({e.dossier_ref for e in events if e.dossier_ref})
    states: dict[str, DossierState] = {}
    delta: dict[GroupKey, dict[str, int]] = defaultdict(dict)
    for start in range(0, len(refs), 500):
        part = refs[start : start + 500]
        sql = (
            f"SELECT dossier_ref, state FROM kpi_dossiers WHERE dossier_ref IN ({','.join('?' * len(part))})"
        )
        for row in conn.execute(sql, part):
            state = DossierState.from_json(json.loads(row[1]))
            states[row[0]] = state
            _add(delta, state.contribution(), -1)
    for event in events:
        if event.dossier_ref:
            state = states.get(event.dossier_ref)
            if state is None:
                state = states[event.dossier_ref] = DossierState()
            state.apply(event)
    rows = []
    for ref, state in states.items():
        _add(delta, state.contribution(), +1)
        rows.append(
            (
                ref,
                state.office_code,
                state.officer,
                state.procedure_code,
                state.received_day(),
                state.finished_day(),
                state.intake_seconds(),
                json.dumps(state.to_json(), separators=(",", ":")),
            )
        )
    conn.executemany(
        "INSERT OR REPLACE INTO kpi_dossiers (dossier_ref, office_code, officer, procedure_code,"
        " received_day, finished_day, intake_s, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    _apply_delta(conn, delta)
    last = events[-1].seq
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (CURSOR_KEY, str(last)),
    )
    return last, len(events)


def refresh(db: Database) -> int:
    """Bring the aggregates up to the end of the log; returns the number of events folded."""
    conn = db.connection()
    head = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM events").fetchone()[0]
    if head <= aggregated_seq(conn):
        return 0  # nothing new: no write lock taken, the dashboard stays a pure read
    folded = 0
    while True:
        with db.transaction() as conn:
            _, count = _fold_chunk(conn, aggregated_seq(conn))
        if not count:
            return folded
        folded += count


def rebuild(db: Database) -> int:
    """Forget the aggregates and fold the whole log again."""
    with db.transaction() as conn:
        conn.execute("DELETE FROM kpi_daily")
        conn.execute("DELETE FROM kpi_dossiers")
        conn.execute("DELETE FROM meta WHERE key = ?", (CURSOR_KEY,))
    return refresh(db)
