"""Mẫu 07, Sổ theo dõi hồ sơ, printed for a day or a month: one row per line of the log book
(`counter_app.log_book`), the citizen's name and address unsealed for the printout only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from counter_app import log_book
from counter_app.config import office_header
from counter_app.dossier import DossierState
from counter_app.errors import KnownError
from counter_app.forms import layout
from counter_app.forms.layout import FormPdf, nfc

DOCUMENT_NAME = "Sổ theo dõi hồ sơ"
COLUMNS = (
    ("TT", 9),
    ("Mã hồ sơ", 30),
    ("Tên thủ tục hành chính", 38),
    ("Số lượng hồ sơ (bộ)", 12),
    ("Tên cá nhân, tổ chức", 28),
    ("Địa chỉ, số điện thoại", 34),
    ("Cơ quan chủ trì giải quyết", 24),
    ("Nhận hồ sơ", 18),
    ("Hẹn trả kết quả", 18),
    ("Chuyển hồ sơ đến cơ quan giải quyết", 20),
    ("Trả kết quả", 16),
    ("Ghi chú", 22),
)
_NOTES = {
    DossierState.NEEDS_SUPPLEMENT: "Chờ bổ sung",
    DossierState.CANCELLED: "Đã từ chối (hủy)",
    DossierState.QUEUED: "Chờ gửi lên cổng",
}


@dataclass(frozen=True)
class LogBookRow:
    number: int
    book: str
    code: str
    procedure: str
    sets: int
    applicant: str
    address: str
    agency: str
    received: str  # dd/mm/yyyy hh:mm
    appointment: str
    transferred: str
    returned: str
    note: str

    def cells(self) -> tuple[str, ...]:
        return (
            str(self.number),
            self.code,
            self.procedure,
            str(self.sets),
            self.applicant,
            self.address,
            self.agency,
            self.received,
            self.appointment,
            self.transferred,
            self.returned,
            self.note,
        )


@dataclass(frozen=True)
class LogBookPage:
    agency: str
    office_name: str
    office_code: str
    period: str  # "ngày 25/11/2026" | "tháng 11/2026"
    rows: tuple[LogBookRow, ...]


def period_bounds(day: str | None = None, month: str | None = None) -> tuple[dt.date, dt.date, str]:
    """(first, last, label) for `--day YYYY-MM-DD` or `--month YYYY-MM`."""
    try:
        if day:
            first = dt.date.fromisoformat(day)
            return first, first, f"ngày {first:%d/%m/%Y}"
        if month:
            first = dt.date.fromisoformat(f"{month}-01")
            after = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            return first, after - dt.timedelta(days=1), f"tháng {first:%m/%Y}"
    except ValueError:
        pass
    raise KnownError(
        "Chưa chọn đúng ngày hoặc tháng của sổ theo dõi hồ sơ.",
        "Ghi --day YYYY-MM-DD (một ngày) hoặc --month YYYY-MM (một tháng).",
        code="log_book_period",
    )


def page(wf: Any, first: dt.date, last: dt.date, period: str) -> LogBookPage:
    ctx = wf.ctx
    office_code = str(ctx.config.get("office.code"))
    header = office_header(ctx.config)
    rows = []
    for entry in log_book.entries(ctx.db, office_code, first, last):
        dossier = wf.repo.load(entry.dossier_ref)
        applicant = wf.stored_applicant(dossier)
        try:
            procedure = wf.procedure_of(dossier).name
        except KnownError:
            procedure = dossier.procedure_code or ""
        due = dt.date.fromisoformat(dossier.appointment_date) if dossier.appointment_date else None
        rows.append(
            LogBookRow(
                number=entry.number,
                book=entry.book,
                code=dossier.portal_code or dossier.local_ref,
                procedure=procedure,
                sets=1,
                applicant=applicant.name if applicant else "",
                address=applicant.address if applicant else "",
                agency=header.agency,
                received=f"{entry.received_local:%d/%m/%Y %H:%M}",
                appointment=f"{due:%d/%m/%Y}" if due else "",
                transferred="",
                returned="",
                note=_NOTES.get(dossier.state, ""),
            )
        )
    return LogBookPage(header.agency, header.office_name, office_code, period, tuple(rows))


def render_pdf(book: LogBookPage) -> bytes:
    """The period's lines on A4 landscape, in the form's columns."""
    pdf = FormPdf("A4")
    pdf.set_title(f"{DOCUMENT_NAME} — {book.period}")
    pdf.set_margins(10, 10, 10)
    pdf.base = 9
    pdf.add_page(orientation="L")
    pdf.text_line(book.agency.upper(), "", "L", 1.1)
    pdf.text_line(book.office_name.upper(), "B", "L", 1.1)
    pdf.ln(2)
    pdf.text_line(DOCUMENT_NAME.upper(), "B", "C", 1.5)
    pdf.text_line(f"{book.period} — đơn vị {book.office_code}", "I", "C", 1.1)
    pdf.ln(2)
    rows = [row.cells() for row in book.rows] or [("", "Không có hồ sơ", *[""] * (len(COLUMNS) - 2))]
    layout.table(
        pdf,
        [name for name, _ in COLUMNS],
        [width for _, width in COLUMNS],
        rows,
        [
            "CENTER",
            "LEFT",
            "LEFT",
            "CENTER",
            "LEFT",
            "LEFT",
            "LEFT",
            "CENTER",
            "CENTER",
            "CENTER",
            "CENTER",
            "LEFT",
        ],
        scale=0.95,
    )
    pdf.text_line(nfc(f"Tổng số: {len(book.rows)} hồ sơ."), "I")
    return bytes(pdf.output())
