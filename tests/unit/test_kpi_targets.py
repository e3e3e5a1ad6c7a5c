"""Targets, colour bands, Decision 766 points and dashboard tiles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from counter_app import kpi
from counter_app.context import AppContext
from tests.synthetic_events import write
from tests.unit.test_kpi_indicators import office_specs


@pytest.mark.parametrize(
    ("rate", "expected"),
    [
        (0.6, "green"),
        (0.75, "green"),
        (0.5, "yellow"),
        (0.48, "yellow"),
        (0.35, "orange"),
        (0.2, "red"),
        (None, "none"),
    ],
)
def test_band_is_share_of_target(rate: float | None, expected: str) -> None:
    assert kpi.band(rate, 0.6, [1.0, 0.8, 0.5]) == expected


def test_bands_follow_the_configuration() -> None:
    assert kpi.band(0.5, 0.6, [1.0, 0.9, 0.7]) == "orange"
    assert kpi.band(0.0, 0.0, [1.0, 0.8, 0.5]) == "green"  # a zero target is always met


def test_points_rule_of_decision_766() -> None:
    assert kpi.points(0.6, 0.5, 22) == 22  # above the threshold: full
    assert kpi.points(0.5, 0.5, 22) == 22  # at the threshold: full
    assert kpi.points(0.4, 0.5, 22) == pytest.approx(17.6)  # 0.4 * 22 / 0.5
    assert kpi.points(None, 0.8, 22) == 0


def test_tiles_use_configured_targets(tmp_path: Path) -> None:
    ctx = AppContext.open()
    try:
        ctx.config.set_user("kpi.target_online", 0.75)
        write(ctx.db, office_specs())
        month = {t.key: t for t in kpi.tiles(ctx.db, ctx.config, date(2026, 11, 20))}
        assert month["online"].name_vi == "Hồ sơ trực tuyến"
        assert (month["online"].rate, month["online"].target) == (pytest.approx(0.6), 0.75)
        assert month["online"].band == "yellow"  # 0.6 / 0.75 = 0.8
        assert (month["online"].count, month["online"].denominator) == (3, 5)
        assert month["online"].points_share == 1.0  # 766 threshold 50 %
        assert month["reuse"].band == "orange"  # 0.4 / 0.8 = 0.5 of target, at the orange limit
        assert month["reuse"].points_share == pytest.approx(0.5)  # 0.4 / 0.8 threshold
    finally:
        ctx.close()


def test_tiles_for_a_day_without_dossiers_have_no_band(tmp_path: Path) -> None:
    ctx = AppContext.open()
    try:
        write(ctx.db, office_specs())
        today = {t.key: t for t in kpi.tiles(ctx.db, ctx.config, date(2026, 11, 4), period="day")}
        assert today["online"].rate is None
        assert today["online"].band == "none"
        assert today["online"].count == 0
    finally:
        ctx.close()


def test_officer_sees_own_tiles_and_daily_series_has_every_day(tmp_path: Path) -> None:
    ctx = AppContext.open()
    try:
        write(ctx.db, office_specs())
        mine = {t.key: t for t in kpi.tiles(ctx.db, ctx.config, date(2026, 11, 20), officer="canbo2")}
        assert (mine["online"].count, mine["online"].denominator) == (1, 2)
        series = kpi.daily_series(ctx.db, date(2026, 11, 1), date(2026, 11, 30))
        assert len(series) == 30 and series[0].group == "2026-11-01"
        assert [d.received for d in series[:4]] == [0, 0, 5, 0]
    finally:
        ctx.close()
