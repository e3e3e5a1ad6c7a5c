"""What every counter form shares (Thông tư 03/2025/TT-VPCP Annex I): the page sizes, the
typeface, the header (governing body and office left, national motto and "‹place›, ngày …
tháng … năm …" right, the tracking QR code at the top left), titles, labelled lines, tables,
signature blocks and the marks for a reprint, a provisional form and training mode.

Sizes: A4, A5 and an 80 mm thermal roll, whose page height is fitted to the content (each
copy is drawn once on a long roll to measure it, then again on a page cut to fit)."""

from __future__ import annotations

import functools
import io
import threading
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date, datetime

import qrcode
from fpdf import FPDF

from common import clock
from counter_app.forms.fonts import FAMILY, find_fonts
from counter_app.forms.model import FormData, qr_payload
from counter_app.receipt_labels import ISSUING_SYSTEM, LAYOUTS

SIZES = {"a4": "A4", "a5": "A5", "80mm": "thermal80"}  # the CLI's names → layouts
_ROLL = 600.0  # mm: long enough to measure any copy on


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đồng"


def long_date(day: date | datetime) -> str:
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def moment(at: datetime) -> str:
    """The forms' "… giờ … phút, ngày … tháng … năm …"."""
    return f"{at.hour:02d} giờ {at.minute:02d} phút, {long_date(at)}"


class FormPdf(FPDF):
    def __init__(self, layout: str) -> None:
        if layout not in LAYOUTS:
            raise ValueError(f"unknown form layout {layout!r}")
        if layout == "thermal80":
            super().__init__(unit="mm", format=(80, _ROLL))
            self.set_margins(4, 4, 4)
            self.base = 8.5
        else:
            # A5 given in millimetres: fpdf2 warns on its named A5 (dimensions changed in 2.8.5).
            super().__init__(unit="mm", format=(148, 210) if layout == "A5" else layout)
            self.set_margins(20 if layout == "A4" else 12, 10, 15 if layout == "A4" else 10)
            self.base = 12.5 if layout == "A4" else 9
        self.layout = layout
        self.thermal = layout == "thermal80"
        self.set_auto_page_break(not self.thermal, margin=10 if layout == "A4" else 7)
        fonts = find_fonts()
        for style, path in fonts.items():
            self.add_font(FAMILY, style, str(path))
        self._styles = set(fonts)

    @property
    def width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    def new_copy(self, height: float | None = None) -> None:
        self.add_page(format=(80, height or _ROLL) if self.thermal else None)

    def font(self, style: str = "", scale: float = 1.0) -> None:
        self.set_font(FAMILY, style if style in self._styles else "", self.base * scale)

    def line_h(self, scale: float = 1.0) -> float:
        return self.base * scale * 0.48

    def text_line(
        self, text: str, style: str = "", align: str = "L", scale: float = 1.0, w: float = 0
    ) -> None:
        self.font(style, scale)
        self.multi_cell(w, self.line_h(scale), nfc(text), align=align, new_x="LMARGIN", new_y="NEXT")

    def labelled(self, label: str, value: str, scale: float = 1.0) -> None:
        """A bold label followed by its value, wrapped as one paragraph."""
        self.font("", scale)
        value = value.replace("**", "*\u200b*")  # a value never switches bold on or off
        self.multi_cell(
            0, self.line_h(scale), nfc(f"**{label}** {value}"), markdown=True, new_x="LMARGIN", new_y="NEXT"
        )

    def rule(self, x: float, w: float) -> None:
        """The short line under the header's blocks."""
        y = self.get_y() + 0.3
        self.set_line_width(0.25)
        self.line(x + w * 0.3, y, x + w * 0.7, y)
        self.set_y(y + 1.2)


_spares: dict[str, FormPdf] = {}
_spares_lock = threading.Lock()


def prepare(layout: str = "A4") -> None:
    """Load the fonts into a blank form ahead of time, for the next form of this layout to fill
    in (parsing the TrueType files is a fifth of a receipt's time)."""
    spare = FormPdf(layout)
    with _spares_lock:
        _spares.setdefault(layout, spare)


def _new_pdf(layout: str) -> FormPdf:
    with _spares_lock:
        spare = _spares.pop(layout, None)
    if spare is not None:
        spare.set_creation_date(clock.utc_now())  # dated when filled in, not prepared
        return spare
    return FormPdf(layout)


