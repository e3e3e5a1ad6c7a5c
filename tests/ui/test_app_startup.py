"""Start-up as installers and CI see it: self-test, translations, crash files, refusal of a newer database."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from ui import crash
from ui.app import install_translator

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.entry", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def test_self_test_opens_the_window_offscreen(tmp_path: Path) -> None:
    result = _run("--self-test", data_dir=tmp_path)
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["checks"]["window"] == {"ok": True, "sections": 4}
    assert report["checks"]["database"]["ok"] is True
    assert report["checks"]["translations"]["ok"] is True
    assert (result.returncode == 0) == report["ok"]


def test_version_and_help() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "ui.entry", "--version"], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert out.returncode == 0 and out.stdout.startswith("counter-app ")


def test_newer_database_is_refused_with_a_message(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "counter.sqlite3")
    conn.execute(f"PRAGMA user_version = {99 << 16}")
    conn.commit()
    conn.close()
    result = _run("--self-test", data_dir=tmp_path)
    assert result.returncode == 2
    error = json.loads(result.stderr.strip().splitlines()[-1])["error"]
    assert error["code"] == "database_too_new"
    assert "phiên bản mới hơn" in error["message"]


def test_english_translation_loads(qapp) -> None:
    assert install_translator(qapp, "en")
    assert QCoreApplication.translate("MainWindow", "Hồ sơ hôm nay") == "Today's dossiers"
    for translator in [getattr(qapp, "_counter_translator", None)]:
        if translator is not None:
            qapp.removeTranslator(translator)


def test_unexpected_error_writes_a_crash_file_without_dialog(tmp_path: Path) -> None:
    hook = crash.ExceptHook(tmp_path / "crashes", tmp_path / "log.txt", dialogs=False)
    try:
        raise RuntimeError("synthetic bug")
    except RuntimeError as exc:
        hook(type(exc), exc, exc.__traceback__)
    [path] = hook.crashes
    text = path.read_text(encoding="utf-8")
    assert "synthetic bug" in text and "PySide6" in text and str(tmp_path / "log.txt") in text


def test_native_crash_of_previous_run_is_reported_at_next_start(tmp_path: Path) -> None:
    code = (
        "import faulthandler, sys; from pathlib import Path; from ui import crash;"
        f"crash.enable_faulthandler(Path({str(tmp_path)!r})); faulthandler._sigsegv()"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, timeout=60)
    previous = crash.enable_faulthandler(tmp_path)
    assert previous is not None
    assert "Segmentation fault" in previous.read_text(
        encoding="utf-8"
    ) or "Fatal Python error" in previous.read_text(encoding="utf-8")
