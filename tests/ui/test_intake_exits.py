"""Supplement and cancel on the intake screen: the reason is asked, the dossier goes back to capture
with the components to bring marked, or leaves the screen; an unsent submission is taken out of
the outbox, and a dossier the portal has is refused with what to do instead.

Real peers: the per-test SQLite database and workspace, synthetic image files, the PDF builder,
the demo signing keystore, the outbox, and the sandbox portal over loopback (BackgroundServices in
demo mode) for the filed dossier.
"""

from __future__ import annotations

import subprocess

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.dossier import DossierState
from counter_app.events import iter_events
from counter_app.intake import heavy
from tests.ui.test_intake_flow import (
    choose_birth_registration,
    enter_citizen,
    guided_to_vneid,
    idle,
    open_section,
    select_component,
    services,  # noqa: F401 (fixture)
    signed_dossier,
    speed_up,
    synthetic_files,
)
from ui.intake.exits import ReasonDialog, SupplementDialog

S = DossierState
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def form_shown(qtbot, section, form: str, tmp_path) -> str:
    """The form the core made for the citizen, shown to print: its text (pdftotext)."""
    qtbot.waitUntil(
        lambda: section.exits.form_dialog is not None and section.exits.form_dialog.isVisible(),
        timeout=10_000,
    )
    dialog = section.exits.form_dialog
    assert dialog.issued.form == form and not dialog.preview.pixmap().isNull()
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    path = tmp_path / f"mau-{form}.pdf"
    path.write_bytes(dialog.issued.pdf)
    text = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    dialog.accept()
    return " ".join(text.split())


def events_of(ctx, kind: str, ref: str) -> list[dict]:
    return [e.payload for e in iter_events(ctx.db, kinds=(kind,)) if e.dossier_ref == ref]


def shortcut(qtbot, section, key: Qt.Key) -> None:
    section.activateWindow()  # back from the signing dialogs (offscreen has no window manager)
    qtbot.waitUntil(section.isActiveWindow, timeout=5000)
    focus = QApplication.focusWidget()
    if focus is None:  # where the officer's cursor is: the screen shown
        focus = section.stack.currentWidget()
        focus.setFocus()
    qtbot.keyClick(focus, key, CTRL_SHIFT)


def open_dialog(qtbot, section, key: Qt.Key) -> ReasonDialog:
    shortcut(qtbot, section, key)
    qtbot.waitUntil(
        lambda: section.exits.dialog is not None and section.exits.dialog.isVisible(), timeout=5000
    )
    return section.exits.dialog


def test_supplement_asks_what_and_why_then_capture_resumes_with_the_components_marked(
    qtbot, ctx, tmp_path
) -> None:
    speed_up(ctx)
    section = open_section(qtbot, ctx, lambda: None)
    assert not section.exits.supplement_button.isEnabled()  # no dossier yet
    enter_citizen(qtbot, section)
    choose_birth_registration(qtbot, section)
    select_component(section, "to_khai_khai_sinh")
    section.components.import_paths(synthetic_files(tmp_path, "tk", (1,)))
    idle(qtbot, section)
    ref = section.dossier.local_ref

    dialog = open_dialog(qtbot, section, Qt.Key.Key_B)
    assert isinstance(dialog, SupplementDialog)
    assert dialog.missing() == ["giay_chung_sinh"]  # the required component not brought is ticked
    assert not dialog.confirm.isEnabled()
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)  # no reason: nothing happens
    assert dialog.isVisible() and section.dossier.state is S.PROCEDURE_CHOSEN
    dialog.components.setFocus()
    dialog.components.setCurrentRow(0)  # the declaration is blurred: the citizen redoes it too
    qtbot.keyClick(dialog.components, Qt.Key.Key_Space)
    assert dialog.missing() == ["to_khai_khai_sinh", "giay_chung_sinh"]
    dialog.reason.insert("Thiếu giấy chứng sinh; tờ khai bị mờ")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: section.dossier.state is S.NEEDS_SUPPLEMENT, timeout=10_000)
    idle(qtbot, section)
    text = form_shown(qtbot, section, "02", tmp_path)  # Mẫu 02 for the citizen
    for expected in (
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        "1. Tờ khai đăng ký khai sinh",
        "2. Giấy chứng sinh",
        "Lý do: Thiếu giấy chứng sinh; tờ khai bị mờ",
    ):
        assert expected in text

    assert section.stack.currentWidget() is section.components
    checklist = section.components.checklist
    items = [checklist.item(row) for row in range(checklist.count())]
    marked = [i.data(Qt.ItemDataRole.UserRole) for i in items if "⚠ cần bổ sung" in i.text()]
    assert marked == ["to_khai_khai_sinh", "giay_chung_sinh"]
    assert "Thiếu giấy chứng sinh; tờ khai bị mờ" in section.components.facts.text()
    assert "chờ công dân bổ sung" in section.strip.text.text()
    (payload,) = events_of(ctx, "needs_supplement", ref)
    assert payload["missing"] == ["to_khai_khai_sinh", "giay_chung_sinh"]

    # The citizen comes back with the papers: capture goes on, the PDFs are built, marks gone.
    select_component(section, "giay_chung_sinh")
    section.components.import_paths(synthetic_files(tmp_path, "gcs", (2, 3)))
    idle(qtbot, section)
    assert section.dossier.state is S.PROCEDURE_CHOSEN
    section.components.build.click()
    idle(qtbot, section)
    assert section.dossier.state is S.PDFS_BUILT
    assert not [row for row in range(checklist.count()) if "cần bổ sung" in checklist.item(row).text()]
    section.tasks.wait()


