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
