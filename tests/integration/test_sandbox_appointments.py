"""The sandbox portal's appointment follows the office calendar: holidays, the override file and the
15:00 rule (its own receipt time, office clock frozen), over real loopback HTTP."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from common import clock
from counter_app.portal.client import PortalClient
from sandbox.app import SandboxSettings
from sandbox.server import start_in_thread
from tests.integration.test_portal_support import birth_request

VN = dt.timezone(dt.timedelta(hours=7))


def _appointment(tmp_path: Path, at: dt.datetime, settings: SandboxSettings | None = None) -> str:
    handle = start_in_thread(settings=settings)
    try:
        with clock.use(clock.fixed(at)), PortalClient(handle.url, timeout_s=10) as portal:
            return portal.submit(birth_request(tmp_path, "HS-1"), "k").appointment_date
    finally:
        handle.stop()


def test_a_same_day_procedure_received_after_1500_before_30_4_is_due_after_the_break(tmp_path: Path) -> None:
    """Birth registration (0 days, cutoff 15:00): 14:00 on 29/4/2026 is due that day, 15:30 on
    4/5 (30/4, 1/5 and the weekend are days off)."""
    assert _appointment(tmp_path / "a", dt.datetime(2026, 4, 29, 14, 0, tzinfo=VN)) == "2026-04-29"
    assert _appointment(tmp_path / "b", dt.datetime(2026, 4, 29, 15, 30, tzinfo=VN)) == "2026-05-04"


def test_the_override_file_moves_the_portal_appointment(tmp_path: Path) -> None:
    overrides = tmp_path / "lich-nghi.toml"
    overrides.write_text("[2026]\ndays_off = [2026-05-04]\n", encoding="utf-8")
    settings = SandboxSettings(calendar_overrides=str(overrides))
    at = dt.datetime(2026, 4, 29, 15, 30, tzinfo=VN)
    assert _appointment(tmp_path / "c", at, settings) == "2026-05-05"