@functools.lru_cache(maxsize=16)
def qr_png(text: str) -> bytes:
    """The QR code as PNG; kept for the roll's second pass and a reprint of the same form
    (choosing the mask pattern is pure Python and slow)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2, box_size=8)
    code.add_data(text.encode("utf-8"))
    code.make(fit=True)
    buf = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(buf, format="PNG")
    return buf.getvalue()


def header(pdf: FormPdf, data: FormData, document_name: str, number: str = "", copy_label: str = "") -> None:
    """QR, governing body and office, motto and the place-and-date line; `number` is the
    form's "Số: …" under the office, `copy_label` the copy ("Liên 1: …") at the top right."""
    qr_size = {"A4": 24.0, "A5": 20.0, "thermal80": 20.0}[pdf.layout]
    top = pdf.t_margin
    pdf.image(
        io.BytesIO(qr_png(qr_payload(data, document_name))), x=pdf.l_margin, y=top, w=qr_size, h=qr_size
    )
    place_date = f"{data.place}, {long_date(data.dated)}"
    if pdf.thermal:
        x, w = pdf.l_margin + qr_size + 2, pdf.width - qr_size - 2
        pdf.set_xy(x, top)
        if copy_label:
            pdf.text_line(copy_label, "I", "R", 0.85, w=w)
            pdf.set_x(x)
        pdf.text_line(data.agency.upper(), "", "L", 0.95, w=w)
        pdf.set_x(x)
        pdf.text_line(data.office_name.upper(), "B", "L", 0.95, w=w)
        if number:
            pdf.set_x(x)
            pdf.text_line(number, "", "L", 0.9, w=w)
        pdf.set_y(max(pdf.get_y(), top + qr_size) + 1)
        pdf.text_line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "B", "C", 0.95)
        pdf.text_line("Độc lập - Tự do - Hạnh phúc", "B", "C", 0.95)
        pdf.rule(pdf.l_margin, pdf.width)
        pdf.text_line(place_date, "I", "C", 0.9)
        pdf.ln(1)
        return
    left_x = pdf.l_margin + qr_size
    left_w = (pdf.width - qr_size) * 0.4
    pdf.set_xy(left_x, top)
    pdf.text_line(data.agency.upper(), "", "C", 0.9, w=left_w)
    pdf.set_x(left_x)
    pdf.text_line(data.office_name.upper(), "B", "C", 0.9, w=left_w)
    pdf.rule(left_x, left_w)
    if number:
        pdf.set_x(left_x)
        pdf.text_line(number, "", "C", 0.9, w=left_w)
    left_bottom = pdf.get_y()
    right_x = left_x + left_w
    right_w = pdf.w - pdf.r_margin - right_x
    pdf.set_xy(right_x, top)
    motto = 0.9 if pdf.layout == "A4" else 0.82  # one line on A5 too
    pdf.text_line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "B", "C", motto, w=right_w)
    pdf.set_x(right_x)
    pdf.text_line("Độc lập - Tự do - Hạnh phúc", "B", "C", 0.95, w=right_w)
    pdf.rule(right_x, right_w)
    pdf.set_x(right_x)
    pdf.text_line(place_date, "I", "C", 0.9, w=right_w)
    if copy_label:
        pdf.set_x(right_x)
        pdf.text_line(copy_label, "I", "C", 0.85, w=right_w)
    pdf.set_y(max(pdf.get_y(), left_bottom, top + qr_size) + 3)


def title(pdf: FormPdf, text: str, data: FormData) -> None:
    """The form's name, then what makes this copy different: reprint, training mode."""
    pdf.text_line(text, "B", "C", 1.15 if not pdf.thermal else 1.0)
    marks(pdf, data)


def marks(pdf: FormPdf, data: FormData) -> None:
    if data.reprint:
        when = f" lúc {moment(data.printed_at)}" if data.printed_at else ""
        pdf.set_text_color(150, 0, 0)
        pdf.text_line(f"BẢN IN LẠI{when}", "B", "C", 0.9)
        pdf.set_text_color(0, 0, 0)
    if data.training:
        pdf.set_text_color(180, 0, 0)
        pdf.text_line("CHẾ ĐỘ THỬ NGHIỆM — phiếu không có giá trị pháp lý", "B", "C", 0.9)
        pdf.set_text_color(0, 0, 0)


def barcode(pdf: FormPdf, code: str) -> None:
    """The dossier code as Code 39, centred (fpdf2's `w` is the wide bar, narrow = w/3; a
    character is 3 wide + 7 narrow widths)."""
    bar_w = {"A4": 0.75, "A5": 0.66, "thermal80": 0.48}[pdf.layout]
    text = f"*{code}*"
    total = len(text) * bar_w * (3 + 7 / 3)
    high = 9 if pdf.layout == "A4" else 7
    pdf.code39(text, x=(pdf.w - total) / 2, y=pdf.get_y() + 1, w=bar_w, h=high)
    pdf.set_y(pdf.get_y() + high + 3)


