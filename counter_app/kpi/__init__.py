"""KPI statistics from the local event log (Decision 766/QĐ-TTg; domain.md §6). No Qt here.

The API the dashboard and the report use:
- `compute(db, start, end, by) -> list[KpiRow]`: counts, rates and intake times per group;
- `tiles(db, config, today, period) -> list[Tile]`: rate, target, colour band and count;
- `daily_series(db, first, last) -> list[KpiRow]`: every day, zeros included (charts);
- `step_times(db, start, end) -> list[StepTime]`: median and p90 duration of each step;
- `summarize(events, start, end, by)`: the same rows from events in memory (a collector);
- `score(db, config, first, last) -> Scorecard`: Decision 766 points per indicator and group;
- `periods.parse("2026-Q4")` / `periods.containing(day, kind)`: the periods they all share;
- `refresh(db)` / `rebuild(db)`: the incremental daily aggregates behind both.
The rules that turn events into figures are written once, in `counter_app.kpi.dossier`.
"""

from counter_app.kpi.aggregate import rebuild, refresh
from counter_app.kpi.indicators import GROUPINGS, RATES, KpiQueryError, KpiRow, compute, daily_series
from counter_app.kpi.memory import summarize
from counter_app.kpi.periods import Period
from counter_app.kpi.score import INDICATORS, Scorecard, score, score_rows
from counter_app.kpi.steps import StepTime, step_times
from counter_app.kpi.targets import (
    BAND_COLOURS,
    BAND_NAMES_VI,
    INDICATOR_NAMES_VI,
    Tile,
    band,
    points,
    targets,
    tiles,
    tiles_for,
)

__all__ = [
    "BAND_COLOURS",
    "BAND_NAMES_VI",
    "GROUPINGS",
    "INDICATORS",
    "INDICATOR_NAMES_VI",
    "RATES",
    "KpiQueryError",
    "KpiRow",
    "Period",
    "Scorecard",
    "StepTime",
    "Tile",
    "band",
    "compute",
    "daily_series",
    "points",
    "rebuild",
    "refresh",
    "score",
    "score_rows",
    "step_times",
    "summarize",
    "targets",
    "tiles",
    "tiles_for",
]
