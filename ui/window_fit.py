"""How big the main window opens: as large as the screen's free area allows, never larger.

The common counter PC is 1366×768 with a 40 px taskbar, sometimes 1280×720, at 100 % or 125 %
scaling (1093×582 logical pixels then). The window opens inside the screen's available area less
its frame, and every screen of it scrolls below its own minimum (`ui.widgets.step_scroll`), so the
navigation buttons and the status bar are always on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize

# The window frame drawn around the client area by the desktop (Windows 10/11: borders and title bar).
FRAME = QSize(16, 40)
# Past this the window stops growing: rows and forms are easier to read than to stretch.
LARGEST = QSize(1600, 1000)


def default_size(available: QRect) -> QSize:
    """The client size for a screen whose free area (less the taskbar) is `available`."""
    room = available.size() - FRAME
    return room.boundedTo(LARGEST)


def fits(minimum: QSize, available: QSize) -> bool:
    """A window whose client area needs `minimum` fits on a free area of `available` with its frame."""
    needed = minimum + FRAME
    return needed.width() <= available.width() and needed.height() <= available.height()