def dossier_code_line(pdf: FormPdf, data: FormData) -> None:
    if data.dossier_code:
        pdf.text_line(f"Mã hồ sơ: {data.dossier_code}", "B", "C", 1.0)
        barcode(pdf, data.dossier_code)
    else:
        pdf.text_line(f"Mã tham chiếu nội bộ: {data.local_ref} (chưa có mã hồ sơ của cổng)", "", "C", 0.95)
        pdf.ln(1)


def table(
    pdf: FormPdf,
    headings: Sequence[str],
    widths: Sequence[float],
    rows: Sequence[Sequence[str]],
    align: Sequence[str],
    scale: float = 0.9,
) -> None:
    pdf.font("", scale)
    with pdf.table(
        col_widths=tuple(widths),
        line_height=pdf.line_h(scale) + 0.6,
        text_align=tuple(align),
        align="LEFT",  # fpdf2 centres on the page, not between our unequal margins
        width=pdf.width,
    ) as grid:
        head = grid.row()
        for cell in headings:
            head.cell(nfc(cell))
        for values in rows:
            row = grid.row()
            for value in values:
                row.cell(nfc(value))
    pdf.ln(1.5)


def signatures(pdf: FormPdf, blocks: Sequence[tuple[str, str]]) -> None:
    """Side by side (one block: on the right), each with "(Ký và ghi rõ họ tên)" and the name
    under the space left for the signature."""
    pdf.ln(2)
    gap = {"A4": 20, "A5": 14, "thermal80": 14}[pdf.layout]  # room to sign
    if pdf.will_page_break(pdf.line_h() * 3 + gap):
        pdf.add_page()
    count = max(2, len(blocks))
    col = pdf.width / count
    top = pdf.get_y()
    first = count - len(blocks)
    for index, (heading, name) in enumerate(blocks, first):
        x = pdf.l_margin + index * col
        pdf.set_xy(x, top)
        pdf.text_line(heading, "B", "C", 0.9 if not pdf.thermal else 0.78, w=col)
        pdf.set_x(x)
        pdf.text_line("(Ký và ghi rõ họ tên)", "I", "C", 0.8, w=col)
        pdf.set_xy(x, top + gap)
        pdf.text_line(name, "B", "C", 0.9, w=col)
    pdf.ln(2)


def notes(pdf: FormPdf, lines: Sequence[str]) -> None:
    """The "Ghi chú" block at the foot of the form."""
    if not lines:
        return
    pdf.ln(1)
    pdf.text_line("Ghi chú:", "BI", scale=0.9)
    for line in lines:
        pdf.text_line(f"- {line}", "I", scale=0.85)


def render(
    draw: Callable[[FormPdf, str], None],
    data: FormData,
    document_name: str,
    layout: str,
    copies: Sequence[str],
) -> bytes:
    """The form's PDF: `draw(pdf, copy_label)` once per copy, each from a new page."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown form layout {layout!r}")

    def build(heights: Sequence[float] | None) -> tuple[FormPdf, list[float]]:
        pdf = _new_pdf(layout) if heights is None else FormPdf(layout)
        pdf.set_title(document_name)
        pdf.set_creator(ISSUING_SYSTEM)
        pdf.set_subject(data.dossier_code or data.local_ref)
        ends = []
        for index, label in enumerate(copies):
            pdf.new_copy(heights[index] if heights else None)
            draw(pdf, label)
            ends.append(pdf.get_y() + 5)
        return pdf, ends

    pdf, ends = build(None)
    if pdf.thermal:
        pdf, _ = build(ends)
    return bytes(pdf.output())


def applicant(pdf: FormPdf, data: FormData, title: str | None = None, *, contact: bool = True) -> None:
    """The applicant's lines (a citizen, an organisation, an agency or a foreigner) and, when
    someone filed for them, «Người nộp thay: …, vai trò …»."""
    pdf.labelled(title or data.applicant_title, data.applicant_name)
    identifier = data.applicant_id
    if data.applicant_nationality:
        identifier += f"    Quốc tịch: {data.applicant_nationality}"
    pdf.labelled(data.applicant_id_label, identifier)
    if data.applicant_address:
        pdf.labelled(
            "Trụ sở:" if data.applicant_kind in ("organisation", "agency") else "Địa chỉ:",
            data.applicant_address,
        )
    if data.representative_line:
        pdf.labelled("Người nộp thay:", data.representative_line)
    if contact:
        pdf.labelled(
            "Số điện thoại:", f"{data.applicant_phone or '……'}    Email: {data.applicant_email or '……'}"
        )
