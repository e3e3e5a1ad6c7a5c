"""The appointment (hẹn trả kết quả) computed at the counter, with the office calendar.

The same calendar as the sandbox portal (`office_calendar`), with the configuration's override
file (`calendar.overrides`). The appointment is the due working day at the configured return
hour (`calendar.return_time`, 16:00 by default: late enough for a same-day procedure received in
the morning, early enough to hand the result over before the office closes); a same-day
procedure received after that hour is due the next working day.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from counter_app.catalog import Procedure
from office_calendar import WorkingCalendar, load_overrides, parse_clock_time


def office_calendar(config: Any) -> WorkingCalendar:
    """The working-day calendar with the override file IT configured (CalendarFileError if broken)."""
    return WorkingCalendar(load_overrides(config.get("calendar.overrides")))


def return_time(config: Any) -> time:
    return parse_clock_time(config.get("calendar.return_time"))


def local_appointment(config: Any, procedure: Procedure, received: datetime, *, online: bool) -> datetime:
    """When the citizen comes back for a dossier of `procedure` received at `received`."""
    return office_calendar(config).appointment(
        received, procedure.time_limit(online), procedure.cutoff, return_time(config)
    )
