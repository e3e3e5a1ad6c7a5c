"""`counter-app intake --headless` end to end: a synthetic ID card photo and page images in, a dossier
filed on the sandbox portal over loopback out, checked from the outside.

Real peers throughout: the CLI in a child process, the QR reader, page clean-up, the PDF builder,
PAdES signing with the demo keystore, the outbox and the sandbox portal over HTTP on 127.0.0.1. The
signed PDFs are checked with poppler's `pdfsig` and against the checksums the portal recorded.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import cv2
import httpx
import pytest

from counter_app.context import AppContext
from counter_app.dossier import DossierState
from counter_app.events import iter_events
from counter_app.workflow import Workflow
from sandbox.server import start_in_thread
from tests.synthetic import render_photo_page, render_text_page, save_page
from tests.synthetic_idcard import render_card, synthetic_citizen

ROOT = Path(__file__).resolve().parents[2]
BIRTH = "1.001193"
DPI = 200  # the legal minimum (Decree 30/2020), keeps the test quick


@pytest.fixture(scope="module")
def sandbox():
    handle = start_in_thread()
    yield handle
    handle.stop()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("inputs")
    citizen = synthetic_citizen(random.Random(11))
    cv2.imwrite(str(tmp_path / "cccd.png"), render_card(citizen))
    pages = {}
    for name, image in (
        ("tk1", render_text_page(dpi=DPI, seed=1)),
        ("tk2", render_text_page(dpi=DPI, seed=2)),
        ("gcs", render_text_page(dpi=DPI, seed=3)),
        ("kh", render_photo_page(dpi=DPI, seed=4)),
    ):
        pages[name] = save_page(image, tmp_path / f"{name}.png", dpi=DPI)
    from fpdf import FPDF

    letter = FPDF()
    letter.add_page()
    letter.set_font("helvetica", size=14)
    letter.cell(text="Van ban uy quyen (born-digital)")
    pages["uq"] = tmp_path / "uy-quyen.pdf"
    letter.output(str(pages["uq"]))
    return citizen, tmp_path / "cccd.png", pages


def run_intake(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ui.entry", "intake", "--headless", "--data-dir", str(data_dir), *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=240,
    )


@pytest.mark.slow
def test_headless_intake_files_a_signed_dossier_on_the_sandbox(sandbox, inputs, tmp_path, isolated_dirs):
    citizen, card, pages = inputs
    proc = run_intake(
        "--id-image", str(card),
        "--procedure", BIRTH,
        "--component", f"to_khai_khai_sinh={pages['tk1']},{pages['tk2']}",
        "--component", f"giay_chung_sinh={pages['gcs']}",
        "--component", f"giay_chung_nhan_ket_hon={pages['kh']}",
        "--component", f"van_ban_uy_quyen={pages['uq']}",
        "--portal", sandbox.url,
        "--no-ocr",
        "--wait", "60",
        "--receipt-dir", str(tmp_path / "receipts"),
        data_dir=isolated_dirs,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert list(out) == ["dossier", "portal_code", "appointment", "receipt", "timings"]
    assert set(out["timings"]) == {
        "decode_id",
        "identify",
        "capture",
        "pdf",
        "sign",
        "queue",
        "receipt",
        "total",
    }
    assert out["timings"]["total"] == pytest.approx(
        sum(v for k, v in out["timings"].items() if k != "total"), abs=0.01
    )

    # The portal has the dossier, with the three signed components and their checksums.
    listed = httpx.get(f"{sandbox.url}/sandbox/dossiers", timeout=10).json()["dossiers"]
    ctx = AppContext.open()
    try:
        wf = Workflow(ctx)
        (summary,) = wf.today()
        mine = [d for d in listed if d["local_ref"] == summary.local_ref]
        assert len(mine) == 1  # filed exactly once
        filed = mine[0]
        assert filed["procedure_code"] == BIRTH
        dossier = wf.open(summary.local_ref)
        assert dossier.state is DossierState.RECEIPT_PRINTED
        assert out["dossier"] == dossier.local_ref
        assert out["portal_code"] == dossier.portal_code == filed["dossier_code"]
        assert out["appointment"] == filed["appointment_date"]
        assert wf.citizen_of(dossier).id_number == citizen.id_number  # read from the card's QR
        assert [len(c.pages) for c in dossier.components if c.pages] == [2, 1, 1, 1]
        sent = {c["key"]: c["sha256"] for c in filed["components"]}
        assert set(sent) == {
            "to_khai_khai_sinh",
            "giay_chung_sinh",
            "giay_chung_nhan_ket_hon",
            "van_ban_uy_quyen",
        }

        import hashlib

        for component in dossier.components:
            if component.signed_name is None:
                continue
            data = wf.read_file(dossier, component.signed_name)
            assert hashlib.sha256(data).hexdigest() == sent[component.key]
            if shutil.which("pdfsig"):
                pdf = tmp_path / f"{component.key}.pdf"
                pdf.write_bytes(data)
                check = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True, timeout=60)
                assert "Signature #1" in check.stdout
                assert "Signature Validation: Signature is Valid." in check.stdout
                assert "Total document signed" in check.stdout

        kinds = [e.kind for e in iter_events(ctx.db) if e.dossier_ref == dossier.local_ref]
        for kind in ("citizen_identified", "procedure_chosen", "page_scanned", "component_digitized",
                     "dossier_signed", "submission_queued", "submitted", "status_changed"):  # fmt: skip
            assert kind in kinds, kind
        assert "receipt_printed" in kinds
    finally:
        ctx.close()
    audit = subprocess.run(
        [sys.executable, "-m", "ui.entry", "audit", "verify", "--data-dir", str(isolated_dirs)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert json.loads(audit.stdout)["ok"] is True

    # Through every library and the outbox, the citizen never reached the data folder in the clear.
    for path in (p for p in isolated_dirs.rglob("*") if p.is_file()):
        data = path.read_bytes()
        for needle in (citizen.full_name, citizen.id_number, citizen.address):
            assert needle.encode("utf-8") not in data, f"{needle!r} in {path}"

    # The receipt carries the portal's code and the citizen, read back by poppler (independent of fpdf2).
    receipt = Path(out["receipt"])
    assert receipt.parent == tmp_path / "receipts"
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(receipt), "-"], capture_output=True, text=True, timeout=60
        ).stdout
        assert out["portal_code"] in text
        assert citizen.full_name in text
        assert "Đăng ký khai sinh" in text


def test_an_unknown_component_key_is_refused_before_anything_is_stored(inputs, isolated_dirs):
    _, card, pages = inputs
    proc = run_intake(
        "--id-image", str(card), "--procedure", BIRTH, "--component", f"khong_co={pages['tk1']}",
        data_dir=isolated_dirs,
    )  # fmt: skip
    assert proc.returncode == 2
    assert json.loads(proc.stderr.splitlines()[-1])["error"]["code"] == "component_unknown"
    ctx = AppContext.open()
    try:
        assert Workflow(ctx).today() == []
    finally:
        ctx.close()


def test_a_photo_without_an_id_qr_is_a_known_error(inputs, isolated_dirs):
    _, _, pages = inputs
    proc = run_intake(
        "--id-image", str(pages["kh"]), "--procedure", BIRTH, "--component", f"giay_chung_sinh={pages['gcs']}",
        data_dir=isolated_dirs,
    )  # fmt: skip
    assert proc.returncode == 2
    assert json.loads(proc.stderr.splitlines()[-1])["error"]["code"] == "qr_not_found"


def test_a_broken_page_file_stops_the_intake_with_its_error_and_keeps_the_pages_before_it(
    inputs, tmp_path, isolated_dirs
):
    """Pages are cleaned ahead on a pool and PDFs built as components complete: a page that
    cannot be read must end the run with that page's own error (nothing left waiting on the
    pool), keep what was stored before it, and build or sign nothing."""
    _, card, pages = inputs
    broken = tmp_path / "hong.png"
    broken.write_bytes(pages["tk2"].read_bytes()[:5000])
    proc = run_intake(
        "--id-image", str(card), "--procedure", BIRTH,
        "--component", f"to_khai_khai_sinh={pages['tk1']}",
        "--component", f"giay_chung_sinh={pages['gcs']},{broken}",
        data_dir=isolated_dirs,
    )  # fmt: skip
    assert proc.returncode == 2, proc.stderr[-2000:]
    error = json.loads(proc.stderr.splitlines()[-1])["error"]
    assert error["code"] == "file_unreadable" and "hong.png" in error["message"]
    ctx = AppContext.open()
    try:
        wf = Workflow(ctx)
        (dossier,) = [wf.open(d.local_ref) for d in wf.today()]
        assert dossier.state is DossierState.PROCEDURE_CHOSEN
        assert [
            len(c.pages) for c in dossier.components if c.key in ("to_khai_khai_sinh", "giay_chung_sinh")
        ] == [
            1,
            1,
        ]
        assert all(c.signed_name is None for c in dossier.components)
    finally:
        ctx.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.slow
def test_portal_down_gives_a_provisional_receipt_then_files_once_when_it_returns(
    inputs, tmp_path, isolated_dirs
):
    """Nothing listens on the first URL (connection refused): the job stays in the outbox."""
    citizen, card, pages = inputs
    down = f"http://127.0.0.1:{free_port()}"
    proc = run_intake(
        "--id-image", str(card),
        "--procedure", BIRTH,
        "--component", f"to_khai_khai_sinh={pages['tk1']}",
        "--component", f"giay_chung_sinh={pages['gcs']}",
        "--portal", down,
        "--no-ocr",
        "--wait", "2",
        "--receipt-dir", str(tmp_path),
        data_dir=isolated_dirs,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["portal_code"] is None and out["appointment"] is None
    assert out["receipt"].endswith("-tam.pdf")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", out["receipt"], "-"], capture_output=True, text=True, timeout=60
        ).stdout
        assert out["dossier"] in text  # the local reference stands in for the code

    from counter_app.portal.connect import connect_portal
    from counter_app.portal.outbox import Outbox
    from counter_app.portal.worker import OutboxWorker

    handle = start_in_thread()
    ctx = AppContext.open()
    try:
        wf = Workflow(ctx)
        assert wf.open(out["dossier"]).state is DossierState.QUEUED
        outbox = Outbox(ctx.db, ctx.events, data_key=ctx.data_key, workspace=ctx.workspace)
        job = outbox.latest_for(out["dossier"])
        with connect_portal(ctx, handle.url) as portal:
            worker = OutboxWorker(outbox, portal.client).start()
            try:
                outbox.retry(job.id)  # the officer (or the backoff) sends it again
                job = outbox.wait_settled(job.id, timeout_s=60)
            finally:
                worker.stop(timeout_s=10)
        assert job.state == "sent"
        dossier = wf.open(out["dossier"])  # catches up with the outbox
        assert dossier.state is DossierState.FILED
        assert dossier.portal_code == job.portal_code
        listed = httpx.get(f"{handle.url}/sandbox/dossiers", timeout=10).json()["dossiers"]
        assert [d["local_ref"] for d in listed] == [out["dossier"]]  # filed exactly once
        assert wf.citizen_of(dossier).full_name == citizen.full_name
    finally:
        ctx.close()
        handle.stop()


@pytest.mark.slow
def test_headless_intake_signs_with_a_softhsm_token(
    sandbox, inputs, tmp_path, tmp_path_factory, isolated_dirs
):
    from tests.softhsm import RSA_HOLDER, RSA_ID, shared_token

    token = shared_token(tmp_path_factory)
    _, card, pages = inputs
    proc = subprocess.run(
        [
            sys.executable, "-m", "ui.entry", "intake", "--headless", "--data-dir", str(isolated_dirs),
            "--id-image", str(card), "--procedure", BIRTH,
            "--component", f"to_khai_khai_sinh={pages['tk1']}",
            "--component", f"giay_chung_sinh={pages['gcs']}",
            "--portal", sandbox.url, "--no-ocr", "--wait", "60", "--receipt-dir", str(tmp_path),
            "--sign-module", token.module, "--sign-token", token.label, "--sign-cert-id", RSA_ID,
            "--sign-pin-env", "TEST_TOKEN_PIN",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "TEST_TOKEN_PIN": token.pin, "SOFTHSM2_CONF": str(token.conf)},
        capture_output=True,
        text=True,
        timeout=240,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["portal_code"]
    ctx = AppContext.open()
    try:
        wf = Workflow(ctx)
        dossier = wf.open(out["dossier"])
        signed = [
            e.payload
            for e in iter_events(ctx.db, kinds=("dossier_signed",))
            if e.dossier_ref == dossier.local_ref
        ]
        assert signed[0]["signer"] == RSA_HOLDER and signed[0]["components"] == 2
        if shutil.which("pdfsig"):
            pdf = tmp_path / "signed.pdf"
            pdf.write_bytes(wf.read_file(dossier, dossier.component("giay_chung_sinh").signed_name))
            check = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True, timeout=60).stdout
            assert RSA_HOLDER in check
            assert "Signature Validation: Signature is Valid." in check
    finally:
        ctx.close()


@pytest.fixture
def evening_on_a_utc_pc():
    """A PC set to UTC whose clock reads 20:30 on 6 December (ticking on): already the 7th in Hà Nội.

    In-process (time-machine) rather than faketime: Python 3.11's sleeps fail with EINVAL under
    libfaketime 0.9.10, and the portal stand-in must share the moved clock anyway.
    """
    from tests.machine_time import machine_at

    with machine_at("UTC", dt.datetime(2026, 12, 6, 20, 30, tzinfo=dt.timezone.utc)):
        yield


@pytest.mark.slow
def test_an_evening_intake_on_a_utc_pc_is_dated_the_next_office_day(
    evening_on_a_utc_pc, inputs, tmp_path, isolated_dirs, capsys, monkeypatch
):
    """The receipt, the stamp and the KPI day follow the office's clock, not the PC's zone or date."""
    from counter_app.cli import main

    _, card, pages = inputs
    monkeypatch.chdir(tmp_path)
    handle = start_in_thread()
    try:
        code = main([
            "intake", "--headless", "--id-image", str(card), "--procedure", BIRTH,
            "--component", f"to_khai_khai_sinh={pages['tk1']}",
            "--component", f"giay_chung_sinh={pages['gcs']}",
            "--portal", handle.url, "--no-ocr", "--wait", "60",
        ])  # fmt: skip
    finally:
        handle.stop()
    captured = capsys.readouterr()
    assert code == 0, captured.err
    out = json.loads(captured.out)
    # No folder chosen: no plain copy anywhere (it names the citizen), only the sealed one in the workspace.
    assert out["receipt"] is None
    assert not list(tmp_path.rglob("*.pdf")) and not list(isolated_dirs.rglob("*.pdf"))
    ctx = AppContext.open()
    try:
        sealed = Workflow(ctx).read_file(Workflow(ctx).open(out["dossier"]), "receipt.pdf")
    finally:
        ctx.close()
    (tmp_path / "receipt.pdf").write_bytes(sealed)
    receipt = subprocess.run(
        ["pdftotext", str(tmp_path / "receipt.pdf"), "-"], capture_output=True, text=True
    ).stdout
    receipt = " ".join(receipt.split())  # the date line may wrap
    assert "ngày 07 tháng 12 năm 2026" in receipt
    assert re.search(r"03 giờ 3\d phút, ngày 07 tháng 12 năm 2026", receipt), receipt
    assert "06 tháng 12" not in receipt

    assert main(["kpi", "--by", "day"]) == 0
    days = {row["group"]: row["received"] for row in map(json.loads, capsys.readouterr().out.splitlines())}
    assert days.get("2026-12-07") == 1 and not days.get("2026-12-06")

    ctx = AppContext.open()
    try:
        wf = Workflow(ctx)
        dossier = wf.open(out["dossier"])
        signed = tmp_path / "signed.pdf"
        signed.write_bytes(wf.read_file(dossier, dossier.component("giay_chung_sinh").signed_name))
    finally:
        ctx.close()
    stamp = subprocess.run(["pdftotext", str(signed), "-"], capture_output=True, text=True).stdout
    assert "07/12/2026" in stamp and "06/12/2026" not in stamp
