"""A foreigner identified from a photo of the passport's data page in the window (issue #25): the
officer presses Ctrl+Shift+O in the foreigner form, picks the image, the MRZ is read by OCR on the
task runner and fills the form as typed lines would; the dossier is then filed once on the sandbox.

Real peers: the window's intake section, Tesseract reading a synthetic data page
(tests/synthetic_passport.py), the SQLite database of a per-test data folder, the PDF builder, the
demo signing keystore, the outbox worker filing to the sandbox portal over loopback. Faked: only the
file dialog's answer (a native dialog has no peer in a test), patched to return the image's path.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import cv2
import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from counter_app.applicant import ApplicantKind
from counter_app.dossier import DossierState
from scanner.barcodes.mrz_ocr import tesseract_available
from tests.synthetic_passport import SyntheticForeigner, photographed, render_data_page, write_jpeg
from tests.ui import test_intake_applicants as applicants
from tests.ui.intake_driver import STEP_MS, Officer
from tests.ui.test_intake_flow import open_section, sign_with_demo_keystore, speed_up
from tests.ui.test_intake_real_peers import stored_at_portal, submitted_events, text_of

pytestmark = pytest.mark.skipif(
    not tesseract_available(), reason="tesseract (tesseract-ocr) is not installed"
)

K = ApplicantKind
choose_kind = applicants.choose_kind
services = applicants.services  # the same fixture: the sandbox portal on loopback and the outbox worker
S = DossierState
COPY_CERTIFICATION = "2.000908"
VISITOR = SyntheticForeigner(
    "C01X00T47", "D", "MUSTERFRAU", "ERIKA", date(1964, 8, 12), "F", date(2030, 1, 1)
)


def pick_file(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))


def test_a_foreigner_identified_from_the_data_page_is_filed_once(
    qtbot,
    ctx,
    services,
    tmp_path,
    monkeypatch,
) -> None:
    section = open_section(qtbot, ctx, lambda: services)
    officer = Officer(section, lambda condition, ms: qtbot.waitUntil(lambda: bool(condition()), timeout=ms))
    choose_kind(qtbot, section, K.FOREIGNER, False, None)
    form = section.citizen.applicant.forms[K.FOREIGNER]
    qtbot.waitUntil(form.isVisible, timeout=5000)  # in the card's place: a foreigner alone has none
    photo = write_jpeg(photographed(render_data_page(VISITOR), seed=5, upside_down=True), tmp_path / "hc.jpg")
    pick_file(monkeypatch, photo)
    qtbot.keyClick(
        form.mrz, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert form.reading_page() and form.busy.isVisible()  # the UI thread is free meanwhile
    qtbot.waitUntil(lambda: not form.reading_page(), timeout=60_000)
    assert form.mrz.toPlainText().splitlines() == list(VISITOR.mrz)
    assert "MUSTERFRAU ERIKA" in form.parsed.text() and "DEU" in form.parsed.text()
    assert "✓" in form.note.text()
    qtbot.keyClick(form.mrz, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: section.dossier is not None and section.dossier.state is S.CITIZEN_IDENTIFIED, timeout=STEP_MS
    )
    qtbot.waitUntil(lambda: not section.busy, timeout=STEP_MS)
    applicant, representative = section.service.applicant_view(section.dossier.local_ref)
    assert representative is None and applicant.foreigner is not None
    assert (applicant.foreigner.passport_number, applicant.foreigner.nationality) == ("C01X00T47", "DEU")

    officer.choose_procedure("chung thuc ban sao tu ban chinh", COPY_CERTIFICATION)
    officer.import_every_required(tmp_path)
    officer.build_pdfs()
    sign_with_demo_keystore(qtbot, section)
    officer.file()
    officer.await_receipt()
    receipt = tmp_path / "phieu.pdf"
    officer.save_receipt(receipt)
    text = " ".join(text_of(receipt).split())
    assert "MUSTERFRAU ERIKA" in text and "C01X00T47" in text

    local_ref = section.dossier.local_ref
    section.tasks.wait()
    [stored] = stored_at_portal(services.portal.url, local_ref)  # filed exactly once
    assert submitted_events(ctx, local_ref) == 1
    assert stored["applicant"]["passport_number"] == "C01X00T47"


def test_a_page_without_an_mrz_says_what_to_do(qtbot, ctx, tmp_path, monkeypatch) -> None:
    speed_up(ctx)
    section = open_section(qtbot, ctx, lambda: None)
    choose_kind(qtbot, section, K.FOREIGNER, False, None)
    form = section.citizen.applicant.forms[K.FOREIGNER]
    blank = write_jpeg(np.full((880, 1250, 3), 230, np.uint8), tmp_path / "trang.jpg")
    pick_file(monkeypatch, blank)
    form.read_page.click()
    qtbot.waitUntil(lambda: not form.reading_page(), timeout=60_000)
    assert "Không đọc được dòng MRZ trên trang hộ chiếu" in form.note.text()
    assert "gõ hai dòng MRZ" in form.note.text()
    assert section.dossier is None and not form.mrz.toPlainText()
    section.tasks.wait()


def test_reading_the_page_can_be_stopped(qtbot, ctx, tmp_path, monkeypatch) -> None:
    speed_up(ctx)
    section = open_section(qtbot, ctx, lambda: None)
    choose_kind(qtbot, section, K.FOREIGNER, False, None)
    form = section.citizen.applicant.forms[K.FOREIGNER]
    qtbot.waitUntil(form.isVisible, timeout=5000)
    page = cv2.resize(render_data_page(VISITOR), None, fx=2, fy=2)
    pick_file(monkeypatch, write_jpeg(page, tmp_path / "hc.jpg"))
    form.read_page.click()
    assert form.reading_page()
    qtbot.keyClick(form.mrz, Qt.Key.Key_Escape)
    assert not form.reading_page() and not form.busy.isVisible() and "Đã dừng" in form.note.text()
    section.tasks.wait()
    assert not form.mrz.toPlainText()  # the stopped reading's result, if any, is dropped
