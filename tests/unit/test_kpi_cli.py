"""`counter-app kpi` prints exactly the fields of cli.md, one line per group."""

from __future__ import annotations

import json

import pytest

from counter_app.cli import main
from counter_app.context import AppContext
from tests.synthetic_events import write
from tests.unit.test_kpi_indicators import office_specs

# Dates here are the office's: each test runs either side of 17:00 UTC, on a UTC and a Vietnamese PC.
pytestmark = pytest.mark.usefixtures("any_hour")

CLI_FIELDS = [
    "group", "received", "online", "online_rate", "digitized", "digitized_rate", "reused", "reuse_rate",
    "guided", "guided_rate", "fee_bearing", "paid_online", "paid_online_rate", "finished", "on_time",
    "on_time_rate", "median_intake_s",
]  # fmt: skip


@pytest.fixture
def office() -> None:
    ctx = AppContext.open()
    try:
        write(ctx.db, office_specs())
    finally:
        ctx.close()


def test_kpi_by_officer(office: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kpi", "--from", "2026-11-01", "--to", "2026-11-30", "--by", "officer"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["group"] for line in lines] == ["canbo1", "canbo2"]
    assert all(list(line) == CLI_FIELDS for line in lines)
    assert lines[0]["received"] == 3
    assert lines[0]["online_rate"] == pytest.approx(2 / 3)


def test_kpi_by_month_default_range(office: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kpi", "--by", "month"]) == 0
    [line] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert line["group"] == "2026-11"
    assert (line["received"], line["online_rate"], line["median_intake_s"]) == (5, pytest.approx(0.6), 600)


def test_kpi_rebuild_gives_the_same_figures(office: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kpi", "--by", "procedure"]) == 0
    before = capsys.readouterr().out
    assert main(["kpi", "--by", "procedure", "--rebuild"]) == 0
    assert capsys.readouterr().out == before


def test_kpi_bad_date_is_a_known_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kpi", "--from", "03/11/2026"]) == 2
    error = json.loads(capsys.readouterr().err)["error"]
    assert error["code"] == "kpi_bad_date"
