"""The province's view: two counters sync to the collector, which computes the indicators across
offices with the same rules as each counter (real sandbox over loopback, real SQLite logs; the
collector's store on SQLite and on a real PostgreSQL server)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest

from counter_app import kpi
from counter_app.kpi.memory import indicator_rows
from counter_app.storage.db import Database
from counter_app.sync import EventPusher
from tests.synthetic_events import random_specs, write

sandbox_server = pytest.importorskip("sandbox.server", reason="the sandbox collector is not in this checkout")

OFFICES = ("000.00.01.H31", "000.00.02.H31")


@pytest.fixture
def sandbox(collector_db: str) -> Iterator[object]:
    """The sandbox with its collector on SQLite, then on a real PostgreSQL server."""
    handle = sandbox_server.start_in_thread(collector_db=collector_db, indicators=indicator_rows)
    yield handle
    handle.stop()


def _office_log(tmp_path: Path, office: str, seed: int) -> Database:
    db = Database(tmp_path / f"{office}.sqlite3")
    specs = random_specs(60, first_day=date(2026, 10, 1), days=30, seed=seed)
    for spec in specs:
        spec.office = office
    write(db, specs)
    return db


def test_collector_indicators_match_each_counters_own_figures(tmp_path: Path, sandbox: object) -> None:
    local: dict[str, dict] = {}
    for seed, office in enumerate(OFFICES):
        db = _office_log(tmp_path, office, seed)
        pusher = EventPusher(db, sandbox.url, office_code=office, timeout_s=10)
        try:
            assert pusher.push_once().error is None
        finally:
            pusher.close()
        [row] = kpi.compute(db, date(2026, 10, 1), date(2026, 10, 31), by="total")
        local[office] = row.as_cli()
        db.close()
    answer = httpx.get(
        f"{sandbox.url}/collector/indicators", params={"from": "2026-10-01", "to": "2026-10-31"}
    )
    assert answer.status_code == 200
    rows = {row["group"]: row for row in answer.json()["rows"]}
    assert set(rows) == set(OFFICES)
    for office in OFFICES:
        for field in (
            "received",
            "online",
            "online_rate",
            "digitized",
            "reused",
            "guided",
            "finished",
            "on_time",
        ):
            assert rows[office][field] == local[office][field], (office, field)
    bad = httpx.get(f"{sandbox.url}/collector/indicators", params={"by": "planet"})
    assert bad.status_code == 422


def test_indicators_are_the_same_on_sqlite_and_postgresql(tmp_path: Path, postgres_server: object) -> None:
    handles = [
        sandbox_server.start_in_thread(collector_db=url, indicators=indicator_rows)
        for url in ("sqlite://", postgres_server.new_database())
    ]
    try:
        for seed, office in enumerate(OFFICES):
            db = _office_log(tmp_path, office, seed + 7)
            for handle in handles:
                pusher = EventPusher(db, handle.url, office_code=office, timeout_s=10)
                try:
                    assert pusher.push_once().error is None
                finally:
                    pusher.close()
            db.close()
        for by in ("office", "day", "month", "procedure", "officer", "total"):
            sqlite_answer, pg_answer = (
                httpx.get(f"{h.url}/collector/indicators", params={"by": by, "from": "2026-10-05"}).json()
                for h in handles
            )
            assert sqlite_answer["rows"], by
            assert sqlite_answer == pg_answer, by
    finally:
        for handle in handles:
            handle.stop()


def test_a_collector_without_the_rules_says_so() -> None:
    """The sandbox never imports the counter: without the KPI rules it answers 501, not a crash."""
    handle = sandbox_server.start_in_thread()
    try:
        answer = httpx.get(f"{handle.url}/collector/indicators")
    finally:
        handle.stop()
    assert answer.status_code == 501
    assert answer.json()["error"]["code"] == "indicators_unavailable"
