"""The office clock: the office's date, whatever zone the PC is set to, and nothing reading around it."""

from __future__ import annotations

import ast
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from common import clock
from counter_app.config import load_config
from counter_app.paths import app_paths

ROOT = Path(__file__).resolve().parents[2]
EVENING_UTC = datetime(2026, 12, 6, 20, 30, tzinfo=timezone.utc)  # 03:30 on 7 December in Hà Nội


def test_the_office_date_turns_over_at_17_utc() -> None:
    before = clock.fixed(datetime(2026, 12, 6, 16, 59, tzinfo=timezone.utc))
    after = clock.fixed(datetime(2026, 12, 6, 17, 0, tzinfo=timezone.utc))
    assert before.today() == date(2026, 12, 6)
    assert after.today() == date(2026, 12, 7)
    assert after.now().strftime("%H:%M %d/%m/%Y") == "00:00 07/12/2026"


def test_a_day_is_bounded_by_its_office_midnights() -> None:
    start, end = clock.fixed(EVENING_UTC).day_bounds_utc(date(2026, 12, 7))
    assert (start.isoformat(), end.isoformat()) == ("2026-12-06T17:00:00+00:00", "2026-12-07T17:00:00+00:00")


def test_a_naive_time_is_read_as_office_time() -> None:
    office = clock.fixed(EVENING_UTC)
    assert office.local(datetime(2026, 12, 7, 8, 0)).utcoffset().total_seconds() == 7 * 3600
    assert office.local(EVENING_UTC).hour == 3


def test_another_office_zone_moves_the_day(tmp_path: Path) -> None:
    paths = app_paths()
    paths.ensure()
    paths.user_config.write_text('[office]\ntimezone = "Asia/Tokyo"\n', encoding="utf-8")
    try:
        load_config(paths)
        with clock.use(clock.OfficeClock(clock.zone(), lambda: EVENING_UTC)):
            assert clock.now().strftime("%H:%M %d/%m") == "05:30 07/12"
    finally:
        clock.set_office_zone(clock.DEFAULT_ZONE)


def test_an_unknown_zone_is_reported_and_the_default_kept() -> None:
    paths = app_paths()
    paths.ensure()
    paths.user_config.write_text('[office]\ntimezone = "Asia/Nowhere"\n', encoding="utf-8")
    config = load_config(paths)
    assert config.get("office.timezone") == clock.DEFAULT_ZONE
    assert any(issue.option == "office.timezone" for issue in config.issues)
    assert clock.today() == datetime.now(timezone.utc).astimezone(clock.load_zone(clock.DEFAULT_ZONE)).date()


# -- nothing reads the operating system's zone or clock around the office clock ----------------------

APP_SOURCES = (
    "common",
    "office_calendar",
    "idchip",
    "counter_app",
    "scanner",
    "signing",
    "sandbox",
    "ui",
    "benchmarks",
)


def _wall_clock_reads(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        name = node.func.attr
        owner = ast.unparse(node.func.value)
        if name in ("now", "utcnow", "today") and owner.split(".")[-1] in ("datetime", "date", "dt"):
            found.append((node.lineno, f"{owner}.{name}()"))
        elif name == "astimezone" and not node.args and not node.keywords:
            found.append((node.lineno, ".astimezone() without a zone (the PC's zone)"))
        elif name in ("localtime", "strftime", "ctime") and owner == "time":
            found.append((node.lineno, f"time.{name}() (the PC's zone)"))
        elif name in ("fromtimestamp", "utcfromtimestamp") and len(node.args) < 2 and not node.keywords:
            found.append((node.lineno, f"{owner}.{name}() without a zone"))
    return found


def test_dates_come_from_the_office_clock_only() -> None:
    """`datetime.now()`, `date.today()` and friends bypass the office's zone and the tests' clock."""
    offenders = []
    for top in APP_SOURCES:
        for source in sorted((ROOT / top).rglob("*.py")):
            if source == ROOT / "common" / "clock.py":
                continue
            tree = ast.parse(source.read_text(encoding="utf-8"), filename=str(source))
            offenders += [
                f"{source.relative_to(ROOT)}:{line}: {what}" for line, what in _wall_clock_reads(tree)
            ]
    assert not offenders, "use common.clock instead:\n" + "\n".join(offenders)


@pytest.mark.parametrize(
    "code",
    [
        "datetime.now()",
        "dt.datetime.now(timezone.utc)",
        "date.today()",
        "moment.astimezone()",
        "time.localtime()",
        "datetime.fromtimestamp(t)",
    ],
)
def test_the_guard_sees_each_way_around_the_clock(code: str) -> None:
    assert _wall_clock_reads(ast.parse(code))
