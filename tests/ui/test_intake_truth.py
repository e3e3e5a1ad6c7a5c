"""Steps 4 and 5 through the window: a bad phone number is refused in words before it reaches
the portal, creating the account is done once, filing waits for the account to be settled,
saying so; the receipt is recorded as printed only once the printer took it, and Qt's print
dialog speaks Vietnamese and offers the receipts folder, not a print.pdf in the home folder.

Real peers: the per-test SQLite database and workspace, the demo signing keystore, the outbox and
the sandbox portal over loopback (BackgroundServices in demo mode), Qt's own print dialog and its
PDF printer (no printer is installed here: the dialog offers printing to a file).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPushButton

from counter_app.dossier import DossierState
from tests.ui.test_intake_flow import (
    STEP_TIMEOUT,
    idle,
    open_section,
    services,  # noqa: F401 (fixture)
    signed_dossier,
)
from ui.app import install_translator

S = DossierState
S_CHECKED = "Chưa kiểm tra tài khoản cổng"


def test_contact_account_filing_and_printing_tell_the_truth(qtbot, ctx, services, tmp_path) -> None:  # noqa: F811
    section = open_section(qtbot, ctx, lambda: services)
    signed_dossier(qtbot, section, tmp_path)
    submit = section.submit
    assert S_CHECKED in submit.file_why.text() and not submit.file.isEnabled()
    assert S_CHECKED in submit.file.toolTip()

    # Ctrl+Enter before the account is settled: refused in words, nothing queued.
    section.activateWindow()  # what the window manager does once the signing dialog closed
    qtbot.waitUntil(section.isActiveWindow, timeout=5000)
    qtbot.keyClick(
        QApplication.focusWidget() or section, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    assert S_CHECKED in section.strip.text.text()
    assert section.stack.currentWidget() is submit

    submit.check_account.click()
    idle(qtbot, section)
    assert section.dossier.details["account"]["found"] is False
    assert "chưa có tài khoản" in submit.account_state.text()

    qtbot.keyClicks(submit.phone, "12345")
    assert submit.contact.error.isVisible()
    assert "«12345» không phải số điện thoại Việt Nam hợp lệ" in submit.contact.error.text()
    assert not submit.file.isEnabled() and "12345" in submit.file_why.text()
    submit.consent.setChecked(True)
    submit.create_account.click()  # the portal is not asked with a bad number
    assert not section.busy and "12345" in section.strip.error.text()
    assert not [e for e in _events(ctx, "account_created")]

    submit.phone.clear()
    qtbot.keyClicks(submit.phone, "+84 912 345 678")
    qtbot.keyClick(submit.phone, Qt.Key.Key_Return)  # done with the field: it shows the stored form
    assert submit.phone.text() == "0912345678" and not submit.contact.error.isVisible()
    submit.create_account.click()
    idle(qtbot, section)
    shown = submit.account_state.text()
    assert "Đã tạo tài khoản" in shown
    assert not submit.create_account.isEnabled()
    assert "đã có tài khoản" in submit.create_account.toolTip()

    # A second request (a double click, a retry) keeps the account and the level shown.
    again = section.service.create_account(section.dossier.local_ref, "0912345678", "")
    assert again.info.level == section.dossier.details["account"]["level"]
    section.dossier_changed(again.dossier)
    assert submit.account_state.text() == shown
    assert len(_events(ctx, "account_created")) == 1

    assert submit.file.isEnabled() and not submit.file_why.text()
    submit.file.click()
    qtbot.waitUntil(lambda: section.stack.currentWidget() is section.receipt, timeout=STEP_TIMEOUT)
    idle(qtbot, section)
    job = services.outbox.latest_for(section.dossier.local_ref)
    assert services.outbox.request_of(job).applicant.phone == "0912345678"
    qtbot.waitUntil(
        lambda: section.receipt.outcome is not None and not section.receipt.outcome.provisional,
        timeout=STEP_TIMEOUT,
    )
    idle(qtbot, section)
    ref = section.dossier.local_ref
    assert section.dossier.state is S.FILED and not _mine(ctx, "receipt_printed", ref)

    seen: dict[str, object] = {}
    installed = install_translator(QApplication.instance(), "vi")

    def answer() -> None:  # the officer looks at the dialog and presses «In»
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QPrintDialog):
            QTimer.singleShot(20, answer)
            return
        seen["file"] = dialog.findChild(QLineEdit, "filename").text()
        seen["labels"] = [b.text() for b in dialog.findChildren(QPushButton)]
        seen["printers"] = dialog.findChild(QComboBox, "printers").itemText(0)
        dialog.accept()  # «Đồng ý»: print

    try:
        QTimer.singleShot(0, answer)
        section.receipt.print_receipt()
        idle(qtbot, section)
    finally:
        QApplication.instance().removeTranslator(QApplication.instance()._counter_translator)
    assert installed
    printed_to = Path(str(seen["file"]))
    assert printed_to.parent == ctx.paths.receipts and printed_to.name == f"{ref}-phieu-tiep-nhan.pdf"
    assert seen["printers"] == "In ra tệp (PDF)"
    assert {"&Thuộc tính", "Hủy"} <= set(seen["labels"]) and not {"Cancel", "P&roperties"} & set(
        seen["labels"]
    )
    qtbot.waitUntil(lambda: section.dossier.state is S.RECEIPT_PRINTED, timeout=STEP_TIMEOUT)
    assert printed_to.read_bytes().startswith(b"%PDF")
    (event,) = _mine(ctx, "receipt_printed", ref)
    # The print dialog printed to a PDF file (no printer here): handed over as that file.
    assert event.payload["output"] == "file" and event.payload["provisional"] is False
    assert str(printed_to) in section.strip.text.text()
    section.tasks.wait()


def _mine(ctx, kind: str, ref: str) -> list:
    return [e for e in _events(ctx, kind) if e.dossier_ref == ref]


def _events(ctx, kind: str) -> list:
    from counter_app.events import iter_events

    return list(iter_events(ctx.db, kinds=(kind,)))
