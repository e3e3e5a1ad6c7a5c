"""The citizen's screen as the citizen sees it: every step in Vietnamese, a masked ID, a QR a phone reads."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLabel, QLineEdit

from ui.guidance import (
    STEP_ID,
    STEP_PROCEDURE,
    STEP_RECEIPT,
    STEP_SCAN,
    STEP_SIGN,
    STEP_SUBMIT,
    STEP_WELCOME,
    GuidanceWindow,
)
from ui.guidance_text import tracking_text
from ui.main_window import MainWindow

zxingcpp = pytest.importorskip(
    "zxingcpp", reason="zxing-cpp decodes the QR independently of the qrcode writer"
)

SYNTHETIC_ID = "079303001234"  # synthetic citizen
WALK = [
    (STEP_WELCOME, {}, "Bước 1/7: Xin chào ông/bà"),
    (STEP_ID, {"name": "Trần Thị Mẫu", "id_number": SYNTHETIC_ID}, "Bước 2/7: Đọc thẻ căn cước"),
    (
        STEP_PROCEDURE,
        {"procedure": "Đăng ký khai sinh", "fee": 0, "processing_days": 1},
        "Bước 3/7: Chọn thủ tục",
    ),
    (STEP_SCAN, {"component": "Giấy chứng sinh", "page": 3, "pages": 7}, "Bước 4/7: Quét giấy tờ"),
    (STEP_SIGN, {"documents": 2}, "Bước 5/7: Ký số"),
    (STEP_SUBMIT, {}, "Bước 6/7: Nộp trực tuyến"),
    (
        STEP_RECEIPT,
        {"local_ref": "LOC-20261125-0007", "appointment": date(2026, 11, 26)},
        "Bước 7/7: Phiếu hẹn",
    ),
]


def _window(qtbot) -> GuidanceWindow:
    window = GuidanceWindow(office="UBND Phường Mẫu")
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def _shown_text(window: GuidanceWindow) -> str:
    labels = [label.text() for label in window.findChildren(QLabel) if label.isVisible()]
    return "\n".join([window.windowTitle(), window.toolTip(), *labels])


def _decode(image: QImage) -> list[str]:
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    rows = np.frombuffer(gray.constBits(), np.uint8).reshape(gray.height(), gray.bytesPerLine())
    return [r.text for r in zxingcpp.read_barcodes(np.ascontiguousarray(rows[:, : gray.width()]))]


def test_each_step_renders_its_vietnamese_text_and_marks_the_strip(qtbot) -> None:
    window = _window(qtbot)
    for index, (step, details, title) in enumerate(WALK):
        window.show_step(step, **details)
        assert window.title.text().startswith(title)
        assert window.explanation.text() and window.explanation.isVisible()
        if step != STEP_RECEIPT:
            assert window.your_part.isVisible() and window.your_part.text().startswith("Việc của ông/bà: ")
        states = [chip.property("chip") for chip in window.chips]
        assert states == ["done"] * index + ["now"] + ["todo"] * (len(WALK) - index - 1)
        if step == STEP_SCAN:
            assert "Trang 3/7" in window.lines.text()
            assert (
                window.progress.isVisible()
                and window.progress.value() == 3
                and window.progress.maximum() == 7
            )
        else:
            assert not window.progress.isVisible()
        if step == STEP_PROCEDURE:
            assert "Lệ phí: miễn phí" in window.lines.text()
            assert "Thời hạn giải quyết: 1 ngày làm việc" in window.lines.text()
    assert "Lần sau, ông/bà có thể tự nộp trực tuyến" in window.guide_title.text()
    assert window.guide.text().count("VNeID") >= 2


def test_the_full_id_number_never_appears_on_the_public_screen(qtbot) -> None:
    window = _window(qtbot)
    for step, details, _title in WALK:
        window.show_step(step, **details)
        shown = _shown_text(window)
        assert SYNTHETIC_ID not in shown
        if step != STEP_WELCOME:
            assert "Trần Thị Mẫu — 0793******34" in window.citizen_label.text()
    assert SYNTHETIC_ID not in "\n".join(_decode(window.grab().toImage()))
    assert SYNTHETIC_ID not in repr(vars(window)) + repr(window.current)


@pytest.mark.parametrize(
    ("details", "expected_first_line"),
    [
        ({"local_ref": "LOC-20261125-0007"}, "Số tham chiếu: LOC-20261125-0007 (mã hồ sơ sẽ được gửi sau)"),
        ({"dossier_code": "000.00.01.H31-261125-0007"}, "Mã hồ sơ: 000.00.01.H31-261125-0007"),
    ],
)
def test_final_qr_decodes_to_the_tracking_text(qtbot, details, expected_first_line) -> None:
    window = _window(qtbot)
    window.show_step(STEP_RECEIPT, appointment=date(2026, 11, 26), **details)
    expected = tracking_text(details.get("dossier_code"), details.get("local_ref", ""), date(2026, 11, 26))
    assert expected.splitlines()[0] == expected_first_line
    assert _decode(window.grab().toImage()) == [expected]
    window.resize(1024, 614)  # the one-screen window on a 1366×768 laptop: the QR shrinks and still reads
    qtbot.waitUntil(lambda: window.size().toTuple() == (1024, 614))
    assert _decode(window.grab().toImage()) == [expected]


def test_reset_forgets_the_citizen_and_hides_the_qr(qtbot) -> None:
    window = _window(qtbot)
    window.show_step(STEP_ID, name="Trần Thị Mẫu", id_number=SYNTHETIC_ID)
    window.show_step(STEP_RECEIPT, local_ref="LOC-20261125-0007")
    window.reset()
    assert window.citizen_label.text() == ""
    assert window.title.text().startswith("Bước 1/7")
    assert "UBND Phường Mẫu" in window.lines.text()
    assert not window.final.isVisible()
    assert _decode(window.grab().toImage()) == []


def test_no_officer_controls_and_f11_toggles_full_screen(qtbot) -> None:
    window = _window(qtbot)
    for kind in (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox):
        assert window.findChildren(kind) == [], f"a {kind.__name__} has no place on the citizen's screen"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F11)
    qtbot.waitUntil(window.isFullScreen)
    qtbot.keyClick(window, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not window.isFullScreen())


def test_open_for_the_main_window_on_one_screen_and_closing_with_it(qtbot, ctx) -> None:
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    main.open_guidance()  # Ctrl+G
    guidance = main.guidance
    qtbot.waitExposed(guidance)
    # The main window fills the one screen: the guidance waits behind it, the officer keeps the keyboard.
    assert guidance.behind and not guidance.isFullScreen(), "one screen: not over the officer's window"
    assert main.screen().availableGeometry().contains(guidance.geometry())
    assert "Ctrl+G lần nữa" in main.statusBar().currentMessage()
    # Asked again: in front, full-screen, for the citizen to read; Esc sends it back.
    main.open_guidance()
    assert main.guidance is guidance, "one citizen screen per main window"
    qtbot.waitUntil(lambda: guidance.isFullScreen() and guidance.isActiveWindow())
    qtbot.keyClick(guidance, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not guidance.isFullScreen())
    qtbot.waitUntil(main.isActiveWindow)
    assert ctx.config.get("office.name") in guidance.lines.text()
    main.close()
    qtbot.waitUntil(lambda: not guidance.isVisible())
    main.tasks.wait()
