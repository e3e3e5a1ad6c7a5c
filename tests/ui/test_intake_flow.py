"""A whole dossier through the intake screens, as an officer drives it with the keyboard.

Real peers only: the SQLite database and sealed workspace of a per-test data folder, the demo
scanner device and image files rendered by tests/synthetic.py, the PDF builder, the demo signing
keystore, the outbox and its worker, and the sandbox portal over loopback (BackgroundServices in
demo mode). Signatures are checked with poppler's pdfsig and the receipt with pdftotext.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from counter_app.context import AppContext
from counter_app.dossier import ComponentStatus, DossierState
from counter_app.events import iter_events
from counter_app.services import BackgroundServices
from tests.synthetic import render_text_page, save_page
from ui.intake import IntakeSection
from ui.tasks import TaskRunner

S = DossierState
BIRTH = "1.001193"
STEP_TIMEOUT = 60_000


def speed_up(ctx: AppContext) -> None:
    """Small pages and no OCR: the screens are under test here, not Tesseract. No token module
    configured: the signing controller offers the demo keystore."""
    ctx.config.set_user("scanner.dpi", 100)
    ctx.config.set_user("pdf.ocr", False)
    ctx.config.set_user("signing.module_paths", [])


@pytest.fixture
def services(ctx: AppContext) -> Iterator[BackgroundServices]:
    speed_up(ctx)
    running = BackgroundServices(ctx).start()
    assert not running.errors, running.errors
    yield running
    running.stop()


def open_section(qtbot, ctx: AppContext, services: Callable[[], BackgroundServices | None]) -> IntakeSection:
    tasks = TaskRunner()
    section = IntakeSection(ctx, tasks, services=services, hardware=False)
    qtbot.addWidget(section)
    section.resize(1280, 800)
    section.show()
    qtbot.waitExposed(section)
    section.activateWindow()  # shortcuts reach the active window only
    qtbot.waitUntil(section.isActiveWindow, timeout=5000)
    return section


def idle(qtbot, section: IntakeSection) -> None:
    qtbot.waitUntil(lambda: not section.busy, timeout=STEP_TIMEOUT)
    assert section.strip.error.isHidden(), section.strip.error.text()


def enter_citizen(qtbot, section: IntakeSection) -> None:
    """Manual entry in the ID capture widget's form (synthetic citizen), confirmed with Enter."""
    form = section.citizen.capture.form
    qtbot.keyClicks(form.id_number, "001203004567")
    form.full_name.insert("Nguyễn Văn An")  # QTest types ASCII only; insert() is what typing does
    qtbot.keyClicks(form.date_of_birth, "15/04/2003")
    form.sex.setCurrentText("Nam")
    form.address.insert("Số 1 phố Mẫu, phường Thử Nghiệm, Hà Nội")
    qtbot.keyClicks(form.issue_date, "01/05/2021")
    form.confirm.click()
    idle(qtbot, section)


def choose_birth_registration(qtbot, section: IntakeSection) -> None:
    assert section.stack.currentWidget() is section.procedure
    qtbot.keyClicks(section.procedure.search, "dang ky khai sinh")
    first = section.procedure.results.item(0)
    assert first.data(Qt.ItemDataRole.UserRole) == BIRTH
    assert "Đăng ký khai sinh" in section.procedure.details.text()
    qtbot.keyClick(section.procedure.search, Qt.Key.Key_Return)
    idle(qtbot, section)
    assert section.stack.currentWidget() is section.components


def select_component(section: IntakeSection, key: str) -> None:
    checklist = section.components.checklist
    for row in range(checklist.count()):
        if checklist.item(row).data(Qt.ItemDataRole.UserRole) == key:
            checklist.setCurrentRow(row)
            return
    raise AssertionError(key)


def synthetic_files(tmp_path: Path, name: str, seeds: tuple[int, ...]) -> list[str]:
    return [
        str(save_page(render_text_page(dpi=100, seed=s), tmp_path / f"{name}-{s}.png", dpi=100))
        for s in seeds
    ]


