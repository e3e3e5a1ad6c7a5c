"""The office's clock: "now" and "today" where the counter is, whatever zone the PC is set to.

Counter PCs are often left on UTC after a reinstall, while the province counts days, stamps,
receipts and appointments in the office's time (Asia/Ho_Chi_Minh). So nothing reads the
operating system's zone: every date a user or the province sees comes from here, and stored
instants are UTC. Tests move or freeze the clock with `use`, never by sleeping.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo

DEFAULT_ZONE = "Asia/Ho_Chi_Minh"
# Vietnam has kept UTC+7 without daylight saving since 1975: the fallback when no zone data is
# installed (a Windows PC without the `tzdata` package) gives the same answers.
_VIETNAM_FIXED = timezone(timedelta(hours=7), "ICT")


class UnknownZoneError(ValueError):
    """The configured time zone name is not in the zone database."""


def load_zone(name: str) -> tzinfo:
    """The zone called `name` (IANA name, e.g. "Asia/Ho_Chi_Minh")."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        if name == DEFAULT_ZONE:
            return _VIETNAM_FIXED
        raise UnknownZoneError(name) from exc


def _system_utc() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class OfficeClock:
    """Now and today in the office's zone; `source` gives the current instant (UTC, aware)."""

    zone: tzinfo = field(default_factory=lambda: load_zone(DEFAULT_ZONE))
    source: Callable[[], datetime] = _system_utc

    def utc_now(self) -> datetime:
        return self.source().astimezone(timezone.utc)

    def now(self) -> datetime:
        return self.source().astimezone(self.zone)

    def today(self) -> date:
        return self.now().date()

    def local(self, moment: datetime) -> datetime:
        """`moment` in the office's zone; a naive value is taken as office time already."""
        return moment.replace(tzinfo=self.zone) if moment.tzinfo is None else moment.astimezone(self.zone)

    def day_start(self, day: date) -> datetime:
        return datetime.combine(day, time.min, self.zone)

    def day_bounds_utc(self, day: date) -> tuple[datetime, datetime]:
        """Where the office's `day` starts and the next one starts, as UTC instants."""
        start = self.day_start(day)
        end = self.day_start(day + timedelta(days=1))
        return start.astimezone(timezone.utc), end.astimezone(timezone.utc)


_office = OfficeClock()


def office_clock() -> OfficeClock:
    return _office


def set_office_clock(clock: OfficeClock) -> OfficeClock:
    """Make `clock` the process's office clock; returns the one it replaces."""
    global _office
    previous, _office = _office, clock
    return previous


def set_office_zone(name: str) -> None:
    """Use the zone `name` (from `office.timezone`), keeping the clock's source."""
    set_office_clock(OfficeClock(load_zone(name), _office.source))


@contextlib.contextmanager
def use(clock: OfficeClock) -> Iterator[OfficeClock]:
    """The office clock is `clock` inside the block (tests, previews of another day)."""
    previous = set_office_clock(clock)
    try:
        yield clock
    finally:
        set_office_clock(previous)


def fixed(instant: datetime, zone: str = DEFAULT_ZONE) -> OfficeClock:
    """A clock that always reads `instant` (aware) in the office zone `zone`."""
    if instant.tzinfo is None:
        raise ValueError("a fixed clock needs an aware instant")
    return OfficeClock(load_zone(zone), lambda: instant)


# The few calls the rest of the code makes, on whichever clock is current.
def now() -> datetime:
    return _office.now()


def utc_now() -> datetime:
    return _office.utc_now()


def today() -> date:
    return _office.today()


def local(moment: datetime) -> datetime:
    return _office.local(moment)


def zone() -> tzinfo:
    return _office.zone


def utc_stamp() -> str:
    """The current instant as stored in the database and events (UTC ISO, milliseconds)."""
    return _office.utc_now().isoformat(timespec="milliseconds")
