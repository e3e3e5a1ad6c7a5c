"""The monthly report as a PDF (fpdf2): the indicator table with colours, charts, per-group tables.

Charts are drawn with plain rectangles and lines, so nothing beyond fpdf2 is needed. The
text uses an embedded TrueType font with Vietnamese glyphs (the standard PDF fonts have none).
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from common.atomic import atomic_write_bytes
from counter_app.kpi import BAND_COLOURS, BAND_NAMES_VI, RATES, KpiRow, Scorecard, Tile
from counter_app.report.data import MonthlyReport, ReportError, applicant_split

_RESOURCE_FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"
FONT_CANDIDATES: tuple[tuple[Path, Path], ...] = (
    (_RESOURCE_FONTS / "NotoSans-Regular.ttf", _RESOURCE_FONTS / "NotoSans-Bold.ttf"),
    (_RESOURCE_FONTS / "DejaVuSans.ttf", _RESOURCE_FONTS / "DejaVuSans-Bold.ttf"),
    (
        Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"),
        Path("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"),
    ),
    (
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ),
    (Path(r"C:\Windows\Fonts\arial.ttf"), Path(r"C:\Windows\Fonts\arialbd.ttf")),
)
# Columns of the per-group tables in the PDF (a landscape page holds about this many).
PDF_COLUMNS: tuple[tuple[str, str, bool], ...] = (
    ("received", "Tiếp nhận", False),
    ("online_rate", "Trực tuyến", True),
    ("digitized_rate", "Số hóa", True),
    ("reuse_rate", "Tái sử dụng", True),
    ("guided_rate", "Hướng dẫn", True),
    ("paid_online_rate", "TT trực tuyến", True),
    ("finished", "Đã giải quyết", False),
    ("on_time_rate", "Đúng hạn", True),
    ("median_intake_s", "Tiếp nhận (phút)", False),
)


def find_fonts() -> tuple[Path, Path]:
    for regular, bold in FONT_CANDIDATES:
        if regular.is_file():
            return regular, bold if bold.is_file() else regular
    raise ReportError(
        "Không tìm thấy phông chữ tiếng Việt để tạo báo cáo PDF.",
        "Cài phông Noto Sans hoặc DejaVu Sans, hoặc chép NotoSans-Regular.ttf vào thư mục resources/fonts.",
        code="report_no_font",
    )


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[0:2], 16), int(hex_colour[2:4], 16), int(hex_colour[4:6], 16)


def _points(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f} %"


def _value(row: KpiRow, key: str, is_rate: bool) -> str:
    value = row.as_dict()[key]
    if is_rate:
        return _pct(value)
    if key == "median_intake_s":
        return "—" if value is None else f"{value / 60:.1f}"
    return str(value)


class _Report(FPDF):
    def __init__(self, report: MonthlyReport) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.report = report
        regular, bold = find_fonts()
        self.add_font("Body", "", str(regular))
        self.add_font("Body", "B", str(bold))
        self.set_auto_page_break(auto=True, margin=12)
        self.set_title(f"Báo cáo chỉ số Một cửa — {report.period_vi}")
        self.set_creator("Một Cửa Số")

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font("Body", "", 8)
        self.set_text_color(100, 100, 100)
        self.cell(
            0,
            5,
            f"{self.report.office_name} — {self.report.period_vi} — trang {self.page_no()}",
            align="R",
        )
        self.set_text_color(0, 0, 0)

    def heading(self, text: str, size: int = 12) -> None:
        self.set_font("Body", "B", size)
        self.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
        self.set_font("Body", "", 9)

    def indicator_table(self, tiles: list[Tile]) -> None:
        widths = (70, 16, 20, 20, 22, 22, 30, 26)
        titles = ("Chỉ số", "Mã 766", "Tử số", "Mẫu số", "Tỉ lệ", "Chỉ tiêu", "Mức", "Tỉ lệ điểm")
        self.set_font("Body", "B", 9)
        self.set_fill_color(221, 229, 240)
        for width, title in zip(widths, titles, strict=True):
            self.cell(width, 7, title, border=1, fill=True, align="C")
        self.ln()
        self.set_font("Body", "", 9)
        for tile in tiles:
            cells = (
                tile.name_vi,
                RATES[tile.key][2] or "—",
                str(tile.count),
                str(tile.denominator),
                _pct(tile.rate),
                _pct(tile.target),
                BAND_NAMES_VI[tile.band],
                _pct(tile.points_share) if tile.rate is not None else "—",
            )
            for index, (width, text) in enumerate(zip(widths, cells, strict=True)):
                if index == 6:
                    self.set_fill_color(*_rgb(BAND_COLOURS[tile.band]))
                    self.set_text_color(255, 255, 255)
                    self.cell(width, 7, text, border=1, fill=True, align="C")
                    self.set_text_color(0, 0, 0)
                else:
                    self.cell(width, 7, text, border=1, align="L" if index == 0 else "R")
            self.ln()

    def score_table(self, card: Scorecard) -> None:
        """Decision 766 points per indicator and group; the province's indicators said as such."""
        self.heading(
            f"Điểm theo Quyết định 766: {_points(card.total_points)} / {card.max_points_computable} điểm"
            f" tính được tại quầy ({card.max_points_province} điểm do tỉnh chấm, không tính ở đây)"
        )
        widths, titles = (12, 110, 40, 22, 22, 40), ("Mã", "Chỉ số", "Đạt / tổng", "Tỉ lệ", "Ngưỡng", "Điểm")
        self.set_font("Body", "B", 8)
        self.set_fill_color(221, 229, 240)
        for width, title in zip(widths, titles, strict=True):
            self.cell(width, 6, title, border=1, fill=True, align="C")
        self.ln()
        for group in card.groups:
            self.set_font("Body", "B", 8)
            cells = (
                str(group.group),
                group.name,
                "",
                "",
                "",
                f"{_points(group.points)} / {group.max_points}",
            )
            for index, (width, text) in enumerate(zip(widths, cells, strict=True)):
                self.cell(width, 6, text, border=1, align="L" if index < 2 else "R")
            self.ln()
            self.set_font("Body", "", 8)
            for ind in (i for i in card.indicators if i.group == group.group):
                if not ind.computable:
                    cells = (ind.code, ind.name, "", "", "", f"do tỉnh chấm (tối đa {ind.max_points})")
                elif ind.rate is None:
                    cells = (ind.code, ind.name, "0 / 0", "—", _pct(ind.threshold), "chưa có số liệu")
                else:
                    cells = (
                        ind.code,
                        ind.name,
                        f"{_points(float(ind.numerator or 0))} / {ind.denominator:g}",
                        _pct(ind.rate),
                        _pct(ind.threshold),
                        f"{_points(ind.points or 0.0)} / {ind.max_points}",
                    )
                for index, (width, text) in enumerate(zip(widths, cells, strict=True)):
                    self.cell(width, 5.5, text, border=1, align="L" if index < 2 else "R")
                self.ln()

    def rate_chart(self, tiles: list[Tile]) -> None:
        """Horizontal bars: each rate in its band colour, the target as a black mark."""
        x0, width, bar = self.l_margin + 70, 150, 6
        for tile in tiles:
            y = self.get_y()
            self.cell(70, bar, tile.name_vi)
            self.set_draw_color(180, 180, 180)
            self.rect(x0, y, width, bar)
            if tile.rate is not None:
                self.set_fill_color(*_rgb(BAND_COLOURS[tile.band]))
                self.rect(x0, y, width * min(1.0, tile.rate), bar, style="F")
            self.set_draw_color(0, 0, 0)
            self.set_line_width(0.6)
            tx = x0 + width * min(1.0, tile.target)
            self.line(tx, y - 1, tx, y + bar + 1)
            self.set_line_width(0.2)
            self.set_x(x0 + width + 3)
            self.cell(40, bar, f"{_pct(tile.rate)} / chỉ tiêu {_pct(tile.target)}")
            self.ln(bar + 2)

    def daily_chart(self, days: list[KpiRow]) -> None:
        """Grouped bars per day: received (grey) and filed online (blue)."""
        left, height = self.l_margin + 10, 55
        top = self.get_y() + 2
        span = self.w - self.r_margin - left
        step = span / max(1, len(days))
        peak = max([d.received for d in days] + [1])
        self.set_draw_color(0, 0, 0)
        self.line(left, top + height, left + span, top + height)
        self.set_font("Body", "", 6)
        for i, day in enumerate(days):
            x = left + i * step
            for j, (value, colour) in enumerate(
                ((day.received, (158, 158, 158)), (day.online, (21, 101, 192)))
            ):
                h = height * value / peak
                self.set_fill_color(*colour)
                self.rect(x + 0.5 + j * (step - 1) / 2, top + height - h, (step - 1) / 2, h, style="F")
            self.text(x + 0.5, top + height + 3, day.group[8:10])
        self.text(self.l_margin, top + 3, str(peak))
        self.text(self.l_margin, top + height, "0")
        self.set_y(top + height + 6)
        self.set_font("Body", "", 8)
        self.set_fill_color(158, 158, 158)
        self.rect(left, self.get_y() + 1, 3, 3, style="F")
        self.set_x(left + 4)
        self.cell(30, 5, "Tiếp nhận")
        self.set_fill_color(21, 101, 192)
        self.rect(self.get_x(), self.get_y() + 1, 3, 3, style="F")
        self.set_x(self.get_x() + 4)
        self.cell(40, 5, "Nộp trực tuyến", new_x="LMARGIN", new_y="NEXT")
        self.set_font("Body", "", 9)

    def rate_line(self, days: list[KpiRow], target: float) -> None:
        """The daily online rate as a line against the target (dashed); days without dossiers skipped."""
        left, height = self.l_margin + 10, 40
        top = self.get_y() + 2
        span = self.w - self.r_margin - left
        step = span / max(1, len(days))
        self.set_draw_color(0, 0, 0)
        self.line(left, top + height, left + span, top + height)
        self.set_font("Body", "", 6)
        self.text(self.l_margin, top + 3, "100 %")
        self.text(self.l_margin, top + height, "0 %")
        self.set_dash_pattern(dash=1.5, gap=1.5)
        self.set_draw_color(198, 40, 40)
        y_target = top + height * (1 - min(1.0, target))
        self.line(left, y_target, left + span, y_target)
        self.set_dash_pattern()
        points = [
            (left + (i + 0.5) * step, top + height * (1 - day.online_rate))
            for i, day in enumerate(days)
            if day.online_rate is not None
        ]
        self.set_draw_color(21, 101, 192)
        self.set_fill_color(21, 101, 192)
        self.set_line_width(0.5)
        if len(points) > 1:
            self.polyline(points)
        for x, y in points:
            self.ellipse(x - 0.6, y - 0.6, 1.2, 1.2, style="F")
        self.set_line_width(0.2)
        self.set_y(top + height + 3)
        self.set_font("Body", "", 8)
        self.cell(
            0,
            5,
            f"Xanh dương: tỉ lệ trực tuyến theo ngày; đỏ gạch: chỉ tiêu {_pct(target)}.",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        self.set_font("Body", "", 9)

    def group_table(self, title: str, rows: list[KpiRow], names: dict[str, str]) -> None:
        if self.get_y() + 8 + 7 + 6 * min(len(rows), 3) > self.h - self.b_margin:
            self.add_page()  # keep the heading with its first rows
        self.heading(title)
        first, name_w, col_w = 24, 70, (self.w - self.l_margin - self.r_margin - 94) / len(PDF_COLUMNS)
        self.set_font("Body", "B", 8)
        self.set_fill_color(221, 229, 240)
        self.cell(first, 7, "Mã", border=1, fill=True)
        self.cell(name_w, 7, "Tên", border=1, fill=True)
        for _, header, _ in PDF_COLUMNS:
            self.cell(col_w, 7, header, border=1, fill=True, align="C")
        self.ln()
        self.set_font("Body", "", 8)
        for row in rows:
            name = names.get(row.group, "")
            while name and self.get_string_width(name) > name_w - 2:
                name = name[:-2] + "…"
            self.cell(first, 6, row.group, border=1)
            self.cell(name_w, 6, name, border=1)
            for key, _, is_rate in PDF_COLUMNS:
                self.cell(col_w, 6, _value(row, key, is_rate), border=1, align="R")
            self.ln()
        if not rows:
            self.cell(0, 6, "Không có hồ sơ trong kỳ.", new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def step_table(self, report: MonthlyReport) -> None:
        self.heading("Thời gian các bước tiếp nhận")
        widths, titles = (70, 30, 40, 40), ("Bước", "Số lần", "Trung vị (giây)", "P90 (giây)")
        self.set_font("Body", "B", 8)
        self.set_fill_color(221, 229, 240)
        for width, title in zip(widths, titles, strict=True):
            self.cell(width, 7, title, border=1, fill=True, align="C")
        self.ln()
        self.set_font("Body", "", 8)
        for step in report.steps:
            cells = (
                step.name_vi,
                str(step.count),
                f"{step.median_ms / 1000:.1f}",
                f"{step.p90_ms / 1000:.1f}",
            )
            for index, (width, text) in enumerate(zip(widths, cells, strict=True)):
                self.cell(width, 6, text, border=1, align="L" if index == 0 else "R")
            self.ln()
        if not report.steps:
            self.cell(0, 6, "Chưa có bước nào được đo trong kỳ.", new_x="LMARGIN", new_y="NEXT")


def write_pdf(report: MonthlyReport, out: Path) -> Path:
    pdf = _Report(report)
    pdf.add_page()
    pdf.heading(f"BÁO CÁO CHỈ SỐ BỘ PHẬN MỘT CỬA — {report.period_vi.upper()}", 15)
    pdf.cell(0, 5, f"Đơn vị: {report.office_name} ({report.office_code})", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(
        0,
        5,
        f"Kỳ báo cáo: {report.first:%d/%m/%Y} – {report.last:%d/%m/%Y}. Cách tính theo Quyết định 766/QĐ-TTg."
        f" Lập lúc {report.generated_local}.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    total = report.total
    pdf.cell(
        0,
        5,
        f"Tiếp nhận {total.received} hồ sơ: trực tiếp {total.in_person}, trực tuyến {total.online}, "
        f"bưu chính {total.postal}; đã giải quyết {total.finished}.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    split = "; ".join(f"{label.lower()} {count}" for label, count in applicant_split(total))
    pdf.multi_cell(0, 5, f"Theo người nộp hồ sơ: {split}.", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.indicator_table(report.tiles)
    pdf.ln(4)
    pdf.heading("Tỉ lệ so với chỉ tiêu")
    pdf.rate_chart(report.tiles)
    pdf.add_page()
    pdf.score_table(report.scorecard)
    pdf.add_page()
    pdf.heading("Hồ sơ theo ngày")
    pdf.daily_chart(report.daily)
    pdf.ln(2)
    pdf.heading("Tỉ lệ hồ sơ trực tuyến theo ngày")
    pdf.rate_line(report.daily, next(t.target for t in report.tiles if t.key == "online"))
    pdf.ln(2)
    pdf.group_table("Theo thủ tục hành chính", report.by_procedure, report.procedure_names)
    pdf.group_table("Theo cán bộ tiếp nhận", report.by_officer, report.officer_names)
    pdf.step_table(report)
    atomic_write_bytes(out, bytes(pdf.output()))
    return out
