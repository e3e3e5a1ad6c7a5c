"""Sync against the real sandbox collector over loopback, with injected faults and restarts.

The collector must end with exactly the local events, each once, and the hash chain must
verify on both sides (locally with `audit verify`'s code, on the collector by recomputing
every digest from what it stored, and by the collector's own `/collector/chain`). The
collector's store runs on SQLite and on a real PostgreSQL server (`conftest.py`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest

from counter_app.events import verify
from counter_app.storage.db import Database
from counter_app.sync import EventPusher
from tests.integration.test_sync_loopback import chain_verifies
from tests.synthetic_events import random_specs, write

sandbox_server = pytest.importorskip("sandbox.server", reason="the sandbox collector is not in this checkout")
from sandbox.faults import FaultSpec  # noqa: E402


@pytest.fixture
def sandbox(collector_db: str) -> Iterator[object]:
    """The sandbox with its collector on SQLite, then on a real PostgreSQL server."""
    handle = sandbox_server.start_in_thread(collector_db=collector_db)
    yield handle
    handle.stop()


def _collector_events(handle: object) -> list[dict]:
    return handle.portal.collector.events()


def _local_ids(db: Database) -> list[str]:
    return sorted(r[0] for r in db.connection().execute("SELECT event_id FROM events"))


@pytest.mark.slow
def test_faults_restarts_and_a_lost_cursor_end_with_every_event_once(tmp_path: Path, sandbox: object) -> None:
    db = Database(tmp_path / "c.sqlite3")
    write(db, random_specs(150, first_day=date(2026, 11, 1), days=10, seed=5))
    total = len(_local_ids(db))
    sandbox.set_faults(
        FaultSpec(
            error_rate=0.15,
            drop_rate=0.1,
            throttle_rate=0.1,
            timeout_rate=0.05,
            lost_response_rate=0.15,
            retry_after_s=0,
            hang_s=1.0,
            seed=11,
        )
    )
    failures = 0
    for _ in range(80):
        # A fresh pusher per round: the application restarted between attempts.
        pusher = EventPusher(db, sandbox.url, batch_events=200, timeout_s=0.6)
        result = pusher.push_once()
        pusher.close()
        failures += result.error is not None
        if not result.pending:
            break
    assert result.pending == 0 and failures > 0
    sandbox.set_faults(FaultSpec())
    # A crash after the collector stored a batch but before the cursor was saved: resend.
    raw = sqlite3.connect(tmp_path / "c.sqlite3")
    raw.execute("UPDATE sync_cursor SET last_seq = last_seq - 300")
    raw.commit()
    raw.close()
    pusher = EventPusher(db, sandbox.url)
    assert pusher.push_once().as_dict() == {"sent": 300, "pending": 0}

    stored = _collector_events(sandbox)
    assert sorted(e["event_id"] for e in stored) == _local_ids(db)  # each once, none missing
    assert verify(db)["ok"]
    assert chain_verifies(stored)
    [office] = {e["office_code"] for e in stored}
    chain = httpx.get(sandbox.url + "/collector/chain", params={"office": office}).json()
    assert chain == {"office": office, "ok": True, "events": total, "first_bad": None}
    summary = httpx.get(sandbox.url + "/collector/summary").json()
    assert summary["events"] == total


def test_batch_larger_than_the_collector_accepts_is_split(tmp_path: Path, sandbox: object) -> None:
    db = Database(tmp_path / "c.sqlite3")
    write(db, random_specs(90, first_day=date(2026, 11, 1), days=3, seed=2))
    pusher = EventPusher(db, sandbox.url, batch_events=1500, batch_bytes=10_000_000)
    result = pusher.push_once()
    assert result.error is None and result.pending == 0
    assert pusher.batch_events <= 1000
    assert len(_collector_events(sandbox)) == len(_local_ids(db))


def test_a_restart_of_the_collectors_postgresql_is_retried_like_any_outage(
    tmp_path: Path, postgres_server: object
) -> None:
    db = Database(tmp_path / "c.sqlite3")
    write(db, random_specs(40, first_day=date(2026, 11, 1), days=3, seed=8))
    handle = sandbox_server.start_in_thread(collector_db=postgres_server.new_database())
    try:
        assert EventPusher(db, handle.url, batch_events=50).push_once(max_batches=2).error is None
        postgres_server.restart()  # the province's database server restarts under the collector
        pusher = EventPusher(db, handle.url, batch_events=50)
        failed = pusher.push_once()
        assert failed.error is not None and failed.error["code"] == "sync_http_503"
        pusher.close()
        assert EventPusher(db, handle.url, batch_events=50).push_once().pending == 0
        stored = _collector_events(handle)
        assert sorted(e["event_id"] for e in stored) == _local_ids(db)
        assert chain_verifies(stored)
    finally:
        handle.stop()


def test_cli_sync_in_demo_mode_uses_the_sandbox_collector(capsys: pytest.CaptureFixture[str]) -> None:
    """No configuration at all: events go to the in-process sandbox collector, kept in the data folder."""
    import json

    from counter_app.cli import main
    from counter_app.context import AppContext

    ctx = AppContext.open()
    try:
        write(ctx.db, random_specs(5, first_day=date(2026, 11, 1), days=2, seed=1))
        first = len(_local_ids(ctx.db))
        assert main(["sync", "--once"]) == 0
        assert json.loads(capsys.readouterr().out) == {"sent": first, "pending": 0}
        write(ctx.db, random_specs(2, first_day=date(2026, 11, 3), days=1, seed=9))
        total = len(_local_ids(ctx.db))
        assert main(["sync", "--once"]) == 0
        assert json.loads(capsys.readouterr().out) == {"sent": total - first, "pending": 0}
        state = sqlite3.connect(ctx.paths.data_dir / "sandbox-collector.sqlite3")
        stored = sorted(r[0] for r in state.execute("SELECT event_id FROM collector_events"))
        state.close()
        assert stored == _local_ids(ctx.db)
    finally:
        ctx.close()
