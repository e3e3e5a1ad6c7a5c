"""The dashboard's report period picker: the month or the quarter chosen is the report written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from ui.pages.dashboard import DashboardSection
from ui.tasks import TaskRunner
from ui.widgets.period_picker import PeriodPicker


def test_picker_lists_months_and_quarters_newest_first(qtbot) -> None:
    picker = PeriodPicker(date(2026, 12, 6))
    qtbot.addWidget(picker)
    assert (picker.choice.itemText(0), picker.choice.itemText(1)) == ("Tháng 12/2026", "Tháng 11/2026")
    assert picker.period().label == "2026-12"
    picker.kind.setCurrentIndex(picker.kind.findData("quarter"))
    assert [picker.choice.itemText(i) for i in range(3)] == ["Quý 4/2026", "Quý 3/2026", "Quý 2/2026"]
    picker.select("2025-Q1")
    assert (picker.period().first, picker.period().last) == (date(2025, 1, 1), date(2025, 3, 31))


def test_the_chosen_quarter_is_the_report_written(qtbot, ctx, tmp_path: Path) -> None:
    section = DashboardSection(ctx, TaskRunner())
    qtbot.addWidget(section)
    label = section.report_period.period().label  # this month by default
    section.report_period.kind.setCurrentIndex(section.report_period.kind.findData("quarter"))
    quarter = section.report_period.period()
    out = tmp_path / "bao-cao-quy.xlsx"
    section.write_report(quarter.label, out)
    qtbot.waitUntil(out.exists, timeout=20_000)
    section.tasks.wait()
    assert label != quarter.label
    assert quarter.label_vi.upper() in load_workbook(out)["Tổng hợp"]["A1"].value
