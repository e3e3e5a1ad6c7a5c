"""The receipt: Mẫu 01 "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" (Thông tư 03/2025/TT-VPCP), as PDF.

Content (domain.md §4): agency and national motto, place and date, the tracking QR code at the
top left (TCVN 7322 / ISO 18004: dossier code, procedure code, applicant ID, document name,
issuing system, time, appointment date), the dossier code with a Code 39 barcode, applicant,
request, components table, number of sets, legal time limit, time received (hh:mm dd/mm/yyyy),
appointment, where to collect, fee and how paid, complaint hotline, both signatures.

Until the portal has issued the dossier code the receipt is *provisional*: it carries the local
reference instead, says the code will follow, and is printed again once the code arrives.
Layouts: A4, A5 and an 80 mm thermal roll (page height fitted to the content).
"""

from __future__ import annotations

import functools
import io
import threading
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import qrcode
from fpdf import FPDF

from common import clock
from counter_app.receipt_labels import (
    DOCUMENT_NAME,
    ISSUING_SYSTEM,
    LAYOUTS,
    PAPER_FORMS,
    PAYMENT_LABELS,
    RETURN_LABELS,
)
from portal_contract.models import SubmissionRequest, SubmissionResult

FONT_FAMILY = "ReceiptSans"
BUNDLED_FONTS = Path(__file__).resolve().parents[1] / "resources" / "fonts"
_SYSTEM_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/noto"),
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("C:/Windows/Fonts"),
)
_FONT_FILES = {
    "": ("NotoSans-Regular.ttf", "DejaVuSans.ttf"),
    "B": ("NotoSans-Bold.ttf", "DejaVuSans-Bold.ttf"),
    # The bundled italic is always there; fonts-dejavu-core has no oblique, so upright is the fallback.
    "I": ("NotoSans-Italic.ttf", "DejaVuSans.ttf"),
}


@dataclass(frozen=True)
class ReceiptComponent:
    name: str
    paper_form: str = "original"  # original | certified_copy | photocopy | electronic_copy
    count: int = 1


@dataclass(frozen=True)
class ReceiptData:
    agency: str  # the agency above the office, e.g. "UBND PHƯỜNG MẪU"
    office_name: str
    place: str  # for "<place>, ngày ... tháng ... năm ..."
    local_ref: str
    procedure_code: str
    procedure_name: str
    applicant_name: str
    applicant_id: str
    received_at: datetime
    dossier_code: str | None = None
    appointment_date: date | None = None
    # The appointment with its hour (office time): the portal's day, or before the portal answers
    # the counter's own computation (counter_app.appointments), printed as provisional.
    appointment_at: datetime | None = None
    processing_days: int | None = None
    applicant_address: str = ""
    applicant_phone: str = ""
    applicant_email: str = ""
    components: tuple[ReceiptComponent, ...] = ()
    sets: int = 1
    fee: int = 0
    payment_method: str = "none"
    return_method: str = "at_counter"
    return_address: str = ""
    collect_at: str = ""  # where to collect the result, when at the counter
    officer_name: str = ""
    hotline: str = "1022"
    training: bool = False  # demo / training mode: printed as not legally valid
    extra_notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def provisional(self) -> bool:
        return not self.dossier_code


def appointment_text(data: ReceiptData) -> str:
    """Line 5 of Mẫu 01: "hh giờ mm phút, ngày dd/mm/yyyy", marked provisional before the portal's."""
    if data.appointment_at is not None:
        at = data.appointment_at
        text = f"{at.hour:02d} giờ {at.minute:02d} phút, ngày {at.strftime('%d/%m/%Y')}"
    elif data.appointment_date is not None:
        text = f"ngày {data.appointment_date.strftime('%d/%m/%Y')}"
    else:
        return "sẽ được thông báo khi cổng dịch vụ công cấp mã hồ sơ"
    if data.provisional:
        text += " (dự kiến, theo lịch làm việc của đơn vị; ngày hẹn chính thức do cổng dịch vụ công cấp)"
    return text


