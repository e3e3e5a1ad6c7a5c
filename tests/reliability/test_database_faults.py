"""Findings 4, 5 and 7: database and disk faults are known errors, each with the right thing to do.

Real faults on real files: SQLite pages overwritten with garbage, a database truncated to 0 bytes,
the data folder on a tiny tmpfs that fills up (ENOSPC) or is remounted read-only (EROFS).
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import time
from pathlib import Path

import cv2
import pytest

from counter_app.cli import main
from counter_app.context import AppContext
from counter_app.errors import KnownError
from counter_app.paths import app_paths
from counter_app.storage.crypto import DataKey
from counter_app.storage.workspace import Workspace
from counter_app.workflow import Workflow
from tests.reliability.conftest import SmallDisk, filed_dossier
from tests.synthetic import render_text_page, save_page
from tests.synthetic_idcard import render_card, synthetic_citizen
from tests.unit.test_workflow import META, png

BIRTH = "1.001193"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict | None]:
    """Run a command in-process; (exit code, the known error or None). Never a traceback."""
    code = main(list(argv))
    err = capsys.readouterr().err
    assert "Traceback" not in err, err
    assert code != 1, err  # 1 is a bug
    lines = [line for line in err.splitlines() if line.startswith('{"error"')]
    return code, json.loads(lines[-1])["error"] if lines else None


def _smash_table(database: Path, table: str) -> None:
    """Overwrite the cell area of `table`'s root page with garbage, as a bad sector would."""
    with sqlite3.connect(database) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    rng = random.Random(7)
    with open(database, "r+b") as handle:
        handle.seek(root * page_size - 1500)
        handle.write(bytes(rng.randrange(256) for _ in range(1500)))


def _intake_inputs(folder: Path) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    card = folder / "cccd.png"
    cv2.imwrite(str(card), render_card(synthetic_citizen(random.Random(3))))
    page = save_page(render_text_page(dpi=100, seed=1), folder / "p.png", dpi=100)
    return [
        "intake", "--headless", "--id-image", str(card), "--procedure", BIRTH,
        "--component", f"to_khai_khai_sinh={page}", "--component", f"giay_chung_sinh={page}", "--no-ocr",
    ]  # fmt: skip


def _dossier_count(database: Path) -> int:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT count(*) FROM dossiers").fetchone()[0]


def test_an_emptied_database_beside_workspaces_is_refused(capsys) -> None:
    filed_dossier()
    database = app_paths().database
    for suffix in ("-wal", "-shm"):
        Path(str(database) + suffix).unlink(missing_ok=True)
    database.write_bytes(b"")
    code, error = _run(capsys, "audit", "verify")
    assert code == 2 and error["code"] == "database_emptied"
    assert "0 byte" in error["message"] and "bản sao lưu" in error["hint"]
    assert database.stat().st_size == 0  # not re-created over the old dossiers


def test_a_corrupt_page_opens_read_only_and_takes_no_new_dossier(tmp_path, capsys) -> None:
    filed_dossier()
    database = app_paths().database
    _smash_table(database, "events")
    dossiers = _dossier_count(database)
    for command in (["audit", "verify"], ["kpi"], _intake_inputs(tmp_path / "in")):
        code, error = _run(capsys, *command)
        assert code == 2, command
        assert error["code"] == "database_corrupt", (command, error)
        assert "bản sao lưu" in error["hint"]
    assert _run(capsys, "outbox") == (0, None)  # what only reads intact pages still answers
    ctx = AppContext.open()
    try:
        assert ctx.db.read_only and "chỉ mở để xem" in ctx.db.problem.message
        with pytest.raises(KnownError) as info:
            Workflow(ctx).start()
        assert info.value.code == "database_corrupt"
    finally:
        ctx.close()
    assert _dossier_count(database) == dossiers


def test_doctor_runs_the_full_integrity_check(capsys) -> None:
    filed_dossier()
    _smash_table(app_paths().database, "events")
    assert main(["doctor", "--only", "database"]) == 3
    section = json.loads(capsys.readouterr().out)["database"]
    assert section["ok"] is False and section["read_only"] is True
    assert "page" in section["integrity"].lower()
    assert section["error"]["code"] == "database_corrupt"


