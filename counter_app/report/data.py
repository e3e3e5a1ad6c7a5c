"""What the monthly report says, gathered once for both the workbook and the PDF."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from counter_app import kpi
from counter_app.errors import KnownError
from counter_app.kpi.targets import ConfigLike
from counter_app.storage.db import Database, utc_now


class ReportError(KnownError):
    code = "report_invalid"


# Indicator rows of the summary: (key, Decision 766 number, numerator label, denominator label).
SUMMARY_LABELS = {
    "online": ("hồ sơ tiếp nhận trực tuyến", "hồ sơ tiếp nhận"),
    "digitized": ("hồ sơ số hóa đủ thành phần và kết quả", "hồ sơ tiếp nhận"),
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


@dataclass
class MonthlyReport:
    month: str  # YYYY-MM
    first: date
    last: date
    office_code: str
    office_name: str
    generated_at: str
    total: kpi.KpiRow
    tiles: list[kpi.Tile]
    by_procedure: list[kpi.KpiRow]
    by_officer: list[kpi.KpiRow]
    officer_names: dict[str, str]
    procedure_names: dict[str, str]
    daily: list[kpi.KpiRow]  # every day of the month, zeros included
    steps: list[kpi.StepTime]


def parse_month(text: str) -> tuple[date, date]:
    try:
        year, month = (int(part) for part in text.split("-"))
        first = date(year, month, 1)
    except ValueError:
        raise ReportError(
            f"Tháng không hợp lệ: «{text}».",
            "Nhập tháng dạng NNNN-TT, ví dụ 2026-11.",
            code="report_bad_month",
        ) from None
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def _procedure_names() -> dict[str, str]:
    from counter_app.catalog import CatalogError, load_catalog

    try:
        return {p.code: p.name for p in load_catalog()}
    except CatalogError:
        return {}  # names are a nicety: codes are always shown


def gather(db: Database, config: ConfigLike, month: str) -> MonthlyReport:
    first, last = parse_month(month)
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
    return MonthlyReport(
        month=month,
        first=first,
        last=last,
        office_code=office_code,
        office_name=office_name,
        generated_at=utc_now(),
        total=total,
        tiles=kpi.tiles_for(total, config),
        by_procedure=kpi.compute(db, first, last, by="procedure"),
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
