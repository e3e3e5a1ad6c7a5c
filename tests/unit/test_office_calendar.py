"""The working-day calendar: weekends, the statutory holidays from the lunar calendar, the yearly
override file, and the 15:00 rule."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from common import clock
from office_calendar import CalendarFileError, WorkingCalendar, load_overrides

CAL = WorkingCalendar()
VN = timezone(timedelta(hours=7))


def test_the_lunar_holidays_fall_on_the_lunar_dates() -> None:
    """Tết (1/1 lunar) and Giỗ Tổ (10/3 lunar) by the Vietnamese lunar calendar."""
    for day, name in [
        (date(2026, 2, 17), "Tết Nguyên Đán"),
        (date(2027, 2, 6), "Tết Nguyên Đán"),
        (date(2026, 4, 26), "Giỗ Tổ Hùng Vương"),
        (date(2027, 4, 16), "Giỗ Tổ Hùng Vương"),
    ]:
        assert name in (CAL.day_off_reason(day) or ""), day
    # Giỗ Tổ 2026 is a Sunday: the day off moves to Monday 27/4 (Labour Code 2019 Art. 112(3)).
    assert not CAL.is_working_day(date(2026, 4, 27))
    assert CAL.is_working_day(date(2026, 4, 28))
    assert CAL.is_working_day(date(2027, 4, 15))


def test_vietnam_s_module_alone_gives_the_library_s_days() -> None:
    from holidays.countries.vietnam import Vietnam  # the library's usual way: every country

    from office_calendar import statutory

    assert statutory.Vietnam is not Vietnam  # loaded by itself, not taken from the usual import
    for year in range(2020, 2036):
        assert statutory.statutory_holidays(year) == dict(Vietnam(years=year, language="vi").items()), year


def test_the_calendar_does_not_import_every_country_of_the_library() -> None:
    """Its `holidays.countries` package imports ~250 countries (~20 MB in every process)."""
    probe = (
        "import sys\n"
        "from datetime import date\n"
        "from office_calendar import WorkingCalendar\n"
        "assert WorkingCalendar().is_working_day(date(2026, 2, 17)) is False  # Tết\n"
        "print(sorted(m for m in sys.modules if m.startswith('holidays.countries')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[]"


def test_the_tet_break_is_the_five_statutory_days() -> None:
    """2026: 29 Tết (16/2) to mùng 4 (20/2); 2027: Tết days on the weekend move to 4/2 and 10/2."""
    off_2026 = [d for d in _days(date(2026, 2, 12), date(2026, 2, 24)) if not CAL.is_working_day(d)]
    assert off_2026 == [date(2026, 2, d) for d in (14, 15, 16, 17, 18, 19, 20, 21, 22)]
    off_2027 = [d for d in _days(date(2027, 2, 1), date(2027, 2, 14)) if not CAL.is_working_day(d)]
    assert off_2027 == [date(2027, 2, d) for d in (4, 5, 6, 7, 8, 9, 10, 13, 14)]


def test_the_appointments_of_the_issue_skip_the_holidays() -> None:
    assert CAL.add_working_days(date(2026, 4, 28), 3) == date(2026, 5, 5)  # not 1/5
    assert CAL.add_working_days(date(2026, 4, 29), 1) == date(2026, 5, 4)  # 30/4, 1/5, weekend
    assert CAL.add_working_days(date(2026, 8, 28), 1) == date(2026, 9, 3)  # 31/8 moved, 1/9, 2/9
    assert CAL.add_working_days(date(2026, 9, 1), 1) == date(2026, 9, 4)
    assert CAL.add_working_days(date(2027, 2, 4), 3) == date(2027, 2, 16)  # after Tết
    assert CAL.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)  # Tết 16–20/2
    assert CAL.add_working_days(date(2027, 9, 1), 1) == date(2027, 9, 6)  # 2/9 Thu and 3/9 Fri
    assert CAL.add_working_days(date(2026, 4, 24), 1) == date(2026, 4, 28)  # Giỗ Tổ observed on 27/4


def test_a_dossier_received_on_a_day_off_counts_from_the_next_working_day() -> None:
    assert CAL.add_working_days(date(2026, 4, 30), 0) == date(2026, 5, 4)
    assert CAL.add_working_days(date(2026, 9, 2), 2) == date(2026, 9, 7)


def test_the_override_file_wins_over_the_computed_days(tmp_path: Path) -> None:
    """A Government decision: a longer Tết 2027 (3/2 and 11/2 off), Saturday 30/1 worked; 30/4 worked."""
    path = tmp_path / "lich-nghi.toml"
    path.write_text(
        '[2027]\nsource = "Thông báo 1/TB-BNV"\n'
        'days_off = [2027-02-03, "2027-02-11"]\nworking_days = [2027-01-30, 2027-04-30]\n',
        encoding="utf-8",
    )
    cal = WorkingCalendar(load_overrides(path))
    assert not cal.is_working_day(date(2027, 2, 3))
    assert "Thông báo 1/TB-BNV" in (cal.day_off_reason(date(2027, 2, 11)) or "")
    assert cal.is_working_day(date(2027, 1, 30))
    assert cal.add_working_days(date(2027, 2, 2), 1) == date(2027, 2, 12)
    assert CAL.add_working_days(date(2027, 2, 2), 1) == date(2027, 2, 3)
    assert cal.add_working_days(date(2027, 1, 29), 1) == date(2027, 1, 30)
    assert cal.add_working_days(date(2027, 4, 29), 1) == date(2027, 4, 30)
    assert CAL.add_working_days(date(2027, 4, 29), 1) == date(2027, 5, 4)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[2027]\ndays_off = [2026-12-31]\n", "không thuộc năm 2027"),
        ('[2027]\ndays_off = ["31/12/2027"]\n', "YYYY-MM-DD"),
        ("[2027]\nholidays = []\n", "khóa không xác định"),
        ("[2027]\ndays_off = [2027-01-04]\nworking_days = [2027-01-04]\n", "vừa là ngày nghỉ"),
        ("days_off = [2027-01-04]\n", "bảng năm"),
        ("[2027\n", "không hợp lệ"),
    ],
)
def test_a_bad_override_file_is_a_known_error_naming_the_file(tmp_path: Path, text: str, says: str) -> None:
    path = tmp_path / "lich-nghi.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CalendarFileError) as caught:
        load_overrides(path)
    assert str(path) in caught.value.message and says in caught.value.message


def test_a_missing_override_file_is_a_known_error(tmp_path: Path) -> None:
    with pytest.raises(CalendarFileError, match="Không tìm thấy"):
        load_overrides(tmp_path / "none.toml")


def test_the_1500_rule_by_office_time_whatever_the_machine_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    """Received 14:59 counts from the same day, 15:01 from the next working day; the instants are
    given in UTC, as stored, and the machine's TZ is set elsewhere to prove it plays no part."""
    monkeypatch.setenv("TZ", "America/New_York")
    cutoff = time(15, 0)
    before = datetime(2026, 4, 29, 7, 59, tzinfo=timezone.utc)  # 14:59 in Hà Nội
    after = datetime(2026, 4, 29, 8, 1, tzinfo=timezone.utc)  # 15:01
    with clock.use(clock.fixed(after)):
        assert CAL.due_date(before, 0, cutoff) == date(2026, 4, 29)
        assert CAL.due_date(after, 0, cutoff) == date(2026, 5, 4)
        assert CAL.due_date(after, 0, None) == date(2026, 4, 29)
        assert CAL.due_date(datetime(2026, 4, 28, 8, 30, tzinfo=timezone.utc), 3, cutoff) == date(2026, 5, 6)


def test_the_appointment_is_the_due_day_at_the_return_time() -> None:
    received = datetime(2026, 4, 28, 9, 0, tzinfo=VN)
    assert CAL.appointment(received, 3, time(15), time(16)) == datetime(2026, 5, 5, 16, 0, tzinfo=VN)
    # A same-day procedure received after the return hour (no cutoff) is due the next working day.
    late = datetime(2026, 4, 29, 16, 30, tzinfo=VN)
    assert CAL.appointment(late, 0, None, time(16)) == datetime(2026, 5, 4, 16, 0, tzinfo=VN)


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]
