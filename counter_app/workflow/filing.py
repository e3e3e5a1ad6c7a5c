"""Steps after capture: PDFs, signatures, fee, outbox, portal answer, receipt."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from datetime import datetime

from counter_app import log_book
from counter_app.appointments import LocalAppointment
from counter_app.dossier import FILED_STATES, Dossier, WorkflowError
from counter_app.dossier_moves import accepted_job, file_accepted
from counter_app.storage.db import utc_now
from counter_app.workflow.base import CS, S, WorkflowBase

RECEIPT_OUTPUTS = ("printer", "file")  # how a receipt reaches the citizen


class FilingSteps(WorkflowBase):
    # -- PDFs and signatures --------------------------------------------------------------------

    def attach_pdf(
        self, dossier: Dossier, component_key: str, pdf: bytes, *, duration_ms: int | None = None
    ) -> Dossier:
        self._require(dossier, S.COMPONENTS_CAPTURED)
        component = dossier.component(component_key)
        if component.status not in (CS.CAPTURED, CS.DIGITIZED):
            raise WorkflowError(
                f"Thành phần «{component.name}» không cần tạo PDF ({component.status.value}).",
                code="component_not_captured",
            )
        name = f"pdf/{component_key}.pdf"
        self.ctx.workspace.write(dossier.local_ref, name, pdf)
        with self._step(dossier) as (conn, current):
            self._require(current, S.COMPONENTS_CAPTURED)
            component = current.component(component_key)
            self.repo.update_component(
                conn,
                component,
                status=CS.DIGITIZED,
                pdf_name=name,
                signed_name=None,
                pdf_sha256=hashlib.sha256(pdf).hexdigest(),
            )
            self._event(
                conn,
                current,
                "component_digitized",
                {
                    "component_key": component_key,
                    "pages": len(component.pages),
                    "bytes": len(pdf),
                    "attached": True,
                    "reused": False,
                },
                duration_ms,
            )
            if component.black_and_white_pages:  # not the colour copy the rules ask for: recorded
                self._fact(
                    conn,
                    current,
                    "digitized_black_and_white",
                    {"component_key": component_key, "pages": component.black_and_white_pages},
                )
        return dossier

    def complete_pdfs(self, dossier: Dossier) -> Dossier:
        with self._step(dossier) as (conn, current):
            self._require(current, S.COMPONENTS_CAPTURED)
            pending = [c.name for c in current.components if c.status is CS.CAPTURED]
            if pending:
                raise WorkflowError(
                    "Chưa tạo PDF cho: " + "; ".join(pending) + ".",
                    "Tạo PDF cho các thành phần này.",
                    code="pdfs_missing",
                )
            self._move(conn, current, S.PDFS_BUILT)
        return dossier

    def attach_signed(self, dossier: Dossier, component_key: str, signed_pdf: bytes) -> Dossier:
        self._require(dossier, S.PDFS_BUILT)
        component = dossier.component(component_key)
        if component.status not in (CS.DIGITIZED, CS.SIGNED):
            raise WorkflowError(
                f"Thành phần «{component.name}» không có PDF chờ ký ({component.status.value}).",
                code="component_not_digitized",
            )
        name = f"signed/{component_key}.pdf"
        self.ctx.workspace.write(dossier.local_ref, name, signed_pdf)
        with self._step(dossier) as (conn, current):
            self._require(current, S.PDFS_BUILT)
            self.repo.update_component(
                conn, current.component(component_key), status=CS.SIGNED, signed_name=name
            )
        return dossier

    def complete_signing(
        self, dossier: Dossier, *, level: str, signer: str, duration_ms: int | None = None
    ) -> Dossier:
        with self._step(dossier) as (conn, current):
            self._require(current, S.PDFS_BUILT)
            unsigned = [c.name for c in current.components if c.status is CS.DIGITIZED]
            if unsigned:
                raise WorkflowError(
                    "Chưa ký số: " + "; ".join(unsigned) + ".",
                    "Ký lại cả lô bằng chứng thư số.",
                    code="unsigned",
                )
            signed = sum(1 for c in current.components if c.status is CS.SIGNED)
            self._event(
                conn,
                current,
                "dossier_signed",
                {"level": level, "components": signed, "signer": signer},
                duration_ms,
            )
            self._move(conn, current, S.SIGNED)
        return dossier

    # -- filing ---------------------------------------------------------------------------------

    def record_account(self, dossier: Dossier, account: dict[str, object]) -> Dossier:
        """What the portal said of the citizen's account (found / created, provider, level, id),
        kept in the dossier: filing needs this or the guidance to VNeID (`require_account`).
        The portal call wrote its own event (`account_checked` / `account_created`)."""
        with self._step(dossier) as (conn, current):
            details = {**current.details, "account": dict(account)}
            self.repo.update_dossier(conn, current, details=details)
        return dossier

    @staticmethod
    def account_settled(dossier: Dossier) -> bool:
        """The account was looked up on the portal, or the citizen was guided to VNeID."""
        return "account" in dossier.details or "guided_to" in dossier.details

    def require_account(self, dossier: Dossier) -> None:
        if not self.account_settled(dossier):
            raise WorkflowError(
                f"Hồ sơ {dossier.local_ref} chưa kiểm tra tài khoản cổng dịch vụ công của công dân.",
                "Bấm «Kiểm tra tài khoản» (Alt+A); khi cổng không trả lời, hướng dẫn công dân dùng VNeID"
                " rồi bấm «Đã hướng dẫn dùng VNeID».",
                code="account_not_checked",
            )

    def record_fee_paid(self, dossier: Dossier, amount: int, payment_channel: str) -> Dossier:
        with self._step(dossier) as (conn, current):
            self.repo.update_dossier(conn, current, payment_method=payment_channel)
            self._event(conn, current, "fee_paid", {"amount": amount, "payment_channel": payment_channel})
        return dossier

    def queue(
        self,
        dossier: Dossier,
        *,
        job_id: int | None = None,
        idempotency_key: str | None = None,
        return_method: str = "at_counter",
        enqueue: Callable[[sqlite3.Connection], tuple[int, str]] | None = None,
        appointment: LocalAppointment | None = None,
    ) -> Dossier:
        """Record the dossier's outbox job and its `queued` state. With `enqueue` (e.g.
        `Outbox.enqueue_in`), the job is written by it inside this step's transaction, so a crash
        never leaves a job in the outbox behind a dossier still `signed`; otherwise the caller
        put it there already (`job_id`, `idempotency_key`). `appointment`, the counter's own
        appointment, is stored with it (compared with the portal's when it answers). The outbox writes the submission
        events and files the dossier itself when the portal accepts it; a job the portal already
        accepted (sent before this step was stored) files it here. The dossier is entered in the
        log book (Mẫu 07) in the same transaction, so its number is never lost nor given twice."""
        with self._step(dossier) as (conn, current):
            recorded = current.details.get("outbox_job")
            if current.state is not S.SIGNED and recorded is not None and job_id in (None, recorded):
                return dossier  # already recorded (a retry after a crash)
            self._require(current, S.SIGNED)
            if enqueue is not None:
                job_id, idempotency_key = enqueue(conn)
            details = {**current.details, "outbox_job": job_id, "idempotency_key": idempotency_key}
            if appointment is not None:
                details["local_appointment"] = appointment.at.isoformat(timespec="minutes")
                self._fact(conn, current, "appointment_computed", appointment.payload())
            self.repo.update_dossier(conn, current, return_method=return_method, details=details)
            current.details = details
            self._move(conn, current, S.QUEUED)
            log_book.enter(
                conn, current.office_code, current.local_ref, datetime.fromisoformat(current.created_at)
            )
            answer = accepted_job(conn, int(job_id or 0))
            if answer is not None:
                file_accepted(
                    conn,
                    self.ctx.events,
                    self.repo,
                    current.local_ref,
                    portal_code=answer["dossier_code"],
                    appointment_date=answer.get("appointment_date"),
                    received_at=answer.get("received_at"),
                )
        return dossier

    def record_filed(
        self,
        dossier: Dossier,
        portal_code: str,
        appointment_date: str | None,
        *,
        received_at: str | None = None,
    ) -> Dossier:
        """The portal accepted the dossier: what `Outbox.record_sent` does in its own transaction,
        for an answer that reached the counter another way. Idempotent."""
        with self._step(dossier) as (conn, current):
            if current.state not in FILED_STATES:
                self._require(current, S.QUEUED)
            file_accepted(
                conn,
                self.ctx.events,
                self.repo,
                current.local_ref,
                portal_code=portal_code,
                appointment_date=appointment_date,
                received_at=received_at,
            )
        return dossier

    def store_receipt(self, dossier: Dossier, receipt_pdf: bytes) -> str:
        """Keep the receipt (sealed) in the dossier; nothing is recorded: shown is not handed over.
        Before filing it is a provisional receipt."""
        self._require(dossier, S.QUEUED, S.FILED, S.RECEIPT_PRINTED)
        name = "receipt-provisional.pdf" if dossier.state is S.QUEUED else "receipt.pdf"
        self.ctx.workspace.write(dossier.local_ref, name, receipt_pdf)
        return name

    def record_receipt(
        self,
        dossier: Dossier,
        receipt_pdf: bytes,
        *,
        output: str,
        provisional: bool | None = None,
        duration_ms: int | None = None,
    ) -> str:
        """The receipt was printed (`output="printer"`) or saved to a file the officer chose
        (`"file"`): store it and record `receipt_printed`, never before. `provisional`: the paper
        carries the local reference only (default: the dossier is not filed yet)."""
        if output not in RECEIPT_OUTPUTS:
            raise WorkflowError(f"Cách giao phiếu không xác định: {output!r}.", code="receipt_output")
        name = self.store_receipt(dossier, receipt_pdf)
        provisional = dossier.state is S.QUEUED if provisional is None else provisional
        with self._step(dossier) as (conn, current):
            received_at = current.received_at or utc_now()
            self._event(
                conn,
                current,
                "receipt_printed",
                {
                    "received_at": received_at,
                    "appointment_date": current.appointment_date,
                    "provisional": provisional,
                    "output": output,
                },
                duration_ms,
            )
            # A provisional receipt leaves a dossier the outbox filed meanwhile at `filed`: the
            # final receipt, with the portal's code, is still to print.
            if current.state is S.FILED and not provisional:
                self._move(conn, current, S.RECEIPT_PRINTED)
        return name
