"""The monthly report (due by the 25th): an Excel workbook or a PDF, in Vietnamese.

`build_report(db, config, "YYYY-MM", out)` writes `.xlsx` (openpyxl: indicator table,
per-procedure, per-officer and daily sheets with a chart) or `.pdf` (fpdf2: the same with
drawn charts), chosen by the file's suffix.
"""

from __future__ import annotations

from pathlib import Path

from counter_app.kpi.targets import ConfigLike
from counter_app.report.data import MonthlyReport, ReportError, gather
from counter_app.storage.db import Database

FORMATS = (".xlsx", ".pdf")


def build_report(db: Database, config: ConfigLike, month: str, out: Path) -> Path:
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise ReportError(
            f"Không hỗ trợ định dạng báo cáo «{out.suffix or out.name}».",
            "Đặt tên tệp kết thúc bằng .xlsx (Excel) hoặc .pdf.",
            code="report_bad_format",
        )
    report = gather(db, config, month)
    if suffix == ".xlsx":
        from counter_app.report.xlsx import write_xlsx

        return write_xlsx(report, out)
    from counter_app.report.pdf import write_pdf

    return write_pdf(report, out)


__all__ = ["FORMATS", "MonthlyReport", "ReportError", "build_report", "gather"]
