"""The yearly override file: what the Government's annual decision changes in the calendar.

Each year the Government (through the Ministry of Home Affairs' notice) fixes the days off of
public servants for Tết, 30/4–1/5 and 2/9, moving some days off and making a Saturday a working
day in exchange. IT copies that decision into one TOML file (the option `calendar.overrides`),
one table per year; what it lists wins over the computed calendar:

    [2027]
    source = "Thông báo số …/TB-BNV ngày …"   # where the days come from (optional)
    days_off = [2027-02-03, 2027-02-11]        # extra days off (also moved days off)
    working_days = [2027-01-30]                # days worked although weekend or holiday

Dates may be TOML dates or "YYYY-MM-DD" strings; each must belong to its table's year.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from common.errors import KnownError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - 3.10
    import tomli as tomllib

_KEYS = {"source", "days_off", "working_days"}


class CalendarFileError(KnownError):
    code = "calendar_overrides_invalid"
    default_hint = (
        "Sửa tệp lịch nghỉ theo mẫu trong docs/calendar.md, hoặc bỏ trống tùy chọn calendar.overrides."
    )


@dataclass(frozen=True)
class Overrides:
    days_off: dict[date, str] = field(default_factory=dict)  # day -> where it comes from
    working_days: dict[date, str] = field(default_factory=dict)
    path: str = ""


def _day(value: Any, year: int, where: str) -> date:
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{where}: «{value}» không phải ngày dạng YYYY-MM-DD") from None
    if not isinstance(value, date) or hasattr(value, "hour"):
        raise ValueError(f"{where}: {value!r} không phải một ngày")
    if value.year != year:
        raise ValueError(f"{where}: ngày {value.isoformat()} không thuộc năm {year}")
    return value


def _year(key: str, table: Any) -> tuple[int, list[date], list[date], str]:
    if not (key.isdigit() and len(key) == 4) or not isinstance(table, dict):
        raise ValueError(f"«{key}» phải là một bảng năm, ví dụ [2027]")
    year = int(key)
    unknown = set(table) - _KEYS
    if unknown:
        raise ValueError(f"[{key}]: khóa không xác định {', '.join(sorted(unknown))}")
    lists = {}
    for name in ("days_off", "working_days"):
        values = table.get(name, [])
        if not isinstance(values, list):
            raise ValueError(f"[{key}].{name} phải là một danh sách ngày")
        lists[name] = [_day(v, year, f"[{key}].{name}") for v in values]
    both = sorted(set(lists["days_off"]) & set(lists["working_days"]))
    if both:
        raise ValueError(f"[{key}]: ngày {both[0].isoformat()} vừa là ngày nghỉ vừa là ngày làm việc")
    source = table.get("source", f"tệp lịch nghỉ, năm {year}")
    if not isinstance(source, str):
        raise ValueError(f"[{key}].source phải là chuỗi")
    return year, lists["days_off"], lists["working_days"], source


def load_overrides(path: str | Path | None) -> Overrides:
    """The override file at `path` (none: no overrides); a bad file raises CalendarFileError."""
    if not path:
        return Overrides()
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        days_off: dict[date, str] = {}
        working: dict[date, str] = {}
        for key, table in data.items():
            _, off, work, source = _year(key, table)
            days_off.update(dict.fromkeys(off, source))
            working.update(dict.fromkeys(work, source))
    except FileNotFoundError:
        raise CalendarFileError(f"Không tìm thấy tệp lịch nghỉ {path}.") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError) as exc:
        raise CalendarFileError(f"Tệp lịch nghỉ {path} không hợp lệ: {exc}.") from exc
    return Overrides(days_off, working, str(path))
