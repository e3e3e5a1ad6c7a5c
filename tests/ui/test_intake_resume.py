"""The intake screens after a restart and with the portal down: nothing typed or scanned is lost,
and the provisional receipt becomes the final one by itself once the portal is back.

Real peers: the SQLite database and sealed workspace of the per-test data folder (reopened by a
second AppContext, as after closing the application), image files from tests/synthetic.py, the
PDF builder, the demo signing keystore, and the outbox worker aimed at a loopback port where
nothing listens (the portal unreachable). The receipt is read back with pdftotext.
"""

from __future__ import annotations

import shutil
import socket
import subprocess

from counter_app.context import AppContext
from counter_app.dossier import DossierState
from counter_app.events import iter_events
from counter_app.services import BackgroundServices
from counter_app.workflow import page_name
from sandbox.server import start_in_thread
from tests.synthetic import render_text_page
from tests.ui.test_intake_flow import (
    STEP_TIMEOUT,
    choose_birth_registration,
    enter_citizen,
    guided_to_vneid,
    idle,
    open_section,
    select_component,
    signed_dossier,
    speed_up,
    synthetic_files,
)

S = DossierState


def test_restart_reopens_the_dossier_where_it_was_with_every_page(qtbot, ctx, tmp_path) -> None:
    speed_up(ctx)
    first = open_section(qtbot, ctx, lambda: None)
    enter_citizen(qtbot, first)
    choose_birth_registration(qtbot, first)
    select_component(first, "to_khai_khai_sinh")  # from the demo device, through the scan panel
    panel = first.components.panel
    qtbot.waitUntil(lambda: panel.settings.select_device("demo:0"), timeout=STEP_TIMEOUT)
    qtbot.waitUntil(panel.scan_button.isEnabled, timeout=STEP_TIMEOUT)
    panel.scan()
    qtbot.waitUntil(lambda: bool(first.dossier.component("to_khai_khai_sinh").pages), timeout=STEP_TIMEOUT)
    qtbot.waitUntil(lambda: not panel.busy(), timeout=STEP_TIMEOUT)
    idle(qtbot, first)
    select_component(first, "giay_chung_sinh")
    first.components.import_paths(synthetic_files(tmp_path, "gcs", (2, 3)))
    idle(qtbot, first)
    select_component(first, "to_khai_khai_sinh")
    first.components.original_seen.click()
    idle(qtbot, first)
    ref = first.dossier.local_ref
    before = {c.key: [p.seq for p in c.pages] for c in first.dossier.components}
    # A page that reached the disk just before a power cut, its row never written:
    from io import BytesIO

    buf = BytesIO()
    render_text_page(dpi=100, seed=9).save(buf, "PNG", dpi=(100, 100))
    ctx.workspace.write(ref, page_name("giay_chung_sinh", 3, "png"), buf.getvalue())
    first.close()
    first.tasks.wait()
    ctx.close()

    reopened_ctx = AppContext.open()  # same data folder: the test's environment points at it
    try:
        second = open_section(qtbot, reopened_ctx, lambda: None)
        assert second.dossier is None
        second.resume_menu.aboutToShow.emit()  # what opening «Tiếp tục hồ sơ…» (Ctrl+R) does
        qtbot.waitUntil(lambda: not second.resume_loading, timeout=STEP_TIMEOUT)  # read on a worker
        actions = [a for a in second.resume_menu.actions() if ref in a.text()]
        assert len(actions) == 1, [a.text() for a in second.resume_menu.actions()]
        assert "Đăng ký khai sinh" in actions[0].text()
        assert "Nguyễn Văn An" in actions[0].text()  # the citizen, unsealed off the UI thread
        actions[0].trigger()
        idle(qtbot, second)
        dossier = second.dossier
        assert dossier.local_ref == ref and dossier.state is S.PROCEDURE_CHOSEN
        assert second.stack.currentWidget() is second.components
        after = {c.key: [p.seq for p in c.pages] for c in dossier.components}
        assert after["to_khai_khai_sinh"] == before["to_khai_khai_sinh"]
        assert after["giay_chung_sinh"] == [*before["giay_chung_sinh"], 3]  # adopted, not lost
        assert dossier.component("to_khai_khai_sinh").original_seen
        qtbot.waitUntil(lambda: not second.citizen.citizen_loading, timeout=STEP_TIMEOUT)  # on a worker
        assert second.citizen.capture.form.full_name.text() == "Nguyễn Văn An"
        second.components.build.click()  # the reopened pages are usable: on to the PDFs
        idle(qtbot, second)
        assert second.dossier.state is S.PDFS_BUILT
        second.tasks.wait()
    finally:
        reopened_ctx.close()


