"""The personal data notice on the citizen's screen, shown before the card is read.

Law 91/2025/QH15 and Decree 356/2025/NĐ-CP ask that the citizen be told what is processed, why,
for how long and by whom before it happens: the welcome step of the guidance window (shown
until the card has been read) carries the notice below its greeting. The text is the province's
(`privacy.notice` in the machine file) or the bundled one (`counter_app.privacy.notice`).
Kept apart from `ui.guidance` so the window itself stays one module with one purpose.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from counter_app.privacy.notice import Notice, privacy_notice
from ui.guidance import GuidanceWindow
from ui.guidance_text import STEP_WELCOME, StepText

_FONT_PX = 21  # at the guidance window's reference size, like its other sizes
_STYLE = "font-size: {px}px; color: #1a1a1a; background: #eef4fb; border-left: 8px solid #0b5cad; padding: 10px 16px;"


def _html(notice: Notice) -> str:
    lines = "".join(f"<br>• {html.escape(line)}" for line in notice.lines)
    return f"<b>{html.escape(notice.title)}</b>{lines}"


class NoticeGuidanceWindow(GuidanceWindow):
    """The guidance window with the personal data notice on its welcome step."""

    def __init__(self, office: str = "", notice: Notice | None = None, parent: QWidget | None = None) -> None:
        self.notice_label: QLabel | None = None  # the base constructor renders before it exists
        super().__init__(office, parent)
        label = QLabel()
        label.setObjectName("guidanceNotice")
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)  # a bold heading; the text itself is escaped
        label.setAccessibleName(self.tr("Thông báo về xử lý dữ liệu cá nhân"))
        layout = self.layout()
        layout.insertWidget(layout.indexOf(self.final), label)
        self.notice_label = label
        self.set_notice(notice)
        self._apply_scale()

    @classmethod
    def for_window(cls, main_window: QWidget) -> GuidanceWindow:
        window = super().for_window(main_window)
        ctx = getattr(main_window, "ctx", None)
        if isinstance(window, NoticeGuidanceWindow) and ctx is not None and window.notice is None:
            window.set_notice(privacy_notice(ctx.config))
        return window

    def set_notice(self, notice: Notice | None) -> None:
        self.notice = notice
        if self.notice_label is not None:
            self.notice_label.setText(_html(notice) if notice else "")
            self._show_notice()

    def _show_notice(self) -> None:
        if self.notice_label is not None:
            welcome = self.current is not None and self.current.step == STEP_WELCOME
            self.notice_label.setVisible(welcome and self.notice is not None)

    def _render(self, text: StepText) -> None:
        super()._render(text)
        self._show_notice()

    def _apply_scale(self) -> None:
        super()._apply_scale()
        if self.notice_label is not None:
            scale = max(0.7, min(self.width() / 1280, self.height() / 800))
            self.notice_label.setStyleSheet(_STYLE.format(px=round(_FONT_PX * scale)))
