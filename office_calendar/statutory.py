"""The statutory holidays of Vietnam, from the maintained `holidays` library.

Why the library: Tết Nguyên đán and Giỗ Tổ Hùng Vương (10/3 lunar) follow the Vietnamese lunar
calendar, which the library computes for UTC+7 (`VIETNAMESE_CALENDAR`; the Chinese calendar at
UTC+8 differs in some years). Checked in tests/unit/test_office_calendar.py against the lunar
dates: Tết 17/02/2026 and 06/02/2027, Giỗ Tổ 26/04/2026 and 16/04/2027.

What the library gives, and we keep (Labour Code 2019 Art. 112, the days public offices close):
- 1/1; 30/4; 1/5; 2/9 and its adjacent day (1/9 or 3/9); Giỗ Tổ 10/3 lunar;
- Tết: five days, the last day of the lunar year (29 or 30 Tết) and mùng 1 to mùng 4; when one
  of them falls on a weekend the library moves it to the adjacent working day (Saturday to the
  day before, Sunday to the day after), as the Government's yearly notices usually do;
- a holiday on a weekend gives a day off on the next working day (Art. 112(3), "nghỉ bù");
- days the Government moved in past years (e.g. 31/8/2026 off for Saturday 22/8/2026);
- from 2026, 24/11 (Ngày Văn hóa Việt Nam, Resolution 80-NQ/TW) as a paid day off.
The Government's decision for a year can still differ (a longer Tết break, another swap): the
override file wins over all of this. The library knows a moved day off but not the Saturday
worked in exchange; that Saturday is listed in the override file.

Only Vietnam's module of the library is loaded (`_vietnam`): `import holidays.countries.vietnam`
first runs `holidays/countries/__init__.py`, which imports every country the library knows (~250
countries, ~300 modules; loading Vietnam's alone keeps 12-15 MB less resident in each process
that shows a date, the window and the headless intake alike). The module is the library's own,
run as it is; the test checks that it gives the same days as the library imported the usual way.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
from datetime import date
from functools import lru_cache
from pathlib import Path
from types import ModuleType

log = logging.getLogger(__name__)

_ALONE = "office_calendar._holidays_vietnam"  # the library's module, under a name of ours


def _vietnam_alone() -> ModuleType | None:
    """`holidays/countries/vietnam.py` run without its package's `__init__`; None when the
    library is laid out otherwise (then it is imported the usual way)."""
    import holidays  # the package itself is light: it names its countries, loads none

    path = Path(holidays.__file__).parent / "countries" / "vietnam.py"
    spec = importlib.util.spec_from_file_location(_ALONE, path)
    if spec is None or spec.loader is None or not path.is_file():
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules[_ALONE] = module
    try:
        spec.loader.exec_module(module)
    except Exception:  # a future layout this does not know: the library's own way still works
        del sys.modules[_ALONE]
        log.warning("holidays: Vietnam's module not loaded alone; all countries are imported", exc_info=True)
        return None
    return module


def _vietnam() -> type:
    module = _vietnam_alone()
    if module is not None and hasattr(module, "Vietnam"):
        return module.Vietnam
    from holidays.countries.vietnam import Vietnam

    return Vietnam


# Loaded with this module, as an import would be: the first due date computed (when a dossier is
# filed) does not wait for it.
Vietnam = _vietnam()


@lru_cache(maxsize=16)
def statutory_holidays(year: int) -> dict[date, str]:
    """The statutory days off of `year`, with their Vietnamese names."""
    return dict(Vietnam(years=year, language="vi").items())