def _dead_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_portal_unreachable_queues_and_gives_a_provisional_receipt(qtbot, ctx, tmp_path) -> None:
    speed_up(ctx)
    running: list[BackgroundServices] = []
    section = open_section(qtbot, ctx, lambda: running[0] if running else None)
    signed_dossier(qtbot, section, tmp_path)  # demo mode: the demo certificate is offered
    # Then the portal goes away: the outbox worker aims at a loopback port where nothing listens.
    port = _dead_port()
    ctx.config.set_user("portal.url", f"http://127.0.0.1:{port}")
    ctx.config.set_user("portal.timeout_s", 2)
    running.append(BackgroundServices(ctx).start())
    try:
        section.submit.check_account.click()  # the portal is down: said so, dossier unchanged
        qtbot.waitUntil(lambda: not section.busy, timeout=STEP_TIMEOUT)
        assert section.strip.error.isVisible()
        assert "Việc cần làm" in section.strip.error.text()
        assert section.dossier.state is S.SIGNED
        assert not section.submit.file.isEnabled()  # the account is not settled: said so
        assert "Kiểm tra tài khoản" in section.submit.file_why.text()
        guided_to_vneid(qtbot, section)

        section.submit.file.click()
        qtbot.waitUntil(lambda: section.receipt.outcome is not None, timeout=STEP_TIMEOUT)
        idle(qtbot, section)
        assert section.receipt.outcome.provisional and section.dossier.state is S.QUEUED
        assert "Phiếu TẠM" in section.receipt.status.text()
        job = running[0].outbox.latest_for(section.dossier.local_ref)
        assert job is not None and job.state in ("queued", "sending", "failed")
        assert "receipt-provisional.pdf" in ctx.workspace.names(section.dossier.local_ref)
        saved = tmp_path / "phieu-tam.pdf"
        section.receipt.save_to(str(saved))
        idle(qtbot, section)
        if shutil.which("pdftotext"):
            text = subprocess.run(["pdftotext", str(saved), "-"], capture_output=True, text=True).stdout
            assert section.dossier.local_ref in text

        # The portal comes back on the same address; the officer presses «Gửi lại» in the queue.
        portal = start_in_thread(port=port, state_path=tmp_path / "sandbox-portal.sqlite3")
        try:
            outbox = running[0].outbox
            qtbot.waitUntil(lambda: outbox.get(job.id).state in ("queued", "failed"), timeout=STEP_TIMEOUT)
            outbox.retry(job.id)
            running[0].outbox_worker.wake()
            qtbot.waitUntil(  # the receipt screen notices by itself and prints the final receipt
                lambda: section.receipt.outcome is not None and not section.receipt.outcome.provisional,
                timeout=STEP_TIMEOUT,
            )
            idle(qtbot, section)
            assert section.dossier.state is S.FILED  # the final receipt shown, not yet printed
            assert section.dossier.portal_code in section.receipt.status.text()
            filed = [
                e
                for e in iter_events(ctx.db, kinds=("submitted",))
                if e.dossier_ref == section.dossier.local_ref
            ]
            assert len(filed) == 1  # filed once, with the job's one idempotency key
            section.tasks.wait()
        finally:
            portal.stop()
    finally:
        running[0].stop()
