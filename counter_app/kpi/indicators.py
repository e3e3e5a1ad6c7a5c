"""Indicator rows per group (day, month, procedure, officer, office) from the daily aggregates.

Rates are Decision 766 fractions (0–1) or None when the denominator is zero (nothing to
rate, which is not the same as 0 %). Intake times: median and p90 (nearest rank) over the
received dossiers of the group that have both ends of the intake.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, fields
from datetime import date, timedelta
from typing import Any

from counter_app.errors import KnownError
from counter_app.kpi.aggregate import refresh
from counter_app.kpi.dossier import APPLICANT_KINDS, COUNTERS
from counter_app.storage.db import Database

GROUPINGS = ("day", "month", "procedure", "officer", "office", "total")
_DAILY_GROUP = {
    "day": "day",
    "month": "substr(day, 1, 7)",
    "procedure": "procedure_code",
    "officer": "officer",
    "office": "office_code",
    "total": "'total'",
}
_DOSSIER_GROUP = {**_DAILY_GROUP, "day": "received_day", "month": "substr(received_day, 1, 7)"}

# indicator key -> (numerator, denominator, Decision 766 number or "")
RATES: dict[str, tuple[str, str, str]] = {
    "online": ("online", "received", "3.3"),
    "digitized": ("digitized", "received", ""),  # the counter's share; 4.2 itself is in kpi.score
    "reuse": ("reused", "received", "4.3"),
    "guided": ("guided", "walk_in", ""),
    "paid_online": ("paid_online", "fee_bearing", "3.6"),
    "on_time": ("on_time", "finished", "2.1"),
}


class KpiQueryError(KnownError):
    code = "kpi_query_invalid"


def _rate(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile: the smallest value with at least `share` of values at or below."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@dataclass
class KpiRow:
    group: str
    received: int = 0
    in_person: int = 0
    online: int = 0
    postal: int = 0
    walk_in: int = 0
    digitized: int = 0
    digitized_full: int = 0
    reused: int = 0
    fee_bearing: int = 0
    paid_online: int = 0
    guided: int = 0
    civil_servant: int = 0
    finished: int = 0
    on_time: int = 0
    full_online: int = 0
    partly_online: int = 0
    offered_full: int = 0
    synced: int = 0
    e_result: int = 0
    citizen_data: int = 0
    rated: int = 0
    satisfied: int = 0
    rating_skipped: int = 0
    applicant_individual: int = 0
    applicant_organisation: int = 0
    applicant_agency: int = 0
    applicant_foreigner: int = 0
    represented: int = 0
    median_intake_s: float | None = None
    p90_intake_s: float | None = None

    def rate(self, indicator: str) -> float | None:
        numerator, denominator, _ = RATES[indicator]
        return _rate(getattr(self, numerator), getattr(self, denominator))

    @property
    def online_rate(self) -> float | None:
        return self.rate("online")

    @property
    def digitized_rate(self) -> float | None:
        return self.rate("digitized")

    @property
    def reuse_rate(self) -> float | None:
        return self.rate("reuse")

    @property
    def guided_rate(self) -> float | None:
        return self.rate("guided")

    @property
    def paid_online_rate(self) -> float | None:
        return self.rate("paid_online")

    @property
    def on_time_rate(self) -> float | None:
        return self.rate("on_time")

    def as_dict(self) -> dict[str, Any]:
        """Every count and rate (report, dashboard tables)."""
        data: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        data.update({f"{key}_rate": self.rate(key) for key in RATES})
        return data

    @property
    def applicant_kinds(self) -> dict[str, int]:
        """Received dossiers per applicant kind (individual, organisation, agency, foreigner)."""
        return {kind: getattr(self, f"applicant_{kind}") for kind in APPLICANT_KINDS}

    def as_cli(self) -> dict[str, Any]:
        """Exactly the fields of `counter-app kpi` (cli.md), in that order."""
        return {
            "group": self.group,
            "received": self.received,
            "online": self.online,
            "online_rate": self.online_rate,
            "digitized": self.digitized,
            "digitized_rate": self.digitized_rate,
            "reused": self.reused,
            "reuse_rate": self.reuse_rate,
            "guided": self.guided,
            "guided_rate": self.guided_rate,
            "fee_bearing": self.fee_bearing,
            "paid_online": self.paid_online,
            "paid_online_rate": self.paid_online_rate,
            "finished": self.finished,
            "on_time": self.on_time,
            "on_time_rate": self.on_time_rate,
            "median_intake_s": self.median_intake_s,
        }


def compute(
    db: Database,
    start: date | None = None,
    end: date | None = None,
    by: str = "day",
    *,
    officer: str | None = None,
    office: str | None = None,
    procedure: str | None = None,
) -> list[KpiRow]:
    """Indicator rows for local days `start`..`end` (inclusive; None = unbounded), one per group.

    Catches the aggregates up with the log first, so the answer always covers every event.
    `officer` / `office` / `procedure` restrict the figures (an officer sees their own).
    """
    if by not in GROUPINGS:
        raise KpiQueryError(
            f"Không có cách nhóm «{by}».", f"Chọn một trong: {', '.join(GROUPINGS)}.", code="kpi_bad_grouping"
        )
    if start and end and start > end:
        raise KpiQueryError(
            "Ngày bắt đầu sau ngày kết thúc.", "Đổi lại --from và --to.", code="kpi_bad_range"
        )
    refresh(db)
    conn = db.connection()
    where, params = ["1"], []
    if officer is not None:
        where.append("officer = ?")
        params.append(officer)
    if office is not None:
        where.append("office_code = ?")
        params.append(office)
    if procedure is not None:
        where.append("procedure_code = ?")
        params.append(procedure)

    def _range(column: str) -> tuple[str, list[Any]]:
        clauses, values = list(where), list(params)
        if start:
            clauses.append(f"{column} >= ?")
            values.append(start.isoformat())
        if end:
            clauses.append(f"{column} <= ?")
            values.append(end.isoformat())
        return " AND ".join(clauses), values

    rows: dict[str, KpiRow] = {}
    clause, values = _range("day")
    sums = ", ".join(f"SUM({c})" for c in COUNTERS)
    sql = f"SELECT {_DAILY_GROUP[by]} AS g, {sums} FROM kpi_daily WHERE {clause} GROUP BY g"
    for row in conn.execute(sql, values):
        rows[row[0]] = KpiRow(row[0], *(int(v or 0) for v in row[1:]))

    clause, values = _range("received_day")
    intakes: dict[str, list[float]] = defaultdict(list)
    sql = (
        f"SELECT {_DOSSIER_GROUP[by]} AS g, intake_s FROM kpi_dossiers"
        f" WHERE received_day IS NOT NULL AND intake_s IS NOT NULL AND {clause}"
    )
    for row in conn.execute(sql, values):
        intakes[row[0]].append(row[1])
    for group, times in intakes.items():
        target = rows.setdefault(group, KpiRow(group))
        target.median_intake_s = statistics.median(times)
        target.p90_intake_s = percentile(times, 0.9)
    return [rows[g] for g in sorted(rows) if any(getattr(rows[g], c) for c in COUNTERS)]


def daily_series(db: Database, first: date, last: date, *, officer: str | None = None) -> list[KpiRow]:
    """One row per local day from `first` to `last`, days without dossiers included (charts)."""
    by_day = {row.group: row for row in compute(db, first, last, by="day", officer=officer)}
    days = []
    day = first
    while day <= last:
        days.append(by_day.get(day.isoformat(), KpiRow(day.isoformat())))
        day += timedelta(days=1)
    return days
