"""The monthly report as an Excel workbook (openpyxl): summary, per procedure, per officer, daily."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from common.atomic import atomic_write_bytes
from counter_app.kpi import BAND_COLOURS, BAND_NAMES_VI, RATES, KpiRow
from counter_app.report.data import SUMMARY_LABELS, TABLE_COLUMNS, MonthlyReport, applicant_split, cell_value

BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")
PERCENT = "0.0%"


def _header(ws: Worksheet, row: int, titles: list[str]) -> None:
    for col, title in enumerate(titles, start=1):
        cell = ws.cell(row=row, column=col, value=title)
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def _widths(ws: Worksheet, widths: list[int]) -> None:
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def _summary(ws: Worksheet, report: MonthlyReport) -> None:
    ws.title = "Tổng hợp"
    ws["A1"] = f"BÁO CÁO CHỈ SỐ BỘ PHẬN MỘT CỬA — {report.period_vi.upper()}"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = f"Đơn vị: {report.office_name} ({report.office_code})"
    ws["A3"] = (
        f"Kỳ báo cáo: {report.first:%d/%m/%Y} – {report.last:%d/%m/%Y}; lập lúc {report.generated_local}"
    )
    ws["A4"] = "Cách tính theo Quyết định 766/QĐ-TTg; số liệu lấy từ nhật ký sự kiện của máy tiếp nhận."
    _header(
        ws,
        6,
        [
            "Chỉ số",
            "Mã 766",
            "Tử số",
            "Mẫu số",
            "Tỉ lệ",
            "Chỉ tiêu",
            "Mức",
            "Tỉ lệ điểm 766",
            "Tử số là",
            "Mẫu số là",
        ],
    )
    for offset, tile in enumerate(report.tiles):
        r = 7 + offset
        numerator_label, denominator_label = SUMMARY_LABELS[tile.key]
        values = [
            tile.name_vi,
            RATES[tile.key][2] or "—",
            tile.count,
            tile.denominator,
            tile.rate,
            tile.target,
            BAND_NAMES_VI[tile.band],
            tile.points_share if tile.rate is not None else None,
            numerator_label,
            denominator_label,
        ]
        for col, value in enumerate(values, start=1):
            ws.cell(row=r, column=col, value=value)
        for col in (5, 6, 8):
            ws.cell(row=r, column=col).number_format = PERCENT
        band_cell = ws.cell(row=r, column=7)
        band_cell.fill = PatternFill("solid", fgColor=BAND_COLOURS[tile.band])
        band_cell.font = Font(bold=True, color="FFFFFF")
    r = 8 + len(report.tiles)
    total = report.total
    facts = [
        ("Hồ sơ tiếp nhận", total.received),
        ("— trực tiếp (kênh 1)", total.in_person),
        ("— trực tuyến (kênh 2)", total.online),
        ("— bưu chính công ích (kênh 3)", total.postal),
        ("Người nộp là cán bộ, công chức, viên chức", total.civil_servant),
        *((f"— người nộp: {label}", count) for label, count in applicant_split(total)),
        ("Hồ sơ đã giải quyết", total.finished),
        ("Thời gian tiếp nhận trung vị (phút)", cell_value(total, "median_intake_s")),
        ("Thời gian tiếp nhận P90 (phút)", round(total.p90_intake_s / 60, 1) if total.p90_intake_s else None),
    ]
    for offset, (label, value) in enumerate(facts):
        ws.cell(row=r + offset, column=1, value=label)
        ws.cell(row=r + offset, column=3, value=value)
    _widths(ws, [34, 8, 9, 9, 9, 9, 16, 13, 40, 26])


def _table(ws: Worksheet, title: str, first_header: str, rows: list[KpiRow], names: dict[str, str]) -> None:
    ws.title = title
    extra_name = bool(names)
    headers = [first_header] + (["Tên"] if extra_name else []) + [h for _, h, _ in TABLE_COLUMNS]
    _header(ws, 1, headers)
    for r, row in enumerate(rows, start=2):
        values: list[object] = [row.group]
        if extra_name:
            values.append(names.get(row.group, ""))
        values.extend(cell_value(row, key) for key, _, _ in TABLE_COLUMNS)
        for col, value in enumerate(values, start=1):
            ws.cell(row=r, column=col, value=value)
        first_data = 2 + int(extra_name)
        for offset, (_, _, is_rate) in enumerate(TABLE_COLUMNS):
            if is_rate:
                ws.cell(row=r, column=first_data + offset).number_format = PERCENT
    ws.freeze_panes = ws.cell(row=2, column=2 + int(extra_name))
    _widths(ws, [14] + ([44] if extra_name else []) + [11] * len(TABLE_COLUMNS))


def _daily_chart(ws: Worksheet, days: int) -> None:
    chart = BarChart()
    chart.title = "Hồ sơ tiếp nhận và trực tuyến theo ngày"
    chart.y_axis.title = "Hồ sơ"
    received_col = 2 + [k for k, _, _ in TABLE_COLUMNS].index("received")
    online_col = 2 + [k for k, _, _ in TABLE_COLUMNS].index("online")
    for col in (received_col, online_col):
        chart.add_data(Reference(ws, min_col=col, min_row=1, max_row=days + 1), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=days + 1))
    chart.width, chart.height = 28, 10
    ws.add_chart(chart, f"A{days + 4}")


def _steps(ws: Worksheet, report: MonthlyReport) -> None:
    ws.title = "Thời gian các bước"
    _header(ws, 1, ["Bước", "Số lần", "Trung vị (giây)", "P90 (giây)"])
    for r, step in enumerate(report.steps, start=2):
        values = [step.name_vi, step.count, step.median_ms / 1000, step.p90_ms / 1000]
        for col, value in enumerate(values, start=1):
            ws.cell(row=r, column=col, value=value)
    _widths(ws, [40, 10, 16, 12])


def _score(ws: Worksheet, report: MonthlyReport) -> None:
    """Decision 766 points per indicator and group; the province's indicators said as such."""
    card = report.scorecard
    ws.title = "Điểm 766"
    ws["A1"] = f"Điểm theo Quyết định 766/QĐ-TTg — {report.period_vi}"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = (
        f"Tổng: {card.total_points:.2f} / {card.max_points_computable} điểm tính được tại quầy; "
        f"{card.max_points_province} điểm do tỉnh chấm (không tính ở đây)."
    )
    _header(ws, 4, ["Mã", "Chỉ số", "Tử số", "Mẫu số", "Tỉ lệ", "Ngưỡng", "Điểm", "Tối đa", "Ghi chú"])
    r = 5
    for group in card.groups:
        for col, value in enumerate(
            [str(group.group), group.name, None, None, None, None, group.points, group.max_points], 1
        ):
            ws.cell(row=r, column=col, value=value).font = Font(bold=True)
        r += 1
        for ind in (i for i in card.indicators if i.group == group.group):
            note = "" if ind.computable else "Do tỉnh chấm: cần số liệu chỉ tỉnh có"
            if ind.computable and ind.rate is None:
                note = "Chưa có số liệu trong kỳ"
            values = [
                ind.code,
                ind.name,
                ind.numerator,
                ind.denominator,
                ind.rate,
                ind.threshold,
                ind.points,
                ind.max_points,
                note,
            ]
            for col, value in enumerate(values, start=1):
                ws.cell(row=r, column=col, value=value)
            for col in (5, 6):
                ws.cell(row=r, column=col).number_format = PERCENT
            ws.cell(row=r, column=7).number_format = "0.00"
            r += 1
    ws.cell(row=r, column=2, value="Tổng điểm tính được tại quầy").font = Font(bold=True)
    ws.cell(row=r, column=7, value=card.total_points).number_format = "0.00"
    ws.cell(row=r, column=8, value=card.max_points_computable)
    _widths(ws, [6, 48, 9, 9, 9, 9, 9, 8, 38])


def write_xlsx(report: MonthlyReport, out: Path) -> Path:
    wb = Workbook()
    _summary(wb.active, report)
    _score(wb.create_sheet(), report)
    _table(wb.create_sheet(), "Theo thủ tục", "Mã thủ tục", report.by_procedure, report.procedure_names)
    _table(wb.create_sheet(), "Theo cán bộ", "Cán bộ", report.by_officer, report.officer_names)
    daily = wb.create_sheet()
    _table(daily, "Theo ngày", "Ngày", report.daily, {})
    _daily_chart(daily, len(report.daily))
    _steps(wb.create_sheet(), report)

    buffer = BytesIO()
    wb.save(buffer)
    atomic_write_bytes(out, buffer.getvalue())
    return out
