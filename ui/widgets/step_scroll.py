"""A stack of screens, each of which scrolls when the window is smaller than it.

A counter PC is often 1366×768 with a taskbar, or 1280×720, at 100 % or 125 % scaling: a step must
never push «Quay lại»/«Bước tiếp» or the status bar off-screen. Each page sits in its own scroll area
(one area around the whole stack would size to the largest page: QStackedLayout answers height-for-
width for every page), and the stack still hands out the pages themselves, not their scroll areas.

The scroll area is told the page's minimum size, not its height-for-width: a page with wrapped
labels answers height-for-width from preferred sizes, and a list set to take only the room left
(a size policy of Ignored) is then squeezed below its minimum, under the widgets that follow it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QStackedWidget, QVBoxLayout, QWidget


class _MinimumSizeLayout(QVBoxLayout):
    def hasHeightForWidth(self) -> bool:
        return False


class ScrollingPageStack(QStackedWidget):
    """A QStackedWidget whose pages scroll below their minimum size; `currentWidget()`, `widget(i)`
    and `indexOf(page)` speak of the pages, `area(i)` of the scroll area around one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pages: list[QWidget] = []

    def add_page(self, page: QWidget) -> int:
        holder = QWidget()
        layout = _MinimumSizeLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(page)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(holder)
        self._pages.append(page)
        return self.addWidget(area)

    def area(self, index: int) -> QScrollArea | None:
        area = super().widget(index)
        return area if isinstance(area, QScrollArea) else None

    def widget(self, index: int) -> QWidget | None:  # type: ignore[override]
        return self._pages[index] if 0 <= index < len(self._pages) else None

    def currentWidget(self) -> QWidget | None:  # type: ignore[override]
        return self.widget(self.currentIndex())

    def indexOf(self, page: QWidget) -> int:  # type: ignore[override]
        for index in range(self.count()):
            if self.widget(index) is page:
                return index
        return -1

    def setCurrentWidget(self, page: QWidget) -> None:  # type: ignore[override]
        self.setCurrentIndex(self.indexOf(page))
