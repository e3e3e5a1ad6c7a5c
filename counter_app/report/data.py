"""What the report of a month or a quarter says, gathered once for both the workbook and the PDF.

Its figures come from the same core queries as the dashboard and `counter-app kpi --score`
(`kpi.compute` over the office-clock days of `kpi.periods`, points by `kpi.score_rows`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from common import clock
from counter_app import kpi
from counter_app.errors import KnownError
from counter_app.event_labels import applicant_kind_label
from counter_app.kpi import periods
from counter_app.kpi.targets import ConfigLike
from counter_app.storage.db import Database, utc_now


class ReportError(KnownError):
    code = "report_invalid"


# Indicator rows of the summary: (key, Decision 766 number, numerator label, denominator label).
SUMMARY_LABELS = {
    "online": ("hồ sơ tiếp nhận trực tuyến", "hồ sơ tiếp nhận"),
    "digitized": ("hồ sơ số hóa đủ thành phần", "hồ sơ tiếp nhận"),
    "reuse": ("hồ sơ có tái sử dụng kết quả số hóa", "hồ sơ tiếp nhận"),
    "guided": ("lượt trực tiếp được hướng dẫn nộp trực tuyến", "hồ sơ nộp trực tiếp"),
    "paid_online": ("hồ sơ nộp phí trực tuyến", "hồ sơ có phí, lệ phí"),
    "on_time": ("hồ sơ giải quyết đúng hạn", "hồ sơ đã giải quyết"),
}

# Column headers of the per-group tables: (KpiRow.as_dict key, Vietnamese header, is a rate).
TABLE_COLUMNS: tuple[tuple[str, str, bool], ...] = (
    ("received", "Tiếp nhận", False),
    ("in_person", "Trực tiếp", False),
    ("online", "Trực tuyến", False),
    ("postal", "Bưu chính", False),
    ("online_rate", "Tỉ lệ trực tuyến", True),
    ("digitized", "Số hóa", False),
    ("digitized_rate", "Tỉ lệ số hóa", True),
    ("reused", "Tái sử dụng", False),
    ("reuse_rate", "Tỉ lệ tái sử dụng", True),
    ("guided_rate", "Tỉ lệ hướng dẫn", True),
    ("fee_bearing", "Có phí", False),
    ("paid_online_rate", "Tỉ lệ TT trực tuyến", True),
    ("civil_servant", "Là CBCCVC", False),
    ("finished", "Đã giải quyết", False),
    ("on_time_rate", "Tỉ lệ đúng hạn", True),
    ("median_intake_s", "Trung vị tiếp nhận (phút)", False),
)


def applicant_split(row: kpi.KpiRow) -> list[tuple[str, int]]:
    """Received dossiers per applicant kind and those filed by a representative, as the report words them."""
    lines = [(applicant_kind_label(kind), count) for kind, count in row.applicant_kinds.items()]
    return [*lines, ("Nộp thay (người được ủy quyền, người giám hộ, nhân viên)", row.represented)]


@dataclass
class MonthlyReport:
    month: str  # the period as written: YYYY-MM or YYYY-Qn
    first: date
    last: date
    period_vi: str  # «Tháng 11/2026», «Quý 4/2026»
    scorecard: kpi.Scorecard
    office_code: str
    office_name: str
    generated_at: str
    total: kpi.KpiRow
    tiles: list[kpi.Tile]
    by_procedure: list[kpi.KpiRow]
    by_officer: list[kpi.KpiRow]
    officer_names: dict[str, str]
    procedure_names: dict[str, str]
    daily: list[kpi.KpiRow]  # every day of the period, zeros included
    steps: list[kpi.StepTime]

    @property
    def generated_local(self) -> str:
        """When the report was made, on the office clock (dd/mm/yyyy hh:mm)."""
        return clock.local(datetime.fromisoformat(self.generated_at)).strftime("%d/%m/%Y %H:%M")


def parse_period(text: str) -> periods.Period:
    """A month (YYYY-MM) or a quarter (YYYY-Qn)."""
    try:
        period = periods.parse(text)
    except periods.PeriodError:
        period = None
    if period is None or period.kind not in ("month", "quarter"):
        raise ReportError(
            f"Kỳ báo cáo không hợp lệ: «{text}».",
            "Nhập tháng dạng NNNN-TT (ví dụ 2026-11) hoặc quý dạng NNNN-Qn (ví dụ 2026-Q4).",
            code="report_bad_month",
        )
    return period


def _procedure_names() -> dict[str, str]:
    from counter_app.catalog import CatalogError, load_catalog

    try:
        return {p.code: p.name for p in load_catalog()}
    except CatalogError:
        return {}  # names are a nicety: codes are always shown


def gather(db: Database, config: ConfigLike, month: str) -> MonthlyReport:
    period = parse_period(month)
    first, last = period.first, period.last
    totals = kpi.compute(db, first, last, by="total")
    total = totals[0] if totals else kpi.KpiRow("total")
    daily = kpi.daily_series(db, first, last)
    officer_names: dict[str, str] = {
        row["username"]: row["full_name"]
        for row in db.connection().execute("SELECT username, full_name FROM officers")
    }
    office_code = str(config.get("office.code"))
    row = db.connection().execute("SELECT name FROM offices WHERE code = ?", (office_code,)).fetchone()
    office_name = row[0] if row else str(config.get("office.name"))
    by_procedure = kpi.compute(db, first, last, by="procedure")
    return MonthlyReport(
        month=period.label,
        first=first,
        last=last,
        period_vi=period.label_vi,
        scorecard=kpi.score_rows(period.label, total, by_procedure, config),
        office_code=office_code,
        office_name=office_name,
        generated_at=utc_now(),
        total=total,
        tiles=kpi.tiles_for(total, config),
        by_procedure=by_procedure,
        by_officer=kpi.compute(db, first, last, by="officer"),
        officer_names=officer_names,
        procedure_names=_procedure_names(),
        daily=daily,
        steps=kpi.step_times(db, first, last),
    )


def cell_value(row: kpi.KpiRow, key: str) -> float | int | None:
    value = row.as_dict()[key]
    if key == "median_intake_s" and value is not None:
        return round(value / 60, 1)
    return value
