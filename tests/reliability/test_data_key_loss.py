"""Finding 1: a deleted or swapped key file must not silently lose every earlier dossier.

The campaign removed `keys/data.key`: `audit verify` answered ok, a new key was written and a new
intake succeeded while every older page, PDF and citizen record became unreadable. Now the
database records which key sealed it, and a missing or different key is refused before anything
is written; the key can be exported to, and restored from, a passphrase-protected file.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from counter_app.cli import main
from counter_app.context import AppContext
from counter_app.paths import app_paths
from counter_app.repository import Repository
from tests.reliability.conftest import filed_dossier

PASSPHRASE = "một câu dài để khôi phục khóa"


def _error(capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    return json.loads(capsys.readouterr().err.strip().splitlines()[-1])["error"]


def _fingerprint(folder: Path) -> dict[str, str]:
    """What is on disk in the data folder (database, key, workspaces), by content."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith("-shm") and "logs" not in p.parts
    }


@pytest.mark.parametrize("command", [["audit", "verify"], ["kpi"], ["outbox"], ["procedures"]])
def test_a_missing_key_is_refused_and_nothing_is_written(command, capsys) -> None:
    filed_dossier()
    paths = app_paths()
    paths.key_file.unlink()
    before = _fingerprint(paths.data_dir)
    code = main(command)
    if command == ["procedures"]:
        assert code == 0  # the catalog needs no data: still works without the key
        return
    assert code == 2
    error = _error(capsys)
    assert error["code"] == "data_key_missing"
    assert "không tạo khóa mới" in error["message"] and "key import" in error["hint"]
    assert not paths.key_file.exists()
    assert _fingerprint(paths.data_dir) == before


def test_a_missing_key_refuses_a_new_intake_in_the_window_context(capsys) -> None:
    filed_dossier()
    app_paths().key_file.unlink()
    ctx = AppContext.open()
    try:
        with pytest.raises(Exception) as info:
            ctx.workspace  # noqa: B018 - what the window and the intake open first
        assert getattr(info.value, "code", "") == "data_key_missing"
    finally:
        ctx.close()
    with sqlite3.connect(app_paths().database) as conn:
        assert conn.execute("SELECT count(*) FROM dossiers").fetchone()[0] == 1


def test_another_key_is_refused(capsys) -> None:
    filed_dossier()
    paths = app_paths()
    paths.key_file.write_bytes(b"MCSK-FILE1\n" + bytes(range(32)))
    assert main(["audit", "verify"]) == 2
    error = _error(capsys)
    assert error["code"] == "data_key_mismatch"
    assert "không phải khóa đã mã hóa" in error["message"]


def test_an_old_database_records_the_right_key_on_first_open_and_refuses_a_wrong_one() -> None:
    ref = filed_dossier()
    paths = app_paths()
    with sqlite3.connect(paths.database) as conn:
        conn.execute("DELETE FROM data_key_check")  # as written by a release before the record
    good = paths.key_file.read_bytes()
    paths.key_file.write_bytes(b"MCSK-FILE1\n" + bytes(range(32)))
    ctx = AppContext.open()
    with pytest.raises(Exception) as info:
        ctx.db  # noqa: B018
    assert getattr(info.value, "code", "") == "data_key_mismatch"
    with sqlite3.connect(paths.database) as conn:
        assert conn.execute("SELECT count(*) FROM data_key_check").fetchone()[0] == 0
    paths.key_file.write_bytes(good)
    ctx = AppContext.open()
    try:
        repo = Repository(ctx.db, ctx.data_key)
        assert repo.load_citizen(repo.load(ref).citizen).full_name == "Nguyễn Thị Thử Nghiệm"
        with sqlite3.connect(paths.database) as conn:
            [(key_id,)] = conn.execute("SELECT key_id FROM data_key_check").fetchall()
        assert key_id == ctx.data_key.key_id
    finally:
        ctx.close()


def test_key_export_then_import_restores_the_old_dossiers(tmp_path, capsys, monkeypatch) -> None:
    ref = filed_dossier()
    paths = app_paths()
    monkeypatch.setenv("RECOVERY_PASSPHRASE", PASSPHRASE)
    recovery = tmp_path / "khoa-du-phong.json"
    assert main(["key", "export", "--out", str(recovery), "--passphrase-env", "RECOVERY_PASSPHRASE"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported["out"] == str(recovery)
    assert paths.key_file.read_bytes()[-32:] not in recovery.read_bytes()  # sealed, not copied
    paths.key_file.unlink()

    monkeypatch.setenv("WRONG", "không phải mật khẩu này")
    assert main(["key", "import", str(recovery), "--passphrase-env", "WRONG"]) == 2
    assert _error(capsys)["code"] == "recovery_passphrase_wrong"
    assert not paths.key_file.exists()

    assert main(["key", "import", str(recovery), "--passphrase-env", "RECOVERY_PASSPHRASE"]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True
    ctx = AppContext.open()
    try:
        repo = Repository(ctx.db, ctx.data_key)
        assert repo.load_citizen(repo.load(ref).citizen).full_name == "Nguyễn Thị Thử Nghiệm"
        assert all(ctx.workspace.read(ref, name) for name in ctx.workspace.names(ref))  # pages open too
        assert ctx.data_key.key_id == exported["key_id"]
    finally:
        ctx.close()


def test_a_recovery_file_of_another_office_is_refused(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("P", PASSPHRASE)
    other = tmp_path / "other"
    monkeypatch.setenv("COUNTER_APP_DATA_DIR", str(other))
    filed_dossier()
    assert main(["key", "export", "--out", str(tmp_path / "other.json"), "--passphrase-env", "P"]) == 0
    capsys.readouterr()
    monkeypatch.setenv("COUNTER_APP_DATA_DIR", str(tmp_path / "ours"))
    filed_dossier()
    key_before = app_paths().key_file.read_bytes()
    assert main(["key", "import", str(tmp_path / "other.json"), "--passphrase-env", "P"]) == 2
    assert _error(capsys)["code"] == "recovery_key_mismatch"
    assert app_paths().key_file.read_bytes() == key_before


def test_a_short_passphrase_is_refused(tmp_path, capsys, monkeypatch) -> None:
    filed_dossier()
    monkeypatch.setenv("P", "ngắn")
    assert main(["key", "export", "--out", str(tmp_path / "k.json"), "--passphrase-env", "P"]) == 2
    assert _error(capsys)["code"] == "passphrase_too_short"
    assert not (tmp_path / "k.json").exists()


def test_an_old_database_without_citizens_is_proven_on_a_workspace_file() -> None:
    filed_dossier()
    paths = app_paths()
    with sqlite3.connect(paths.database) as conn:
        conn.execute("DELETE FROM data_key_check")
        conn.execute("UPDATE dossiers SET citizen_id = NULL")
        conn.execute("DELETE FROM citizens")
    paths.key_file.write_bytes(b"MCSK-FILE1\n" + bytes(range(32)))
    ctx = AppContext.open()
    with pytest.raises(Exception) as info:
        ctx.db  # noqa: B018
    assert getattr(info.value, "code", "") == "data_key_mismatch"