def capture_pages(qtbot, section: IntakeSection, tmp_path: Path) -> None:
    """The two required components from synthetic image files ("Nhập từ tệp…")."""
    for key, seeds in (("to_khai_khai_sinh", (1,)), ("giay_chung_sinh", (2, 3))):
        select_component(section, key)
        section.components.import_paths(synthetic_files(tmp_path, key, seeds))
        idle(qtbot, section)
        assert len(section.dossier.component(key).pages) == len(seeds)


def sign_with_demo_keystore(qtbot, section: IntakeSection) -> None:
    section.submit.sign.click()
    signing = section.submit.signing

    def picker_open() -> bool:
        return signing.picker is not None and signing.picker.tree.topLevelItemCount() > 0

    def stamp_dialog_open() -> bool:  # the synthetic pages' motto leaves no room at the top left
        dialog = section.submit.stamp_dialog
        return dialog is not None and dialog.isVisible()

    qtbot.waitUntil(lambda: picker_open() or stamp_dialog_open(), timeout=STEP_TIMEOUT)
    if stamp_dialog_open():
        qtbot.keyClick(section.submit.stamp_dialog, Qt.Key.Key_Return)  # the corner offered
    qtbot.waitUntil(picker_open, timeout=STEP_TIMEOUT)

    def demo_rows() -> list:
        return [item for choice, item in signing.picker.rows() if choice.cert.demo]

    # The demo certificate by name: a token another test left visible (SoftHSM2) may list first.
    qtbot.waitUntil(lambda: bool(demo_rows()), timeout=STEP_TIMEOUT)
    signing.picker.tree.setCurrentItem(demo_rows()[0])
    qtbot.keyClick(signing.picker.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: section.dossier.state is S.SIGNED, timeout=STEP_TIMEOUT)
    idle(qtbot, section)


def events_of_kind(ctx: AppContext, kind: str, local_ref: str) -> list:
    return [e for e in iter_events(ctx.db, kinds=(kind,)) if e.dossier_ref == local_ref]


def guided_to_vneid(qtbot, section: IntakeSection) -> None:
    """«Đã hướng dẫn dùng VNeID»: the account settled without the portal (filing needs it)."""
    section.submit.guided.click()
    qtbot.waitUntil(lambda: "guided_to" in section.dossier.details, timeout=STEP_TIMEOUT)
    idle(qtbot, section)


def signed_dossier(qtbot, section: IntakeSection, tmp_path: Path) -> None:
    """Citizen, procedure, pages from files, PDFs, demo signature: the shortest way to step 4."""
    enter_citizen(qtbot, section)
    choose_birth_registration(qtbot, section)
    capture_pages(qtbot, section, tmp_path)
    section.components.build.click()
    idle(qtbot, section)
    sign_with_demo_keystore(qtbot, section)


