"""The sandbox's back office as trainers and demos use it: the documented trainer endpoint, the
`--auto-progress` option, progress kept across restarts, and `counter-app outbox poll` over loopback."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import httpx

from counter_app.cli import main
from counter_app.context import AppContext
from counter_app.portal.client import PortalClient
from counter_app.portal.outbox import Outbox
from counter_app.portal.worker import OutboxWorker
from sandbox.app import SandboxSettings
from sandbox.progress import AutoProgress
from sandbox.server import start_in_thread
from sandbox.store import VN_TZ
from tests.integration.test_portal_openapi import check  # skips the module without PyYAML
from tests.integration.test_portal_support import birth_request

REPO = Path(__file__).resolve().parents[2]
MOVE_PATH = "/sandbox/dossiers/{code}/status"


def _file(url: str, folder: Path, count: int = 1) -> list[str]:
    """Dossiers filed through a throwaway outbox (the sandbox is the peer under test here)."""
    ctx = AppContext.open()
    try:
        outbox = Outbox(ctx.db, ctx.events)
        codes = []
        with PortalClient(url) as client:
            for index in range(count):
                ref = f"HS-SB-{folder.name}-{index}"
                job = OutboxWorker(outbox, client).send_one(
                    outbox.enqueue_submission(ref, birth_request(folder / str(index), ref))
                )
                assert job is not None and job.state == "sent"
                codes.append(str(job.portal_code))
        return codes
    finally:
        ctx.close()


def test_trainer_moves_follow_the_contract(tmp_path):
    handle = start_in_thread()
    try:
        [code] = _file(handle.url, tmp_path)
        path = MOVE_PATH.format(code=code)
        with httpx.Client(base_url=handle.url, timeout=10) as http:
            waiting = check(http.post(path, json={"status": "waiting_citizen"}), MOVE_PATH, "post")
            assert waiting["status"] == "waiting_citizen" and waiting["waiting_since"]
            assert (
                check(http.post(path, json={"status": "bogus"}), MOVE_PATH, "post")["error"]["field"]
                == "status"
            )
            past = {"status": "processing", "at": "2020-01-01T08:00:00"}
            assert (
                check(http.post(path, json=past), MOVE_PATH, "post")["error"]["code"]
                == "at_before_last_change"
            )
            assert check(
                http.post(path, content=b"{", headers={"content-type": "application/json"}), MOVE_PATH, "post"
            )
            later = datetime.fromisoformat(waiting["waiting_since"]) + timedelta(hours=5)
            done = check(
                http.post(path, json={"status": "finished", "at": later.isoformat()}), MOVE_PATH, "post"
            )
            assert done["result_attached"] and done["finished_at"] == later.isoformat()
            assert done["waiting_citizen_s"] == 5 * 3600 and done["waiting_since"] == ""
            refused = check(http.post(path, json={"status": "processing"}), MOVE_PATH, "post")
            assert (
                refused["error"]["code"] == "status_not_allowed" and "finished" in refused["error"]["message"]
            )
            missing = MOVE_PATH.format(code="none-000000-0000")
            assert http.post(missing, json={"status": "processing"}).status_code == 404
            # The portal contract shows the same progress to the counter, documented fields only.
            status = check(http.get(f"/api/v1/dossiers/{code}"), "/api/v1/dossiers/{code}", "get")
            assert (status["status"], status["finished_at"]) == ("finished", later.isoformat())
            listed = check(http.get("/sandbox/dossiers"), "/sandbox/dossiers", "get")["dossiers"]
            assert listed[0]["status"] == "finished" and listed[0]["waiting_citizen_s"] == 5 * 3600
    finally:
        handle.stop()


def test_auto_progress_plays_the_back_office_and_asks_every_third_for_a_supplement(tmp_path):
    handle = start_in_thread()
    try:
        codes = _file(handle.url, tmp_path, count=3)
        steps = AutoProgress(handle.portal.store, step_s=60)
        start = datetime.now(VN_TZ)
        paths: dict[str, list[str]] = {code: [] for code in codes}
        assert steps.advance(start) == 0  # nobody has waited a minute yet
        for minute in range(1, 8):
            steps.advance(start + timedelta(minutes=minute, seconds=1))
            with PortalClient(handle.url) as client:
                for code in codes:
                    status = client.status(code).status
                    if not paths[code] or paths[code][-1] != status:
                        paths[code].append(status)
        plain = ["processing", "result_ready", "finished"]
        assert paths[codes[0]] == plain and paths[codes[1]] == plain
        assert paths[codes[2]] == ["processing", "waiting_citizen", "processing", "result_ready", "finished"]
        with PortalClient(handle.url) as client:
            assert client.status(codes[2]).waiting_citizen_s == 60.0
    finally:
        handle.stop()


def test_progress_survives_a_restart_of_the_sandbox(tmp_path):
    state = tmp_path / "portal.sqlite3"
    handle = start_in_thread(state_path=state)
    [code] = _file(handle.url, tmp_path)
    # Stamped a few seconds ahead so that auto-progress leaves it alone until the first look below.
    soon = (datetime.now(VN_TZ) + timedelta(seconds=4)).isoformat()
    move = {"status": "waiting_citizen", "at": soon}
    httpx.post(f"{handle.url}{MOVE_PATH.format(code=code)}", json=move, timeout=10)
    handle.stop()
    handle = start_in_thread(state_path=state, settings=SandboxSettings(auto_progress_s=1.0))
    try:
        with PortalClient(handle.url) as client:
            status = client.status(code)
            assert status.status == "waiting_citizen" and status.waiting_since
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and client.status(code).status != "finished":
                time.sleep(0.1)
            finished = client.status(code)
        assert finished.status == "finished" and finished.result_attached and finished.waiting_citizen_s > 0
    finally:
        handle.stop()


def test_outbox_poll_prints_what_changed_and_survives_a_portal_that_is_down(tmp_path, capsys):
    handle = start_in_thread()
    try:
        [code] = _file(handle.url, tmp_path)
        httpx.post(f"{handle.url}{MOVE_PATH.format(code=code)}", json={"status": "finished"}, timeout=10)
        assert main(["outbox", "poll", "--portal", handle.url]) == 0
        out = json.loads(capsys.readouterr().out)
        assert out["polled"] == 1 and out["changed"] == 1 and not out["portal_down"]
        [change] = out["changes"]
        assert change["portal_code"] == code and change["to"] == "finished"
        assert change["events"] == ["status_changed", "result_attached", "dossier_finished"]
        assert main(["outbox", "poll", "--portal", handle.url]) == 0
        assert json.loads(capsys.readouterr().out)["open"] == 0
        _file(handle.url, tmp_path / "second")
    finally:
        handle.stop()
    assert main(["outbox", "poll", "--portal", handle.url, "--timeout-s", "2"]) == 0
    down = json.loads(capsys.readouterr().out)
    assert down["portal_down"] and down["open"] == 1 and down["changed"] == 0
    assert down["errors"][0]["code"] == "portal_down"


def test_sandbox_command_accepts_auto_progress():
    proc = subprocess.Popen(
        [sys.executable, "-m", "ui.entry", "sandbox", "--port", "0", "--auto-progress", "0.5"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = json.loads(proc.stdout.readline())["url"]
        assert httpx.get(url + "/sandbox/dossiers", timeout=10).json()["count"] == 0
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    bad = subprocess.run(
        [sys.executable, "-m", "ui.entry", "sandbox", "--port", "0", "--auto-progress", "-1"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2 and json.loads(bad.stderr)["error"]["code"] == "sandbox_bad_auto_progress"
