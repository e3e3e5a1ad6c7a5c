"""Every keyboard shortcut of the window, once: the code binds them from here, the F1 list shows
them, and a test checks that no key means two things and that the README lists each one."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton


@dataclass(frozen=True)
class Shortcut:
    keys: str  # as QKeySequence reads it
    action: str  # Vietnamese; translated in the "Shortcuts" context
    where: str  # the screen it works on


def _s(keys: str, action: str, where: str) -> Shortcut:
    return Shortcut(keys, action, where)


_ALL = QT_TRANSLATE_NOOP("Shortcuts", "Mọi màn hình")
_INTAKE = QT_TRANSLATE_NOOP("Shortcuts", "Tiếp nhận")
_SCAN = QT_TRANSLATE_NOOP("Shortcuts", "Bước 3 · Thành phần (dải trang)")
_CITIZEN = QT_TRANSLATE_NOOP("Shortcuts", "Bước 1 · Công dân")

SECTIONS = _s(
    "Ctrl+1…4",
    QT_TRANSLATE_NOOP("Shortcuts", "Chuyển mục: Tiếp nhận, Hồ sơ hôm nay, Thống kê, Cài đặt"),
    _ALL,
)
HELP = _s("F1", QT_TRANSLATE_NOOP("Shortcuts", "Danh sách phím tắt"), _ALL)
GUIDANCE = _s("Ctrl+G", QT_TRANSLATE_NOOP("Shortcuts", "Màn hình hướng dẫn công dân"), _ALL)
NEW = _s("Ctrl+N", QT_TRANSLATE_NOOP("Shortcuts", "Hồ sơ mới"), _INTAKE)
RESUME = _s("Ctrl+R", QT_TRANSLATE_NOOP("Shortcuts", "Tiếp tục hồ sơ chưa xong"), _INTAKE)
BACK = _s("Alt+Left", QT_TRANSLATE_NOOP("Shortcuts", "Bước trước"), _INTAKE)
NEXT = _s("Alt+Right", QT_TRANSLATE_NOOP("Shortcuts", "Bước sau"), _INTAKE)
STOP = _s("Esc", QT_TRANSLATE_NOOP("Shortcuts", "Dừng việc đang chạy"), _INTAKE)
OPEN = _s(
    "Ctrl+O", QT_TRANSLATE_NOOP("Shortcuts", "Mở ảnh thẻ (bước 1) / nhập trang từ tệp (bước 3)"), _INTAKE
)
CAMERA = _s("F2", QT_TRANSLATE_NOOP("Shortcuts", "Bật/tắt camera đọc mã QR trên thẻ"), _CITIZEN)
CHIP = _s("F6", QT_TRANSLATE_NOOP("Shortcuts", "Đọc chip thẻ căn cước trên đầu đọc thẻ"), _CITIZEN)
APPLICANT = _s(
    "Alt+P",
    QT_TRANSLATE_NOOP(
        "Shortcuts", "Chọn người nộp hồ sơ: cá nhân, tổ chức, cơ quan nhà nước, người nước ngoài"
    ),
    _CITIZEN,
)
PASSPORT_PAGE = _s(
    "Ctrl+Shift+O",
    QT_TRANSLATE_NOOP("Shortcuts", "Đọc trang thông tin hộ chiếu từ ảnh hoặc bản quét (người nước ngoài)"),
    _CITIZEN,
)
PROXY = _s("Alt+T", QT_TRANSLATE_NOOP("Shortcuts", "Bật/tắt «Người nộp thay»"), _CITIZEN)
SCAN = _s("F5", QT_TRANSLATE_NOOP("Shortcuts", "Quét"), _INTAKE)
BUILD = _s("Ctrl+B", QT_TRANSLATE_NOOP("Shortcuts", "Tạo các tệp PDF"), _INTAKE)
SIGN = _s("Ctrl+K", QT_TRANSLATE_NOOP("Shortcuts", "Ký số tất cả tệp PDF"), _INTAKE)
FILE = _s("Ctrl+Return", QT_TRANSLATE_NOOP("Shortcuts", "Nộp hồ sơ"), _INTAKE)
PRINT = _s("Ctrl+P", QT_TRANSLATE_NOOP("Shortcuts", "In phiếu tiếp nhận"), _INTAKE)
SAVE = _s("Ctrl+Shift+S", QT_TRANSLATE_NOOP("Shortcuts", "Lưu phiếu thành tệp PDF"), _INTAKE)
SUPPLEMENT = _s("Ctrl+Shift+B", QT_TRANSLATE_NOOP("Shortcuts", "Yêu cầu bổ sung hồ sơ"), _INTAKE)
CANCEL = _s("Ctrl+Shift+H", QT_TRANSLATE_NOOP("Shortcuts", "Hủy hồ sơ"), _INTAKE)
RESCAN = _s("Shift+F5", QT_TRANSLATE_NOOP("Shortcuts", "Quét lại trang đang chọn"), _SCAN)
ROTATE = _s("R", QT_TRANSLATE_NOOP("Shortcuts", "Xoay trang 90°"), _SCAN)
DELETE = _s("Delete", QT_TRANSLATE_NOOP("Shortcuts", "Xóa trang"), _SCAN)
INSERT = _s("Insert", QT_TRANSLATE_NOOP("Shortcuts", "Chèn trang trước trang đang chọn"), _SCAN)
MOVE = _s("Ctrl+Left/Right", QT_TRANSLATE_NOOP("Shortcuts", "Đổi thứ tự trang"), _SCAN)
VIEW = _s(
    "Return",
    QT_TRANSLATE_NOOP("Shortcuts", "Xem trang, thành phần hoặc tệp PDF đang chọn trong trình xem tài liệu"),
    _INTAKE,
)
PAGE_TOOLS = _s(
    "Ctrl+M", QT_TRANSLATE_NOOP("Shortcuts", "Chuyển trang sang thành phần khác, tách xấp giấy"), _SCAN
)

ALL: tuple[Shortcut, ...] = (
    SECTIONS, HELP, GUIDANCE, NEW, RESUME, BACK, NEXT, STOP, OPEN, CAMERA, CHIP, APPLICANT, PASSPORT_PAGE, PROXY, SCAN, BUILD, SIGN, FILE, PRINT, SAVE,
    SUPPLEMENT, CANCEL, RESCAN, ROTATE, DELETE, INSERT, MOVE, VIEW, PAGE_TOOLS,
)  # fmt: skip


def shown(keys: str) -> str:
    """The keys as the officer reads them on a tooltip ("Ctrl+Enter", "Alt+←")."""
    return keys.replace("Return", "Enter").replace("Left", "←").replace("Right", "→")


def press_at_once(button: QAbstractButton, keys: str) -> QShortcut:
    """`keys` click `button` at once. A button's own shortcut (`setShortcut`) animates the press
    and clicks 100 ms later, which the officer waited through on every Ctrl+O, Ctrl+B, Ctrl+N.
    Like the button's own, it works while the button is visible and enabled in the active window."""
    shortcut = QShortcut(QKeySequence(keys), button, context=Qt.ShortcutContext.WindowShortcut)
    shortcut.activated.connect(button.click)
    return shortcut