def qr_payload(data: ReceiptData) -> str:
    """The tracking QR's text: one `key: value` per line, readable by any QR reader."""
    lines = [
        f"Mã hồ sơ: {data.dossier_code or 'CHƯA CÓ (tham chiếu ' + data.local_ref + ')'}",
        f"Mã thủ tục: {data.procedure_code}",
        f"Số định danh: {data.applicant_id}",
        f"Tên giấy tờ: {DOCUMENT_NAME}",
        f"Hệ thống: {ISSUING_SYSTEM}",
        f"Thời gian: {data.received_at.isoformat(timespec='minutes')}",
        f"Ngày hẹn trả: {data.appointment_date.isoformat() if data.appointment_date else 'chưa có'}",
    ]
    return "\n".join(lines)


def find_fonts() -> dict[str, Path]:
    """Noto Sans from the system, else the bundled copy, else DejaVu; one file per style."""
    found: dict[str, Path] = {}
    for style, names in _FONT_FILES.items():
        for folder in (_SYSTEM_FONT_DIRS[0], BUNDLED_FONTS, *_SYSTEM_FONT_DIRS[1:]):
            hits = [folder / n for n in names if (folder / n).is_file()]
            if hits:
                found[style] = hits[0]
                break
    if "" not in found:
        from counter_app.errors import KnownError

        raise KnownError(
            "Không tìm thấy phông chữ tiếng Việt để in phiếu.",
            "Cài lại ứng dụng (thư mục resources/fonts) hoặc cài phông Noto Sans.",
            code="receipt_font_missing",
        )
    return found


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đồng"


class _Receipt(FPDF):
    def __init__(self, layout: str, height: float | None = None) -> None:
        if layout == "thermal80":
            super().__init__(unit="mm", format=(80, height or 400))
            self.set_margins(4, 4, 4)
            self.base = 7.5
        else:
            # A5 given in millimetres: fpdf2 warns on its named A5 (dimensions changed in 2.8.5).
            super().__init__(unit="mm", format=(148, 210) if layout == "A5" else layout)
            self.set_margins(15 if layout == "A4" else 10, 10, 15 if layout == "A4" else 10)
            self.base = 11 if layout == "A4" else 9
        self.layout = layout
        self.set_auto_page_break(layout != "thermal80", margin=10)
        fonts = find_fonts()
        for style, path in fonts.items():
            self.add_font(FONT_FAMILY, style, str(path))
        self._styles = set(fonts)
        self.add_page()

    def font(self, style: str = "", scale: float = 1.0) -> None:
        self.set_font(FONT_FAMILY, style if style in self._styles else "", self.base * scale)

    def line_h(self, scale: float = 1.0) -> float:
        return self.base * scale * 0.5

    def text_line(
        self, text: str, style: str = "", align: str = "L", scale: float = 1.0, w: float = 0
    ) -> None:
        self.font(style, scale)
        self.multi_cell(w, self.line_h(scale), _nfc(text), align=align, new_x="LMARGIN", new_y="NEXT")

    def labelled(self, label: str, value: str) -> None:
        self.font("", 1.0)
        self.multi_cell(
            0,
            self.line_h(),
            _nfc(f"**{label}** {value}"),
            markdown=True,
            align="L",
            new_x="LMARGIN",
            new_y="NEXT",
        )


_spares: dict[str, _Receipt] = {}
_spares_lock = threading.Lock()


def prepare_receipt(layout: str = "A4") -> None:
    """Load the fonts into a blank receipt ahead of time, for the next `render_receipt` of this
    layout to fill in (the headless intake does it while pages are cleaned: parsing three
    TrueType files is a fifth of a receipt's time)."""
    spare = _Receipt(layout)
    with _spares_lock:
        _spares.setdefault(layout, spare)


def _new_receipt(layout: str, height: float | None) -> _Receipt:
    if height is None:
        with _spares_lock:
            spare = _spares.pop(layout, None)
        if spare is not None:
            spare.set_creation_date(clock.utc_now())  # dated when filled in, not prepared
            return spare
    return _Receipt(layout, height)


