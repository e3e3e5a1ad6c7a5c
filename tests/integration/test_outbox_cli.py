"""`counter-app outbox ...` and `counter-app sandbox ...` as IT staff would run them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx

from counter_app.cli import main
from counter_app.context import AppContext
from counter_app.portal.outbox import Outbox
from tests.integration.test_portal_support import birth_request

REPO = Path(__file__).resolve().parents[2]


def _lines(capsys) -> list[dict]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]


def test_outbox_list_cancel_retry(tmp_path, capsys):
    ctx = AppContext.open()
    try:
        job = Outbox(ctx.db, ctx.events, data_key=ctx.data_key).enqueue_submission(
            "HS-CLI", birth_request(tmp_path, "HS-CLI")
        )
    finally:
        ctx.close()
    assert main(["outbox"]) == 0
    [listed] = _lines(capsys)
    assert listed["id"] == job.id and listed["state"] == "queued" and listed["dossier"] == "HS-CLI"
    assert main(["outbox", "cancel", str(job.id)]) == 0
    assert _lines(capsys)[0]["state"] == "cancelled"
    assert main(["outbox", "cancel", str(job.id)]) == 2
    error = json.loads(capsys.readouterr().err)["error"]
    assert error["code"] == "outbox_cannot_cancel" and "Không thể hủy" in error["message"]
    assert main(["outbox", "retry", str(job.id)]) == 0
    assert _lines(capsys)[0]["state"] == "queued"
    assert main(["outbox", "list", "--state", "sent"]) == 0
    assert _lines(capsys) == []


def test_sandbox_command_prints_its_url_first():
    proc = subprocess.Popen(
        [sys.executable, "-m", "ui.entry", "sandbox", "--port", "0", "--faults", "latency_ms=1"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = json.loads(proc.stdout.readline())
        assert first["url"].startswith("http://127.0.0.1:")
        assert httpx.get(first["url"] + "/sandbox/dossiers", timeout=10).json() == {
            "count": 0,
            "dossiers": [],
        }
    finally:
        proc.terminate()
        proc.wait(10)
    bad = subprocess.run(
        [sys.executable, "-m", "ui.entry", "sandbox", "--faults", "error_rate=7"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2 and json.loads(bad.stderr)["error"]["code"] == "sandbox_bad_faults"
