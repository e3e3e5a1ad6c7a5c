"""Filing a signed dossier: the portal submission, the outbox, the portal account, the receipt.

Reached through `counter_app.intake.heavy.filing()` (the portal and receipt seam). The outbox is
the running one when the window's services are up (`services.outbox`, whose worker sends the
job); otherwise one over the same database, and the job leaves when the services next start:
the citizen gets a provisional receipt with the local reference, and nothing is lost.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import sqlite3
from dataclasses import dataclass, field, replace
from typing import Any

from common import clock
from common.pdfium_lock import UnreadablePdf, render_page
from counter_app.applicant import Applicant as DossierApplicant
from counter_app.applicant import Representative as DossierRepresentative
from counter_app.appointments import LocalAppointment, local_appointment
from counter_app.contact import Contact
from counter_app.dossier import (
    FILED_STATES,
    Channel,
    ComponentStatus,
    Dossier,
    DossierState,
    filing_channel,
)
from counter_app.errors import KnownError
from counter_app.forms import FORM_NAMES, printing
from counter_app.forms import layout as form_layout
from counter_app.forms.assemble import form_data
from counter_app.forms.receipt import render as render_receipt
from counter_app.intake.outcomes import (
    FILED_HINT,
    AlreadyFiledError,
    FilingChoice,
    IssuedForm,
    refuse_if_filed,
)
from counter_app.portal.accounts import AccountService
from counter_app.portal.connect import connect_portal
from counter_app.portal.outbox import Outbox
from counter_app.portal.worker import OutboxWorker
from counter_app.workflow import Workflow
from portal_contract.models import AccountInfo, AccountRequest, Applicant, ComponentUpload, SubmissionRequest
from portal_contract.models import Representative as PortalRepresentative
from scanner import guard

PREVIEW_DPI = 70
S = DossierState
_UNSENT = ("queued", "failed", "needs_attention")  # what the outbox can still take back


def prepare() -> None:
    """Load the receipt's fonts and template ahead of the first receipt (warm-up)."""
    form_layout.prepare()


@dataclass
class ReceiptOutcome:
    dossier: Dossier
    pdf: bytes
    preview_png: bytes
    provisional: bool
    job_state: str
    job_error: dict[str, Any] = field(default_factory=dict)


def outbox_of(wf: Workflow, services: Any) -> Outbox:
    """The running outbox, or one over the same database when the services are not up."""
    if services is not None and getattr(services, "outbox", None) is not None:
        return services.outbox
    ctx = wf.ctx
    return Outbox(ctx.db, ctx.events, data_key=ctx.data_key, workspace=ctx.workspace)


def submission_for(
    wf: Workflow,
    dossier: Dossier,
    *,
    payment_method: str = "none",
    return_method: str = "at_counter",
    return_address: str = "",
    phone: str = "",
    email: str = "",
    account_id: str = "",
) -> SubmissionRequest:
    """The portal submission of a signed dossier; the
    signed PDFs are named by their workspace file, read (and unsealed) by the outbox at send time."""
    applicant = wf.applicant_of(dossier)
    representative = wf.representative_of(dossier)
    uploads = []
    for component in dossier.components:
        if component.signed_name is None:
            continue
        data = wf.read_file(dossier, component.signed_name)
        uploads.append(
            ComponentUpload(
                key=component.key,
                name=component.name,
                file_name=f"{component.key}.pdf",
                pages=len(component.pages),
                reused=component.status is ComponentStatus.REUSED,
                sha256=hashlib.sha256(data).hexdigest(),
                size=len(data),
                workspace_name=component.signed_name,
            )
        )
    return SubmissionRequest(
        office_code=dossier.office_code,
        local_ref=dossier.local_ref,
        procedure_code=dossier.procedure_code or "",
        applicant=portal_applicant(applicant, representative, phone, email),
        components=tuple(uploads),
        channel=int(filing_channel(dossier)),
        fee=dossier.fee,
        payment_method=payment_method,
        return_method=return_method,
        return_address=return_address,
        account_id=account_id,
        officer=str(wf.ctx.config.get("officer.username")),
    )


def applicant_of(citizen: Any, phone: str = "", email: str = "") -> Applicant:
    """The portal's view of the citizen (submission and account creation)."""
    return Applicant(
        id_number=citizen.id_number,
        full_name=citizen.full_name,
        date_of_birth=citizen.date_of_birth.isoformat() if citizen.date_of_birth else "",
        address=citizen.address,
        phone=phone,
        email=email,
    )


def portal_applicant(
    applicant: DossierApplicant,
    representative: DossierRepresentative | None,
    phone: str = "",
    email: str = "",
) -> Applicant:
    """The portal's view of the dossier's applicant, of any kind, and of who filed for them."""
    rep = (
        PortalRepresentative(
            representative.citizen.id_number, representative.citizen.full_name, representative.role.value
        )
        if representative is not None
        else None
    )
    if applicant.citizen is not None:
        return replace(applicant_of(applicant.citizen, phone, email), representative=rep)
    foreigner = applicant.foreigner
    return Applicant(
        id_number="",
        full_name=applicant.name,
        date_of_birth=foreigner.date_of_birth.isoformat() if foreigner and foreigner.date_of_birth else "",
        address=applicant.address,
        phone=phone,
        email=email,
        kind=applicant.kind.value,
        tax_code=applicant.organisation.tax_code if applicant.organisation else "",
        agency_code=applicant.agency.code if applicant.agency else "",
        passport_number=foreigner.passport_number if foreigner else "",
        nationality=foreigner.nationality if foreigner else "",
        representative=rep,
    )


