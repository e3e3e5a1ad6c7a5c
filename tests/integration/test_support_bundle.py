"""The support bundle: what IT needs to diagnose, and nothing personal or secret."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

from counter_app.context import AppContext
from counter_app.paths import app_paths

ROOT = Path(__file__).resolve().parents[2]
SECRET = "s3cr3t-oauth"


def test_bundle_has_config_origins_doctor_and_logs_but_no_secret(tmp_path: Path) -> None:
    machine = app_paths().machine_config
    machine.parent.mkdir(parents=True, exist_ok=True)
    machine.write_text(
        f'[portal]\nclient_secret = "{SECRET}"\n[office]\ncode = "000.00.01.H31"\n', encoding="utf-8"
    )
    ctx = AppContext.open()
    ctx.db  # noqa: B018 - a real database, so the doctor has something to report
    ctx.close()
    out = tmp_path / "bundle.zip"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "counter_app",
            "doctor",
            "--only",
            "config",
            "--only",
            "database",
            "--bundle",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert json.loads(result.stdout)["bundle"] == str(out)
    with zipfile.ZipFile(out) as bundle:
        names = set(bundle.namelist())
        assert {"README.txt", "versions.json", "config.json", "doctor.json"} <= names
        config = json.loads(bundle.read("config.json"))
        rows = {r["key"]: r for r in config["options"]}
        assert rows["office.code"]["origin"] == "machine"
        assert rows["portal.client_secret"]["value"] == "••••••"
        everything = b"".join(bundle.read(n) for n in names)
    assert SECRET.encode() not in everything
    assert not any(n.endswith((".sqlite3", ".key", ".enc", ".pdf")) for n in names)
