"""The scan settings and the components step warn when pages are not colour (digitised copies must be)."""

from __future__ import annotations

from counter_app.dossier import PageMeta
from scanner.devices import Capabilities
from tests.ui.test_intake_flow import open_section
from tests.unit.test_workflow import captured, png
from ui.widgets.scan_settings import ScanSettingsBar


def test_choosing_black_and_white_warns(qtbot, ctx) -> None:
    bar = ScanSettingsBar(ctx)
    qtbot.addWidget(bar)
    bar.show_capabilities(
        Capabilities(sources=("flatbed",), modes=("color", "gray", "bw"), resolutions=(200, 300))
    )
    assert bar.colour_note.isHidden()
    bar.mode.setCurrentIndex(bar.mode.findData("bw"))
    assert not bar.colour_note.isHidden() and "phải là ảnh MÀU" in bar.colour_note.text()
    bar.mode.setCurrentIndex(bar.mode.findData("color"))
    assert bar.colour_note.isHidden()


def test_the_components_step_flags_black_and_white_pages(qtbot, ctx, wf) -> None:
    section = open_section(qtbot, ctx, lambda: None)
    dossier = captured(wf)
    wf.add_page(dossier, "giay_chung_sinh", png(), PageMeta(60, 85, 200, "bw"))
    section.components.show_dossier(wf.open(dossier.local_ref))
    lines = [section.components.checklist.item(i).text() for i in range(section.components.checklist.count())]
    assert any("Giấy chứng sinh" in line and "1 trang đen trắng" in line for line in lines), lines
    assert not any("Tờ khai" in line and "đen trắng" in line for line in lines)
