"""The handheld 2D reader (keyboard wedge) in the ID capture widget's window.

No reader exists here, so its keystrokes are simulated as real key events sent through the
QApplication (the application event filter sees them exactly as it sees a device's), each
carrying the timestamp the window system would give it: a reader types a key every few ms, a
person every ~120 ms. The Telex damage is what Unikey makes of the reader's keys.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ui.tasks import TaskRunner
from ui.widgets.id_capture import IdCaptureWidget

PAYLOAD = (
    "001305000123||Nguyễn Thị Hồng Nhung|01012005|Nữ|Số 5 Lý Thường Kiệt, Phường Cửa Nam, Hà Nội|02022022"
)
TELEX_MANGLED = (
    "001305000123||Nguyeenx Thij Hoongf Nhung|01012005|Nuwx|"
    "Soos 5 Lys Thuwowngf Kieetj, Phuwowngf Cuwar Nam, Haf Nooij|02022022"
)
READER_GAP_MS = 4
HUMAN_GAP_MS = 120


class Window(QWidget):
    """An intake-like window: a text field of its own beside the capture widget."""

    def __init__(self, ctx, tasks: TaskRunner) -> None:
        super().__init__()
        self.note = QLineEdit()
        self.button = QPushButton("Nút khác")
        self.capture = IdCaptureWidget(ctx, tasks, autostart_camera=False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.button)
        layout.addWidget(self.capture)


def _window(qtbot, ctx):
    tasks = TaskRunner()
    window = Window(ctx, tasks)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    return window


def _key(text: str) -> Qt.Key:
    if text == "\r":
        return Qt.Key.Key_Return
    if text == " ":
        return Qt.Key.Key_Space
    if text.isascii() and text.isalnum():
        return Qt.Key(ord(text.upper()))
    return Qt.Key.Key_unknown


def type_keys(target: QWidget, text: str, *, gap_ms: int, start_ms: int = 100_000) -> int:
    """Press and release each character on `target` (the focus widget); returns the next timestamp."""
    t = start_ms
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, _key(char), Qt.KeyboardModifier.NoModifier, char)
            event.setTimestamp(t)
            QApplication.sendEvent(target, event)
        t += gap_ms
    return t


def _focus(qtbot, widget: QWidget) -> None:
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=2000)


def test_reader_burst_in_a_focused_field_is_read_and_the_field_keeps_its_text(qtbot, ctx) -> None:
    window = _window(qtbot, ctx)
    window.note.setText("ghi chú trước")
    _focus(qtbot, window.note)
    returns = []
    window.note.returnPressed.connect(lambda: returns.append(True))
    with qtbot.waitSignal(window.capture.citizen_read, timeout=3000) as signal:
        t = type_keys(window.note, PAYLOAD + "\r", gap_ms=READER_GAP_MS)
    citizen, method = signal.args
    assert method == "qr_reader"
    assert citizen.id_number == "001305000123" and citizen.full_name == "Nguyễn Thị Hồng Nhung"
    assert window.note.text() == "ghi chú trước"  # the burst's characters are gone again
    assert returns == []  # the Enter ending the burst did not reach the field
    # The reader's second Enter is swallowed too.
    type_keys(window.note, "\r", gap_ms=READER_GAP_MS, start_ms=t + 50)
    assert returns == [] and window.note.text() == "ghi chú trước"
    form = window.capture.form
    assert form.full_name.text() == "Nguyễn Thị Hồng Nhung"
    assert form.date_of_birth.text() == "01/01/2005" and form.sex.currentText() == "Nữ"
    assert "Đọc thành công" in window.capture.status.text()


def test_telex_mangled_burst_shows_the_input_method_error_and_stores_nothing(qtbot, ctx) -> None:
    window = _window(qtbot, ctx)
    window.note.setText("giữ nguyên")
    _focus(qtbot, window.note)
    emitted = []
    window.capture.citizen_read.connect(lambda *args: emitted.append(args))
    type_keys(window.note, TELEX_MANGLED + "\r", gap_ms=READER_GAP_MS)
    status = window.capture.status.text()
    assert "Unikey/EVKey" in status and "Tắt bộ gõ tiếng Việt" in status
    assert emitted == []
    assert window.note.text() == "giữ nguyên"
    assert window.capture.form.full_name.text() == ""  # no corrupted name anywhere


def test_slow_human_typing_is_not_a_burst(qtbot, ctx) -> None:
    window = _window(qtbot, ctx)
    _focus(qtbot, window.note)
    emitted, returns = [], []
    window.capture.citizen_read.connect(lambda *args: emitted.append(args))
    window.note.returnPressed.connect(lambda: returns.append(True))
    type_keys(window.note, PAYLOAD + "\r", gap_ms=HUMAN_GAP_MS)
    assert emitted == []
    assert window.note.text() == PAYLOAD  # typed text stays where the person typed it
    assert returns == [True]  # and their Enter does what Enter does


def test_reader_burst_with_a_button_focused_does_not_press_it(qtbot, ctx) -> None:
    window = _window(qtbot, ctx)
    _focus(qtbot, window.button)
    clicks = []
    window.button.clicked.connect(lambda: clicks.append(True))
    with qtbot.waitSignal(window.capture.citizen_read, timeout=3000) as signal:
        type_keys(window.button, PAYLOAD + "\r", gap_ms=READER_GAP_MS)
    assert signal.args[1] == "qr_reader"
    assert clicks == []  # the payload's spaces did not press the focused button


def test_filter_only_while_the_widget_is_visible(qtbot, ctx) -> None:
    window = _window(qtbot, ctx)
    capture = window.capture
    assert capture.wedge.installed
    capture.hide()
    assert not capture.wedge.installed
    _focus(qtbot, window.note)
    emitted = []
    capture.citizen_read.connect(lambda *args: emitted.append(args))
    type_keys(window.note, PAYLOAD + "\r", gap_ms=READER_GAP_MS)
    assert emitted == [] and window.note.text() == PAYLOAD
    capture.show()
    assert capture.wedge.installed


def test_reader_without_an_enter_suffix_is_finished_by_the_pause(qtbot, ctx) -> None:
    window = _window(qtbot, ctx)
    window.note.setText("trước")
    _focus(qtbot, window.note)
    with qtbot.waitSignal(window.capture.citizen_read, timeout=3000) as signal:
        type_keys(window.note, PAYLOAD, gap_ms=READER_GAP_MS)
    assert signal.args[0].id_number == "001305000123" and signal.args[1] == "qr_reader"
    assert window.note.text() == "trước"


def test_burst_partly_delivered_as_input_method_commits_is_still_one_burst(qtbot, ctx) -> None:
    """On Linux an input method (IBus) hands letters over as commits, without a timestamp."""
    from PySide6.QtGui import QInputMethodEvent

    window = _window(qtbot, ctx)
    window.note.setText("trước")
    _focus(qtbot, window.note)
    with qtbot.waitSignal(window.capture.citizen_read, timeout=3000) as signal:
        t = 100_000
        for char in PAYLOAD + "\r":
            if char.isdigit() or char in "|\r":
                t = type_keys(window.note, char, gap_ms=READER_GAP_MS, start_ms=t)
            else:  # a commit is timed on arrival: the few real microseconds since the last key
                commit = QInputMethodEvent("", [])
                commit.setCommitString(char)
                QApplication.sendEvent(window.note, commit)
    assert signal.args[0].full_name == "Nguyễn Thị Hồng Nhung"
    assert window.note.text() == "trước"