def make_receipt(wf: Workflow, dossier: Dossier, submission: Any, result: Any = None) -> tuple[bytes, bool]:
    """Mẫu 01 for the dossier, kept sealed in it: final with the portal's `result`
    (`SubmissionResult`), provisional with the local reference when `result` is None.
    Returns (pdf bytes, provisional)."""
    data = form_data(wf, dossier, request=submission, result=result)
    if result is None:
        data = dataclasses.replace(data, dossier_code=None, printed_at=clock.now())
    pdf = render_receipt(data, printing.layout_of(str(wf.ctx.config.get("receipt.size"))))
    wf.store_receipt(dossier, pdf)  # recorded as printed only once printed or saved
    return pdf, data.provisional


def issue_control_slip(wf: Workflow, dossier: Dossier, services: Any) -> None:
    """Mẫu 06 for the paper dossier going to the processing department, made once after filing
    (`IntakeService.file` leaves it to a thread of its own; kept sealed in the dossier;
    `counter-app receipt --form 06` prints it again, or first when it was not made)."""
    if not printing.printed_before(wf, dossier.local_ref, "06", provisional=False):
        printing.print_form(wf, dossier, "06", str(wf.ctx.config.get("receipt.size")), services=services)


def issue_form(wf: Workflow, dossier: Dossier, form: str, services: Any) -> None:
    """Mẫu 02 or 03 when the officer asks for a supplement or refuses the dossier: made once,
    kept sealed in the dossier (`issued_form` reads it back for the screen)."""
    printing.print_form(wf, dossier, form, str(wf.ctx.config.get("receipt.size")), services=services)


def issued_form(wf: Workflow, local_ref: str, form: str) -> IssuedForm:
    pdf = wf.ctx.workspace.read(local_ref, printing.stored_name(form))
    return IssuedForm(local_ref, form, FORM_NAMES[form], pdf, render_page_png(pdf, PREVIEW_DPI))


def _portal_client(services: Any) -> Any:
    portal = getattr(services, "portal", None)
    if portal is None:
        raise KnownError(
            "Chưa kết nối được cổng dịch vụ công.",
            "Kiểm tra mạng và mục «Cài đặt & chẩn đoán»; hồ sơ vẫn nộp được vào hàng đợi.",
            code="portal_not_connected",
        )
    return portal.client


def render_page_png(pdf: bytes, dpi: int, page: int = 1) -> bytes:
    """Page `page` of a PDF (one the application made: a receipt, a form) as PNG, for the
    screen's preview and for printing. PDFium (pypdfium2) in this process: the same on Windows,
    where no poppler is installed, and a fifth of the time a pdftoppm child took."""
    try:
        image = render_page(
            pdf,
            page - 1,
            scale=lambda _w, _h: dpi / 72,
            check=lambda w, h, d: guard.check_render(w, h, d, "phiếu"),
        ).image
    except UnreadablePdf as exc:
        raise KnownError(
            "Không dựng được ảnh xem trước của phiếu.",
            "Phiếu vẫn được lưu trong hồ sơ; dùng «Lưu tệp PDF…» để mở bằng trình đọc PDF.",
            code="preview_failed",
        ) from exc
    buf = io.BytesIO()
    image.save(buf, "PNG", compress_level=1)
    return buf.getvalue()


# -- the exits from the happy path: supplement and cancel -------------------------------------------


def withdraw(wf: Workflow, dossier: Dossier, services: Any, reason: str, to: DossierState) -> None:
    """Take an unsent submission out of the outbox, so the dossier is not filed behind the
    officer's back; refuse when the portal has (or may have) it. Other moves the state does not
    allow are the workflow's to refuse."""
    refuse_if_filed(dossier, to)
    outbox = outbox_of(wf, services)
    job = outbox.latest_for(dossier.local_ref)
    if job is None or job.state == "cancelled":
        return
    if job.state in _UNSENT:
        try:
            job = outbox.cancel(job.id, reason)
        except KnownError:
            job = outbox.get(job.id)  # the worker took it meanwhile
        if job.state == "cancelled":
            return
    if job.state == "sending":
        raise AlreadyFiledError(
            f"Hồ sơ {dossier.local_ref} đang được gửi lên cổng dịch vụ công.",
            "Chờ cổng trả lời (vài giây) rồi thử lại; hồ sơ đã gửi thì bộ phận giải quyết xử lý trên cổng.",
        )
    raise AlreadyFiledError(
        f"Hồ sơ {dossier.local_ref} đã gửi lên cổng dịch vụ công (mã {job.portal_code or '—'}).", FILED_HINT
    )


