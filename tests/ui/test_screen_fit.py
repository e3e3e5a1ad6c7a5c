"""The window fits the counter PC's screen: 1366×768 less a 40 px taskbar, and 1280×720, at 100 % and
125 % scaling. At 125 % a screen has 1/1.25 as many logical pixels, the unit Qt lays widgets out in,
so each screen is checked as its logical size. Every section and every intake step is shown in turn
in the real window; the returning citizen's history is shown too (the tallest citizen step)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QApplication

from ui.main_window import MainWindow
from ui.window_fit import default_size, fits

TASKBAR = 40
SCREENS = {  # name: (width, height less the taskbar, scaling)
    "1366×768 100 %": (1366, 768 - TASKBAR, 1.0),
    "1366×768 125 %": (1366, 768 - TASKBAR, 1.25),
    "1280×720 100 %": (1280, 720 - TASKBAR, 1.0),
    "1280×720 125 %": (1280, 720 - TASKBAR, 1.25),
}


def logical(width: int, height: int, scale: float) -> QSize:
    return QSize(int(width / scale), int(height / scale))


def _window(qtbot, ctx) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.intake.citizen.history.show()
    return window


def _every_screen(window: MainWindow):
    """Each section, and in «Tiếp nhận» each step, shown as the officer would see it."""
    intake = window.intake
    for index, (label, widget) in enumerate(window.sections):
        window.show_section(index)
        if widget is not intake:
            QApplication.processEvents()
            yield label
            continue
        for step in range(intake.stack.count()):
            intake.stack.setCurrentIndex(step)
            QApplication.processEvents()
            yield f"{label} / {type(intake.stack.currentWidget()).__name__}"


def test_every_section_and_step_fits_every_counter_screen(qtbot, ctx) -> None:
    window = _window(qtbot, ctx)
    too_big = []
    for shown in _every_screen(window):
        minimum = window.minimumSizeHint()
        for name, (width, height, scale) in SCREENS.items():
            if not fits(minimum, logical(width, height, scale)):
                too_big.append(f"{shown} needs {minimum.width()}×{minimum.height()} on {name}")
    assert not too_big, too_big
    window.tasks.wait()


def test_default_window_shows_every_step_whole_at_1366x768(qtbot, ctx) -> None:
    """No scrolling at all on the common screen: buttons, status bar and every step in view."""
    window = _window(qtbot, ctx)
    available = QRect(0, 0, 1366, 768 - TASKBAR)
    window.resize(default_size(available))
    assert fits(window.size(), available.size())
    intake = window.intake
    scrolled = []
    for shown in _every_screen(window):
        if window.stack.currentWidget() is intake:
            area = intake.stack.area(intake.stack.currentIndex())
            assert area is not None
            if area.verticalScrollBar().isVisible() or area.horizontalScrollBar().isVisible():
                scrolled.append(shown)
    assert not scrolled, scrolled
    window.show_section(0)
    QApplication.processEvents()
    for widget in (intake.next, intake.back, window.status):
        assert window.rect().contains(widget.mapTo(window, widget.rect().bottomRight()))
    window.tasks.wait()


def test_a_step_scrolls_on_a_small_screen_and_the_buttons_stay(qtbot, ctx) -> None:
    """1280×720 at 125 %: the scanning step is taller than the room left, so it scrolls; «Bước tiếp»
    and the status bar stay inside the window."""
    window = _window(qtbot, ctx)
    width, height, scale = SCREENS["1280×720 125 %"]
    room = logical(width, height, scale)
    window.resize(default_size(QRect(0, 0, room.width(), room.height())))
    intake = window.intake
    intake.stack.setCurrentWidget(intake.components)
    QApplication.processEvents()
    area = intake.stack.area(intake.stack.currentIndex())
    assert area is not None and area.verticalScrollBar().isVisible()
    inside = window.rect()
    for widget in (intake.next, intake.back, window.status):
        corner = widget.mapTo(window, widget.rect().bottomRight())
        assert inside.contains(corner), (widget, corner, inside)
    window.tasks.wait()


def test_a_real_dossier_fits_unscrolled_at_1366x768(qtbot, ctx, tmp_path) -> None:
    """With content: a returning citizen's history, pages in two components, built PDFs with their
    first pages and a shared-page warning. Pages are stored through the intake service (the same
    the window calls), then shown in the real window at its default size."""
    from counter_app.citizen import parse_citizen_payload
    from tests.ui.test_document_viewer import paper

    window = _window(qtbot, ctx)
    window.resize(default_size(QRect(0, 0, 1366, 768 - TASKBAR)))
    intake, service = window.intake, window.intake.service
    citizen = parse_citizen_payload("079190000001||Nguyễn Thị Thử Nghiệm|15081990|Nữ|Số 12 Lê Lợi|15082021")
    earlier = service.identify(None, citizen, method="manual").dossier
    service.choose_procedure(earlier.local_ref, "1.001022")  # the longest names in the history
    dossier = service.identify(None, citizen, method="manual").dossier
    service.choose_procedure(dossier.local_ref, "1.001193")
    pages = {
        "to_khai_khai_sinh": [paper(tmp_path, 1), paper(tmp_path, 2)],
        "giay_chung_sinh": [paper(tmp_path, 3), paper(tmp_path, 2)],
    }
    dossier = service.build_pdfs(service.add_files(dossier.local_ref, pages).local_ref)
    scrolled = []
    for step in range(4):
        intake.set_dossier(dossier, go_to=step)
        qtbot.waitUntil(lambda: not intake.busy and not intake.submit.review.loading, timeout=30_000)
        if step == 0:  # the returning citizen's history, read on a worker, beside the card
            qtbot.waitUntil(intake.citizen.history.isVisible, timeout=30_000)
        if step == 3:  # the shared page is warned of above the PDFs
            qtbot.waitUntil(intake.submit.review.warning.isVisible, timeout=30_000)
        window.tasks.wait()
        QApplication.processEvents()
        if step == 3:  # squeezed layouts draw one widget over the next: the PDFs over «Ký số»
            assert intake.submit.table.geometry().bottom() < intake.submit.sign.geometry().top()
        area = intake.stack.area(step)
        if area.verticalScrollBar().isVisible() or area.horizontalScrollBar().isVisible():
            scrolled.append(type(intake.stack.currentWidget()).__name__)
    assert not scrolled, scrolled
    window.tasks.wait()
