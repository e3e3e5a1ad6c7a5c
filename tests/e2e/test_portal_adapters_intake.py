"""Five headless intakes filed through a real system's adapter (OpenCPS v2, the national sync)
while its stand-in fails 30 % of requests with a 5xx, loses 10 % of its answers after doing
the work, and is restarted once in the middle (its state kept in a SQLite file, same port).
For the national sync, a supplement on a filed dossier then reaches it as one progress step.

Real peers throughout: `counter-app intake --headless` in child processes (each may end before
its dossier is through: the job is then left queued or mid-send, as after closing the window),
the outbox worker resuming them in this process, the stand-ins over loopback HTTP with the
sandbox's fault injector, `counter-app receipt` and `counter-app kpi` as child processes.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import httpx
import pytest

from counter_app.context import AppContext
from counter_app.portal.connect import connect_portal
from counter_app.portal.outbox import Outbox
from counter_app.portal.worker import Backoff, OutboxWorker
from counter_app.workflow import Workflow
from sandbox.faults import FaultSpec
from sandbox.server import start_in_thread
from tests.app_process import run_app
from tests.e2e.test_headless_intake import BIRTH, run_intake
from tests.e2e.test_headless_intake import inputs as inputs  # the fixture: the same synthetic inputs

INTAKES = 5


def file_five_under_faults(flavour: str, inputs: Any, tmp_path: Path, data_dir: Path) -> dict[str, Any]:
    """Five intakes with `portal.adapter = flavour`, the stand-in restarted after the second; what
    the intakes left unsent, the outbox sends afterwards with the same keys; then the receipts and
    KPIs are checked and (national sync) a supplement is asked on the first dossier. Returns the
    jobs, the stand-in's listing, the progress jobs and steps."""
    citizen, card, pages = inputs
    (data_dir / "config").mkdir(exist_ok=True)
    (data_dir / "config" / "config.toml").write_text(f'[portal]\nadapter = "{flavour}"\n', encoding="utf-8")
    faults = FaultSpec(error_rate=0.3, lost_response_rate=0.1, hang_s=0.2, seed=24)
    state = tmp_path / f"{flavour}-stand-in.sqlite"
    handle = start_in_thread(flavour=flavour, faults=faults, state_path=state)
    port = int(handle.url.rsplit(":", 1)[1])
    counts: dict[str, int] = {}
    try:
        refs = []
        for n in range(INTAKES):
            if n == INTAKES // 2:  # the stand-in restarts; what the intakes left unsent waits
                counts = dict(handle.portal.asgi.counts)
                handle.stop()
                handle = start_in_thread(flavour=flavour, faults=faults, state_path=state, port=port)
            proc = run_intake(
                "--id-image", str(card),
                "--procedure", BIRTH,
                "--component", f"to_khai_khai_sinh={pages['tk1']}",
                "--component", f"giay_chung_sinh={pages['gcs']}",
                "--portal", handle.url,
                "--no-ocr",
                "--wait", "3",
                "--receipt-dir", str(tmp_path / "first"),
                data_dir=data_dir,
            )  # fmt: skip
            assert proc.returncode == 0, proc.stderr
            refs.append(json.loads(proc.stdout)["dossier"])
        ctx = AppContext.open()
        progress: list = []
        try:
            outbox = Outbox(ctx.db, ctx.events, data_key=ctx.data_key, workspace=ctx.workspace)
            with connect_portal(ctx, handle.url) as portal:
                assert portal.client.name == flavour
                worker = OutboxWorker(
                    outbox, portal.client, backoff=Backoff(base_s=0.05, max_s=0.5), idle_poll_s=0.1
                ).start()
                try:
                    jobs = [outbox.latest_for(ref) for ref in refs]
                    for job in jobs:
                        if job.state == "failed":
                            outbox.retry(job.id)  # due now rather than after the intake's backoff
                    jobs = [outbox.wait_settled(job.id, timeout_s=120) for job in jobs]
                    assert [job.state for job in jobs] == ["sent"] * INTAKES, [job.last_error for job in jobs]
                    receipts_and_kpis_show({j.dossier_ref: j.portal_code for j in jobs}, tmp_path, data_dir)
                    if flavour == "dvcqg":  # a supplement asked after filing is reported, once
                        wf = Workflow(ctx)
                        wf.request_supplement(wf.repo.load(refs[0]), "Thiếu bản chính giấy chứng sinh")
                        progress = [
                            outbox.wait_settled(j.id, timeout_s=120)
                            for j in outbox.jobs()
                            if j.kind == "progress"
                        ]
                finally:
                    worker.stop(timeout_s=10)
        finally:
            ctx.close()
        assert [job.state for job in jobs] == ["sent"] * INTAKES, [job.last_error for job in jobs]
        for kind, count in handle.portal.asgi.counts.items():
            counts[kind] = counts.get(kind, 0) + count
        assert counts["error"] > 0 and counts["lost"] > 0  # the faults did happen
        listed = httpx.get(f"{handle.url}/sandbox/dossiers", timeout=10).json()["dossiers"]
        steps = httpx.get(f"{handle.url}/sandbox/progress", timeout=10).json() if flavour == "dvcqg" else {}
    finally:
        handle.stop()
    return {"jobs": jobs, "listed": listed, "citizen": citizen, "progress": progress, "steps": steps}