def test_whole_dossier_from_citizen_to_receipt(qtbot, ctx, services, tmp_path) -> None:
    section = open_section(qtbot, ctx, lambda: services)
    enter_citizen(qtbot, section)
    dossier = section.dossier
    assert dossier is not None and dossier.state is S.CITIZEN_IDENTIFIED
    choose_birth_registration(qtbot, section)

    capture_pages(qtbot, section, tmp_path)
    select_component(section, "giay_chung_nhan_ket_hon")  # optional, reusable: scanned this time
    section.components.import_paths(synthetic_files(tmp_path, "ket_hon", (4,)))
    idle(qtbot, section)
    select_component(section, "van_ban_uy_quyen")
    section.components.mark_not_provided()
    idle(qtbot, section)
    select_component(section, "to_khai_khai_sinh")
    section.components.original_seen.click()
    idle(qtbot, section)
    assert section.dossier.component("to_khai_khai_sinh").original_seen

    section.components.build.click()
    idle(qtbot, section)
    assert section.dossier.state is S.PDFS_BUILT
    assert section.stack.currentWidget() is section.submit
    qtbot.waitUntil(lambda: section.submit.table.topLevelItemCount() == 3, timeout=STEP_TIMEOUT)
    pages_shown = sorted(section.submit.table.topLevelItem(i).text(1) for i in range(3))
    assert pages_shown == ["1", "1", "2"]

    sign_with_demo_keystore(qtbot, section)
    assert "DEMO" in section.submit.signed_by.text() and section.submit.demo_label.isVisible()
    if shutil.which("pdfsig"):
        for component in section.dossier.components:
            if component.status is ComponentStatus.SIGNED:
                signed = tmp_path / f"{component.key}.pdf"
                signed.write_bytes(section.wf.read_file(section.dossier, component.signed_name))
                out = subprocess.run(["pdfsig", str(signed)], capture_output=True, text=True).stdout
                assert "Signature #1" in out, out

    section.submit.check_account.click()
    idle(qtbot, section)
    assert section.submit.account_state.text() != "Chưa kiểm tra."
    section.submit.return_method.setCurrentIndex(section.submit.return_method.findData("public_post"))
    section.submit.return_address.insert("Số 1 phố Mẫu, Hà Nội")
    section.submit.file.click()
    idle(qtbot, section)
    assert section.stack.currentWidget() is section.receipt

    qtbot.waitUntil(
        lambda: section.receipt.outcome is not None and not section.receipt.outcome.provisional,
        timeout=STEP_TIMEOUT,
    )
    idle(qtbot, section)
    dossier = section.dossier
    # Shown is not handed over: nothing says "printed" until the receipt is printed or saved.
    assert dossier.state is S.FILED
    assert not events_of_kind(ctx, "receipt_printed", dossier.local_ref)
    assert dossier.portal_code and dossier.portal_code in section.receipt.status.text()
    assert not section.receipt.preview.pixmap().isNull()
    saved = tmp_path / "phieu.pdf"
    section.receipt.save_to(str(saved))
    idle(qtbot, section)
    assert section.dossier.state is S.RECEIPT_PRINTED
    assert "Đã in phiếu tiếp nhận" in section.title.text()
    (printed,) = events_of_kind(ctx, "receipt_printed", dossier.local_ref)
    assert printed.payload["output"] == "file" and printed.payload["provisional"] is False
    dossier = section.dossier
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(saved), "-"], capture_output=True, text=True).stdout
        assert dossier.portal_code in text
        assert "bưu chính công ích" in text

    # The same citizen comes back: earlier dossier shown, the signed marriage certificate reused.
    first_ref = dossier.local_ref
    section.receipt.done.click()
    assert section.dossier is None and section.stack.currentWidget() is section.citizen
    enter_citizen(qtbot, section)
    assert section.citizen.history.isVisible()
    assert first_ref in section.citizen.earlier.item(0).text()
    assert section.stack.currentWidget() is section.citizen  # stays: the officer reads the history
    section.next.click()
    choose_birth_registration(qtbot, section)
    select_component(section, "giay_chung_nhan_ket_hon")
    qtbot.waitUntil(lambda: not section.components.reusable_loading, timeout=STEP_TIMEOUT)  # on a worker
    assert section.components.reuse.isEnabled(), section.components.reuse.toolTip()
    section.components.reuse.click()
    idle(qtbot, section)
    assert section.dossier.component("giay_chung_nhan_ket_hon").status is ComponentStatus.REUSED
    reused = list(iter_events(ctx.db, kinds=("component_reused",)))
    assert [e.payload["reused_from"] for e in reused] == [first_ref]
    section.tasks.wait()


def test_stop_during_file_import_keeps_the_pages_already_stored(qtbot, ctx, tmp_path) -> None:
    speed_up(ctx)
    section = open_section(qtbot, ctx, lambda: None)
    enter_citizen(qtbot, section)
    choose_birth_registration(qtbot, section)
    files = synthetic_files(tmp_path, "many", tuple(range(10, 18)))
    select_component(section, "giay_chung_sinh")
    section.components.import_paths(files)
    assert section.busy and section.strip.stop.isVisible()
    qtbot.keyClick(section.strip.stop, Qt.Key.Key_Escape)  # Esc stops, as the tooltip says
    qtbot.waitUntil(lambda: not section.busy, timeout=STEP_TIMEOUT)
    assert "Đã dừng" in section.strip.error.text()
    stored = len(section.wf.open(section.dossier.local_ref).component("giay_chung_sinh").pages)
    assert stored < len(files)
    section.components.reload()  # what is shown is what is stored
    idle(qtbot, section)
    assert len(section.dossier.component("giay_chung_sinh").pages) == stored
    section.tasks.wait()
