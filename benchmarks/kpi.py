"""KPI dashboard and aggregate timings on a generated event log; prints one JSON object.

    .venv/bin/python benchmarks/kpi.py [--events 1000000] [--days 365] [--db PATH] [--no-sync]

Builds a synthetic office log (tests/synthetic_events.py) through EventLog.append, folds
it into the daily aggregates once, then measures what the supervisor waits for: the
dashboard refresh (`kpi.overview`: today's and this month's tiles, the whole month by day, by
procedure and by officer, and the month's Decision 766 scorecard),
the incremental update per new event, the monthly report (xlsx and pdf), and the sync
throughput to the sandbox collector over loopback.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from counter_app import kpi
from counter_app.config import OPTIONS
from counter_app.report import build_report
from counter_app.storage.db import Database
from tests.synthetic_events import LOCAL, DossierSpec, append_rows, dossier_events, random_specs, write

EVENTS_PER_DOSSIER_GUESS = 16.86  # measured mean of random_specs


class DefaultConfig:
    def get(self, key: str) -> object:
        return next(o.default for o in OPTIONS if o.key == key)


def dashboard(db: Database, today: date) -> None:
    from counter_app.kpi.overview import overview

    overview(db, DefaultConfig(), today, by_officer=True)


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def sync_throughput(db: Database, events: int, collector_db: str | None = None) -> dict[str, float]:
    """Push the first `events` events to the sandbox collector over loopback (no faults).

    `collector_db` is the collector's storage URL (None: the sandbox's SQLite in memory)."""
    from counter_app.sync import EventPusher
    from sandbox.server import start_in_thread

    handle = start_in_thread(collector_db=collector_db)
    pusher = EventPusher(db, handle.url)
    try:
        start = time.perf_counter()
        result = pusher.push_once(max_batches=max(1, events // pusher.batch_events))
        elapsed = time.perf_counter() - start
    finally:
        pusher.close()
        handle.stop()
    return {"sync_events": result.sent, "sync_events_per_s": round(result.sent / elapsed)}


def sync_to_postgresql(db: Database, events: int) -> dict[str, float]:
    """The same push into a collector on a throw-away PostgreSQL server (tests/postgres.py)."""
    from tests.postgres import PostgresServer, missing_reason

    reason = missing_reason()
    if reason:
        return {"sync_postgresql_skipped": reason}
    server = PostgresServer().start()
    try:
        figures = sync_throughput(db, events, collector_db=server.new_database())
    finally:
        server.stop()
    return {f"{key.replace('sync_', 'sync_postgresql_')}": value for key, value in figures.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--db", type=Path, help="keep the generated database here")
    parser.add_argument("--sync-events", type=int, default=50_000, help="events pushed to measure sync")
    parser.add_argument("--no-sync", action="store_true", help="leave out the sync measurements")
    args = parser.parse_args()

    folder = tempfile.TemporaryDirectory()
    path = args.db or Path(folder.name) / "kpi-bench.sqlite3"
    path.unlink(missing_ok=True)
    db = Database(path)
    last_day = date(2026, 11, 20)
    first_day = last_day - timedelta(days=args.days - 1)
    specs = random_specs(int(args.events / EVENTS_PER_DOSSIER_GUESS), first_day=first_day, days=args.days)
    start = time.perf_counter()
    events = write(db, specs, batch=20_000)
    generate_s = time.perf_counter() - start

    start = time.perf_counter()
    kpi.refresh(db)
    first_fold_s = time.perf_counter() - start

    dash = timed(lambda: dashboard(db, last_day), 10)

    # New events one at a time, each followed by the refresh the dashboard would do.
    now = datetime(last_day.year, last_day.month, last_day.day, 10, 0, tzinfo=LOCAL)
    extra = [r for i in range(12) for r in dossier_events(DossierSpec(f"SYN-NEW-{i}", now, result=True))]
    per_event = []
    for row in extra:
        append_rows(db, [row])
        start = time.perf_counter()
        kpi.refresh(db)
        per_event.append((time.perf_counter() - start) * 1000)

    result = {
        "events": events,
        "dossiers": len(specs),
        "days": args.days,
        "generate_s": round(generate_s, 1),
        "first_fold_s": round(first_fold_s, 2),
        "first_fold_events_per_s": round(events / first_fold_s),
        "dashboard_ms_median": round(statistics.median(dash), 1),
        "dashboard_ms_max": round(max(dash), 1),
        "incremental_refresh_ms_per_event_median": round(statistics.median(per_event), 2),
        "incremental_refresh_ms_per_event_max": round(max(per_event), 2),
        "db_bytes": sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists()),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "note": "dashboard = kpi.overview (day+month tiles, whole month by day/procedure/officer, 766 scorecard); sync to the sandbox collector on SQLite, then on PostgreSQL",
    }
    for suffix in ("xlsx", "pdf"):
        start = time.perf_counter()
        build_report(db, DefaultConfig(), last_day.strftime("%Y-%m"), Path(folder.name) / f"report.{suffix}")
        result[f"report_{suffix}_s"] = round(time.perf_counter() - start, 2)
    if not args.no_sync:
        result.update(sync_throughput(db, args.sync_events))
        result.update(sync_to_postgresql(db, args.sync_events))
    db.close()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
