"""Thống kê: tiles with rates, targets and colours from the event log; charts; the monthly report."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from common import clock
from tests.synthetic_events import DossierSpec, write
from ui.pages.dashboard import DashboardSection
from ui.tasks import TaskRunner

# Dates here are the office's: each test runs either side of 17:00 UTC, on a UTC and a Vietnamese PC.
pytestmark = pytest.mark.usefixtures("any_hour")


def _today_specs(officer: str, now: datetime) -> list[DossierSpec]:
    """Four walk-ins today: three filed online on the citizen's behalf, one not submitted."""
    start = now.replace(hour=8, minute=0, second=0, microsecond=0)
    specs = [DossierSpec(f"SYN-{i}", start + timedelta(minutes=20 * i), officer=officer) for i in range(3)]
    specs.append(DossierSpec("SYN-3", start + timedelta(minutes=90), officer=officer, portal_channel=None))
    return specs


def test_tiles_show_todays_rates_against_targets(qtbot, ctx) -> None:
    now = clock.now()
    write(ctx.db, _today_specs(ctx.config.get("officer.username"), now))
    section = DashboardSection(ctx, TaskRunner())
    qtbot.addWidget(section)
    section.refresh()
    qtbot.waitUntil(lambda: section.data is not None, timeout=20_000)
    online = next(t for t in section.data.day_tiles if t.key == "online")
    assert (online.count, online.denominator) == (3, 4)
    assert online.rate == 0.75
    assert online.band == "green"  # target 60 %: at or above it is green
    tile_texts = [
        section.day_grid.itemAt(i).widget().findChild(type(section.summary), "rate").text()
        for i in range(section.day_grid.count())
    ]
    assert any("75 %" in text for text in tile_texts)  # Vietnamese: a space before %
    assert "4 hồ sơ tiếp nhận" in section.summary.text()
    assert "Tiếp nhận" in section.received_chart.accessibleDescription()
    section.tasks.wait()


def test_monthly_report_is_written_off_the_ui_thread(qtbot, ctx, tmp_path: Path) -> None:
    now = clock.now()
    write(ctx.db, _today_specs(ctx.config.get("officer.username"), now))
    section = DashboardSection(ctx, TaskRunner())
    qtbot.addWidget(section)
    out = tmp_path / "bao-cao.xlsx"
    section.write_report(now.strftime("%Y-%m"), out)
    qtbot.waitUntil(lambda: out.exists() and section.report_button.isEnabled(), timeout=30_000)
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames
    assert "Đã lưu báo cáo" in section.summary.text()
    section.tasks.wait()
