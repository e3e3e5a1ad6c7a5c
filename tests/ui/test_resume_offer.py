"""An interrupted intake is not lost: the next start offers it by name, procedure, step and time,
and closing the window with a dossier open says where it is kept and lets the officer stay.
Real peers: the SQLite database and sealed citizen record of the test's data folder, the bundled
catalog, the real main window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from counter_app.citizen import parse_citizen_payload
from counter_app.workflow import Workflow
from ui.main_window import MainWindow

CITIZEN = "079190000001||Nguyễn Thị Thử Nghiệm|15081990|Nữ|Số 12 Lê Lợi|15082021"
BIRTH = "1.001193"


def _interrupted(ctx) -> str:
    """A dossier left on step 3 (procedure chosen, nothing scanned), as after a crash or a closed window."""
    wf = Workflow(ctx)
    dossier = wf.identify(wf.start(), parse_citizen_payload(CITIZEN), method="manual")
    return wf.choose_procedure(dossier, BIRTH).local_ref


def _window(qtbot, ctx, *, ask_before_closing: bool = False) -> MainWindow:
    window = MainWindow(ctx, ask_before_closing=ask_before_closing)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _answer(button_text: str, seen: list[str]) -> None:
    """Click `button_text` in the message box about to open, noting its text in `seen`."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(0, answer)


@pytest.mark.usefixtures("any_hour")
def test_start_offers_the_interrupted_dossier_and_reopens_it_where_it_was(qtbot, ctx) -> None:
    ref = _interrupted(ctx)
    window = _window(qtbot, ctx)
    offer = window.intake.resume_offer
    qtbot.waitUntil(offer.isVisible, timeout=10_000)  # read and unsealed on a worker
    text = offer.text.text()
    for expected in ("Nguyễn Thị Thử Nghiệm", "Đăng ký khai sinh", "bước 3. Thành phần", ref):
        assert expected in text, text
    offer.resume.click()
    qtbot.waitUntil(lambda: window.intake.dossier is not None and not window.intake.busy, timeout=10_000)
    assert window.intake.dossier.local_ref == ref
    assert window.intake.stack.currentWidget() is window.intake.components
    assert not offer.isVisible()
    window.tasks.wait()


def test_nothing_is_offered_when_nothing_was_interrupted(qtbot, ctx) -> None:
    window = _window(qtbot, ctx)
    qtbot.waitUntil(lambda: not window.intake.resume_offer.looking, timeout=10_000)
    assert not window.intake.resume_offer.isVisible()
    window.tasks.wait()


@pytest.mark.usefixtures("any_hour")
def test_closing_with_a_dossier_open_says_where_it_is_kept(qtbot, ctx) -> None:
    ref = _interrupted(ctx)
    window = _window(qtbot, ctx, ask_before_closing=True)  # as the application opens it
    window.continue_dossier(ref)
    qtbot.waitUntil(lambda: window.intake.dossier is not None and not window.intake.busy, timeout=10_000)
    seen: list[str] = []
    _answer("Ở lại", seen)
    window.close()  # the window's close button, Alt+F4
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert window.isVisible(), "«Ở lại» keeps the window open"
    assert ref in seen[0] and "bước 3. Thành phần" in seen[0] and "Đăng ký khai sinh" in seen[0]
    assert str(ctx.paths.data_dir) in seen[0] and "Tiếp tục hồ sơ" in seen[0]
    _answer("Đóng, làm tiếp sau", seen)
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    window.tasks.wait()
