"""Hướng dẫn công dân: a second, citizen-facing window that explains each intake step in large type.

The seed letter from Hà Tĩnh (2023) asks counters to "guide and hand-hold" instead of "doing it for
them": this window, turned towards the citizen (full-screen on a second monitor when there is one),
says in plain Vietnamese what the officer is doing and why, shows scan progress, and ends with a
QR code to follow the dossier and three steps to file alone next time with VNeID.

It is a public screen: it has no officer controls, and it only ever holds the citizen's name and a
masked ID number (see `ui.guidance_text`). The intake wizard drives it with `show_step(STEP_…,
**details)` and `reset()`; the main window opens it with `GuidanceWindow.open_for(main_window)`.
Texts and placement are Qt-free (`ui.guidance_text`, `ui.guidance_place`).
"""

from __future__ import annotations

import weakref
from typing import ClassVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence, QResizeEvent, QScreen, QShortcut
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from ui.guidance_place import Rect, place_guidance
from ui.guidance_qr import QrCodeLabel
from ui.guidance_text import (
    SELF_SERVICE_TITLE,
    STEP_ID,
    STEP_LABELS,
    STEP_PROCEDURE,
    STEP_RECEIPT,
    STEP_SCAN,
    STEP_SIGN,
    STEP_SUBMIT,
    STEP_WELCOME,
    STEPS,
    StepText,
    mask_id_number,
    step_text,
)

__all__ = [
    "STEP_ID",
    "STEP_PROCEDURE",
    "STEP_RECEIPT",
    "STEP_SCAN",
    "STEP_SIGN",
    "STEP_SUBMIT",
    "STEP_WELCOME",
    "GuidanceWindow",
]

_CTX = "GuidanceWindow"
# Pixel sizes at the reference size 1280×800; scaled with the window so a TV shows them bigger.
_REFERENCE = (1280, 800)
_FONT_PX = {"header": 24, "strip": 19, "title": 48, "explanation": 32, "lines": 30, "guide": 26}
_STYLE = """
#guidanceWindow {{ background: #ffffff; }}
#guidanceWindow QLabel {{ color: #1a1a1a; }}
#guidanceHeader {{ font-size: {header}px; color: #44546a; }}
#guidanceCitizen {{ font-size: {header}px; font-weight: 600; }}
#guidanceWindow QLabel[chip="todo"] {{ font-size: {strip}px; color: #7a7a7a; padding: 6px 4px; }}
#guidanceWindow QLabel[chip="done"] {{ font-size: {strip}px; color: #1e7b34; padding: 6px 4px; }}
#guidanceWindow QLabel[chip="now"] {{ font-size: {strip}px; color: #ffffff; background: #0b5cad; border-radius: 8px;
    padding: 6px 4px; font-weight: 600; }}
#guidanceTitle {{ font-size: {title}px; font-weight: 700; color: #0b5cad; }}
#guidanceExplanation {{ font-size: {explanation}px; }}
#guidanceLines {{ font-size: {lines}px; font-weight: 600; }}
#guidanceYourPart {{ font-size: {lines}px; background: #fff4d6; border-left: 8px solid #e0a100;
    padding: 10px 16px; }}
#guidanceQrCaption {{ font-size: {guide}px; font-weight: 700; color: #0b5cad; }}
#guidanceGuideTitle {{ font-size: {guide}px; font-weight: 700; color: #0b5cad; }}
#guidanceGuide {{ font-size: {guide}px; }}
QProgressBar {{ min-height: {bar}px; font-size: {strip}px; border: 1px solid #9aa7b5; border-radius: 6px;
    text-align: center; }}
QProgressBar::chunk {{ background: #2f8f46; border-radius: 6px; }}
"""


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


