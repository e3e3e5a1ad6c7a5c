"""The event log: append-only, hash-chained, tampering and deletion are found."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from counter_app.events import EVENT_KINDS, EventError, EventLog, iter_events, verify
from counter_app.storage.db import Database
from portal_contract.events import event_digest


def _log_with_events(path: Path, n: int = 5) -> tuple[Database, EventLog]:
    db = Database(path)
    log = EventLog(db, "000.00.01.H31", "canbo1")
    for i in range(n):
        log.append("dossier_created", dossier_ref=f"LOC-{i:04d}", payload={"channel": 1})
    return db, log


def _attacker(path: Path) -> sqlite3.Connection:
    """Someone with the file: the triggers do not stop them, they only stop accidents."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DROP TRIGGER events_no_update")
    conn.execute("DROP TRIGGER events_no_delete")
    return conn


def test_clean_log_verifies(tmp_path: Path) -> None:
    db, _ = _log_with_events(tmp_path / "c.sqlite3")
    assert verify(db) == {"ok": True, "events": 5, "first_bad": None}
    assert [e.dossier_ref for e in iter_events(db)] == [f"LOC-{i:04d}" for i in range(5)]


def test_update_and_delete_are_refused_by_the_database(tmp_path: Path) -> None:
    db, _ = _log_with_events(tmp_path / "c.sqlite3")
    with pytest.raises(sqlite3.IntegrityError):
        db.connection().execute("UPDATE events SET payload = '{}' WHERE seq = 2")
    with pytest.raises(sqlite3.IntegrityError):
        db.connection().execute("DELETE FROM events WHERE seq = 2")


def test_tampered_payload_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    db, _ = _log_with_events(path)
    _attacker(path).execute("UPDATE events SET payload = ? WHERE seq = 3", (json.dumps({"channel": 2}),))
    result = verify(db)
    assert result["ok"] is False
    assert result["first_bad"]["seq"] == 3
    assert result["first_bad"]["reason"] == "modified"


def test_deleted_event_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    db, _ = _log_with_events(path)
    _attacker(path).execute("DELETE FROM events WHERE seq = 2")
    result = verify(db)
    assert result["ok"] is False
    assert result["first_bad"]["seq"] == 2
    assert result["first_bad"]["reason"] == "missing"


def test_deleted_last_event_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    db, _ = _log_with_events(path)
    _attacker(path).execute("DELETE FROM events WHERE seq = 5")
    result = verify(db)
    assert result["ok"] is False
    assert result["first_bad"]["reason"] == "truncated"


def test_rehashed_row_still_breaks_the_chain(tmp_path: Path) -> None:
    """Recomputing one row's own hash is not enough: the next row points at the old one."""
    path = tmp_path / "c.sqlite3"
    db, _ = _log_with_events(path)

    conn = _attacker(path)
    row = conn.execute("SELECT * FROM events WHERE seq = 2").fetchone()
    new_payload = json.dumps({"channel": 2})
    forged = event_digest(row[9], row[1], row[2], row[3], row[4], row[5], row[6], row[7], new_payload)
    conn.execute("UPDATE events SET payload = ?, hash = ? WHERE seq = 2", (new_payload, forged))
    result = verify(db)
    assert result["first_bad"]["seq"] == 3
    assert result["first_bad"]["reason"] == "chain_broken"


def test_unknown_kind_and_missing_fields_are_refused(tmp_path: Path) -> None:
    _db, log = _log_with_events(tmp_path / "c.sqlite3", 0)
    with pytest.raises(EventError):
        log.append("made_up_kind")
    with pytest.raises(EventError) as info:
        log.append("submitted", payload={"portal_code": "X"})
    assert "appointment_date" in info.value.message


def test_taxonomy_carries_the_kpi_inputs() -> None:
    """domain.md §6: channel, attachment and reuse flags, fee and payment, receipt and appointment."""
    assert "channel" in EVENT_KINDS["dossier_created"]
    assert {"attached", "reused"} <= set(EVENT_KINDS["component_digitized"])
    assert "fee" in EVENT_KINDS["procedure_chosen"]
    assert "payment_channel" in EVENT_KINDS["fee_paid"]
    assert {"received_at", "appointment_date"} <= set(EVENT_KINDS["receipt_printed"])
    assert {"from_state", "to_state"} <= set(EVENT_KINDS["status_changed"])


def _cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.entry", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_audit_verify_command_reports_tampering(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    db, _ = _log_with_events(data / "counter.sqlite3")
    db.close()
    ok = _cli("audit", "verify", data_dir=data)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout) == {"ok": True, "events": 5, "first_bad": None}
    _attacker(data / "counter.sqlite3").execute("UPDATE events SET officer = 'someone' WHERE seq = 4")
    bad = _cli("audit", "verify", data_dir=data)
    assert bad.returncode != 0
    assert json.loads(bad.stdout)["first_bad"]["seq"] == 4