@functools.lru_cache(maxsize=8)
def _qr_png(text: str) -> bytes:
    """The QR code as PNG; kept for the roll layout's second pass and a reprint of the same receipt
    (choosing the mask pattern is pure Python and the slowest part of the receipt after fonts)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2, box_size=8)
    code.add_data(text.encode("utf-8"))
    code.make(fit=True)
    buf = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(buf, format="PNG")
    return buf.getvalue()


def _place_date(data: ReceiptData) -> str:
    received = data.received_at
    return f"{data.place}, ngày {received.day:02d} tháng {received.month:02d} năm {received.year}"


def _header(pdf: _Receipt, data: ReceiptData) -> None:
    width = pdf.w - pdf.l_margin - pdf.r_margin
    qr_size = 24 if pdf.layout == "A4" else 20
    top = pdf.t_margin
    pdf.image(io.BytesIO(_qr_png(qr_payload(data))), x=pdf.l_margin, y=top, w=qr_size, h=qr_size)
    if pdf.layout == "thermal80":
        pdf.set_xy(pdf.l_margin + qr_size + 2, top)
        pdf.text_line(data.agency.upper(), "B", "L", 1.0, w=width - qr_size - 2)
        pdf.set_x(pdf.l_margin + qr_size + 2)
        pdf.text_line(data.office_name.upper(), "B", "L", 1.0, w=width - qr_size - 2)
        pdf.set_y(max(pdf.get_y(), top + qr_size) + 1)
        pdf.text_line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "B", "C", 0.95)
        pdf.text_line("Độc lập - Tự do - Hạnh phúc", "B", "C", 0.95)
        pdf.text_line(_place_date(data), "I", "C", 0.9)
    else:
        left_w = (width - qr_size) * 0.42
        pdf.set_xy(pdf.l_margin + qr_size, top)
        pdf.text_line(data.agency.upper(), "", "C", 0.9, w=left_w)
        pdf.set_x(pdf.l_margin + qr_size)
        pdf.text_line(data.office_name.upper(), "B", "C", 0.9, w=left_w)
        left_bottom = pdf.get_y()
        right_x = pdf.l_margin + qr_size + left_w
        pdf.set_xy(right_x, top)
        pdf.text_line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "B", "C", 0.9, w=pdf.w - pdf.r_margin - right_x)
        pdf.set_x(right_x)
        pdf.text_line("Độc lập - Tự do - Hạnh phúc", "B", "C", 0.95, w=pdf.w - pdf.r_margin - right_x)
        pdf.set_x(right_x)
        pdf.text_line(_place_date(data), "I", "C", 0.9, w=pdf.w - pdf.r_margin - right_x)
        pdf.set_y(max(pdf.get_y(), left_bottom, top + qr_size) + 2)


def _title(pdf: _Receipt, data: ReceiptData) -> None:
    pdf.text_line(
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "B", "C", 1.25 if pdf.layout != "thermal80" else 1.0
    )
    if data.provisional:
        pdf.text_line("(PHIẾU TẠM — chưa có mã hồ sơ)", "B", "C", 1.0)
        pdf.text_line(f"Mã tham chiếu nội bộ: {data.local_ref}", "", "C")
    else:
        pdf.text_line(f"Mã hồ sơ: {data.dossier_code}", "B", "C", 1.1)
        # fpdf2's `w` is the wide bar (narrow = w/3); a character is 3 wide + 7 narrow widths.
        bar_w = {"A4": 0.75, "A5": 0.66, "thermal80": 0.48}[pdf.layout]
        text = f"*{data.dossier_code}*"
        total = len(text) * bar_w * (3 + 7 / 3)
        pdf.code39(text, x=(pdf.w - total) / 2, y=pdf.get_y() + 1, w=bar_w, h=9 if pdf.layout == "A4" else 7)
        pdf.set_y(pdf.get_y() + (12 if pdf.layout == "A4" else 10))
    if data.training:
        pdf.set_text_color(180, 0, 0)
        pdf.text_line("CHẾ ĐỘ THỬ NGHIỆM — phiếu không có giá trị pháp lý", "B", "C", 0.9)
        pdf.set_text_color(0, 0, 0)
    pdf.ln(1)


def _body(pdf: _Receipt, data: ReceiptData) -> None:
    pdf.text_line(f"{data.office_name} tiếp nhận hồ sơ của:")
    pdf.labelled("Ông/Bà:", data.applicant_name)
    pdf.labelled("Số định danh cá nhân:", data.applicant_id)
    if data.applicant_address:
        pdf.labelled("Địa chỉ:", data.applicant_address)
    contact = " — ".join(x for x in (data.applicant_phone, data.applicant_email) if x)
    if contact:
        pdf.labelled("Số điện thoại / thư điện tử:", contact)
    pdf.labelled("Nội dung yêu cầu giải quyết:", f"{data.procedure_name} (mã thủ tục {data.procedure_code})")
    pdf.text_line("1. Thành phần hồ sơ nộp gồm:", "B")
    _components(pdf, data)
    pdf.labelled("2. Số lượng hồ sơ:", f"{data.sets:02d} (bộ)")
    if data.processing_days is not None:
        days = "trong ngày" if data.processing_days == 0 else f"{data.processing_days} ngày làm việc"
        pdf.labelled("3. Thời gian giải quyết hồ sơ theo quy định:", days)
    received = data.received_at
    pdf.labelled(
        "4. Thời gian nhận hồ sơ:",
        f"{received.hour:02d} giờ {received.minute:02d} phút, ngày {received.strftime('%d/%m/%Y')}",
    )
    pdf.labelled("5. Thời gian trả kết quả giải quyết hồ sơ:", appointment_text(data))
    where = RETURN_LABELS.get(data.return_method, data.return_method)
    if data.return_method == "public_post" and data.return_address:
        where += f", địa chỉ: {data.return_address}"
    elif data.return_method == "at_counter" and data.collect_at:
        where += f": {data.collect_at}"
    pdf.labelled("6. Đăng ký nhận kết quả:", where)
    fee = _money(data.fee) if data.fee else "Không"
    how = f" — {PAYMENT_LABELS.get(data.payment_method, data.payment_method)}" if data.fee else ""
    pdf.labelled("7. Phí, lệ phí:", fee + how)
    if data.provisional:
        pdf.ln(1)
        pdf.text_line(
            "Hồ sơ đã được tiếp nhận tại quầy nhưng chưa được cổng dịch vụ công cấp mã. Mã hồ sơ và ngày hẹn "
            "trả sẽ được thông báo; phiếu chính thức được in lại khi có mã.",
            "I",
            scale=0.9,
        )
    for note in data.extra_notes:
        pdf.text_line(note, "I", scale=0.9)
    pdf.ln(1)
    pdf.text_line(f"Mọi phản ánh, kiến nghị xin liên hệ đường dây nóng: {data.hotline}", "B", scale=0.95)


def _components(pdf: _Receipt, data: ReceiptData) -> None:
    pdf.font("", 0.9)
    widths = (8, 58, 22, 12) if pdf.layout != "thermal80" else (8, 36, 17, 11)
    with pdf.table(
        col_widths=widths,
        line_height=pdf.line_h(0.9) + 0.5,
        text_align=("CENTER", "LEFT", "CENTER", "CENTER"),
    ) as table:
        header = table.row()
        for cell in ("STT", "Tên giấy tờ", "Hình thức", "Số lượng" if pdf.layout != "thermal80" else "SL"):
            header.cell(cell)
        for index, component in enumerate(data.components, 1):
            row = table.row()
            row.cell(str(index))
            row.cell(_nfc(component.name))
            row.cell(PAPER_FORMS.get(component.paper_form, component.paper_form))
            row.cell(str(component.count))
    pdf.ln(1)


def _signatures(pdf: _Receipt, data: ReceiptData) -> None:
    pdf.ln(2)
    width = pdf.w - pdf.l_margin - pdf.r_margin
    half = width / 2
    top = pdf.get_y()
    for column, (title, name) in enumerate(
        (("NGƯỜI NỘP HỒ SƠ", data.applicant_name), ("NGƯỜI TIẾP NHẬN HỒ SƠ", data.officer_name))
    ):
        pdf.set_xy(pdf.l_margin + column * half, top)
        pdf.text_line(title, "B", "C", 0.9, w=half)
        pdf.set_x(pdf.l_margin + column * half)
        pdf.text_line("(Ký và ghi rõ họ tên)", "I", "C", 0.8, w=half)
        pdf.set_xy(pdf.l_margin + column * half, top + (22 if pdf.layout != "thermal80" else 16))
        pdf.text_line(name, "B", "C", 0.9, w=half)


def _draw(data: ReceiptData, layout: str, height: float | None = None) -> _Receipt:
    pdf = _new_receipt(layout, height)
    pdf.set_title(DOCUMENT_NAME)
    pdf.set_creator(ISSUING_SYSTEM)
    pdf.set_subject(data.dossier_code or data.local_ref)
    _header(pdf, data)
    _title(pdf, data)
    _body(pdf, data)
    _signatures(pdf, data)
    return pdf


def render_receipt(data: ReceiptData, layout: str = "A4") -> bytes:
    """The receipt PDF's bytes; `layout` is A4, A5 or thermal80 (an 80 mm roll)."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown receipt layout {layout!r}")
    if layout == "thermal80":
        # Measure on a long roll first, then draw again on a page cut to fit.
        measured = _draw(data, layout).get_y() + 6
        return bytes(_draw(data, layout, measured).output())
    return bytes(_draw(data, layout).output())