class GuidanceWindow(QWidget):
    """The citizen's screen. Passive: it shows what `show_step` tells it and never asks anything."""

    _by_main: ClassVar[weakref.WeakKeyDictionary[QWidget, GuidanceWindow]] = weakref.WeakKeyDictionary()

    def __init__(self, office: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("guidanceWindow")
        self.setWindowTitle(self.tr("Hướng dẫn công dân — Bộ phận Một cửa"))
        # The officer's handheld ID reader types into the active window: opening this one must not steal it.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setToolTip(self.tr("F11: bật/tắt toàn màn hình"))
        self.office = office
        self.current: StepText | None = None

        self.header = QLabel(self.tr("Bộ phận Một cửa — Hướng dẫn nộp hồ sơ trực tuyến"))
        self.header.setObjectName("guidanceHeader")
        self.citizen_label = QLabel()
        self.citizen_label.setObjectName("guidanceCitizen")
        self.citizen_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.citizen_label)

        strip = QHBoxLayout()
        strip.setSpacing(4)
        self.chips: list[QLabel] = []
        for label in STEP_LABELS:
            chip = QLabel(self.tr(label))
            chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
            # "Nộp trực tuyến" on two lines rather than a window wider than a small screen.
            chip.setWordWrap(True)
            strip.addWidget(chip, 1)
            self.chips.append(chip)

        self.title = self._wrapped("guidanceTitle")
        self.explanation = self._wrapped("guidanceExplanation")
        self.lines = self._wrapped("guidanceLines")
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)  # "Trang 3/7" is written just above it, in large type
        self.progress.hide()
        self.your_part = self._wrapped("guidanceYourPart")

        self.qr_label = QrCodeLabel()
        self.qr_label.setAccessibleName(self.tr("Mã QR theo dõi hồ sơ"))
        qr_caption = QLabel(self.tr("Quét mã để theo dõi hồ sơ"))
        qr_caption.setObjectName("guidanceQrCaption")
        qr_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        qr_box = QVBoxLayout()
        qr_box.addWidget(qr_caption)  # above the code, level with the guide's heading
        qr_box.addWidget(self.qr_label, 1)
        self.guide_title = self._wrapped("guidanceGuideTitle")
        self.guide = self._wrapped("guidanceGuide")
        guide_box = QVBoxLayout()
        guide_box.setSpacing(8)
        guide_box.addWidget(self.guide_title)
        guide_box.addWidget(self.guide)
        guide_box.addStretch(1)
        self.final = QWidget()
        final_row = QHBoxLayout(self.final)
        final_row.setContentsMargins(0, 0, 0, 0)
        final_row.setSpacing(32)
        final_row.addLayout(qr_box, 2)
        final_row.addLayout(guide_box, 3)
        self.final.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 20)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addLayout(strip)
        layout.addSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.explanation)
        layout.addWidget(self.lines)
        layout.addWidget(self.progress)
        layout.addWidget(self.your_part)
        layout.addWidget(self.final, 1)
        layout.addStretch(0)

        QShortcut(QKeySequence(Qt.Key.Key_F11), self, self.toggle_full_screen)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self._leave_full_screen)
        QShortcut(QKeySequence("Ctrl+G"), self, self._leave_full_screen)  # the key that brought it forward
        self.behind = False  # one screen without room beside the officer's window: kept behind it
        self._officer: QWidget | None = None
        self.resize(1024, 700)
        self._apply_scale()
        self.reset()

    def _wrapped(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    # The wizard's API -------------------------------------------------------------------------

    def show_step(self, step: str, **details: object) -> None:
        """Show `step` (a STEP_… constant) with its details; see `ui.guidance_text.step_text`."""
        if step == STEP_WELCOME:
            details.setdefault("office", self.office)
        text = step_text(step, _tr, **details)
        if step == STEP_ID:
            self._set_citizen(str(details.get("name", "")), str(details.get("id_number", "")))
        self._render(text)

    def reset(self) -> None:
        """Forget the citizen and go back to the welcome screen (next citizen, or a cancelled dossier)."""
        self._set_citizen("", "")
        self._render(step_text(STEP_WELCOME, _tr, office=self.office))

    # Window placement -------------------------------------------------------------------------

    @classmethod
    def for_window(cls, main_window: QWidget) -> GuidanceWindow:
        """The guidance window of `main_window`, created hidden on first use; closes with it."""
        window = cls._by_main.get(main_window)
        if window is None:
            ctx = getattr(main_window, "ctx", None)
            office = str(ctx.config.get("office.name")) if ctx is not None else ""
            window = cls(office)
            cls._by_main[main_window] = window
            main_window.installEventFilter(window)
        return window

    @classmethod
    def open_for(cls, main_window: QWidget) -> GuidanceWindow:
        """Show the guidance window: full-screen on a second screen when there is one; with one screen
        beside the officer's window, or behind it, and then a second call brings it to the front for
        the citizen (Esc sends it back)."""
        window = cls.for_window(main_window)
        if window.behind and window.isVisible() and not window.isFullScreen():
            window.present()
        else:
            window.place(main_window.screen(), main_window)
        return window

    def place(self, officer_screen: QScreen | None, officer_window: QWidget | None = None) -> None:
        """Show on the citizen's screen (see `ui.guidance_place`); the officer's window keeps the keyboard
        and, on a single screen, stays uncovered."""
        active = QApplication.activeWindow()
        self._officer = officer_window or active
        screens = QGuiApplication.screens()
        rects: list[Rect] = [_rect(s.availableGeometry()) for s in screens]
        officer = screens.index(officer_screen) if officer_screen in screens else 0
        frame = _rect(officer_window.frameGeometry()) if officer_window is not None else None
        placement = place_guidance(rects, officer, frame, self.minimumSizeHint().width())
        self.behind = placement.behind
        if placement.behind:
            self.setGeometry(QRect(*placement.rect))
            self.showNormal()
            self._send_back()
            return
        if placement.full_screen:
            self.winId()  # the native window must exist before it can be moved to another screen
            self.windowHandle().setScreen(screens[placement.screen])
            self.setGeometry(QRect(*placement.rect))
            self.showFullScreen()
        else:
            if not self.isVisible():
                self.setGeometry(QRect(*placement.rect))
            self.showNormal()
            self._frame_into(QRect(*placement.rect))
        # The offscreen platform (tests, headless CI) cannot raise a window and warns that it cannot.
        if QGuiApplication.platformName() != "offscreen":
            self.raise_()
        # Some platforms activate a window shown full-screen: hand the keyboard (and the ID reader) back.
        if officer_window is not None and officer_window is not self:
            officer_window.activateWindow()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def _frame_into(self, rect: QRect) -> None:
        """The window with its frame inside `rect` (geometries set a window's inside, not its frame)."""
        frame, inside = self.frameGeometry(), self.geometry()
        if frame == inside:
            return
        self.setGeometry(
            rect.x() + inside.x() - frame.x(),
            rect.y() + inside.y() - frame.y(),
            rect.width() - (frame.width() - inside.width()),
            rect.height() - (frame.height() - inside.height()),
        )

    def present(self) -> None:
        """One screen: the guidance in front, full-screen, while the officer turns the screen to the citizen."""
        self.showFullScreen()
        if QGuiApplication.platformName() != "offscreen":
            self.raise_()
        self.activateWindow()

    def _send_back(self) -> None:
        """One screen: behind the officer's window again, which gets the keyboard back."""
        officer = self._officer
        if QGuiApplication.platformName() != "offscreen":  # offscreen has no stacking order
            self.lower()
            if officer is not None:
                officer.raise_()
        if officer is not None and officer is not self:
            officer.activateWindow()

    def _leave_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        if self.behind:
            self._send_back()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The officer closing the main window ends the session: the citizen's screen goes with it.
        if event.type() == QEvent.Type.Close:
            QTimer.singleShot(0, self, lambda: None if watched.isVisible() else self.close())
        return False

    # Rendering --------------------------------------------------------------------------------

    def _set_citizen(self, name: str, id_number: str) -> None:
        # Masked here, at once: the full number is never stored on this window.
        parts = [p for p in (name, mask_id_number(id_number) if id_number else "") if p]
        self.citizen_label.setText(" — ".join(parts))

    def _render(self, text: StepText) -> None:
        self.current = text
        index = STEPS.index(text.step)
        for i, chip in enumerate(self.chips):
            state = "now" if i == index else ("done" if i < index else "todo")
            label = self.tr(STEP_LABELS[i])
            chip.setText(("✓ " if state == "done" else "") + label)
            chip.setProperty("chip", state)
            chip.style().unpolish(chip)
            chip.style().polish(chip)
        self.title.setText(
            self.tr("Bước {n}/{total}: {title}").format(n=text.number, total=len(STEPS), title=text.title)
        )
        self.explanation.setText(text.explanation)
        self.lines.setText("\n".join(text.lines))
        self.lines.setVisible(bool(text.lines))
        if text.progress:
            done, total = text.progress
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        self.progress.setVisible(text.progress is not None)
        self.your_part.setText(self.tr("Việc của ông/bà: {part}").format(part=text.your_part))
        self.your_part.setVisible(bool(text.your_part))
        self.final.setVisible(bool(text.tracking))
        title = text.self_service_title or self.tr(SELF_SERVICE_TITLE)
        self.guide_title.setText(title if text.tracking else "")
        self.guide.setText("\n".join(f"{i}. {s}" for i, s in enumerate(text.self_service, start=1)))
        self.qr_label.set_code(text.tracking)
        # A grab or repaint right after a step change must see the new layout, the QR row's included.
        self.layout().activate()
        self.final.layout().activate()

    def _apply_scale(self) -> None:
        scale = max(0.7, min(self.width() / _REFERENCE[0], self.height() / _REFERENCE[1]))
        sizes = {key: round(px * scale) for key, px in _FONT_PX.items()}
        self.setStyleSheet(_STYLE.format(bar=round(36 * scale), **sizes))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_scale()


def _rect(geometry: QRect) -> Rect:
    return (geometry.x(), geometry.y(), geometry.width(), geometry.height())
