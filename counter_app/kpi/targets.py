"""Targets, colour bands, Decision 766 points and the dashboard tiles.

Targets come from configuration (`kpi.target_*`, defaults from the seed letters). Bands
are shares of the target (`kpi.bands` = lower limits of green, yellow, orange; below is
red): provinces set them, no national text does (domain.md §6). Points follow Decision
766: full points at or above the threshold, otherwise rate × max ÷ threshold.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from counter_app.kpi import periods
from counter_app.kpi.indicators import RATES, KpiRow, compute
from counter_app.storage.db import Database

BANDS = ("green", "yellow", "orange", "red")
BAND_NAMES_VI = {"green": "xanh", "yellow": "vàng", "orange": "cam", "red": "đỏ", "none": "chưa có số liệu"}
# ARGB-free hex colours shared by the report and the dashboard.
BAND_COLOURS = {"green": "2E7D32", "yellow": "F9A825", "orange": "EF6C00", "red": "C62828", "none": "9E9E9E"}

INDICATOR_NAMES_VI = {
    "online": "Hồ sơ trực tuyến",
    "digitized": "Thành phần được số hóa tại quầy",
    "reuse": "Tái sử dụng kết quả số hóa",
    "guided": "Hướng dẫn nộp trực tuyến",
    "paid_online": "Thanh toán trực tuyến",
    "on_time": "Giải quyết đúng hạn",
}
# Decision 766 thresholds for full points where the domain brief gives one; the others
# are provincial and default to the configured target.
THRESHOLDS_766 = {"online": 0.5, "digitized": 0.8, "reuse": 0.8}
# 3 of 5 against a 0.6 target, or 0.6 / 0.75, must meet it despite binary fractions.
_EPSILON = 1e-9


class ConfigLike(Protocol):
    def get(self, key: str) -> Any: ...


def targets(config: ConfigLike) -> dict[str, float]:
    return {key: float(config.get(f"kpi.target_{key}")) for key in RATES}


def band(rate: float | None, target: float, limits: list[float] | tuple[float, ...]) -> str:
    """green / yellow / orange / red by rate ÷ target against the configured limits; none without data."""
    if rate is None:
        return "none"
    share = rate / target if target > 0 else 1.0
    for name, limit in zip(BANDS[:3], sorted(limits, reverse=True)[:3], strict=False):
        if share >= limit - _EPSILON:
            return name
    return "red"


def points(rate: float | None, threshold: float, max_points: float) -> float:
    """Decision 766: full at or above the threshold, otherwise proportional."""
    if rate is None:
        return 0.0
    if threshold <= 0 or rate >= threshold - _EPSILON:
        return float(max_points)
    return rate * max_points / threshold


def threshold_766(indicator: str, config: ConfigLike) -> float:
    return THRESHOLDS_766.get(indicator, float(config.get(f"kpi.target_{indicator}")))


@dataclass(frozen=True)
class Tile:
    key: str
    name_vi: str
    rate: float | None
    target: float
    band: str
    count: int  # the numerator: dossiers that meet the indicator
    denominator: int
    points_share: float  # Decision 766 points earned as a share of the indicator's maximum


def tiles_for(row: KpiRow, config: ConfigLike) -> list[Tile]:
    goal, limits = targets(config), config.get("kpi.bands")
    out = []
    for key, (numerator, denominator, _) in RATES.items():
        rate = row.rate(key)
        out.append(
            Tile(
                key,
                INDICATOR_NAMES_VI[key],
                rate,
                goal[key],
                band(rate, goal[key], limits),
                getattr(row, numerator),
                getattr(row, denominator),
                points(rate, threshold_766(key, config), 1.0),
            )
        )
    return out


def period_bounds(today: date, period: str) -> tuple[date, date]:
    """First and last local day of the day, month, quarter or year holding `today`."""
    held = periods.containing(today, period)
    return held.first, held.last


def tiles(
    db: Database, config: ConfigLike, today: date, period: str = "month", *, officer: str | None = None
) -> list[Tile]:
    """The dashboard tiles for `today` (period "day") or its month (period "month").

    `officer` limits them to one officer's dossiers (what an officer, not a supervisor, sees).
    """
    start, end = period_bounds(today, period)
    rows = compute(db, start, end, by="total", officer=officer)
    return tiles_for(rows[0] if rows else KpiRow("total"), config)