def receipt_from_submission(
    request: SubmissionRequest,
    result: SubmissionResult | None,
    *,
    agency: str,
    office_name: str,
    place: str,
    procedure_name: str,
    processing_days: int | None = None,
    paper_forms: dict[str, str] | None = None,
    officer_name: str = "",
    hotline: str = "1022",
    training: bool = False,
    received_at: datetime | None = None,
    local_appointment: datetime | None = None,
) -> ReceiptData:
    """The receipt of a filed dossier (`result` from the portal), or a provisional one (`result` None).

    `paper_forms` maps component keys to what the citizen handed in (original, certified_copy,
    photocopy); the catalog knows it, the submission only carries the electronic copies.
    `local_appointment` (the counter's, office time) is the provisional receipt's appointment, and
    gives the hour of the portal's appointment day on the final one.
    """
    forms = paper_forms or {}
    when = received_at
    if result is not None:
        when = datetime.fromisoformat(result.received_at)
    if when is None:
        when = datetime.fromisoformat(request.received_at) if request.received_at else clock.now()
    when = clock.local(when)  # printed in the office's time, whatever zone the portal answered in
    appointment_at = local_appointment
    if result is not None:
        portal_day = date.fromisoformat(result.appointment_date)
        hour = local_appointment.timetz() if local_appointment else None
        appointment_at = datetime.combine(portal_day, hour) if hour else None
    return ReceiptData(
        agency=agency,
        office_name=office_name,
        place=place,
        local_ref=request.local_ref,
        procedure_code=request.procedure_code,
        procedure_name=procedure_name,
        applicant_name=request.applicant.full_name,
        applicant_id=request.applicant.id_number,
        applicant_address=request.applicant.address,
        applicant_phone=request.applicant.phone,
        applicant_email=request.applicant.email,
        received_at=when,
        dossier_code=result.dossier_code if result else None,
        appointment_date=date.fromisoformat(result.appointment_date)
        if result
        else (local_appointment.date() if local_appointment else None),
        appointment_at=appointment_at,
        processing_days=result.processing_days if result else processing_days,
        components=tuple(
            ReceiptComponent(c.name, forms.get(c.key, "original"), max(1, c.copies))
            for c in request.components
        ),
        sets=request.sets,
        fee=request.fee,
        payment_method=request.payment_method,
        return_method=request.return_method,
        return_address=request.return_address,
        officer_name=officer_name,
        hotline=hotline,
        training=training,
    )


def write_receipt(data: ReceiptData, path: Path, layout: str = "A4") -> Path:
    from common.atomic import atomic_write_bytes

    return atomic_write_bytes(Path(path), render_receipt(data, layout))
