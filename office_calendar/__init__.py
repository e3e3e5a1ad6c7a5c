"""The office's working-day calendar: which days the counter works, and the appointment date.

A leaf package (stdlib, `common` and the `holidays` library only) so that the counter
(`counter_app`) and the portal stand-in (`sandbox`) compute appointments with the same calendar
without importing each other.

    calendar = WorkingCalendar(load_overrides(path))     # path: the yearly override file, or None
    calendar.is_working_day(date(2026, 9, 2))            # False: Quốc khánh
    calendar.due_date(received, days=3, cutoff=time(15)) # the 15:00 rule included

What a day off is, in order (the first rule that speaks wins):
1. the yearly override file (`overrides.py`) that IT copies from the Government's annual
   decision: days off moved, Saturdays worked in exchange;
2. Saturday and Sunday;
3. the statutory holidays of Labour Code 2019 Art. 112, from `holidays.Vietnam` (`statutory.py`).
"""

from office_calendar.calendar import DEFAULT_CUTOFF, WorkingCalendar, cutoff_of, parse_clock_time
from office_calendar.overrides import CalendarFileError, Overrides, load_overrides

__all__ = [
    "DEFAULT_CUTOFF",
    "CalendarFileError",
    "Overrides",
    "WorkingCalendar",
    "cutoff_of",
    "load_overrides",
    "parse_clock_time",
]
