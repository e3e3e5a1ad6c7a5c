"""The collector's storage on SQLite and on a real PostgreSQL server: same answers, same rules."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from counter_app.storage.db import Database
from counter_app.sync.pusher import event_to_wire
from sandbox.collector_store import (
    CollectorStoreError,
    CollectorUnavailable,
    open_collector_store,
    sqlite_path,
)
from tests.postgres import PostgresServer
from tests.synthetic_events import random_specs, write


def _wire_events(tmp_path: Path, office: str, seed: int, dossiers: int = 20) -> list[dict]:
    db = Database(tmp_path / f"{office}-{seed}.sqlite3")
    specs = random_specs(dossiers, first_day=date(2026, 10, 1), days=10, seed=seed)
    for spec in specs:
        spec.office = office
    write(db, specs)
    events = [event_to_wire(row) for row in db.connection().execute("SELECT * FROM events ORDER BY seq")]
    db.close()
    return events


def test_a_batch_is_stored_once_however_often_it_arrives(tmp_path: Path, collector_db: str) -> None:
    events = _wire_events(tmp_path, "000.00.01.H31", seed=1)
    store = open_collector_store(collector_db)
    try:
        assert store.insert_batch(events[:50], "2026-10-11T08:00:00+07:00") == 50
        assert store.insert_batch(events[:50], "2026-10-11T08:01:00+07:00") == 0
        assert store.insert_batch(events[40:], "2026-10-11T08:02:00+07:00") == len(events) - 50
        assert store.last_seq("000.00.01.H31") == len(events)
        assert store.last_seq("000.00.99.H31") == 0
        assert [e["event_id"] for e in store.events()] == [e["event_id"] for e in events]
        assert store.verify_chain("000.00.01.H31") == {
            "office": "000.00.01.H31",
            "ok": True,
            "events": len(events),
            "first_bad": None,
        }
    finally:
        store.close()


def test_the_chain_check_finds_a_gap_and_a_forged_event(tmp_path: Path, collector_db: str) -> None:
    good = _wire_events(tmp_path, "000.00.01.H31", seed=2)
    forged = [dict(e) for e in _wire_events(tmp_path, "000.00.02.H31", seed=3)]
    forged[7]["payload_text"] = forged[7]["payload_text"].replace("}", ',"x":1}', 1)
    store = open_collector_store(collector_db)
    try:
        store.insert_batch(good[:10] + good[11:], "2026-10-11T08:00:00+07:00")
        store.insert_batch(forged, "2026-10-11T08:00:00+07:00")
        gap = store.verify_chain("000.00.01.H31")
        assert (gap["ok"], gap["first_bad"]) == (False, {"seq": 11, "reason": "missing"})
        assert store.verify_chain("000.00.02.H31")["first_bad"] == {"seq": 8, "reason": "modified"}
        store.insert_batch(good[10:11], "2026-10-11T08:05:00+07:00")  # the late batch arrives
        assert store.verify_chain("000.00.01.H31")["ok"]
    finally:
        store.close()


def test_both_backends_answer_identically(tmp_path: Path, postgres_server: PostgresServer) -> None:
    # Office codes whose order differs between byte order and a language's collation ('H' < 'a' < 'h').
    offices = ("000.00.01.h31", "000.00.01.H31", "000.00.01.a31")
    batches = [_wire_events(tmp_path, office, seed) for seed, office in enumerate(offices)]
    answers = []
    for url in ("sqlite://", postgres_server.new_database()):
        store = open_collector_store(url)
        try:
            for events in batches:
                store.insert_batch(events, "2026-10-11T08:00:00+07:00")
            answers.append(
                (
                    json.dumps(store.summary()),
                    json.dumps(store.summary("000.00.01.a31")),
                    json.dumps(store.events()),
                    [store.verify_chain(o) for o in offices],
                )
            )
        finally:
            store.close()
    assert answers[0] == answers[1]
    assert list(json.loads(answers[0][0])["offices"]) == sorted(offices)  # byte order on both


def test_a_restarted_database_server_is_reported_then_reconnected(
    tmp_path: Path, postgres_server: PostgresServer
) -> None:
    events = _wire_events(tmp_path, "000.00.01.H31", seed=4, dossiers=5)
    store = open_collector_store(postgres_server.new_database())
    try:
        store.insert_batch(events[:5], "2026-10-11T08:00:00+07:00")
        postgres_server.restart()
        with pytest.raises(CollectorUnavailable):
            store.insert_batch(events, "2026-10-11T08:01:00+07:00")
        assert store.insert_batch(events, "2026-10-11T08:02:00+07:00") == len(events) - 5
        assert store.summary()["events"] == len(events)
    finally:
        store.close()


def test_urls_name_the_backend(tmp_path: Path) -> None:
    assert sqlite_path("sqlite://") == ":memory:"
    assert sqlite_path("sqlite:///collector.db") == "collector.db"
    assert sqlite_path("sqlite:////var/lib/collector.db") == "/var/lib/collector.db"
    path = tmp_path / "collector.db"
    store = open_collector_store(f"sqlite:///{path}")
    store.insert_batch(
        _wire_events(tmp_path, "000.00.01.H31", seed=5, dossiers=2), "2026-10-11T08:00:00+07:00"
    )
    store.close()
    assert path.stat().st_size > 0
    with pytest.raises(CollectorStoreError) as bad:
        open_collector_store("mysql://root@localhost/kpi")
    assert "mysql" in bad.value.message
    with pytest.raises(CollectorStoreError) as unreachable:
        open_collector_store(f"postgresql://nobody@/nowhere?host={tmp_path}&port=1")
    assert "PostgreSQL" in unreachable.value.message
