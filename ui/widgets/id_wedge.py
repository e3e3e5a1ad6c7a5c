"""The handheld 2D reader (HID keyboard wedge) anywhere in a window: an application event filter.

`WedgeFilter(scope)` is installed on the QApplication (by the ID capture widget, while it is
visible). It feeds every key press meant for `scope`'s window to `counter_app.wedge.WedgeBuffer`
and emits `burst(WedgeResult)` when a reader burst ends. The reader types into whatever has the
focus before we can know it is a reader, so when a burst is recognised the focused text field is
put back as it was before the burst began (snapshot taken at the first fast key), and the Enter
ending the burst is swallowed (it would otherwise press the default button). When the focus is
on something that is not a text field (a button, a list), keys of a fast run already shaped like
an ID payload are swallowed as they come: a space would press the button.

Times: the key event's own timestamp (taken by the window system when the key arrived, so a busy
UI thread does not split a burst); events without one (input-method commits, QTest) get the
monotonic clock shifted onto the window system's by the offset seen at the last timestamped key.
A reader set up without an Enter suffix is finished by `WedgeBuffer.idle` from a 100 ms timer.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from counter_app.wedge import WedgeBuffer, WedgeOutcome

_PAYLOAD_START = re.compile(r"[0-9]{12}\|")
_IDLE_TICK_MS = 100


@dataclass
class _Snapshot:
    """A text field as it was before a burst started typing into it."""

    widget: QWidget
    text: str
    cursor: int


def _line_edit_of(widget: QWidget | None) -> QLineEdit | None:
    if isinstance(widget, QLineEdit):
        return widget
    if isinstance(widget, QComboBox) and widget.isEditable():
        return widget.lineEdit()
    if isinstance(widget, QAbstractSpinBox):
        return widget.findChild(QLineEdit)
    return None


def _is_text_input(widget: QWidget | None) -> bool:
    return _line_edit_of(widget) is not None or isinstance(widget, (QTextEdit, QPlainTextEdit))


def _key_text(event: QKeyEvent) -> str:
    key = event.key()
    if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        return "\r"
    if key == Qt.Key.Key_Backspace:
        return "\b"
    return event.text()


class WedgeFilter(QObject):
    """Recognises reader bursts typed into `scope`'s window; see the module docstring."""

    burst = Signal(object)  # counter_app.wedge.WedgeResult

    def __init__(self, scope: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scope = scope
        self.buffer = WedgeBuffer()
        self._installed = False
        self._offset_ms = 0.0  # monotonic minus event time, to call idle() in the events' clock
        self._last_ms: float | None = None
        self._run: list[str] = []  # the current fast run, to recognise a payload early
        self._snapshot: _Snapshot | None = None
        self._idle = QTimer(self)
        self._idle.setInterval(_IDLE_TICK_MS)
        self._idle.timeout.connect(self._check_idle)

    # -- installation ------------------------------------------------------------------------------

    def install(self) -> None:
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
            self._idle.start()

    def remove(self) -> None:
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
        self._installed = False
        self._idle.stop()

    @property
    def installed(self) -> bool:
        return self._installed

    # -- events ------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.InputMethod):
            return False
        if not self._is_first_receiver(watched):
            return False
        if kind == QEvent.Type.InputMethod:
            # An input method (IBus-Unikey on Linux) delivers composed text instead of key presses.
            assert isinstance(event, QInputMethodEvent)
            text = event.commitString()
            if text:
                self._feed(watched, text, self._now(0))
            return False
        assert isinstance(event, QKeyEvent)
        return self._feed(watched, _key_text(event), self._now(event.timestamp()))

    def _is_first_receiver(self, watched: QObject) -> bool:
        # An application filter sees a key event again for each parent it propagates to, and for
        # the QWindow before the widget: take it once, at the widget it is meant for.
        if not isinstance(watched, QWidget) or watched.window() is not self.scope.window():
            return False
        focus = QApplication.focusWidget()
        return watched is focus or (focus is None and watched.isWindow())

    @staticmethod
    def _monotonic_ms() -> float:
        return time.monotonic() * 1000.0

    def _now(self, event_ms: int) -> float:
        """One clock for every event: the window system's, or the monotonic clock carried into it."""
        monotonic = self._monotonic_ms()
        if event_ms > 0:
            self._offset_ms = monotonic - event_ms
            return float(event_ms)
        # Input-method commits and synthetic keys carry no time of their own.
        return monotonic - self._offset_ms

    def _feed(self, watched: QWidget, text: str, t_ms: float) -> bool:
        fast = self._last_ms is not None and t_ms - self._last_ms <= self.buffer.max_gap_ms
        self._last_ms = t_ms
        if text != "\r":
            if not fast:
                self._run = []
                self._snapshot = self._take_snapshot(watched)
            if text == "\b":
                if self._run:
                    self._run.pop()
            else:
                self._run.append(text)
        outcome = self.buffer.feed(text, t_ms)
        if outcome is not None:
            self._act(outcome)
            return outcome.consume
        if text in ("\r", "\b") or not fast or _is_text_input(watched):
            return False
        # Focus on a button or a list: do not let a reader's space press it.
        return bool(_PAYLOAD_START.match("".join(self._run)))

    def _check_idle(self) -> None:
        if self._last_ms is None:
            return
        outcome = self.buffer.idle(self._monotonic_ms() - self._offset_ms)
        if outcome is not None:
            self._act(outcome)

    def _act(self, outcome: WedgeOutcome) -> None:
        result = outcome.result
        if result is None:
            return
        self._undo_typing(result.typed_chars)
        self._run = []
        self.burst.emit(result)

    # -- putting the focused field back ------------------------------------------------------------

    @staticmethod
    def _take_snapshot(widget: QWidget) -> _Snapshot | None:
        edit = _line_edit_of(widget)
        if edit is None:
            return None
        return _Snapshot(edit, edit.text(), edit.cursorPosition())

    def _undo_typing(self, typed_chars: int) -> None:
        snapshot, self._snapshot = self._snapshot, None
        focus = QApplication.focusWidget()
        if snapshot is not None and snapshot.widget is _line_edit_of(focus):
            edit = snapshot.widget
            assert isinstance(edit, QLineEdit)
            edit.setText(snapshot.text)
            edit.setCursorPosition(snapshot.cursor)
            return
        if isinstance(focus, (QTextEdit, QPlainTextEdit)) and typed_chars > 0:
            cursor = focus.textCursor()
            cursor.movePosition(cursor.MoveOperation.Left, cursor.MoveMode.KeepAnchor, typed_chars)
            cursor.removeSelectedText()
