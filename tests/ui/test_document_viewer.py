"""Seeing what will be signed: the document viewer on scanned pages and on built PDFs, moving a page
to another component and splitting a stack, and the warning when two components hold the same page.

Real peers: the intake section over the per-test SQLite file and sealed workspace, synthetic form
pages (tests/synthetic.py) imported through «Nhập từ tệp…» and cleaned by the real pipeline, the
real PDF builder, PDFium rendering on the task runner."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QMenu

from tests.synthetic import DEFAULT_LINES, render_text_page, save_page
from tests.ui.test_intake_flow import (
    STEP_TIMEOUT,
    choose_birth_registration,
    enter_citizen,
    idle,
    open_section,
    select_component,
)
from ui.intake import IntakeSection

FORM, BIRTH_PAPER = "to_khai_khai_sinh", "giay_chung_sinh"


def paper(tmp_path: Path, number: int) -> str:
    """Paper `number`: the same printed template, its own text."""
    lines = [
        f"Giấy tờ số {number}, dòng {i}: " + line[: (17 * i + number * 5) % 50 + 15]
        for i, line in enumerate(DEFAULT_LINES)
    ]
    path = tmp_path / f"giay-{number}.png"
    return str(save_page(render_text_page(dpi=100, seed=number, lines=lines), path, dpi=100))


def _on_components(qtbot, ctx, tmp_path: Path, pages: dict[str, tuple[int, ...]]) -> IntakeSection:
    section = open_section(qtbot, ctx, lambda: None)
    enter_citizen(qtbot, section)
    choose_birth_registration(qtbot, section)
    for key, numbers in pages.items():
        select_component(section, key)
        section.components.import_paths([paper(tmp_path, n) for n in numbers])
        idle(qtbot, section)
    return section


def _action(menu: QMenu, text: str):
    for action in menu.actions():
        if action.text().startswith(text):
            return action
    raise AssertionError([a.text() for a in menu.actions()])


def test_enter_on_a_thumbnail_opens_the_viewer_there_and_pages_zoom_and_fit(qtbot, ctx, tmp_path) -> None:
    section = _on_components(qtbot, ctx, tmp_path, {FORM: (1, 2, 3)})
    strip = section.components.panel.strip
    qtbot.waitUntil(lambda: strip.count() == 3, timeout=STEP_TIMEOUT)
    strip.setCurrentRow(1)
    strip.setFocus()
    qtbot.keyClick(strip, Qt.Key.Key_Return)
    viewer = section.components.tools.viewer
    assert viewer is not None and viewer.isVisible()
    qtbot.waitUntil(lambda: not viewer.rendering, timeout=STEP_TIMEOUT)  # rendered on a worker
    assert viewer.page_label.text() == "Trang 2/3" and "Tờ khai" in viewer.windowTitle()
    whole = viewer.image.pixmap().size()
    room = viewer.area.viewport().size()
    assert whole.width() <= room.width() and whole.height() <= room.height(), "the whole page in view"
    viewer.activateWindow()
    qtbot.waitUntil(viewer.isActiveWindow)
    qtbot.keyClick(viewer, Qt.Key.Key_W)  # fit the width
    qtbot.waitUntil(lambda: not viewer.rendering, timeout=STEP_TIMEOUT)
    fitted = viewer.image.pixmap().width()
    assert abs(fitted - (room.width() - 8)) <= 2
    qtbot.keyClick(viewer, Qt.Key.Key_Plus)
    qtbot.waitUntil(lambda: not viewer.rendering, timeout=STEP_TIMEOUT)
    assert viewer.image.pixmap().width() > fitted * 1.2
    qtbot.keyClick(viewer, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: not viewer.rendering, timeout=STEP_TIMEOUT)
    assert viewer.page_label.text() == "Trang 3/3" and not viewer.next.isEnabled()
    viewer.close()
    section.tasks.wait()


def test_a_page_moves_to_another_component_and_a_stack_splits(qtbot, ctx, tmp_path) -> None:
    section = _on_components(qtbot, ctx, tmp_path, {FORM: (1, 2, 3, 4)})
    tools, strip = section.components.tools, section.components.panel.strip
    qtbot.waitUntil(lambda: strip.count() == 4, timeout=STEP_TIMEOUT)
    strip.setCurrentRow(0)
    tools.fill_menu()  # what «Chuyển/tách trang…» (Ctrl+M) shows
    move = _action(tools.menu, "Chuyển trang này sang").menu()
    _action(move, "Giấy chứng sinh").trigger()
    idle(qtbot, section)
    assert len(section.dossier.component(FORM).pages) == 3
    assert len(section.dossier.component(BIRTH_PAPER).pages) == 1
    select_component(section, FORM)
    qtbot.waitUntil(lambda: strip.count() == 3, timeout=STEP_TIMEOUT)
    strip.setCurrentRow(1)  # papers 3 and 4 belong to the marriage certificate
    tools.fill_menu()
    split = _action(tools.menu, "Tách từ trang này sang").menu()
    _action(split, "Giấy chứng nhận kết hôn").trigger()
    idle(qtbot, section)
    assert len(section.dossier.component(FORM).pages) == 1
    assert len(section.dossier.component("giay_chung_nhan_ket_hon").pages) == 2
    section.tasks.wait()


def test_signing_step_shows_first_pages_opens_the_pdf_and_warns_of_a_shared_page(
    qtbot, ctx, tmp_path, monkeypatch
) -> None:
    # The same sheet in both components, as the demo scanner once did: warned of before signing.
    section = _on_components(qtbot, ctx, tmp_path, {FORM: (1, 2), BIRTH_PAPER: (3, 2)})
    section.components.build.click()
    idle(qtbot, section)
    submit = section.submit
    assert section.stack.currentWidget() is submit
    qtbot.waitUntil(lambda: submit.table.topLevelItemCount() == 2, timeout=STEP_TIMEOUT)
    qtbot.waitUntil(lambda: not submit.review.loading, timeout=STEP_TIMEOUT)
    assert submit.review.warning.isVisible()
    warning = submit.review.warning.toolTip()  # the whole text; the line itself is cut to its width
    assert "Tờ khai" in warning and "Giấy chứng sinh" in warning and "trang 2" in warning
    for row in range(2):
        assert not submit.table.topLevelItem(row).icon(0).isNull(), "the PDF's first page beside its name"
    # The table is filled again on every change of the dossier: the same PDFs keep their first
    # pages and the check its answer, without a task.
    asked = []
    for name in ("same_pages", "render_document_page"):
        looked = getattr(section.service, name)
        monkeypatch.setattr(
            section.service, name, lambda *a, _f=looked, _n=name, **k: asked.append(_n) or _f(*a, **k)
        )
    section.dossier_changed(section.dossier)
    qtbot.waitUntil(
        lambda: submit.table.topLevelItemCount() == 2 and not submit.review.loading, timeout=STEP_TIMEOUT
    )
    section.tasks.wait()
    assert asked == [] and submit.review.warning.isVisible() and submit.review.same
    assert all(not submit.table.topLevelItem(row).icon(0).isNull() for row in range(2))
    item = submit.table.topLevelItem(0)
    submit.table.setCurrentItem(item)
    submit.table.itemActivated.emit(item, 0)  # Enter or a double-click on the row
    viewer = submit.review.viewer
    assert viewer is not None
    qtbot.waitUntil(lambda: not viewer.rendering, timeout=STEP_TIMEOUT)
    assert viewer.count == int(item.text(1)) == 2  # the PDF's own pages, read by PDFium
    assert not viewer.image.pixmap().isNull()
    viewer.close()
    section.tasks.wait()


def test_an_adf_stack_splits_at_its_blank_separator_sheet(qtbot, ctx, tmp_path) -> None:
    """Two papers fed at once with a blank sheet between them: the pipeline flags the blank sheet,
    «Tách theo tờ trắng» sends what follows it to the next component and drops the sheet."""
    blank = str(save_page(Image.new("RGB", (827, 1169), "white"), tmp_path / "trang-trang.png", dpi=100))
    section = _on_components(qtbot, ctx, tmp_path, {})
    select_component(section, FORM)
    section.components.import_paths([paper(tmp_path, 1), blank, paper(tmp_path, 2), paper(tmp_path, 3)])
    idle(qtbot, section)
    assert [p.blank for p in section.dossier.component(FORM).pages] == [False, True, False, False]
    tools = section.components.tools
    tools.fill_menu()
    _action(tools.menu, "Tách theo tờ trắng").trigger()
    idle(qtbot, section)
    assert len(section.dossier.component(FORM).pages) == 1
    assert len(section.dossier.component(BIRTH_PAPER).pages) == 2
    assert not any(p.blank for c in section.dossier.components for p in c.pages)
    section.tasks.wait()


def test_enter_on_a_component_opens_its_pages(qtbot, ctx, tmp_path) -> None:
    section = _on_components(qtbot, ctx, tmp_path, {BIRTH_PAPER: (1, 2)})
    checklist = section.components.checklist
    select_component(section, BIRTH_PAPER)
    checklist.setFocus()
    qtbot.keyClick(checklist, Qt.Key.Key_Return)
    viewer = section.components.tools.viewer
    assert viewer is not None
    qtbot.waitUntil(lambda: not viewer.rendering, timeout=STEP_TIMEOUT)
    assert viewer.page_label.text() == "Trang 1/2" and "Giấy chứng sinh" in viewer.windowTitle()
    viewer.close()
    section.tasks.wait()


def test_a_thumbnail_dropped_on_another_component_moves_there(qtbot, ctx, tmp_path) -> None:
    """The drop as Qt delivers it at the end of a drag (QTest cannot run a real drag-and-drop)."""
    section = _on_components(qtbot, ctx, tmp_path, {FORM: (1, 2)})
    strip, checklist = section.components.panel.strip, section.components.checklist
    qtbot.waitUntil(lambda: strip.count() == 2, timeout=STEP_TIMEOUT)
    dragged = strip.mimeData([strip.item(1)])  # what the strip hands to a drag of page 2
    row = next(
        r for r in range(checklist.count()) if checklist.item(r).data(Qt.ItemDataRole.UserRole) == BIRTH_PAPER
    )
    at = QPointF(checklist.visualItemRect(checklist.item(row)).center())
    for kind in (QEvent.Type.DragEnter, QEvent.Type.Drop):
        event = QDropEvent(
            at,
            Qt.DropAction.MoveAction,
            dragged,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            kind,
        )
        QApplication.sendEvent(checklist.viewport(), event)
        assert event.isAccepted()
    idle(qtbot, section)
    assert len(section.dossier.component(FORM).pages) == 1
    assert len(section.dossier.component(BIRTH_PAPER).pages) == 1
    section.tasks.wait()
