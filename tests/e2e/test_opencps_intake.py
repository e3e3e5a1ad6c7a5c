"""Five headless intakes filed to the OpenCPS v2 stand-in through the `opencps` adapter, while the
stand-in fails 30 % of requests with a 5xx and loses 10 % of its answers after doing the work.

Real peers throughout: `counter-app intake --headless` in child processes (each may end before
its dossier is through: the job is then left queued or mid-send, as after closing the window),
the outbox worker resuming them in this process, the stand-in over loopback HTTP with the
sandbox's fault injector, `counter-app receipt` and `counter-app kpi` as child processes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from counter_app.context import AppContext
from counter_app.portal.connect import connect_portal
from counter_app.portal.outbox import Outbox
from counter_app.portal.worker import Backoff, OutboxWorker
from sandbox.faults import FaultSpec
from sandbox.server import start_in_thread
from tests.e2e.test_headless_intake import BIRTH, ROOT, run_intake
from tests.e2e.test_headless_intake import inputs as inputs  # the fixture: the same synthetic inputs

INTAKES = 5


def cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ui.entry", *args, "--data-dir", str(data_dir)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_five_intakes_under_faults_are_each_filed_once_with_the_systems_number(
    inputs, tmp_path, isolated_dirs
):
    citizen, card, pages = inputs
    (isolated_dirs / "config").mkdir(exist_ok=True)
    (isolated_dirs / "config" / "config.toml").write_text('[portal]\nadapter = "opencps"\n', encoding="utf-8")
    faults = FaultSpec(error_rate=0.3, lost_response_rate=0.1, hang_s=0.2, seed=24)
    handle = start_in_thread(flavour="opencps", faults=faults)
    try:
        refs = []
        for _ in range(INTAKES):
            proc = run_intake(
                "--id-image", str(card),
                "--procedure", BIRTH,
                "--component", f"to_khai_khai_sinh={pages['tk1']}",
                "--component", f"giay_chung_sinh={pages['gcs']}",
                "--portal", handle.url,
                "--no-ocr",
                "--wait", "3",
                "--receipt-dir", str(tmp_path / "first"),
                data_dir=isolated_dirs,
            )  # fmt: skip
            assert proc.returncode == 0, proc.stderr
            refs.append(json.loads(proc.stdout)["dossier"])

        # What the intakes left unsent, the outbox sends now (same keys), through the same adapter.
        ctx = AppContext.open()
        try:
            outbox = Outbox(ctx.db, ctx.events, data_key=ctx.data_key, workspace=ctx.workspace)
            with connect_portal(ctx, handle.url) as portal:
                assert portal.client.name == "opencps"
                worker = OutboxWorker(outbox, portal.client, backoff=Backoff(base_s=0.05, max_s=0.5)).start()
                try:
                    jobs = [outbox.latest_for(ref) for ref in refs]
                    for job in jobs:
                        if job.state == "failed":
                            outbox.retry(job.id)  # due now rather than after the intake's backoff
                    jobs = [outbox.wait_settled(job.id, timeout_s=120) for job in jobs]
                finally:
                    worker.stop(timeout_s=10)
            codes = {job.dossier_ref: job.portal_code for job in jobs}
            keys = {job.idempotency_key for job in jobs}
            assert [job.state for job in jobs] == ["sent"] * INTAKES, [job.last_error for job in jobs]
        finally:
            ctx.close()

        counts = handle.portal.asgi.counts
        assert counts["error"] > 0 and counts["lost"] > 0  # the faults did happen
        listed = httpx.get(f"{handle.url}/sandbox/dossiers", timeout=10).json()["dossiers"]
    finally:
        handle.stop()

    # Every dossier filed exactly once (one OpenCPS dossier per outbox key), received, numbered,
    # with each signed component uploaded once.
    assert len(listed) == INTAKES
    assert {d["referenceUid"] for d in listed} == keys
    assert sorted(d["dossierNo"] for d in listed) == sorted(codes.values())
    assert all(d["dossierStatus"] == "receiving" for d in listed)
    assert all(sorted(f["dossierPartNo"] for f in d["files"]) == ["TP01", "TP02"] for d in listed)
    assert all(d["applicantIdNo"] == citizen.id_number for d in listed)

    # The receipt carries OpenCPS's dossier number.
    for ref, code in codes.items():
        out = tmp_path / f"{ref}.pdf"
        proc = cli("receipt", "--dossier", ref, "--out", str(out), data_dir=isolated_dirs)
        assert proc.returncode == 0, proc.stderr
        if shutil.which("pdftotext"):
            text = subprocess.run(
                ["pdftotext", str(out), "-"], capture_output=True, text=True, timeout=60
            ).stdout
            assert code in text

    # The KPIs count them.
    proc = cli("kpi", "--by", "total", data_dir=isolated_dirs)
    assert proc.returncode == 0, proc.stderr
    (total,) = [json.loads(line) for line in proc.stdout.splitlines()]
    assert total["received"] == INTAKES
