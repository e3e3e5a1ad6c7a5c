"""Mẫu 02, Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Thông tư 03/2025/TT-VPCP Annex I): what the
citizen must bring again and why, and whom to ask; given to the citizen when the officer asks
for a supplement."""

from __future__ import annotations

from counter_app.forms import layout
from counter_app.forms.layout import FormPdf
from counter_app.forms.model import FormData

DOCUMENT_NAME = "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"


def _draw(pdf: FormPdf, data: FormData) -> None:
    layout.header(pdf, data, DOCUMENT_NAME)
    layout.title(pdf, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", data)
    layout.dossier_code_line(pdf, data)
    layout.applicant(pdf, data, "Hồ sơ của:", contact=False)
    pdf.labelled("Nội dung yêu cầu giải quyết:", data.procedure_name or "……")
    pdf.labelled("Số điện thoại:", f"{data.applicant_phone or '……'}    Email: {data.applicant_email or '……'}")
    pdf.ln(1)
    pdf.text_line("Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:", "B")
    for index, item in enumerate(data.missing or ("……",), 1):
        pdf.text_line(f"{index}. {item}")
    pdf.labelled("Lý do:", data.reason or "……")
    pdf.ln(1)
    pdf.text_line(
        "Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ với "
        f"{data.officer_name or '……'} ({data.office_name}), số điện thoại {data.hotline} để được hướng dẫn./."
    )
    layout.signatures(pdf, (("NGƯỜI HƯỚNG DẪN", data.officer_name),))


def render(data: FormData, size: str = "A4") -> bytes:
    return layout.render(lambda pdf, _label: _draw(pdf, data), data, DOCUMENT_NAME, size, ("",))
