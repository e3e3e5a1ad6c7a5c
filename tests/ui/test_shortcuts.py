"""Shortcuts in the real window: one meaning per key, a refused one says why on the status bar,
F1 lists them all, and the README says the same as the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.test_intake_flow import choose_birth_registration, enter_citizen
from ui import shortcuts
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def _window(qtbot, ctx) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    return window


def _press(qtbot, window: MainWindow, key: Qt.Key, modifier=Qt.KeyboardModifier.ControlModifier) -> str:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)
    return window.statusBar().currentMessage()


def test_sign_and_file_keys_say_why_they_cannot_run(qtbot, ctx) -> None:
    window = _window(qtbot, ctx)
    intake = window.intake
    assert "Chưa có hồ sơ" in _press(qtbot, window, Qt.Key.Key_K)
    enter_citizen(qtbot, intake)
    # How the citizen was identified, in words (no "manual" / "qr_image" identifiers).
    qtbot.waitUntil(
        lambda: "nhập tay, đã kiểm tra như mã QR" in intake.citizen.summary.text(), timeout=10_000
    )
    assert "manual" not in intake.citizen.summary.text()
    choose_birth_registration(qtbot, intake)  # step 3: no PDFs yet

    said = _press(qtbot, window, Qt.Key.Key_K)
    assert "Chưa có tệp PDF để ký" in said and "Ctrl+B" in said
    assert said in intake.strip.text.text()
    assert intake.stack.currentWidget() is intake.components  # refused: nothing moved
    said = _press(qtbot, window, Qt.Key.Key_Return)
    assert "Chưa ký số các tệp PDF" in said and "Ctrl+K" in said
    # The greyed buttons say the same on hover, and the filing box in words beside its button.
    assert "Chưa có tệp PDF để ký" in intake.submit.sign.toolTip()
    assert "Chưa ký số các tệp PDF" in intake.submit.file_why.text()
    assert not intake.submit.file_box.isEnabled()
    # Every other greyed action of the intake says why on hover.
    assert "Tạo PDF cho hồ sơ trước (Ctrl+B)" in intake.next.toolTip()
    assert "Chưa có phiếu" in intake.receipt.print_button.toolTip()
    assert "Chưa có phiếu" in intake.receipt.save_button.toolTip()
    intake.new_dossier()
    assert "Chưa có hồ sơ" in intake.exits.cancel_button.toolTip()
    window.tasks.wait()


def test_f1_lists_every_shortcut_once(qtbot, ctx) -> None:
    window = _window(qtbot, ctx)
    _press(qtbot, window, Qt.Key.Key_F1, Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(
        lambda: window.shortcut_list is not None and window.shortcut_list.isVisible(), timeout=5000
    )
    rows = dict(window.shortcut_list.rows())
    assert rows["Ctrl+K"] == "Ký số tất cả tệp PDF"
    assert rows["Ctrl+Enter"] == "Nộp hồ sơ"
    assert rows["Shift+F5"] == "Quét lại trang đang chọn"
    assert rows["F1"] == "Danh sách phím tắt"
    keys = [entry.keys for entry in shortcuts.ALL]
    assert len(keys) == len(set(keys)), "a key with two meanings"
    # Each shortcut sits under the heading of the screen it works on, each heading once.
    heading, under = None, {}
    for first, second in window.shortcut_list.rows():
        if second == "":
            assert first not in under.values(), f"heading {first} twice"
            heading = first
        else:
            under[first] = heading
    for entry in shortcuts.ALL:
        assert under[shortcuts.shown(entry.keys)] == entry.where, entry.keys
    window.shortcut_list.close()


def test_the_readme_lists_the_windows_shortcuts() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for entry in shortcuts.ALL:
        assert shortcuts.shown(entry.keys) in readme, entry.keys
    assert "Ctrl+Enter re-scan" not in readme and "Ctrl+Enter: quét lại" not in readme
