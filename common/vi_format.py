"""Numbers, percentages, sizes, dates and times as Vietnamese readers write them: "1.234,5",
"100,0 %", "06/12/2026", "14:05 06/12/2026" (in the office's time, never UTC)."""

from __future__ import annotations

from datetime import date, datetime

from common import clock


def number(value: float, decimals: int = 0) -> str:
    """Thousands with ".", decimals with ",": 1234.5 -> "1.234,5"."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def percent(rate: float | None, decimals: int = 1) -> str:
    """A rate 0–1 as a percentage, "—" when there is none: 1.0 -> "100,0 %"."""
    return "—" if rate is None else f"{number(rate * 100, decimals)} %"


def size(n_bytes: int) -> str:
    """A file or disk size: "850 KB", "1,5 MB", "77,7 GB"."""
    if n_bytes < 1024 * 1024:
        return f"{number(n_bytes / 1024)} KB"
    if n_bytes < 1024**3:
        return f"{number(n_bytes / 1024**2, 1)} MB"
    return f"{number(n_bytes / 1024**3, 1)} GB"


def day(value: date | datetime | str | None) -> str:
    """A day as dd/mm/yyyy (an ISO string is read first); "—" when there is none."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return f"{value:%d/%m/%Y}"


def moment(value: datetime | str | None) -> str:
    """An instant (a stored UTC ISO string or an aware datetime) in the office's time,
    "14:05 06/12/2026"; "" when there is none."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return f"{clock.local(value):%H:%M %d/%m/%Y}"
