"""Mẫu 06, Phiếu kiểm soát quá trình giải quyết hồ sơ (Thông tư 03/2025/TT-VPCP Annex I): goes
with the paper dossier from the counter to the processing department and back; each hand-over
is dated and signed in its row. The counter fills the first row (its own hand-over, at filing)
and leaves the others for the departments."""

from __future__ import annotations

from counter_app.forms import layout
from counter_app.forms.layout import FormPdf, moment
from counter_app.forms.model import FormData
from counter_app.forms.receipt import appointment_text

DOCUMENT_NAME = "Phiếu kiểm soát quá trình giải quyết hồ sơ"
BLANK = "……"
WHEN = "… giờ … phút, ngày … tháng … năm …"


def _draw(pdf: FormPdf, data: FormData) -> None:
    layout.header(pdf, data, DOCUMENT_NAME)
    layout.title(pdf, "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", data)
    layout.dossier_code_line(pdf, data)
    pdf.text_line(f"(Kèm theo hồ sơ của: {data.applicant_name})", "I", "C", 0.95)
    pdf.labelled("Thủ tục:", f"{data.procedure_name} (mã thủ tục {data.procedure_code})")
    pdf.labelled("Cơ quan (bộ phận) giải quyết hồ sơ:", data.agency)
    pdf.labelled("Cơ quan phối hợp giải quyết hồ sơ:", BLANK)
    pdf.labelled("Thời gian nhận hồ sơ:", moment(data.received_at))
    pdf.labelled("Hẹn trả kết quả:", appointment_text(data))
    pdf.ln(1)
    sign = "\nNgười giao          Người nhận\n\n"  # room for both signatures
    rows = [
        (f"1. Giao: {data.office_name}\nNhận: {data.agency}", f"{moment(data.received_at)}\n{sign}", "", ""),
        (f"2. Giao: {BLANK}\nNhận: {BLANK}", f"{WHEN}\n{sign}", "", ""),
        (f"3. Giao: {BLANK}\nNhận: {BLANK}", f"{WHEN}\n{sign}", "", ""),
        (f"4. Giao: {data.agency}\nNhận: {data.office_name}", f"{WHEN}\n{sign}", "", ""),
    ]
    headings = (
        "TÊN CƠ QUAN",
        "THỜI GIAN GIAO, NHẬN HỒ SƠ",
        "KẾT QUẢ GIẢI QUYẾT HỒ SƠ (trước hạn / đúng hạn / quá hạn)",
        "GHI CHÚ",
    )
    if pdf.thermal:  # the roll is narrow: the form's headings, shortened
        headings = ("TÊN CƠ QUAN", "GIAO, NHẬN", "KẾT QUẢ", "GHI CHÚ")
    widths = (34, 34, 20, 12) if not pdf.thermal else (26, 26, 14, 10)
    scale = 0.85 if not pdf.thermal else 0.75
    layout.table(pdf, headings, widths, rows, ("LEFT", "CENTER", "CENTER", "CENTER"), scale)
    pdf.text_line(
        "Ghi chú: kết quả giải quyết hồ sơ do cơ quan, bộ phận giải quyết ghi vào khi giao hồ sơ.",
        "I",
        scale=0.85,
    )


def render(data: FormData, size: str = "A4") -> bytes:
    return layout.render(lambda pdf, _label: _draw(pdf, data), data, DOCUMENT_NAME, size, ("",))
