"""What the counter forms print: one record per dossier, filled from the dossier, the citizen,
the procedure, the portal's answer and the log book (`counter_app.forms.assemble`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from counter_app.receipt_labels import DOCUMENT_NAME, ISSUING_SYSTEM


@dataclass(frozen=True)
class FormComponent:
    name: str
    paper_form: str = "original"  # original | certified_copy | photocopy | electronic_copy
    count: int = 1


@dataclass(frozen=True)
class LogEntry:
    """The dossier's line in the log book (Mẫu 07): book "01/2026", number 37."""

    book: str
    number: int


@dataclass(frozen=True)
class FormData:
    agency: str  # the governing body above the office (office.agency), e.g. "UBND XÃ AN BÌNH"
    office_name: str
    place: str  # office.place, for "‹place›, ngày … tháng … năm …"
    local_ref: str
    procedure_code: str
    procedure_name: str
    applicant_name: str
    applicant_id: str
    received_at: datetime
    dossier_code: str | None = None
    appointment_date: date | None = None
    appointment_at: datetime | None = None  # with the hour, when the calendar gives one
    processing_days: int | None = None
    applicant_address: str = ""
    applicant_phone: str = ""
    applicant_email: str = ""
    components: tuple[FormComponent, ...] = ()
    sets: int = 1
    fee: int = 0
    payment_method: str = "none"
    return_method: str = "at_counter"
    return_address: str = ""
    collect_at: str = ""  # where to collect the result, when at the counter
    officer_name: str = ""
    hotline: str = "1022"
    training: bool = False  # demo / training mode: printed as not legally valid
    extra_notes: tuple[str, ...] = ()
    log_entry: LogEntry | None = None
    reason: str = ""  # Mẫu 02 / 03: why the dossier is sent back or refused
    missing: tuple[str, ...] = ()  # Mẫu 02: what the citizen must bring
    issued_at: datetime | None = None  # the form's date when not the day received (Mẫu 02, 03)
    printed_at: datetime | None = None  # when this copy is printed (the provisional and reprints say it)
    reprint: bool = False
    # Who the dossier is for when not a citizen (issue #25), and who filed it for them.
    applicant_kind: str = "individual"  # individual | organisation | agency | foreigner
    applicant_nationality: str = ""  # a foreigner's, ISO 3166-1 alpha-3
    representative_name: str = ""
    representative_id: str = ""
    representative_role: str = ""  # as printed: "người được ủy quyền", ...

    @property
    def applicant_title(self) -> str:
        """How the form addresses the applicant: "Ông/Bà:", "Tổ chức:", "Cơ quan:"."""
        return _TITLES.get(self.applicant_kind, "Ông/Bà:")

    @property
    def applicant_id_label(self) -> str:
        return _ID_LABELS.get(self.applicant_kind, "Số định danh cá nhân:")

    @property
    def representative_line(self) -> str:
        """«Người nộp thay: …, vai trò …» when someone filed for the applicant, else empty."""
        if not self.representative_name:
            return ""
        return (
            f"{self.representative_name} (số định danh cá nhân {self.representative_id}),"
            f" vai trò {self.representative_role}"
        )

    @property
    def filer_name(self) -> str:
        """Who signs as «Người nộp hồ sơ»: the representative when there is one."""
        return self.representative_name or self.applicant_name

    @property
    def provisional(self) -> bool:
        return not self.dossier_code

    @property
    def dated(self) -> datetime:
        """The date on the place-and-date line: the day received, or the day the form was issued."""
        return self.received_at if self.issued_at is None else self.issued_at


_TITLES = {"organisation": "Tổ chức:", "agency": "Cơ quan:", "foreigner": "Ông/Bà (người nước ngoài):"}
_ID_LABELS = {"organisation": "Mã số thuế:", "agency": "Mã cơ quan:", "foreigner": "Số hộ chiếu:"}


def qr_payload(data: FormData, document_name: str = DOCUMENT_NAME) -> str:
    """The tracking QR's text (domain.md §3): one `key: value` per line, readable by any reader."""
    lines = [
        f"Mã hồ sơ: {data.dossier_code or 'CHƯA CÓ (tham chiếu ' + data.local_ref + ')'}",
        f"Mã thủ tục: {data.procedure_code}",
        f"{data.applicant_id_label} {data.applicant_id}",
        f"Tên giấy tờ: {document_name}",
        f"Hệ thống: {ISSUING_SYSTEM}",
        f"Thời gian: {data.dated.isoformat(timespec='minutes')}",
    ]
    if document_name == DOCUMENT_NAME:  # receipts add the appointment
        if data.appointment_at is not None:
            due = data.appointment_at.isoformat(timespec="minutes")
        else:
            due = data.appointment_date.isoformat() if data.appointment_date else "chưa có"
        lines.append(f"Ngày hẹn trả: {due}")
    return "\n".join(lines)