def test_stray_temp_files_of_a_killed_write_are_removed_at_start() -> None:
    ref = filed_dossier()
    folder = app_paths().workspaces / ref
    stray = folder / ".page-0009.png.enc.k1ll3d.tmp"
    busy = folder / ".page-0010.png.enc.wr1t1ng.tmp"  # another process writing right now
    stray.write_bytes(b"half a page")
    busy.write_bytes(b"being written")
    an_hour_ago = time.time() - 3600
    os.utime(stray, (an_hour_ago, an_hour_ago))
    ctx = AppContext.open()
    try:
        ctx.workspace  # noqa: B018 - opening the workspace is the start
    finally:
        ctx.close()
    assert not stray.exists() and busy.exists()


def test_a_full_disk_is_told_apart_from_corruption(small_disk: SmallDisk, tmp_path, capsys) -> None:
    ref = filed_dossier()
    intake = _intake_inputs(tmp_path / "in")
    small_disk.fill(leave_bytes=0)
    ctx = AppContext.open()
    try:
        with pytest.raises(KnownError) as info:
            Workflow(ctx).add_page(Workflow(ctx).repo.load(ref), "to_khai_khai_sinh", png(400, 400), META)
    finally:
        ctx.close()
    assert info.value.code == "disk_full"
    assert "bản sao lưu" not in info.value.message and "Giải phóng dung lượng" in info.value.hint
    for command in (["audit", "verify"], ["outbox"], ["kpi"], ["doctor", "--only", "database"], intake):
        code, error = _run(capsys, *command)
        if command is intake:
            assert code == 2 and error is not None
        if error is not None:  # a read may still succeed on a full disk; a write may not
            assert error["code"] == "disk_full", (command, error)
            assert "không cần khôi phục" in error["hint"]
    small_disk.free_up()
    assert main(["audit", "verify"]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True


def test_a_read_only_file_system_is_told_apart_from_corruption(
    small_disk: SmallDisk, tmp_path, capsys
) -> None:
    ref = filed_dossier()
    small_disk.remount(read_only=True)
    try:
        for command in (["audit", "verify"], ["outbox"], ["kpi"], _intake_inputs(tmp_path / "in")):
            code, error = _run(capsys, *command)
            assert code == 2 and error["code"] == "database_read_only", (command, error)
            assert "chỉ cho phép đọc" in error["message"] and "bản sao lưu" not in error["hint"]
        workspace = Workspace(app_paths().workspaces, DataKey(bytes(32)))
        with pytest.raises(KnownError) as info:
            workspace.write(ref, "page-0099.png", b"page")
        assert info.value.code == "disk_read_only" and "chỉ cho phép đọc" in info.value.message
        code, _ = _run(capsys, "doctor", "--only", "database", "--only", "storage")
        report = json.loads(capsys.readouterr().out or "{}") if code == 0 else None
        assert code == 3 or (report and not report["ok"])
    finally:
        small_disk.remount(read_only=False)
    assert main(["audit", "verify"]) == 0


def test_a_read_only_database_file_is_told_apart_from_corruption(tmp_path, capsys) -> None:
    """The file itself read-only: the immutable attribute (chattr +i), which binds root too (the
    suite runs as root, for whom chmod 0444 changes nothing)."""
    filed_dossier()
    database = app_paths().database
    with sqlite3.connect(database) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    made = subprocess.run(["chattr", "+i", str(database)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot make the file immutable here: {made.stderr.strip()}")
    try:
        for command in (["audit", "verify"], ["outbox"], ["kpi"], _intake_inputs(tmp_path / "in")):
            code, error = _run(capsys, *command)
            assert code == 2 and error["code"] == "database_read_only", (command, error)
            assert "bản sao lưu" not in error["hint"]
    finally:
        subprocess.run(["chattr", "-i", str(database)], check=True)
    assert main(["audit", "verify"]) == 0
