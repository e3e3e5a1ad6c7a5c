"""Decision 766/QĐ-TTg points: every indicator, group totals and the overall score.

Five groups (max points, domain.md §6): 1 transparency 18, 2 progress and results 20, 3 online
service 22, 4 digitisation 22, 5 satisfaction 18. Points per indicator: full at or above its
threshold, else rate × max ÷ threshold. The numbering and the split of each group's points
between its indicators follow this project's reading of the Decision's appendix and are
unconfirmed against its text; the group totals are the Decision's.

Computed here from the counter's own events (the rules in `counter_app.kpi.dossier`):
- 1.4 dossiers synced to the portal (`submitted`) over dossiers received;
- 2.1 finished on time over finished (time waiting on the citizen deducted; more than one
  supplement request makes a dossier late);
- 3.1 procedures offered toàn trình over procedures with dossiers received here;
- 3.3 online dossiers over received, fully online (toàn trình: channel 2, procedure offered
  toàn trình, result issued electronically) weighted by `kpi.online_full_weight` (1.4),
  partly online by 1, capped at 100 %;
- 3.5 procedures with an online payment over procedures with fee-bearing dossiers here;
- 3.6 fee-bearing dossiers paid online over fee-bearing dossiers;
- 4.1 finished dossiers with an e-result over finished dossiers;
- 4.2 finished dossiers with every provided component and the result file attached, over finished
  dossiers (domain.md §6; counted when finished, as only then can the result be there);
- 4.3 dossiers with a reused component over received;
- 4.4 citizens identified from the ID card's data (QR, MRZ, chip) over received;
- 5.1 satisfied ratings ("rất hài lòng", "hài lòng") over ratings given at the counter.

Needing data only the province has (shown as not computable, never as zero points):
- 1.1, 1.2, 1.3: publication of procedures and of dossiers on the national portal is the
  province's catalogue and the portal's synchronisation, not a counter's events;
- 3.2, 3.4: they count procedures with no dossier at this counter (every procedure the
  province offers online or with online payment);
- 4.5: digitising earlier results still valid is the archive's backlog, not an intake;
- 5.2, 5.3: ratings given on the portal and complaints (hotline 1022, portal feedback)
  reach the province, not the counter.

An indicator without anything to rate in the period (no dossier, no rating) has no rate and
no points: it is left out of `max_points_computable` rather than scored 0.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from counter_app.kpi.indicators import KpiRow, compute
from counter_app.kpi.targets import ConfigLike, points
from counter_app.storage.db import Database

GROUP_MAX = {1: 18, 2: 20, 3: 22, 4: 22, 5: 18}
GROUP_NAMES_VI = {
    1: "Công khai, minh bạch",
    2: "Tiến độ, kết quả giải quyết",
    3: "Cung cấp dịch vụ trực tuyến",
    4: "Số hóa hồ sơ",
    5: "Mức độ hài lòng",
}

# (row of the period, rows per procedure, config) -> (numerator, denominator)
Measure = Callable[[KpiRow, list[KpiRow], ConfigLike], tuple[float, float]]


def _counts(numerator: str, denominator: str) -> Measure:
    return lambda row, _procs, _config: (getattr(row, numerator), getattr(row, denominator))


def _procedures(numerator: str, denominator: str) -> Measure:
    def measure(_row: KpiRow, procs: list[KpiRow], _config: ConfigLike) -> tuple[float, float]:
        among = [p for p in procs if getattr(p, denominator)]
        return sum(1 for p in among if getattr(p, numerator)), len(among)

    return measure


def _online_weighted(row: KpiRow, _procs: list[KpiRow], config: ConfigLike) -> tuple[float, float]:
    weight = float(config.get("kpi.online_full_weight"))
    return min(float(row.received), weight * row.full_online + row.partly_online), row.received


@dataclass(frozen=True)
class Indicator:
    code: str
    group: int
    name_vi: str
    max_points: float
    measure: Measure | None  # None: needs data only the province has
    threshold: float | None = None  # the Decision's own; else the configured target
    target_key: str = ""


INDICATORS: tuple[Indicator, ...] = (
    Indicator("1.1", 1, "TTHC được công bố, công khai đúng hạn", 4, None),
    Indicator("1.2", 1, "TTHC công khai đầy đủ trên Cổng Dịch vụ công", 4, None),
    Indicator("1.3", 1, "Hồ sơ được công khai trạng thái trên Cổng Dịch vụ công", 4, None),
    Indicator("1.4", 1, "Hồ sơ được đồng bộ lên Cổng", 6, _counts("synced", "received"), None, "synced"),
    Indicator("2.1", 2, "Hồ sơ giải quyết đúng hạn", 20, _counts("on_time", "finished"), None, "on_time"),
    Indicator(
        "3.1",
        3,
        "Thủ tục cung cấp trực tuyến toàn trình",
        2,
        _procedures("offered_full", "received"),
        None,
        "full_online_procedures",
    ),
    Indicator("3.2", 3, "Thủ tục có phát sinh hồ sơ trực tuyến", 4, None),
    Indicator("3.3", 3, "Hồ sơ trực tuyến", 6, _online_weighted, 0.5),
    Indicator("3.4", 3, "Thủ tục cho phép thanh toán trực tuyến", 2, None),
    Indicator(
        "3.5",
        3,
        "Thủ tục có giao dịch thanh toán trực tuyến",
        3,
        _procedures("paid_online", "fee_bearing"),
        None,
        "paying_procedures",
    ),
    Indicator(
        "3.6", 3, "Thanh toán trực tuyến", 5, _counts("paid_online", "fee_bearing"), None, "paid_online"
    ),
    Indicator("4.1", 4, "Cấp kết quả điện tử", 4, _counts("e_result", "finished"), None, "e_result"),
    Indicator("4.2", 4, "Hồ sơ được số hóa", 8, _counts("digitized_full", "finished"), 0.8),
    Indicator("4.3", 4, "Tái sử dụng kết quả số hóa", 6, _counts("reused", "received"), 0.8),
    Indicator(
        "4.4",
        4,
        "Khai thác dữ liệu từ thẻ căn cước",
        2,
        _counts("citizen_data", "received"),
        None,
        "citizen_data",
    ),
    Indicator("4.5", 4, "Số hóa kết quả còn hiệu lực", 2, None),
    Indicator(
        "5.1",
        5,
        "Hài lòng khi tiếp nhận tại Bộ phận Một cửa",
        6,
        _counts("satisfied", "rated"),
        None,
        "satisfied",
    ),
    Indicator("5.2", 5, "Hài lòng với dịch vụ công trực tuyến", 6, None),
    Indicator("5.3", 5, "Phản ánh, kiến nghị được xử lý", 6, None),
)
INDICATORS_BY_CODE = {i.code: i for i in INDICATORS}


@dataclass(frozen=True)
class IndicatorScore:
    code: str
    group: int
    name: str
    numerator: float | None
    denominator: float | None
    rate: float | None
    threshold: float | None
    points: float | None
    max_points: float
    computable: bool

    def as_cli(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "rate": None if self.rate is None else round(self.rate, 4),
            "threshold": self.threshold,
            "points": None if self.points is None else round(self.points, 2),
            "max_points": self.max_points,
            "computable": self.computable,
        }


@dataclass(frozen=True)
class GroupScore:
    group: int
    name: str
    points: float
    max_points: float
    max_points_computable: float


@dataclass(frozen=True)
class Scorecard:
    period: str
    indicators: tuple[IndicatorScore, ...]
    groups: tuple[GroupScore, ...]
    total_points: float
    max_points_computable: float
    row: KpiRow  # the period's counts the indicators were measured from

    @property
    def max_points_province(self) -> float:
        """Points only the province can score (shown apart, never as 0)."""
        return sum(i.max_points for i in self.indicators if not i.computable)

    def indicator(self, code: str) -> IndicatorScore:
        return next(i for i in self.indicators if i.code == code)

    def as_cli(self) -> dict[str, Any]:
        """Exactly the object of `counter-app kpi --score` (cli.md)."""
        return {
            "period": self.period,
            "indicators": [i.as_cli() for i in self.indicators],
            "groups": [
                {"group": g.group, "points": round(g.points, 2), "max_points": g.max_points}
                for g in self.groups
            ],
            "total_points": round(self.total_points, 2),
            "max_points_computable": self.max_points_computable,
        }


def threshold_of(indicator: Indicator, config: ConfigLike) -> float | None:
    if indicator.threshold is not None:
        return indicator.threshold
    if indicator.target_key:
        return float(config.get(f"kpi.target_{indicator.target_key}"))
    return None


def score_rows(period: str, row: KpiRow, by_procedure: list[KpiRow], config: ConfigLike) -> Scorecard:
    """The scorecard from a period's counts (and the same counts per procedure, for 3.1 and 3.5)."""
    scores = []
    for ind in INDICATORS:
        threshold = threshold_of(ind, config)
        if ind.measure is None:
            scores.append(
                IndicatorScore(
                    ind.code, ind.group, ind.name_vi, None, None, None, None, None, ind.max_points, False
                )
            )
            continue
        numerator, denominator = ind.measure(row, by_procedure, config)
        rate = numerator / denominator if denominator else None
        earned = None if rate is None else points(rate, threshold or 0.0, ind.max_points)
        scores.append(
            IndicatorScore(
                ind.code,
                ind.group,
                ind.name_vi,
                numerator,
                denominator,
                rate,
                threshold,
                earned,
                ind.max_points,
                True,
            )
        )
    groups = []
    for group, maximum in GROUP_MAX.items():
        mine = [s for s in scores if s.group == group and s.points is not None]
        groups.append(
            GroupScore(
                group,
                GROUP_NAMES_VI[group],
                sum(s.points or 0.0 for s in mine),
                maximum,
                sum(s.max_points for s in mine),
            )
        )
    return Scorecard(
        period,
        tuple(scores),
        tuple(groups),
        sum(g.points for g in groups),
        sum(g.max_points_computable for g in groups),
        row,
    )


def score(
    db: Database,
    config: ConfigLike,
    start: date,
    end: date,
    *,
    period: str = "",
    officer: str | None = None,
    office: str | None = None,
    procedure: str | None = None,
) -> Scorecard:
    """The scorecard for local days `start`..`end`, optionally for one officer, office or procedure."""
    filters = {"officer": officer, "office": office, "procedure": procedure}
    total = compute(db, start, end, by="total", **filters)
    by_procedure = compute(db, start, end, by="procedure", **filters)
    label = period or f"{start.isoformat()}/{end.isoformat()}"
    return score_rows(label, total[0] if total else KpiRow("total"), by_procedure, config)
