"""Working days and appointment dates (hẹn trả kết quả) by the office's calendar."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import Any

from common import clock
from office_calendar.overrides import Overrides
from office_calendar.statutory import statutory_holidays

_WEEKEND = {5: "Thứ Bảy", 6: "Chủ nhật"}
_ONE_DAY = timedelta(days=1)
# Far beyond any break (Tết is at most ~10 days): a calendar file that closes a whole year is a
# mistake, not a reason to loop forever.
_MAX_DAYS_OFF_IN_A_ROW = 60


# The rule of the issue and of Decree 23/2015 Art. 7 for certification: what is received after 15:00
# counts from the next working day. A catalogue sets its own (`cutoff`), per procedure or for all.
DEFAULT_CUTOFF = time(15, 0)


def parse_clock_time(text: str) -> time:
    """ "HH:MM" as a time of day; ValueError (Vietnamese) otherwise."""
    try:
        hours, minutes = (int(part) for part in str(text).split(":"))
        return time(hours, minutes)
    except ValueError:
        raise ValueError(f"«{text}» không phải giờ dạng HH:MM (ví dụ 15:00)") from None


def cutoff_of(entry: Mapping[str, Any], default: time | None) -> time | None:
    """The `cutoff` of a catalogue entry: its own ("HH:MM", or null for none), else `default`."""
    if "cutoff" not in entry:
        return default
    return None if entry["cutoff"] is None else parse_clock_time(entry["cutoff"])


class WorkingCalendar:
    """Which days the office works; `days_off` adds days (the sandbox's `--holidays`)."""

    def __init__(self, overrides: Overrides | None = None, days_off: frozenset[date] = frozenset()) -> None:
        self.overrides = overrides or Overrides()
        self._extra = days_off

    def day_off_reason(self, day: date) -> str | None:
        """Why `day` is not a working day (Vietnamese), or None when the office works."""
        if day in self.overrides.working_days:
            return None
        if day in self.overrides.days_off:
            return f"Ngày nghỉ theo {self.overrides.days_off[day]}"
        if day in self._extra:
            return "Ngày nghỉ do đơn vị khai báo"
        return statutory_holidays(day.year).get(day) or _WEEKEND.get(day.weekday())

    def is_working_day(self, day: date) -> bool:
        return self.day_off_reason(day) is None

    def first_working_day(self, day: date) -> date:
        """`day` itself when the office works then, else the next working day."""
        for _ in range(_MAX_DAYS_OFF_IN_A_ROW):
            if self.is_working_day(day):
                return day
            day += _ONE_DAY
        raise ValueError(f"không có ngày làm việc nào trong {_MAX_DAYS_OFF_IN_A_ROW} ngày từ {day}")

    def add_working_days(self, start: date, days: int) -> date:
        """`days` working days after `start`; a start on a day off counts from the next working day."""
        current = self.first_working_day(start)
        for _ in range(days):
            current = self.first_working_day(current + _ONE_DAY)
        return current

    def counting_start(self, received: datetime, cutoff: time | None) -> date:
        """The working day the time limit counts from: received after `cutoff` (office time) counts
        from the next working day (the 15:00 rule); a naive `received` is office time already."""
        local = clock.local(received)
        day = local.date()
        if cutoff is not None and local.time() > cutoff:
            day += _ONE_DAY
        return self.first_working_day(day)

    def due_date(self, received: datetime, days: int, cutoff: time | None = None) -> date:
        """The appointment day for a dossier received at `received` with a `days` working-day limit."""
        return self.add_working_days(self.counting_start(received, cutoff), days)

    def appointment(self, received: datetime, days: int, cutoff: time | None, return_time: time) -> datetime:
        """The appointment as an office-time datetime: the due day at `return_time`; when that moment
        is not after the receipt (a same-day procedure received late), the next working day."""
        local = clock.local(received)
        due = self.due_date(local, days, cutoff)
        moment = datetime.combine(due, return_time, local.tzinfo)
        if moment <= local:
            moment = datetime.combine(self.first_working_day(due + _ONE_DAY), return_time, local.tzinfo)
        return moment
