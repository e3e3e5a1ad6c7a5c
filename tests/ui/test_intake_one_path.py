"""One intake, two drivers: the window and `counter-app intake --headless` make the same dossier.

The same ID card photo and page files go through the intake screens (the card opened with
«Mở ảnh…», each component's files with «Nhập từ tệp…», PDFs, the demo signature, filing on the
sandbox portal over loopback) and through the headless command in a child process, each into
its own data folder. Both dossiers must hold the same components with byte-identical page
files, PDFs with the same pages and the same images in them, and the same steps recorded in the
same order.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, time
from pathlib import Path

import cv2
import pikepdf
import pytest

from common import clock
from counter_app.context import AppContext
from counter_app.events import iter_events
from counter_app.paths import ENV_DATA_DIR
from counter_app.services import BackgroundServices
from counter_app.workflow import Workflow
from office_calendar import WorkingCalendar
from tests.synthetic import render_photo_page, render_text_page, save_page
from tests.synthetic_idcard import render_card, synthetic_citizen
from tests.ui.intake_driver import Officer
from tests.ui.test_intake_flow import (
    BIRTH,
    idle,
    open_section,
    speed_up,
)

ROOT = Path(__file__).resolve().parents[2]
DPI = 100  # small pages: the two paths are under test here, not the clean-up's speed


@pytest.fixture
def inputs(tmp_path: Path) -> tuple[Path, dict[str, list[Path]]]:
    folder = tmp_path / "inputs"
    folder.mkdir()
    card = folder / "cccd.png"
    cv2.imwrite(str(card), render_card(synthetic_citizen(random.Random(21))))
    page = {
        "tk1": render_text_page(dpi=DPI, seed=1),
        "tk2": render_text_page(dpi=DPI, seed=2),
        "gcs": render_text_page(dpi=DPI, seed=3),
        "kh": render_photo_page(dpi=DPI, seed=4),
    }
    files = {name: save_page(image, folder / f"{name}.png", dpi=DPI) for name, image in page.items()}
    from fpdf import FPDF

    letter = FPDF()
    letter.add_page()
    letter.set_font("helvetica", size=14)
    letter.cell(text="Van ban uy quyen (born-digital)")
    files["uq"] = folder / "uy-quyen.pdf"
    letter.output(str(files["uq"]))
    components = {
        "to_khai_khai_sinh": [files["tk1"], files["tk2"]],
        "giay_chung_sinh": [files["gcs"]],
        "giay_chung_nhan_ket_hon": [files["kh"]],
        "van_ban_uy_quyen": [files["uq"]],
    }
    return card, components


def pdf_content(pdf: bytes) -> list[list[str]]:
    """Per page, the hashes of the images drawn on it (the PDFs' dates and ids differ)."""
    pages = []
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            images = [
                hashlib.sha256(image.read_raw_bytes()).hexdigest() for image in page.get_images().values()
            ]
            pages.append(sorted(images))
    return pages


def snapshot(ctx: AppContext) -> dict:
    """What the dossier of this data folder holds, independent of when and where it was made."""
    wf = Workflow(ctx)
    (row,) = wf.today()
    dossier = wf.open(row.local_ref)
    components = {}
    for c in dossier.components:
        if not c.pages:
            continue
        components[c.key] = {
            "status": c.status.value,
            "pages": [hashlib.sha256(wf.page_image(dossier, p)).hexdigest() for p in c.pages],
            "pdf": pdf_content(wf.read_file(dossier, c.pdf_name)),
            "signed": c.signed_name is not None,
        }
    kinds = [e.kind for e in iter_events(ctx.db) if e.dossier_ref == dossier.local_ref]
    return {
        "state": dossier.state.value,
        "citizen": wf.citizen_of(dossier).id_number,
        "procedure": dossier.procedure_code,
        "components": components,
        "events": kinds,
        "appointment": _appointment_facts(dossier),
    }


def _appointment_facts(dossier) -> dict:
    """The counter's appointment as stored, the one the office calendar gives for the time the
    dossier was received, and whether the portal's answer matched it (else it was recorded)."""
    received = clock.local(datetime.fromisoformat(dossier.created_at))
    expected = WorkingCalendar().appointment(received, 0, time(15), time(16))  # birth: same day, 15:00
    local = dossier.local_appointment
    return {
        "stored_as_computed": local == expected,
        "portal_agrees_or_told": (local.date().isoformat() == dossier.appointment_date)
        != bool(dossier.appointment_mismatch),
    }


@pytest.fixture
def services(ctx: AppContext) -> Iterator[BackgroundServices]:
    """The window's running services in demo mode: the outbox worker and the sandbox portal."""
    speed_up(ctx)
    running = BackgroundServices(ctx).start()
    assert not running.errors, running.errors
    yield running
    running.stop()


def through_the_window(
    qtbot, ctx: AppContext, services, card: Path, components: dict[str, list[Path]]
) -> dict:
    section = open_section(qtbot, ctx, lambda: services)
    officer = Officer(section, lambda condition, ms: qtbot.waitUntil(condition, timeout=ms))
    officer.receive_birth_registration(card, components)
    section.receipt.save_to(str(ctx.paths.receipts / "phieu.pdf"))  # handed over: only now receipt_printed
    idle(qtbot, section)
    section.tasks.wait()
    return snapshot(ctx)


def headless(data_dir: Path, card: Path, components: dict[str, list[Path]], tmp_path: Path) -> dict:
    # The officer saves the receipt in the window; here it is written where --receipt-dir says.
    args = ["--id-image", str(card), "--procedure", BIRTH, "--no-ocr", "--wait", "60"]
    args += ["--receipt-dir", str(tmp_path / "headless-receipts")]
    for key, files in components.items():
        args += ["--component", f"{key}=" + ",".join(str(f) for f in files)]
    done = subprocess.run(
        [sys.executable, "-m", "ui.entry", "intake", "--headless", "--data-dir", str(data_dir), *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), ENV_DATA_DIR: str(data_dir)},
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    previous = os.environ[ENV_DATA_DIR]
    os.environ[ENV_DATA_DIR] = str(data_dir)
    try:
        ctx = AppContext.open()
    finally:
        os.environ[ENV_DATA_DIR] = previous
    try:
        return snapshot(ctx)
    finally:
        ctx.close()


def test_the_window_and_the_headless_command_make_the_same_dossier(qtbot, ctx, services, inputs, tmp_path):
    card, components = inputs
    window = through_the_window(qtbot, ctx, services, card, components)
    command = headless(tmp_path / "headless-data", card, components, tmp_path)

    assert window["state"] == command["state"] == "receipt_printed"
    assert window["citizen"] == command["citizen"]
    assert window["procedure"] == command["procedure"] == BIRTH
    assert list(window["components"]) == list(command["components"]) == list(components)
    for key in components:
        assert window["components"][key] == command["components"][key], key
    # The same events; the portal's answer ("submitted", then its status) arrives from the outbox
    # worker while filing still writes Mẫu 06, so those may interleave differently.
    assert sorted(window["events"]) == sorted(command["events"])
    asynchronous = {"submitted", "status_changed", "form_printed"}
    assert [k for k in window["events"] if k not in asynchronous] == [
        k for k in command["events"] if k not in asynchronous
    ]
    expected = {"stored_as_computed": True, "portal_agrees_or_told": True}
    assert window["appointment"] == command["appointment"] == expected
    steps = (
        "citizen_identified",
        "page_scanned",
        "component_digitized",
        "dossier_signed",
        "submission_queued",
    )
    assert all(kind in window["events"] for kind in steps)
    assert window["events"].count("page_scanned") == 5
