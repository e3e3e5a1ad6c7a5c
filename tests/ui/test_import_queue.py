"""The officer goes down the checklist while pages are imported (issue #17: the window waited for
each component's import before the next could be asked for). Ctrl+O on one component, then
straight on to the next: the screens stay usable, each import takes its turn in the order asked
(its pages cleaned on the workers meanwhile), Esc stops the one under way and those waiting, and
a failed import stops those waiting after it, saying so."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.synthetic import render_text_page, save_page
from tests.ui.test_intake_flow import (
    STEP_TIMEOUT,
    choose_birth_registration,
    enter_citizen,
    open_section,
    select_component,
    speed_up,
    synthetic_files,
)


def stored(section, key: str) -> list:
    return section.wf.open(section.dossier.local_ref).component(key).pages


def at_components(qtbot, ctx):
    """The intake section on a birth registration's components step, a citizen identified."""
    speed_up(ctx)
    section = open_section(qtbot, ctx, lambda: None)
    enter_citizen(qtbot, section)
    choose_birth_registration(qtbot, section)
    return section


def importing(section) -> list[str]:
    """The components whose checklist line says pages are being imported into them."""
    checklist = section.components.checklist
    return [
        checklist.item(row).data(Qt.ItemDataRole.UserRole)
        for row in range(checklist.count())
        if "đang nhập trang" in checklist.item(row).text()
    ]


def test_imports_asked_one_after_another_each_take_their_turn_while_the_screen_stays_usable(
    qtbot, ctx, tmp_path
) -> None:
    section = at_components(qtbot, ctx)
    first = synthetic_files(tmp_path, "to-khai", (1, 2, 3))
    second = synthetic_files(tmp_path, "chung-sinh", (4, 5))
    later = [str(save_page(render_text_page(dpi=120, seed=6), tmp_path / "to-khai-later.png", dpi=120))]

    select_component(section, "to_khai_khai_sinh")
    section.components.import_paths(first)
    assert section.busy and section.stack.isEnabled()  # the officer may go on meanwhile
    select_component(section, "giay_chung_sinh")
    section.components.import_paths(second)
    select_component(section, "to_khai_khai_sinh")
    section.components.import_paths(later)
    assert section.waiting == 2
    assert "còn 2 lượt chờ" in section.strip.text.text()
    assert importing(section) == ["to_khai_khai_sinh", "giay_chung_sinh"]  # said on their lines
    assert not section.next.isEnabled() and not section.new_button.isEnabled()  # no leaving mid-import

    qtbot.waitUntil(lambda: not section.busy, timeout=STEP_TIMEOUT)
    assert section.strip.error.isHidden(), section.strip.error.text()
    assert [p.dpi for p in stored(section, "to_khai_khai_sinh")] == [100, 100, 100, 120]  # in the order asked
    assert len(stored(section, "giay_chung_sinh")) == 2
    assert importing(section) == []
    panel = section.components.panel
    qtbot.waitUntil(lambda: panel.strip.count() == 4, timeout=STEP_TIMEOUT)  # the selected one's pages shown
    section.tasks.wait()


def test_esc_stops_the_import_under_way_and_those_waiting(qtbot, ctx, tmp_path) -> None:
    section = at_components(qtbot, ctx)
    many = synthetic_files(tmp_path, "many", tuple(range(10, 22)))
    waiting = synthetic_files(tmp_path, "waiting", (1, 2))
    select_component(section, "giay_chung_sinh")
    section.components.import_paths(many)
    select_component(section, "to_khai_khai_sinh")
    section.components.import_paths(waiting)
    assert section.waiting == 1

    qtbot.keyClick(section.components.checklist, Qt.Key.Key_Escape)  # Esc, wherever the focus is
    assert section.waiting == 0
    assert "Bỏ 1 lượt nhập đang chờ" in section.strip.text.text()
    qtbot.waitUntil(lambda: not section.busy, timeout=STEP_TIMEOUT)
    assert "Đã dừng" in section.strip.error.text()
    assert stored(section, "to_khai_khai_sinh") == []  # the waiting import never started
    assert importing(section) == []
    assert len(stored(section, "giay_chung_sinh")) < len(many)
    section.tasks.wait()


def test_a_failed_import_stops_those_waiting_after_it_and_says_so(qtbot, ctx, tmp_path) -> None:
    section = at_components(qtbot, ctx)
    broken = tmp_path / "hong.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)  # a PNG header and nothing readable
    before, after = synthetic_files(tmp_path, "ok", (1, 2)), synthetic_files(tmp_path, "after", (3,))
    select_component(section, "giay_chung_sinh")
    section.components.import_paths([*before, str(broken)])
    select_component(section, "to_khai_khai_sinh")
    section.components.import_paths(after)

    qtbot.waitUntil(lambda: not section.busy, timeout=STEP_TIMEOUT)
    message = section.strip.error.text()
    assert "hong.png" in message and "1 lượt nhập đang chờ sau nó đã dừng" in message, message
    assert stored(section, "to_khai_khai_sinh") == []
    assert section.stack.isEnabled()
    section.tasks.wait()
