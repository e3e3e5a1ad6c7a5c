"""The appointment (hẹn trả kết quả) computed at the counter, with the office calendar.

The same calendar as the sandbox portal (`office_calendar`), with the configuration's override
file (`calendar.overrides`). The appointment is the due working day at the configured return
hour (`calendar.return_time`, 16:00 by default: late enough for a same-day procedure received in
the morning, early enough to hand the result over before the office closes); a same-day
procedure received after that hour is due the next working day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from counter_app.catalog import Procedure
from office_calendar import WorkingCalendar, load_overrides, parse_clock_time


@dataclass(frozen=True)
class LocalAppointment:
    at: datetime  # office time: the due working day at the return hour
    days: int  # the time limit used (working days)
    online: bool  # the catalogue's online limit applied
    cutoff: time | None  # the 15:00 rule's hour for the procedure

    def payload(self) -> dict[str, Any]:
        """The `appointment_computed` event's payload."""
        return {
            "appointment_at": self.at.isoformat(timespec="minutes"),
            "days": self.days,
            "online": self.online,
            "cutoff": self.cutoff.strftime("%H:%M") if self.cutoff else None,
        }


def office_calendar(config: Any) -> WorkingCalendar:
    """The working-day calendar with the override file IT configured (CalendarFileError if broken)."""
    return WorkingCalendar(load_overrides(config.get("calendar.overrides")))


def return_time(config: Any) -> time:
    return parse_clock_time(config.get("calendar.return_time"))


def local_appointment(
    config: Any, procedure: Procedure, received: datetime, *, online: bool
) -> LocalAppointment:
    """When the citizen comes back for a dossier of `procedure` received at `received`."""
    days = procedure.time_limit(online)
    at = office_calendar(config).appointment(received, days, procedure.cutoff, return_time(config))
    return LocalAppointment(
        at, days, online and procedure.processing_days_online is not None, procedure.cutoff
    )
