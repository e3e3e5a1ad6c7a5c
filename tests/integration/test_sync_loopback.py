"""Sync over real loopback HTTP to a minimal collector with scripted faults.

The collector here is a stand-in written for this test (stdlib http.server): it stores
events by `event_id` like the sandbox collector and can answer 503, 429 with Retry-After,
close the connection, or store and then lose its answer, exactly when told to. The
sandbox's own collector is exercised in test_sync_sandbox.py.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from counter_app.cli import main
from counter_app.context import AppContext
from counter_app.events import EventLog
from counter_app.storage.db import Database
from counter_app.sync import EventPusher, sync_status


class Collector:
    def __init__(self) -> None:
        self.events: dict[str, dict] = {}
        self.deliveries = 0  # events received, duplicates included
        self.script: list[str] = []  # per request: ok | 503 | 429 | drop | lost
        self.lock = threading.Lock()
        collector = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with collector.lock:
                    action = collector.script.pop(0) if collector.script else "ok"
                    if action in ("ok", "lost"):
                        for event in body["events"]:
                            collector.deliveries += 1
                            collector.events.setdefault(event["event_id"], event)
                if action in ("drop", "lost"):
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                status = {"ok": 200, "503": 503, "429": 429}[action]
                answer = json.dumps({"accepted": len(body["events"])}).encode()
                self.send_response(status)
                if action == "429":
                    self.send_header("Retry-After", "7")
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def collector() -> Iterator[Collector]:
    c = Collector()
    yield c
    c.stop()


def _fill(db: Database, n: int) -> list[str]:
    log = EventLog(db, "000.00.01.H31", "canbo1")
    with db.transaction() as conn:
        return [
            log.append(
                "page_scanned",
                dossier_ref=f"SYN-{i // 10}",
                payload={
                    "component_key": "tp1",
                    "page": i,
                    "dpi": 300,
                    "mode": "color",
                    "blank": False,
                    "ghi_chú": "Giấy",
                },
                conn=conn,
            ).event_id
            for i in range(n)
        ]


def chain_verifies(events: list[dict]) -> bool:
    """Recompute the hash chain from what the collector stored (independent of counter_app)."""
    prev = "0" * 64
    for e in sorted(events, key=lambda e: e["seq"]):
        fields = [prev, e["event_id"], e["ts"], e["kind"], e["office_code"], e["officer"], e["dossier_ref"], e["duration_ms"], e["payload_text"]]  # fmt: skip
        digest = hashlib.sha256(
            json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode()
        ).hexdigest()
        if e["prev_hash"] != prev or digest != e["hash"]:
            return False
        prev = e["hash"]
    return True


def test_faults_and_restarts_end_with_every_event_once(tmp_path: Path, collector: Collector) -> None:
    db = Database(tmp_path / "c.sqlite3")
    ids = _fill(db, 1000)
    collector.script = ["ok", "lost", "503", "ok", "drop", "429", "lost", "ok"]
    rounds = 0
    while True:
        # A new pusher each round: a restart of the application between attempts.
        pusher = EventPusher(db, collector.url, batch_events=120, timeout_s=5)
        result = pusher.push_once()
        pusher.close()
        rounds += 1
        if not result.pending:
            break
        assert result.error is not None and rounds < 20
    assert sorted(collector.events) == sorted(ids)
    assert collector.deliveries > len(ids)  # lost answers made it resend, the collector kept one each
    assert chain_verifies(list(collector.events.values()))
    assert EventPusher(db, collector.url).status().last_error is None


def test_offline_keeps_events_pending_and_backs_off(tmp_path: Path, collector: Collector) -> None:
    db = Database(tmp_path / "c.sqlite3")
    _fill(db, 30)
    url = collector.url
    collector.stop()
    pusher = EventPusher(db, url, timeout_s=2)
    result = pusher.push_once()
    assert (result.sent, result.pending) == (0, 30)
    assert result.error is not None and result.error["code"] == "sync_network"
    status = pusher.status()
    assert status.failures == 1 and status.next_attempt_at is not None
    assert not pusher.due()
    shown = sync_status(db, url)  # what the dashboard reads, without a client
    assert (shown.pending, shown.last_error["code"]) == (30, "sync_network")
    second = pusher.push_once()
    assert pusher.status().failures == 2 and second.retry_after_s is not None


def test_retry_after_is_honoured(tmp_path: Path, collector: Collector) -> None:
    db = Database(tmp_path / "c.sqlite3")
    _fill(db, 5)
    collector.script = ["429"]
    result = EventPusher(db, collector.url).push_once()
    assert result.error is not None and result.error["code"] == "sync_http_429"
    assert result.retry_after_s is not None and result.retry_after_s >= 7


def test_batches_respect_the_size_cap(tmp_path: Path, collector: Collector) -> None:
    db = Database(tmp_path / "c.sqlite3")
    _fill(db, 50)
    pusher = EventPusher(db, collector.url, batch_bytes=4000)
    assert pusher.push_once(max_batches=1).sent < 50
    assert pusher.push_once().pending == 0
    assert len(collector.events) == 50


def test_cli_sync_once(collector: Collector, capsys: pytest.CaptureFixture[str]) -> None:
    ctx = AppContext.open()
    try:
        _fill(ctx.db, 12)
    finally:
        ctx.close()
    assert main(["sync", "--once", "--collector", collector.url]) == 0
    assert json.loads(capsys.readouterr().out) == {"sent": 12, "pending": 0}
    collector.stop()
    ctx = AppContext.open()
    try:
        _fill(ctx.db, 3)
    finally:
        ctx.close()
    assert main(["sync", "--once", "--collector", collector.url, "--timeout", "2"]) == 3
    out = json.loads(capsys.readouterr().out)
    assert (out["sent"], out["pending"], out["error"]["code"]) == (0, 3, "sync_network")
    assert main(["sync", "--status", "--collector", collector.url]) == 0
    status = json.loads(capsys.readouterr().out)
    assert (status["pending"], status["failures"], status["last_error"]["code"]) == (3, 1, "sync_network")


def test_backoff_grows_to_a_cap_and_respects_retry_after() -> None:
    import random

    from counter_app.sync import backoff_delay

    rnd = random.Random(1)
    delays = [backoff_delay(n, rnd=rnd) for n in range(1, 12)]
    assert 2.5 <= delays[0] <= 5.0  # first retry within the first step
    assert delays[5] > delays[0]
    assert max(delays) <= 900.0  # capped at a quarter of an hour
    assert backoff_delay(1, retry_after_s=120, rnd=rnd) == 120  # the collector asked for longer


def test_cli_sync_without_collector_outside_demo_mode_is_a_known_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    ctx = AppContext.open()
    try:
        ctx.config.set_user("portal.url", "https://dichvucong.example.invalid")
    finally:
        ctx.close()
    assert main(["sync", "--once"]) == 2
    assert json.loads(capsys.readouterr().err)["error"]["code"] == "sync_no_collector"


def test_background_worker_sends_new_events_without_being_asked(tmp_path: Path, collector: Collector) -> None:
    import time

    from counter_app.sync import SyncWorker

    db = Database(tmp_path / "c.sqlite3")
    worker = SyncWorker(EventPusher(db, collector.url), interval_s=0.1)
    worker.start()
    try:
        ids = _fill(db, 25)  # the counter keeps working; the worker picks the events up
        deadline = time.monotonic() + 10
        while len(collector.events) < 25 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        worker.stop(timeout=5)
    assert sorted(collector.events) == sorted(ids)
    assert not worker.is_alive()
