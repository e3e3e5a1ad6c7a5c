"""Finding 7 of issue 21 in the window: a card with impossible dates and an ID number that
contradicts its sex needs the officer's explicit confirmation in the identification step.

pytest-qt with the real intake section on a real data folder; the citizen arrives as the capture
widget hands it over (what a camera, reader, image or the form emit)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from counter_app.citizen import parse_citizen_payload
from counter_app.events import iter_events
from tests.reliability.test_citizen_data import GOOD, IMPOSSIBLE
from tests.ui.test_intake_flow import open_section


def answer_contradictions(answer: str, seen: list[str]) -> None:
    """Click `answer`'s button in the confirmation box once it is open."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.informativeText())
        for button in box.buttons():
            if button.text().startswith(answer):
                button.click()
                return

    QTimer.singleShot(0, click)


def test_the_officer_declines_and_no_dossier_is_started(qtbot, ctx) -> None:
    section = open_section(qtbot, ctx, lambda: None)
    seen: list[str] = []
    answer_contradictions("Không", seen)
    section.citizen.capture.citizen_read.emit(parse_citizen_payload(IMPOSSIBLE), "qr_reader")
    assert seen and "Ngày sinh" in seen[0] and "giới tính" in seen[0]
    qtbot.wait(200)
    assert section.dossier is None
    assert list(iter_events(ctx.db, kinds=("citizen_identified",))) == []


def test_the_officer_confirms_and_the_dossier_goes_on(qtbot, ctx) -> None:
    section = open_section(qtbot, ctx, lambda: None)
    seen: list[str] = []
    answer_contradictions("Đúng như thẻ", seen)
    section.citizen.capture.citizen_read.emit(parse_citizen_payload(IMPOSSIBLE), "qr_reader")
    qtbot.waitUntil(
        lambda: section.dossier is not None and section.dossier.citizen is not None, timeout=20_000
    )
    events = list(iter_events(ctx.db, kinds=("citizen_identified",)))
    assert "id_sex_mismatch" in events[0].payload["warnings"]


def test_a_consistent_card_asks_nothing(qtbot, ctx) -> None:
    section = open_section(qtbot, ctx, lambda: None)
    section.citizen.capture.citizen_read.emit(parse_citizen_payload(GOOD), "qr_reader")
    qtbot.waitUntil(
        lambda: section.dossier is not None and section.dossier.citizen is not None, timeout=20_000
    )
