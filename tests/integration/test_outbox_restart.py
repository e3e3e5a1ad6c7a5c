"""Crash mid-send: the worker process is killed after the portal stored the dossier but before the
answer arrived. Reopened from the same SQLite file, the job resumes with the SAME idempotency key
and the portal answers with the dossier it already holds: nothing is filed twice, nothing is lost.

Real peers: `counter-app outbox run` as a separate process (killed with SIGKILL), the sandbox
portal over loopback, the application's own data folder and database.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from counter_app.context import AppContext
from counter_app.portal.outbox import Outbox
from sandbox.faults import FaultSpec
from sandbox.server import start_in_thread
from tests.integration.test_portal_support import birth_request, sandbox_dossiers

REPO = Path(__file__).resolve().parents[2]


def _outbox_run(url: str, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "ui.entry", "outbox", "run", "--portal", url, *extra],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_killed_mid_send_resumes_with_the_same_key(tmp_path):
    handle = start_in_thread(faults=FaultSpec(lost_response_rate=1.0, hang_s=60))
    ctx = AppContext.open()
    outbox = Outbox(ctx.db, ctx.events, data_key=ctx.data_key)
    try:
        jobs = [
            outbox.enqueue_submission(f"HS-R{i}", birth_request(tmp_path / str(i), f"HS-R{i}"))
            for i in range(3)
        ]
        first = jobs[0]
        proc = _outbox_run(handle.url, "--timeout-s", "30")
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                if len(sandbox_dossiers(handle.url)) == 1 and outbox.get(first.id).state == "sending":
                    break
                time.sleep(0.1)
            else:
                pytest.fail(f"the worker never got the first job stored: {proc.stderr and proc.poll()}")
        finally:
            proc.kill()
            proc.wait(10)
        assert outbox.get(first.id).state == "sending", "the kill must leave the job mid-send"
        stored_before = sandbox_dossiers(handle.url)[0]

        handle.set_faults(FaultSpec())
        proc = _outbox_run(handle.url, "--timeout-s", "5", "--until-empty", "--for", "60")
        out, err = proc.communicate(timeout=90)
        assert proc.returncode == 0, err
        summary = json.loads(out.strip().splitlines()[-1])
        assert summary["sent"] == 3 and summary["pending"] == 0

        stored = sandbox_dossiers(handle.url)
        assert sorted(d["local_ref"] for d in stored) == ["HS-R0", "HS-R1", "HS-R2"]
        resumed = outbox.get(first.id)
        assert resumed.idempotency_key == first.idempotency_key == stored_before["idempotency_key"]
        assert resumed.portal_code == stored_before["dossier_code"]
        assert resumed.result is not None and resumed.result.replayed
        assert next(d for d in stored if d["local_ref"] == "HS-R0")["replays"] == 1
    finally:
        handle.stop()
        ctx.close()
