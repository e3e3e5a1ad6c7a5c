"""Reporting periods on the office's calendar: a day, a month, a quarter or a year.

Written as `2026-12-06`, `2026-12`, `2026-Q4` or `2026`; the dashboard, the report and
`counter-app kpi --score` all turn a period into the same first and last local day here.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from counter_app.errors import KnownError

KINDS = ("day", "month", "quarter", "year")
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
_PATTERNS = (
    ("day", re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")),
    ("month", MONTH_RE),
    ("quarter", re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)),
    ("year", re.compile(r"^(\d{4})$")),
)


class PeriodError(KnownError):
    code = "kpi_bad_period"


@dataclass(frozen=True)
class Period:
    kind: str
    label: str  # as written: 2026-12, 2026-Q4, ...
    first: date
    last: date

    @property
    def label_vi(self) -> str:
        if self.kind == "day":
            return self.first.strftime("%d/%m/%Y")
        if self.kind == "month":
            return self.first.strftime("Tháng %m/%Y")
        if self.kind == "quarter":
            return f"Quý {(self.first.month - 1) // 3 + 1}/{self.first.year}"
        return f"Năm {self.first.year}"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def containing(day: date, kind: str) -> Period:
    """The day, month, quarter or year that holds `day`."""
    if kind == "day":
        return Period(kind, day.isoformat(), day, day)
    if kind == "month":
        return Period(kind, day.strftime("%Y-%m"), day.replace(day=1), _month_end(day.year, day.month))
    if kind == "quarter":
        q = (day.month - 1) // 3
        return Period(
            kind, f"{day.year}-Q{q + 1}", date(day.year, 3 * q + 1, 1), _month_end(day.year, 3 * q + 3)
        )
    if kind == "year":
        return Period(kind, str(day.year), date(day.year, 1, 1), date(day.year, 12, 31))
    raise PeriodError(f"Không có loại kỳ «{kind}».", f"Chọn một trong: {', '.join(KINDS)}.")


def parse(text: str) -> Period:
    """A period from its written form; a bad one is a KnownError saying what is expected."""
    value = text.strip()
    for kind, pattern in _PATTERNS:
        match = pattern.match(value)
        if not match:
            continue
        parts = [int(g) for g in match.groups()]
        try:
            if kind == "day":
                return containing(date(*parts), kind)
            if kind == "month":
                return containing(date(parts[0], parts[1], 1), kind)
            if kind == "quarter":
                return containing(date(parts[0], 3 * parts[1] - 2, 1), kind)
            return containing(date(parts[0], 1, 1), kind)
        except ValueError:
            break
    raise PeriodError(
        f"Kỳ báo cáo «{text}» không hợp lệ.",
        "Viết theo dạng 2026-12 (tháng), 2026-Q4 (quý), 2026 (năm) hoặc 2026-12-06 (ngày).",
    )