class PortalSession:
    """The outbox with its worker on a portal connection, for a caller without the window's
    running services (the headless intake): `with PortalSession(ctx, url) as services:`."""

    def __init__(self, ctx: Any, url: str | None = None) -> None:
        self.ctx, self.url = ctx, url

    def __enter__(self) -> PortalSession:
        self._connection = connect_portal(self.ctx, self.url)
        self.portal = self._connection.__enter__()
        ctx = self.ctx
        self.outbox = Outbox(ctx.db, ctx.events, data_key=ctx.data_key, workspace=ctx.workspace)
        self.outbox_worker = OutboxWorker(self.outbox, self.portal.client).start()
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.outbox_worker.stop(timeout_s=10)
        finally:
            self._connection.__exit__(*exc)


def file_dossier(wf: Workflow, dossier: Dossier, services: Any, choice: FilingChoice) -> Dossier:
    """Fee, then the outbox job and the dossier's `queued` state in one transaction; the
    worker is woken. A job left from before (queued by an older version, then a crash) is
    recorded instead of queuing the dossier twice."""
    wf.require_account(dossier)
    contact = Contact.checked(choice.phone, choice.email)  # nothing bad reaches the portal or the receipt
    outbox = outbox_of(wf, services)
    if dossier.fee and choice.payment_method != "none":
        wf.record_fee_paid(dossier, dossier.fee, choice.payment_method)
    job = outbox.latest_for(dossier.local_ref)
    appointment = appointment_of(wf, dossier)
    if job is not None and job.state != "cancelled":
        wf.queue(
            dossier,
            job_id=job.id,
            idempotency_key=job.idempotency_key,
            return_method=choice.return_method,
            appointment=appointment,
        )
    else:
        request = submission_for(
            wf,
            dossier,
            payment_method=choice.payment_method,
            return_method=choice.return_method,
            return_address=choice.return_address,
            phone=contact.phone,
            email=contact.email,
            account_id=choice.account_id or str((dossier.details.get("account") or {}).get("account_id", "")),
        )
        created: list[int] = []

        def enqueue(conn: sqlite3.Connection) -> tuple[int, str]:
            job_id, key = outbox.enqueue_in(conn, dossier.local_ref, request)
            created.append(job_id)
            return job_id, key

        wf.queue(dossier, enqueue=enqueue, return_method=choice.return_method, appointment=appointment)
        for job_id in created:
            outbox.announce(job_id)
    worker = getattr(services, "outbox_worker", None)
    if worker is not None:
        worker.wake()
    return dossier


def appointment_of(wf: Workflow, dossier: Dossier) -> LocalAppointment:
    """The counter's appointment for the dossier, by the office calendar: received when the dossier
    was opened at the counter (the receipt's "thời gian nhận hồ sơ"), the procedure's time limit
    (the shorter online one for an online dossier) and its 15:00 rule."""
    received = clock.local(dt.datetime.fromisoformat(dossier.created_at))
    online = dossier.channel is Channel.ONLINE
    return local_appointment(wf.ctx.config, wf.procedure_of(dossier), received, online=online)


def accounts_of(wf: Workflow, services: Any) -> AccountService:
    return AccountService(_portal_client(services), wf.ctx.events)


def account_info(stored: dict[str, Any]) -> AccountInfo:
    """The account as the dossier recorded it (`Workflow.record_account`)."""
    return AccountInfo.from_dict(stored)


def account_request(citizen: Any, phone: str, email: str) -> AccountRequest:
    return AccountRequest(applicant_of(citizen, phone, email), consent=True, phone=phone, email=email)


def receipt_outcome(
    wf: Workflow, local_ref: str, services: Any, wait_s: float = 0.0, *, preview: bool = False
) -> ReceiptOutcome:
    """Mẫu 01 for the dossier: final with the portal's code once the outbox has sent the job,
    provisional (local reference) before; stored sealed in the dossier. `preview`: with a
    PNG of its first page for the screen."""
    outbox = outbox_of(wf, services)
    job = outbox.latest_for(local_ref)
    if job is None:
        raise KnownError(
            "Hồ sơ chưa được đưa vào hàng đợi gửi lên cổng.",
            "Quay lại bước «Ký số & nộp» và bấm «Nộp hồ sơ».",
            code="not_queued",
        )
    if wait_s > 0:
        job = outbox.wait_settled(job.id, timeout_s=wait_s)
    # The outbox files the dossier in the commit that stores the portal's answer. The dossier is
    # read before the job: one the portal accepts in between still gets the provisional receipt
    # its state calls for, and a later poll prints the final one.
    dossier = wf.open(local_ref)
    job = outbox.get(job.id)
    sent = dossier.state in FILED_STATES and job.result is not None
    pdf, provisional = make_receipt(wf, dossier, outbox.request_of(job), job.result if sent else None)
    return ReceiptOutcome(
        dossier=dossier,
        pdf=pdf,
        preview_png=render_page_png(pdf, PREVIEW_DPI) if preview else b"",
        provisional=provisional,
        job_state=job.state,
        job_error=job.last_error or {},
    )
