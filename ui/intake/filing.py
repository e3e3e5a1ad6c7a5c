"""The intake screens' filing work, without Qt: the outbox, the portal account, the receipt.

Run on TaskRunner workers. The outbox is the window's running one (`window.services.outbox`,
whose worker sends the job); with no services running the job is still stored in the outbox
and leaves when the application next starts them: the citizen gets a provisional receipt with
the local reference, and nothing is lost. The submission and the receipt are built by
`counter_app.intake.steps`, as for the headless intake.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from typing import Any

from counter_app.dossier import FILED_STATES, Dossier, DossierState
from counter_app.errors import KnownError
from counter_app.intake.steps import applicant_of, make_receipt, submission_for
from counter_app.workflow import Workflow

PREVIEW_DPI = 70
S = DossierState
_UNSENT = ("queued", "failed", "needs_attention")  # what the outbox can still take back


_FILED_HINT = (
    "Việc bổ sung hoặc hủy hồ sơ đã nộp do bộ phận giải quyết thực hiện trên cổng; báo lãnh đạo bộ phận."
)


class AlreadyFiledError(KnownError):
    code = "already_filed"


@dataclass(frozen=True)
class FilingChoice:
    """What the officer chose on the submit screen."""

    payment_method: str = "none"  # none | cash | online | bank_transfer
    return_method: str = "at_counter"  # at_counter | public_post | online
    return_address: str = ""
    phone: str = ""
    email: str = ""
    account_id: str = ""


@dataclass
class ReceiptOutcome:
    dossier: Dossier
    pdf: bytes
    preview_png: bytes
    provisional: bool
    job_state: str
    job_error: dict[str, Any] = field(default_factory=dict)


def outbox_of(wf: Workflow, services: Any) -> Any:
    """The running outbox, or one over the same database when the services are not up."""
    if services is not None and getattr(services, "outbox", None) is not None:
        return services.outbox
    from counter_app.portal.outbox import Outbox

    ctx = wf.ctx
    return Outbox(ctx.db, ctx.events, data_key=ctx.data_key, workspace=ctx.workspace)


def submit(wf: Workflow, local_ref: str, services: Any, choice: FilingChoice) -> Dossier:
    """Fee, then the outbox (one transaction with its event), then the dossier's `queued` state.
    A crash between the two is caught up: the job is found again instead of queued twice."""
    dossier = wf.open(local_ref)
    outbox = outbox_of(wf, services)
    if dossier.fee and choice.payment_method != "none":
        wf.record_fee_paid(dossier, dossier.fee, choice.payment_method)
    job = outbox.latest_for(local_ref)
    if job is None or job.state == "cancelled":
        request = submission_for(
            wf,
            dossier,
            payment_method=choice.payment_method,
            return_method=choice.return_method,
            return_address=choice.return_address,
            phone=choice.phone,
            email=choice.email,
            account_id=choice.account_id,
        )
        job = outbox.enqueue_submission(local_ref, request)
    wf.queue(dossier, job_id=job.id, idempotency_key=job.idempotency_key, return_method=choice.return_method)
    worker = getattr(services, "outbox_worker", None)
    if worker is not None:
        worker.wake()
    return dossier


def check_account(wf: Workflow, local_ref: str, services: Any) -> Any:
    from counter_app.portal.accounts import AccountService

    accounts = AccountService(_portal_client(services), wf.ctx.events)
    return accounts.check(local_ref, wf.citizen_of(wf.repo.load(local_ref)).id_number)


def create_account(wf: Workflow, local_ref: str, services: Any, phone: str, email: str) -> Any:
    from counter_app.portal.accounts import AccountService
    from portal_contract.models import AccountRequest

    applicant = applicant_of(wf.citizen_of(wf.repo.load(local_ref)), phone, email)
    accounts = AccountService(_portal_client(services), wf.ctx.events)
    return accounts.create(local_ref, AccountRequest(applicant, consent=True, phone=phone, email=email))


def _portal_client(services: Any) -> Any:
    portal = getattr(services, "portal", None)
    if portal is None:
        raise KnownError(
            "Chưa kết nối được cổng dịch vụ công.",
            "Kiểm tra mạng và mục «Cài đặt & chẩn đoán»; hồ sơ vẫn nộp được vào hàng đợi.",
            code="portal_not_connected",
        )
    return portal.client


def receipt_for(wf: Workflow, local_ref: str, services: Any, wait_s: float = 0.0) -> ReceiptOutcome:
    """Mẫu 01 for the dossier: final with the portal's code once the outbox has sent the job,
    provisional (local reference) before. Stored sealed in the dossier, like the headless intake."""
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
    # its state calls for, and the receipt screen's poll prints the final one.
    dossier = wf.open(local_ref)
    job = outbox.get(job.id)
    sent = dossier.state in FILED_STATES and job.result is not None
    pdf, provisional = make_receipt(wf, dossier, outbox.request_of(job), job.result if sent else None)
    return ReceiptOutcome(
        dossier=dossier,
        pdf=pdf,
        preview_png=render_page_png(pdf, PREVIEW_DPI),
        provisional=provisional,
        job_state=job.state,
        job_error=job.last_error or {},
    )


def render_page_png(pdf: bytes, dpi: int, page: int = 1) -> bytes:
    """Page `page` of a PDF as PNG, through poppler's pdftoppm (stdin to stdout: no file names
    the citizen in a temporary folder). Empty bytes when poppler is not installed."""
    try:
        done = subprocess.run(
            ["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", "-"],
            input=pdf,
            capture_output=True,
            timeout=60,
            check=True,
        )
    except FileNotFoundError:
        return b""
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        raise KnownError(
            "Không dựng được ảnh xem trước của phiếu.",
            "Phiếu vẫn được lưu trong hồ sơ; dùng «Lưu tệp PDF…» để mở bằng trình đọc PDF.",
            code="preview_failed",
        ) from exc
    return done.stdout


# -- the exits from the happy path: supplement and cancel -------------------------------------------


def refuse_if_filed(dossier: Dossier, to: DossierState) -> None:
    """The portal has the dossier: supplement or cancel is the back office's, not the counter's."""
    if dossier.state in FILED_STATES:
        raise AlreadyFiledError(
            f"Hồ sơ {dossier.local_ref} đã nộp lên cổng dịch vụ công (mã {dossier.portal_code or '—'});"
            f" không thể chuyển sang «{to.label}» tại quầy.",
            _FILED_HINT,
        )


def _withdraw(wf: Workflow, dossier: Dossier, services: Any, reason: str, to: DossierState) -> None:
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
        f"Hồ sơ {dossier.local_ref} đã gửi lên cổng dịch vụ công (mã {job.portal_code or '—'}).", _FILED_HINT
    )


def request_supplement(
    wf: Workflow, local_ref: str, services: Any, reason: str, missing: list[str]
) -> Dossier:
    """The citizen must bring `missing`: back to capture, those components marked (Mẫu 02)."""
    dossier = wf.open(local_ref)
    _withdraw(wf, dossier, services, reason, S.NEEDS_SUPPLEMENT)
    return wf.request_supplement(dossier, reason, missing)


def cancel_dossier(wf: Workflow, local_ref: str, services: Any, reason: str) -> Dossier:
    dossier = wf.open(local_ref)
    _withdraw(wf, dossier, services, reason, S.CANCELLED)
    return wf.cancel(dossier, reason)
