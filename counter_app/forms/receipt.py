"""Mẫu 01, Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Thông tư 03/2025/TT-VPCP Annex I;
domain.md §4), in two copies: "Liên 1: lưu" stays with the dossier, "Liên 2" goes to the citizen.

Until the portal has issued the dossier code the receipt is *provisional*: it carries the local
reference instead, says so, prints when it was printed, and is printed again once the code
arrives. The appointment is "… giờ … phút, ngày … tháng … năm …" when the calendar gives the
hour, the date alone otherwise.
"""

from __future__ import annotations

from counter_app.forms import layout
from counter_app.forms.layout import FormPdf, long_date, moment, money
from counter_app.forms.model import FormData
from counter_app.receipt_labels import DOCUMENT_NAME, PAPER_FORMS, PAYMENT_LABELS, RETURN_LABELS

COPIES = ("Liên 1: lưu", "Liên 2: giao người nộp hồ sơ")


def appointment_text(data: FormData) -> str:
    if data.appointment_at is not None:
        due = moment(data.appointment_at)
    elif data.appointment_date is not None:
        due = long_date(data.appointment_date)
    else:
        return "sẽ được thông báo khi cổng dịch vụ công cấp mã hồ sơ"
    return f"{due} (dự kiến, theo lịch làm việc của đơn vị)" if data.provisional else due


def log_line(data: FormData) -> str:
    entry = data.log_entry
    if entry is None:
        return "Vào Sổ theo dõi hồ sơ, Quyển số: ……, Số thứ tự: ……"
    return f"Vào Sổ theo dõi hồ sơ, Quyển số: {entry.book}, Số thứ tự: {entry.number}"


def _draw(pdf: FormPdf, data: FormData, copy_label: str) -> None:
    layout.header(pdf, data, DOCUMENT_NAME, copy_label=copy_label)
    layout.title(pdf, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", data)
    if data.provisional:
        printed = data.printed_at or data.received_at
        pdf.text_line("PHIẾU TẠM — chưa có mã hồ sơ", "B", "C")
        pdf.text_line(f"In lúc {moment(printed)}", "I", "C", 0.9)
    layout.dossier_code_line(pdf, data)
    pdf.text_line(f"{data.office_name} tiếp nhận hồ sơ của:")
    layout.applicant(pdf, data)
    pdf.labelled("Nội dung yêu cầu giải quyết:", f"{data.procedure_name} (mã thủ tục {data.procedure_code})")
    pdf.text_line("1. Thành phần hồ sơ nộp gồm:", "B")
    widths = (8, 58, 22, 12) if not pdf.thermal else (8, 37, 17, 9)
    rows = [
        (str(i), c.name, PAPER_FORMS.get(c.paper_form, c.paper_form), str(c.count))
        for i, c in enumerate(data.components, 1)
    ]
    count = "Số lượng" if not pdf.thermal else "SL"
    layout.table(
        pdf,
        ("STT" if not pdf.thermal else "TT", "Tên giấy tờ", "Hình thức", count),
        widths,
        rows,
        ("CENTER", "LEFT", "CENTER", "CENTER"),
    )
    pdf.labelled("2. Số lượng hồ sơ:", f"{data.sets:02d} (bộ)")
    if data.processing_days is not None:
        days = "trong ngày" if data.processing_days == 0 else f"{data.processing_days} ngày làm việc"
        pdf.labelled("3. Thời gian giải quyết hồ sơ theo quy định:", days)
    pdf.labelled("4. Thời gian nhận hồ sơ:", moment(data.received_at))
    pdf.labelled("5. Thời gian trả kết quả giải quyết hồ sơ:", appointment_text(data))
    where = RETURN_LABELS.get(data.return_method, data.return_method)
    if data.return_method == "public_post" and data.return_address:
        where += f", địa chỉ: {data.return_address}"
    elif data.return_method == "at_counter" and data.collect_at:
        where += f": {data.collect_at}"
    pdf.labelled("6. Đăng ký nhận kết quả tại:", where)
    fee = money(data.fee) if data.fee else "Không"
    how = f" — {PAYMENT_LABELS.get(data.payment_method, data.payment_method)}" if data.fee else ""
    pdf.labelled("7. Phí, lệ phí:", fee + how)
    pdf.ln(1)
    pdf.text_line(log_line(data), "I")
    layout.signatures(
        pdf, (("NGƯỜI NỘP HỒ SƠ", data.filer_name), ("NGƯỜI TIẾP NHẬN HỒ SƠ", data.officer_name))
    )
    layout.notes(pdf, _notes(data))


def _notes(data: FormData) -> list[str]:
    lines = []
    if data.provisional:
        lines.append(
            "Hồ sơ đã được tiếp nhận tại quầy nhưng chưa được cổng dịch vụ công cấp mã. Mã hồ sơ và ngày "
            "hẹn trả sẽ được thông báo; phiếu chính thức được in lại khi có mã."
        )
    lines.extend(data.extra_notes)
    lines.append("Người nộp hồ sơ mang theo giấy này khi đến nhận kết quả.")
    lines.append(f"Mọi phản ánh, kiến nghị xin liên hệ đường dây nóng: {data.hotline}")
    return lines


def render(data: FormData, size: str = "A4") -> bytes:
    """Both copies of Mẫu 01 as one PDF; `size` is A4, A5 or thermal80 (an 80 mm roll)."""
    return layout.render(lambda pdf, label: _draw(pdf, data, label), data, DOCUMENT_NAME, size, COPIES)