def receipts_and_kpis_show(codes: dict[str, str], tmp_path: Path, data_dir: Path) -> None:
    """Each receipt carries the system's dossier number; the KPIs count every dossier."""
    for ref, code in codes.items():
        out = tmp_path / f"{ref}.pdf"
        proc = run_app("receipt", "--dossier", ref, "--out", str(out), data_dir=data_dir)
        assert proc.returncode == 0, proc.stderr
        if shutil.which("pdftotext"):
            text = subprocess.run(
                ["pdftotext", str(out), "-"], capture_output=True, text=True, timeout=60
            ).stdout
            assert code in text
    proc = run_app("kpi", "--by", "total", data_dir=data_dir)
    assert proc.returncode == 0, proc.stderr
    (total,) = [json.loads(line) for line in proc.stdout.splitlines()]
    assert total["received"] == INTAKES


@pytest.mark.slow
def test_five_intakes_to_opencps_under_faults_are_each_filed_once(inputs, tmp_path, isolated_dirs):
    run = file_five_under_faults("opencps", inputs, tmp_path, isolated_dirs)
    codes = {job.dossier_ref: job.portal_code for job in run["jobs"]}
    listed = run["listed"]
    # One OpenCPS dossier per outbox key, received, numbered, each signed component uploaded once.
    assert len(listed) == INTAKES
    assert {d["referenceUid"] for d in listed} == {job.idempotency_key for job in run["jobs"]}
    assert sorted(d["dossierNo"] for d in listed) == sorted(codes.values())
    assert all(d["dossierStatus"] == "receiving" for d in listed)
    assert all(sorted(f["dossierPartNo"] for f in d["files"]) == ["TP01", "TP02"] for d in listed)
    assert all(d["applicantIdNo"] == run["citizen"].id_number for d in listed)


@pytest.mark.slow
def test_five_intakes_synced_to_the_national_portal_under_faults_are_each_reported_once(
    inputs, tmp_path, isolated_dirs
):
    run = file_five_under_faults("dvcqg", inputs, tmp_path, isolated_dirs)
    codes = {job.dossier_ref: job.portal_code for job in run["jobs"]}
    listed = run["listed"]
    assert len(listed) == INTAKES
    assert sorted(d["MaHoSo"] for d in listed) == sorted(codes.values())
    supplemented = run["jobs"][0].portal_code  # its progress moved it to "5" (yêu cầu bổ sung)
    assert {d["MaHoSo"]: d["TrangThaiHoSo"] for d in listed} == {
        code: "5" if code == supplemented else "2" for code in codes.values()
    }
    assert all(d["MaTTHC"] == BIRTH for d in listed)
    assert all(
        [t["MaThanhPhanHoSo"] for t in d["TaiLieuNop"]] == ["to_khai_khai_sinh", "giay_chung_sinh"]
        for d in listed
    )
    assert all(d["ChuHoSo"] == run["citizen"].full_name for d in listed)
    # The supplement: one progress job sent, one CapNhatTienDoHoSoMC step with the mapped status.
    (job,) = run["progress"]
    assert job.state == "sent" and job.dossier_ref == run["jobs"][0].dossier_ref
    assert [(s["MaHoSo"], s["TrangThai"]) for s in run["steps"]["progress"]] == [
        (run["jobs"][0].portal_code, "5")
    ]