def queued_without_portal(qtbot, ctx, tmp_path) -> tuple:
    """A signed dossier filed with no portal running: its job waits in the outbox."""
    speed_up(ctx)
    section = open_section(qtbot, ctx, lambda: None)  # no portal: the job waits in the outbox
    signed_dossier(qtbot, section, tmp_path)
    guided_to_vneid(qtbot, section)
    section.submit.file.click()
    qtbot.waitUntil(lambda: section.receipt.outcome is not None, timeout=60_000)
    idle(qtbot, section)
    ref = section.dossier.local_ref
    outbox = heavy.filing().outbox_of(section.wf, None)
    return section, ref, outbox


def test_cancel_needs_a_reason_and_takes_the_unsent_submission_out_of_the_queue(qtbot, ctx, tmp_path) -> None:
    section, ref, outbox = queued_without_portal(qtbot, ctx, tmp_path)
    assert section.dossier.state is S.QUEUED and outbox.latest_for(ref).state == "queued"

    dialog = open_dialog(qtbot, section, Qt.Key.Key_H)
    assert ref in dialog.text.text() and "không nộp lên cổng" in dialog.text.text()
    dialog.reason.insert("   ")  # blanks are no reason
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert dialog.isVisible() and not dialog.confirm.isEnabled()
    dialog.reason.insert("Công dân xin rút hồ sơ")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: section.dossier is None, timeout=10_000)
    idle(qtbot, section)
    text = form_shown(qtbot, section, "03", tmp_path)  # Mẫu 03 for the citizen
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text and "Công dân xin rút hồ sơ" in text
    assert ref in text.replace(" ", "")

    assert section.stack.currentWidget() is section.citizen
    assert f"Đã hủy hồ sơ {ref}" in section.strip.text.text()
    assert section.wf.open(ref).state is S.CANCELLED
    assert outbox.latest_for(ref).state == "cancelled"
    assert events_of(ctx, "dossier_cancelled", ref) == [{"reason": "Công dân xin rút hồ sơ"}]
    section.resume_menu.aboutToShow.emit()  # «Tiếp tục hồ sơ…» no longer offers it
    qtbot.waitUntil(lambda: not section.resume_loading, timeout=10_000)
    assert not [a for a in section.resume_menu.actions() if ref in a.text()]
    section.tasks.wait()


def test_a_filed_dossier_is_refused_with_what_to_do(qtbot, ctx, services, tmp_path) -> None:  # noqa: F811
    section = open_section(qtbot, ctx, lambda: services)
    signed_dossier(qtbot, section, tmp_path)
    guided_to_vneid(qtbot, section)
    section.submit.file.click()
    qtbot.waitUntil(
        lambda: section.receipt.outcome is not None and not section.receipt.outcome.provisional,
        timeout=60_000,
    )
    idle(qtbot, section)
    dossier = section.dossier
    assert dossier.state is S.FILED  # shown, not yet printed
    for key in (Qt.Key.Key_H, Qt.Key.Key_B):
        section.strip.error.hide()
        shortcut(qtbot, section, key)
        qtbot.waitUntil(section.strip.error.isVisible, timeout=5000)  # a shortcut clicks after 100 ms
        assert section.exits.dialog is None  # no reason asked for what cannot be done
        text = section.strip.error.text()
        assert dossier.portal_code in text
        assert "Việc cần làm: Việc bổ sung hoặc hủy hồ sơ đã nộp do bộ phận giải quyết" in text
    assert section.wf.open(dossier.local_ref).state is S.FILED
    section.tasks.wait()


def test_a_submission_being_sent_cannot_be_cancelled(qtbot, ctx, tmp_path) -> None:
    section, ref, outbox = queued_without_portal(qtbot, ctx, tmp_path)
    assert outbox.claim(outbox.latest_for(ref).id) is not None  # the outbox worker takes it now

    dialog = open_dialog(qtbot, section, Qt.Key.Key_H)
    dialog.reason.insert("Công dân xin rút hồ sơ")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: section.strip.error.isVisible(), timeout=10_000)
    assert "đang được gửi lên cổng" in section.strip.error.text()
    assert "Chờ cổng trả lời" in section.strip.error.text()
    assert section.wf.open(ref).state is S.QUEUED and outbox.latest_for(ref).state == "sending"
    section.tasks.wait()
