"""`counter-app sandbox --collector-db URL`: the collector's events land in the database the URL names."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import httpx
import pytest

from counter_app.cli import main
from counter_app.storage.db import Database
from counter_app.sync import EventPusher
from sandbox.collector_store import open_collector_store
from tests.postgres import PostgresServer
from tests.synthetic_events import random_specs, write

ROOT = Path(__file__).resolve().parents[2]


def test_sandbox_cli_keeps_the_collector_in_postgresql(
    tmp_path: Path, postgres_server: PostgresServer
) -> None:
    url = postgres_server.new_database()
    db = Database(tmp_path / "c.sqlite3")
    write(db, random_specs(10, first_day=date(2026, 11, 1), days=2, seed=3))
    local = db.connection().execute("SELECT count(*) FROM events").fetchone()[0]
    server = subprocess.Popen(
        [sys.executable, "-m", "ui.entry", "sandbox", "--port", "0", "--collector-db", url],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = server.stdout.readline()
        assert first, server.stderr.read()
        sandbox_url = json.loads(first)["url"]
        assert EventPusher(db, sandbox_url).push_once().as_dict() == {"sent": local, "pending": 0}
        assert httpx.get(f"{sandbox_url}/collector/summary").json()["events"] == local
    finally:
        server.terminate()
        server.communicate(timeout=30)
    store = open_collector_store(url)  # the events outlive the sandbox, in PostgreSQL
    try:
        assert len(store.events()) == local
    finally:
        store.close()


def test_an_unknown_database_kind_is_a_known_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sandbox", "--port", "0", "--collector-db", "mysql://root@localhost/kpi"]) == 2
    error = json.loads(capsys.readouterr().err)["error"]
    assert error["code"] == "collector_db" and "postgresql://" in error["hint"]
