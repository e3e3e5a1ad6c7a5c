"""Vietnamese number and date formats (common.vi_format)."""

from __future__ import annotations

from datetime import date, datetime, timezone

from common import clock, vi_format


def test_numbers_use_dots_for_thousands_and_commas_for_decimals() -> None:
    assert vi_format.number(1234567) == "1.234.567"
    assert vi_format.number(1234.5, 1) == "1.234,5"
    assert vi_format.percent(1.0) == "100,0 %"
    assert vi_format.percent(0.63, 0) == "63 %"
    assert vi_format.percent(None) == "—"
    assert vi_format.size(1536 * 1024) == "1,5 MB"
    assert vi_format.size(512 * 1024) == "512 KB"


def test_days_are_day_month_year() -> None:
    assert vi_format.day(date(2026, 12, 6)) == "06/12/2026"
    assert vi_format.day("2026-11-26") == "26/11/2026"
    assert vi_format.day(None) == "—"


def test_stored_instants_are_shown_in_the_office_time() -> None:
    office = clock.OfficeClock(clock.load_zone("Asia/Ho_Chi_Minh"), clock.office_clock().source)
    with clock.use(office):  # whatever zone the PC is set to
        assert vi_format.moment("2026-12-06T07:05:00+00:00") == "14:05 06/12/2026"
        assert vi_format.moment(datetime(2026, 12, 6, 20, 30, tzinfo=timezone.utc)) == "03:30 07/12/2026"
    assert vi_format.moment(None) == ""
