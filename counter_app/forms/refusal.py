"""Mẫu 03, Phiếu từ chối tiếp nhận giải quyết hồ sơ (Thông tư 03/2025/TT-VPCP Annex I): the
dossier is not received, with the reason; given to the citizen when the officer cancels it."""

from __future__ import annotations

from counter_app.forms import layout
from counter_app.forms.layout import FormPdf
from counter_app.forms.model import FormData

DOCUMENT_NAME = "Phiếu từ chối tiếp nhận giải quyết hồ sơ"


def _draw(pdf: FormPdf, data: FormData) -> None:
    layout.header(pdf, data, DOCUMENT_NAME)
    layout.title(pdf, "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", data)
    layout.dossier_code_line(pdf, data)
    pdf.text_line(f"{data.office_name} tiếp nhận hồ sơ của:")
    layout.applicant(pdf, data)
    pdf.labelled("Đề nghị giải quyết:", data.procedure_name or "……")
    pdf.ln(1)
    pdf.text_line(
        f"Sau khi xem xét hồ sơ, đối chiếu với các quy định hiện hành, {data.office_name} từ chối tiếp "
        "nhận, giải quyết hồ sơ này với lý do cụ thể như sau:"
    )
    pdf.text_line(data.reason or "……", "I")
    pdf.text_line("Xin thông báo cho Ông/Bà được biết và thực hiện./.")
    layout.signatures(pdf, (("NGƯỜI TIẾP NHẬN HỒ SƠ", data.officer_name),))


def render(data: FormData, size: str = "A4") -> bytes:
    return layout.render(lambda pdf, _label: _draw(pdf, data), data, DOCUMENT_NAME, size, ("",))
