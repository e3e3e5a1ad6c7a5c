"""A whole intake driven through the window with the real peers of issue #8, three ways: the portal
up, the portal down (queued, sent once it is back), and the application killed mid-way.

Real peers, nothing faked: a synthetic ID card photographed (tests/synthetic_idcard.py) and
opened through the citizen screen's «Mở ảnh/bản quét…» file dialog; the procedure catalog
searched without diacritics; pages from the demo device and from SANE's `test` backend through the
scan panel; the PDF builder; a SoftHSM2 token (tests/softhsm.py) with the PIN typed into the PIN
dialog; the outbox worker filing to the sandbox portal over loopback; the receipt saved through
the save dialog. Outputs are checked by independent tools (pdfsig, pyHanko's validator through
`signing.verify`, pdftotext) and by the sandbox's own list of stored dossiers.

The kill test runs the window in a child process (tests/ui/intake_child.py, offscreen) and
kills it with SIGKILL twice: in the middle of a scanner feeder batch, and while the portal is
storing the filing but its answer has not arrived (the sandbox's `lost_response` fault).
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cv2
import httpx
import numpy as np
import pytest

from counter_app.context import AppContext
from counter_app.dossier import ComponentStatus, DossierState
from counter_app.events import iter_events
from counter_app.services import BackgroundServices
from sandbox.faults import FaultSpec
from sandbox.server import SandboxHandle, start_in_thread
from tests.softhsm import RSA_HOLDER, RSA_ID, SoftHsmToken, shared_token
from tests.ui.intake_child import FIRST, SECOND, THIRD
from tests.ui.intake_driver import BIRTH, DEMO, SANE, STEP_MS, Officer, card_photo
from tests.ui.test_intake_flow import open_section, speed_up
from tests.ui.test_intake_resume import _dead_port
from tests.ui.test_scan_panel_sane import sane_config  # noqa: F401 (the SANE `test` backend fixture)
from tests.ui.test_signing_ui import assert_signed, fresh_softhsm

S = DossierState
ROOT = Path(__file__).resolve().parents[2]
CHILD_S = 90.0


@pytest.fixture(scope="session")
def softhsm_token(tmp_path_factory: pytest.TempPathFactory) -> SoftHsmToken:
    return shared_token(tmp_path_factory)


@pytest.fixture
def portal(tmp_path: Path) -> Iterator[SandboxHandle]:
    handle = start_in_thread(state_path=tmp_path / "sandbox-portal.sqlite3")
    yield handle
    handle.stop()


def configure(ctx: AppContext, token: SoftHsmToken, portal_url: str) -> None:
    """Small pages, no OCR (the screens are under test, not Tesseract), the SoftHSM2 token as the
    only signing module, the portal at `portal_url`."""
    speed_up(ctx)
    fresh_softhsm(token)
    ctx.config.set_user("signing.module_paths", [token.module])
    ctx.config.set_user("portal.url", portal_url)
    ctx.config.set_user("portal.timeout_s", 3)


def officer_for(qtbot, section: Any) -> Officer:
    return Officer(section, lambda condition, ms: qtbot.waitUntil(lambda: bool(condition()), timeout=ms))


def stored_at_portal(url: str, local_ref: str) -> list[dict[str, Any]]:
    listing = httpx.get(f"{url}/sandbox/dossiers", timeout=10).json()
    return [d for d in listing["dossiers"] if d["local_ref"] == local_ref]


def submitted_events(ctx: AppContext, local_ref: str) -> int:
    return sum(1 for e in iter_events(ctx.db, kinds=("submitted",)) if e.dossier_ref == local_ref)


def text_of(pdf: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (apt: poppler-utils)")
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def signed_intake(officer: Officer, tmp_path: Path, seed: int) -> Any:
    """Card photo → birth registration → three components scanned → PDFs → SoftHSM signature."""
    section = officer.section
    citizen, card = card_photo(tmp_path / "card", seed)
    officer.read_card_image(card)
    dossier = section.dossier
    assert dossier.state is S.CITIZEN_IDENTIFIED and dossier.details["identify_method"] == "qr_image"
    assert section.citizen.capture.form.full_name.text() == citizen.full_name
    officer.choose_procedure("dang ky khai sinh", BIRTH)
    officer.scan(FIRST, DEMO)
    officer.scan(SECOND, SANE, presses=2)
    officer.scan(THIRD, DEMO)
    rest = officer.none_of_the_rest((FIRST, SECOND, THIRD))
    pages = {c.key: len(c.pages) for c in section.dossier.components}
    assert pages == {FIRST: 1, SECOND: 2, THIRD: 1, **dict.fromkeys(rest, 0)}
    officer.build_pdfs()
    assert section.stack.currentWidget() is section.submit
    return citizen


def check_signatures(section: Any, folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    signed = [c for c in section.dossier.components if c.status is ComponentStatus.SIGNED]
    assert [c.key for c in signed] == [FIRST, SECOND, THIRD]
    for component in signed:
        path = folder / f"{component.key}.pdf"
        path.write_bytes(section.wf.read_file(section.dossier, component.signed_name))
        assert_signed(path, RSA_HOLDER)  # pdfsig: valid, whole document; pyHanko: intact, signer


def final_receipt(qtbot, section: Any) -> None:
    qtbot.waitUntil(
        lambda: section.receipt.outcome is not None and not section.receipt.outcome.provisional,
        timeout=STEP_MS,
    )
    qtbot.waitUntil(lambda: not section.busy, timeout=STEP_MS)
    assert section.dossier.state is S.FILED  # shown; printed or saved next


def check_receipt(officer: Officer, path: Path, citizen: Any) -> None:
    officer.save_receipt(path)
    assert officer.section.dossier.state is S.RECEIPT_PRINTED  # saved: handed over
    text = text_of(path)
    assert officer.section.dossier.portal_code in text
    assert citizen.full_name in text and citizen.id_number in text


@pytest.mark.usefixtures("sane_config")
def test_whole_intake_with_real_peers(qtbot, ctx, softhsm_token, portal, tmp_path) -> None:
    configure(ctx, softhsm_token, portal.url)
    services = BackgroundServices(ctx).start()
    try:
        assert not services.errors, services.errors
        section = open_section(qtbot, ctx, lambda: services)
        officer = officer_for(qtbot, section)
        citizen = signed_intake(officer, tmp_path, seed=21)
        officer.sign_with_token(RSA_ID, softhsm_token.pin)
        assert RSA_HOLDER in section.submit.signed_by.text() and not section.submit.demo_label.isVisible()
        check_signatures(section, tmp_path / "signed")

        officer.file()
        final_receipt(qtbot, section)
        dossier = section.dossier
        assert dossier.portal_code and dossier.portal_code in section.receipt.status.text()
        (stored,) = stored_at_portal(portal.url, dossier.local_ref)
        assert stored["dossier_code"] == dossier.portal_code and stored["procedure_code"] == BIRTH
        assert len(stored["components"]) == 3
        check_receipt(officer, tmp_path / "phieu-tiep-nhan.pdf", citizen)
        section.tasks.wait()
    finally:
        services.stop()


@pytest.mark.usefixtures("sane_config")
def test_portal_down_queues_then_files_once_when_it_returns(qtbot, ctx, softhsm_token, tmp_path) -> None:
    port = _dead_port()
    configure(ctx, softhsm_token, f"http://127.0.0.1:{port}")  # nothing listens there yet
    services = BackgroundServices(ctx).start()
    portal: SandboxHandle | None = None
    try:
        section = open_section(qtbot, ctx, lambda: services)
        officer = officer_for(qtbot, section)
        citizen = signed_intake(officer, tmp_path, seed=22)
        officer.sign_with_token(RSA_ID, softhsm_token.pin)
        officer.file()
        qtbot.waitUntil(lambda: section.receipt.outcome is not None, timeout=STEP_MS)
        officer.idle()
        ref = section.dossier.local_ref
        assert section.receipt.outcome.provisional and section.dossier.state is S.QUEUED
        assert "Phiếu TẠM" in section.receipt.status.text()
        job = services.outbox.latest_for(ref)
        qtbot.waitUntil(lambda: services.outbox.get(job.id).attempts >= 1, timeout=STEP_MS)
        assert services.outbox.get(job.id).state in ("queued", "sending", "failed")
        provisional = tmp_path / "phieu-tam.pdf"
        officer.save_receipt(provisional)
        assert ref in text_of(provisional)

        # The portal comes back on the same address: the outbox's own retry files it, and the
        # receipt screen replaces the provisional receipt by itself. Nobody presses anything.
        portal = start_in_thread(port=port, state_path=tmp_path / "sandbox-portal.sqlite3")
        final_receipt(qtbot, section)
        (stored,) = stored_at_portal(portal.url, ref)
        assert stored["dossier_code"] == section.dossier.portal_code
        assert submitted_events(ctx, ref) == 1
        check_receipt(officer, tmp_path / "phieu-tiep-nhan.pdf", citizen)
        section.tasks.wait()
    finally:
        services.stop()
        if portal is not None:
            portal.stop()


# -- killed mid-way ------------------------------------------------------------------------------


class Child:
    """The window in another process; its JSON lines are read on a thread."""

    def __init__(self, tmp_path: Path, *args: str) -> None:
        self.err = tmp_path / f"child-{args[0]}.err"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.ui.intake_child", *args],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=self.err.open("w"),
            text=True,
        )
        self.lines: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.seen: list[dict[str, Any]] = []  # for the failure message
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if line.startswith("{"):
                self.lines.put(json.loads(line))
        self.lines.put(None)

    def until(self, wanted: Any) -> dict[str, Any]:
        while True:
            try:
                event = self.lines.get(timeout=CHILD_S)
            except queue.Empty:
                self.kill()
                raise AssertionError(f"child silent for {CHILD_S} s:\n{self.report()}") from None
            if event is None or event["event"] == "crashed":
                raise AssertionError(f"child ended: {event}\n{self.report()}")
            self.seen.append(event)
            if wanted(event):
                return event

    def report(self) -> str:
        while not self.lines.empty():
            event = self.lines.get()
            if event is not None:
                self.seen.append(event)
        return "\n".join(map(json.dumps, self.seen)) + "\n" + self.err.read_text()

    def kill(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        assert self.proc.wait(timeout=30) == -signal.SIGKILL


def decodes(section: Any, dossier: Any) -> bool:
    for component in dossier.components:
        for page in component.pages:
            data = np.frombuffer(section.wf.page_image(dossier, page), np.uint8)
            if cv2.imdecode(data, cv2.IMREAD_UNCHANGED) is None:
                return False
    return True


@pytest.mark.usefixtures("sane_config")
def test_killed_mid_way_resumes_with_every_page_and_files_once(
    qtbot,
    ctx,
    softhsm_token,
    portal,
    tmp_path,
) -> None:
    configure(ctx, softhsm_token, portal.url)
    citizen, card = card_photo(tmp_path / "card", 23)

    # 1. Killed while the feeder is pulling the third component's sheets.
    child = Child(tmp_path, "capture", str(card))
    captured = child.until(lambda e: e["event"] == "captured")
    last = child.until(lambda e: e["event"] == "stored" and len(e["pages"][THIRD]) >= 2)
    child.kill()
    ref = captured["ref"]
    assert captured["pages"][FIRST] and len(captured["pages"][SECOND]) == 2

    # 2. The window again on the same data folder: the dossier is where it was, every page there.
    again = AppContext.open()
    try:
        section = open_section(qtbot, again, lambda: None)
        officer = officer_for(qtbot, section)
        officer.resume(ref)
        dossier = section.dossier
        assert dossier.state is S.PROCEDURE_CHOSEN and section.stack.currentWidget() is section.components
        now = {c.key: [p.seq for p in c.pages] for c in dossier.components}
        assert now[FIRST] == captured["pages"][FIRST] and now[SECOND] == captured["pages"][SECOND]
        # every sheet stored before the plug was pulled; one more whose file beat its row is adopted
        assert now[THIRD][: len(last["pages"][THIRD])] == last["pages"][THIRD]
        skipped = [c for c in dossier.components if c.key not in (FIRST, SECOND, THIRD)]
        assert skipped and all(c.status is ComponentStatus.NOT_PROVIDED for c in skipped)
        assert section.citizen.capture.form.full_name.text() == citizen.full_name
        assert decodes(section, dossier)
        officer.build_pdfs()
        officer.sign_with_token(RSA_ID, softhsm_token.pin)
        section.close()
        section.tasks.wait()
    finally:
        again.close()

    # 3. Killed while filing: the portal stores the dossier but its answer never arrives.
    portal.set_faults(FaultSpec(lost_response_rate=1.0, hang_s=600))  # hangs until the sandbox stops
    child = Child(tmp_path, "file", ref)
    child.until(lambda e: e["event"] == "queued")
    try:
        qtbot.waitUntil(lambda: bool(stored_at_portal(portal.url, ref)), timeout=STEP_MS)
    except Exception:
        child.kill()
        faults = httpx.get(f"{portal.url}/sandbox/faults", timeout=10).json()
        raise AssertionError(f"not stored: {faults}\n{child.report()}") from None
    child.kill()
    portal.set_faults(FaultSpec())

    # 4. Started again: the job interrupted mid-flight goes out with the same key, the portal
    # answers with the dossier it already holds, and the final receipt comes.
    again = AppContext.open()
    services = BackgroundServices(again).start()
    try:
        section = open_section(qtbot, again, lambda: services)
        officer = officer_for(qtbot, section)
        officer.resume(ref)
        final_receipt(qtbot, section)
        (stored,) = stored_at_portal(portal.url, ref)
        assert stored["dossier_code"] == section.dossier.portal_code
        assert stored["replays"] >= 1  # the second sending was answered from the stored dossier
        assert submitted_events(again, ref) == 1
        check_receipt(officer, tmp_path / "phieu-tiep-nhan.pdf", citizen)
        section.tasks.wait()
    finally:
        services.stop()
        again.close()
