"""Names where the officer reads them: «Hồ sơ hôm nay» says whose dossier and which procedure (by
name, the code in the tooltip), and a 139-character procedure name is wrapped or cut with «…» and a
tooltip, never clipped at a list's edge. Real peers: the SQLite database and the sealed citizen
record of the test's data folder, the bundled procedure catalog, the real main window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from counter_app.citizen import parse_citizen_payload
from counter_app.workflow import Workflow
from ui.main_window import MainWindow

LONG = "1.001030"  # the catalog's longest name, 139 characters
LONG_NAME = (
    "Liên thông thủ tục hành chính về đăng ký khai tử, xóa đăng ký thường trú, hưởng chế độ tử tuất, "
    "hỗ trợ chi phí mai táng, hưởng mai táng phí"
)
CITIZEN = "079190000001||Nguyễn Thị Thử Nghiệm|15081990|Nữ|Số 12 Lê Lợi|15082021"


def _window(qtbot, ctx) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.mark.usefixtures("any_hour")
def test_today_list_names_the_citizen_and_the_procedure(qtbot, ctx) -> None:
    wf = Workflow(ctx)
    dossier = wf.identify(wf.start(), parse_citizen_payload(CITIZEN), method="manual")
    wf.choose_procedure(dossier, LONG)
    window = _window(qtbot, ctx)
    window.show_section(1)
    model = window.today.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=10_000)  # read and unsealed on a worker
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:4] == ["Mã nội bộ", "Công dân", "Thủ tục", "Trạng thái"]
    assert model.data(model.index(0, 1)) == "Nguyễn Thị Thử Nghiệm"
    procedure = model.index(0, model.PROCEDURE)
    assert model.data(procedure) == LONG_NAME
    assert model.data(procedure, Qt.ItemDataRole.ToolTipRole) == f"{LONG_NAME} ({LONG})"
    # On the counter screen the name is longer than its column: cut with «…», never wrapping rows.
    table = window.today.table
    shown = table.visualRect(procedure).width()
    assert shown < table.fontMetrics().horizontalAdvance(LONG_NAME)
    assert table.textElideMode() == Qt.TextElideMode.ElideRight and not table.wordWrap()
    window.tasks.wait()


def test_long_procedure_names_wrap_in_the_search_results(qtbot, ctx) -> None:
    window = _window(qtbot, ctx)
    page = window.intake.procedure
    window.intake.stack.setCurrentWidget(page)
    page.search.setText("lien thong khai tu")
    item = next(
        page.results.item(i) for i in range(page.results.count()) if LONG in page.results.item(i).text()
    )
    assert item.toolTip() == f"{LONG_NAME} ({LONG})"
    qtbot.waitUntil(
        lambda: page.results.visualItemRect(item).height() > page.results.fontMetrics().height() * 1.5
    )
    assert (
        page.results.visualItemRect(item).right() <= page.results.viewport().width()
    )  # wrapped, not clipped
    window.tasks.wait()
