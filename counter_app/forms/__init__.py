"""The counter forms of Thông tư 03/2025/TT-VPCP Annex I, as PDF: one module per form, the
shared page layout in `layout`, the data every form prints in `model`.

    01 receipt        Giấy tiếp nhận hồ sơ và hẹn trả kết quả (two copies)
    02 supplement     Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ
    03 refusal        Phiếu từ chối tiếp nhận giải quyết hồ sơ
    06 control_slip   Phiếu kiểm soát quá trình giải quyết hồ sơ
    07 log_book_pdf   Sổ theo dõi hồ sơ (per day or month; the book itself is `counter_app.log_book`)

`render_form("02", data, "A5")` gives a form's bytes; `counter_app.forms.printing` fills the
data from a dossier, marks reprints and records what was printed.
"""

from __future__ import annotations

import importlib

from counter_app.forms.model import FormComponent, FormData, LogEntry

FORMS = {"01": "receipt", "02": "supplement", "03": "refusal", "06": "control_slip"}
FORM_NAMES = {
    "01": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    "02": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "03": "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    "06": "Phiếu kiểm soát quá trình giải quyết hồ sơ",
}

__all__ = ["FORMS", "FORM_NAMES", "FormComponent", "FormData", "LogEntry", "render_form"]


def render_form(form: str, data: FormData, size: str = "A4") -> bytes:
    """The PDF of form `form` ("01", "02", "03", "06") at `size` (A4, A5, thermal80)."""
    if form not in FORMS:
        raise ValueError(f"unknown form {form!r}")
    module = importlib.import_module(f"counter_app.forms.{FORMS[form]}")
    return module.render(data, size)
