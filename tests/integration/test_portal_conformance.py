"""The conformance kit against the reference sandbox and the OpenCPS stand-in, over loopback HTTP.

Real servers (the sandbox in a thread, and `counter-app sandbox` as a child process for the CLI),
real adapters; the only faults are the kit's own (client side, by design: see conformance.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from counter_app.config import load_config
from counter_app.paths import app_paths
from counter_app.portal.conformance import ConformanceKit
from counter_app.portal.progress import ProgressUpdate
from sandbox.catalog import load_procedures
from sandbox.server import start_in_thread

ROOT = Path(__file__).resolve().parents[2]
BIRTH = "1.001193"


def _kit(adapter: str, url: str) -> ConformanceKit:
    required = load_procedures()[BIRTH].required_components
    return ConformanceKit(adapter, url, load_config(app_paths()), list(required.items()), BIRTH, timeout_s=10)


@pytest.mark.parametrize("flavour", ["reference", "opencps", "dvcqg"])
def test_every_scenario_passes_against_the_stand_in(flavour, isolated_dirs):
    handle = start_in_thread(flavour=flavour)
    try:
        summary = _kit(flavour, handle.url).run()
        stored = len(httpx.get(f"{handle.url}/sandbox/dossiers", timeout=10).json()["dossiers"])
    finally:
        handle.stop()
    assert summary["failed"] == 0, [s for s in summary["scenarios"] if not s["passed"]]
    assert summary["adapter"] == flavour
    assert [s["name"] for s in summary["scenarios"]] == list(ConformanceKit.SCENARIOS)
    lost = next(s for s in summary["scenarios"] if s["name"] == "lost_response")
    assert lost["injected"] and lost["injected"][0].startswith("lost POST")
    # Each POST of one filing lost in turn: the reference files in one request; OpenCPS in four
    # (create, two uploads, received); the national sync in three (TraCuuHoSo, LayThuTuc,
    # DongBoHoSoMC: every service call is a POST).
    each = next(s for s in summary["scenarios"] if s["name"] == "lost_response_each_step")
    assert each["steps"] == {"reference": 1, "opencps": 4, "dvcqg": 3}[flavour]
    # The progress scenario runs for the adapter that declares progress sync (and files one more).
    progress = next(s for s in summary["scenarios"] if s["name"] == "progress")
    reports = flavour == "dvcqg"
    assert progress["applicable"] is reports
    assert progress.get("status") == ("waiting_citizen" if reports else None)
    # One dossier per filing: twice-one-key, lost answer, one per lost step and the last probe
    # (a filing with fewer POSTs than the step tried), 503.
    assert stored == 4 + each["steps"] + reports


def test_a_server_that_ignores_the_key_fails_with_a_readable_reason(isolated_dirs):
    handle = start_in_thread(flavour="opencps", ignore_reference=True)
    try:
        summary = _kit("opencps", handle.url).run()
    finally:
        handle.stop()
    failed = {s["name"]: s["reason"] for s in summary["scenarios"] if not s["passed"]}
    assert set(failed) == {"submit_twice_one_key", "lost_response", "lost_response_each_step"}
    assert "the same idempotency key filed two dossiers" in failed["submit_twice_one_key"]
    assert "after losing POST #1 the resends filed" in failed["lost_response_each_step"]
    assert summary["passed"] == len(ConformanceKit.SCENARIOS) - 3


def test_a_national_sync_that_records_a_resent_step_twice_fails_the_progress_scenario(isolated_dirs):
    handle = start_in_thread(flavour="dvcqg", ignore_reference=True)
    try:
        summary = _kit("dvcqg", handle.url).run()
    finally:
        handle.stop()
    failed = {s["name"]: s["reason"] for s in summary["scenarios"] if not s["passed"]}
    assert failed == {
        "progress": "one status change resent with the same key was recorded as 2 progress steps"
    }


def test_the_reference_adapter_against_the_opencps_server_fails_every_filing(isolated_dirs):
    """The wrong adapter for a server is caught too: nothing is filed, each reason says why."""
    handle = start_in_thread(flavour="opencps")
    try:
        summary = _kit("reference", handle.url).run()
    finally:
        handle.stop()
    assert summary["failed"] >= 4
    assert all(s["reason"] for s in summary["scenarios"] if not s["passed"])


def _sandbox(*args: str) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "ui.entry", "sandbox", "--port", "0", *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    return proc, json.loads(proc.stdout.readline())["url"]


@pytest.mark.parametrize(
    ("extra", "code", "failed"),
    [((), 0, 0), (("--break-idempotency",), 3, 3)],
    ids=["conforming", "ignores-idempotency"],
)
def test_the_cli_prints_the_summary_and_exits_0_only_when_all_pass(extra, code, failed, isolated_dirs):
    server, url = _sandbox("--flavour", "opencps", *extra)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "ui.entry", "portal", "conformance", "--adapter", "opencps", "--url", url],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        server.terminate()
        server.wait(10)
    assert proc.returncode == code, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["failed"] == failed
    assert list(summary) == ["adapter", "passed", "failed", "scenarios"]  # as docs/cli.md names them


def test_the_national_sync_renews_an_expired_session_and_reports_progress(isolated_dirs):
    """DongBoHoSoMC on receipt, CapNhatTienDoHoSoMC on a status change, a session renewed once."""
    from counter_app.portal.adapters import open_adapter

    handle = start_in_thread(flavour="dvcqg")
    kit = _kit("dvcqg", handle.url)
    adapter = open_adapter(load_config(app_paths()), handle.url, name="dvcqg", timeout_s=10)
    try:
        result = adapter.submit(kit._request(), "khoa-1", kit._open)
        assert handle.portal.logins == 1
        httpx.post(f"{handle.url}/sandbox/sessions/expire", timeout=5)
        step = ProgressUpdate(
            result.dossier_code,
            "processing",
            "2026-03-02T09:15:00+07:00",
            "Cán bộ Một",
            "Chuyển phòng chuyên môn",
        )
        adapter.push_progress(step, "progress:khoa-1:1")
        assert handle.portal.logins == 2  # the refused session was renewed, the update went through
        assert adapter.status(result.dossier_code).status == "processing"
        listed = httpx.get(f"{handle.url}/sandbox/dossiers", timeout=5).json()
    finally:
        adapter.close()
        handle.stop()
    (dossier,) = listed["dossiers"]
    assert dossier["MaHoSo"] == result.dossier_code and dossier["TrangThaiHoSo"] == "4"
    assert len(dossier["NgayTiepNhan"]) == 14 and dossier["LoaiDoiTuong"] == "1"
    assert [(p["MaHoSo"], p["TrangThai"], p["NguoiXuLy"], p["ThoiDiemXuLy"]) for p in listed["progress"]] == [
        (result.dossier_code, "4", "Cán bộ Một", "20260302091500")
    ]


@pytest.mark.parametrize("adapter", ["opencps", "dvcqg"])
def test_capabilities_ask_the_server_so_doctor_sees_it_down(adapter, isolated_dirs):
    """Nothing listens on the port: `capabilities` (what `counter-app doctor` calls) must fail."""
    import socket

    from counter_app.portal.adapters import open_adapter
    from counter_app.portal.errors import PortalUnavailable

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = open_adapter(load_config(app_paths()), f"http://127.0.0.1:{port}", name=adapter, timeout_s=5)
    try:
        with pytest.raises(PortalUnavailable):
            client.capabilities()
    finally:
        client.close()
