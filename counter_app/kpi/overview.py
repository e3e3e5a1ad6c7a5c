"""One query for everything the dashboard shows: the header, the tiles, the charts, the tables.

The month's counts, today's counts, the daily series and the scorecard all come from the same
`compute` calls over the same office-clock days, so the header's "N hồ sơ tiếp nhận", the
month's tiles, the chart's bars and `counter-app kpi --score` cannot disagree. The daily series
covers the whole month (the days still to come are empty bars), not only up to today.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from counter_app.kpi import periods
from counter_app.kpi.indicators import KpiRow, compute, daily_series
from counter_app.kpi.score import Scorecard, score_rows
from counter_app.kpi.targets import ConfigLike, Tile, tiles_for
from counter_app.storage.db import Database


@dataclass
class Overview:
    today: date
    month: periods.Period
    day_row: KpiRow
    month_row: KpiRow
    daily: list[KpiRow]  # every day of the month, zeros included
    scorecard: Scorecard  # the month's Decision 766 points
    day_tiles: list[Tile]
    month_tiles: list[Tile]
    by_procedure: list[KpiRow]
    by_officer: list[KpiRow] = field(default_factory=list)


def overview(
    db: Database, config: ConfigLike, today: date, *, officer: str | None = None, by_officer: bool = False
) -> Overview:
    """The dashboard's figures for `today` and its month, for one officer or the whole office."""
    month = periods.containing(today, "month")
    daily = daily_series(db, month.first, month.last, officer=officer)
    totals = compute(db, month.first, month.last, by="total", officer=officer)
    month_row = totals[0] if totals else KpiRow("total")
    by_procedure = compute(db, month.first, month.last, by="procedure", officer=officer)
    day_row = next(row for row in daily if row.group == today.isoformat())
    return Overview(
        today=today,
        month=month,
        day_row=day_row,
        month_row=month_row,
        daily=daily,
        scorecard=score_rows(month.label, month_row, by_procedure, config),
        day_tiles=tiles_for(day_row, config),
        month_tiles=tiles_for(month_row, config),
        by_procedure=by_procedure,
        by_officer=compute(db, month.first, month.last, by="officer") if by_officer else [],
    )
