"""A form's data from what the counter holds: the dossier, its applicant and representative (unsealed), the procedure,
the configured office (office.agency, office.place, office.name), the log book, and, once filed,
the submission and the portal's answer."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from common import clock
from counter_app import log_book
from counter_app.applicant import Applicant
from counter_app.config import office_header
from counter_app.dossier import ComponentStatus, Dossier
from counter_app.errors import KnownError
from counter_app.forms.model import FormComponent, FormData, LogEntry
from portal_contract.models import SubmissionRequest, SubmissionResult


def _moment(text: str) -> dt.datetime:
    return clock.local(dt.datetime.fromisoformat(text))


def _components(wf: Any, dossier: Dossier, procedure: Any, request: SubmissionRequest | None) -> tuple:
    forms = {c.key: c.paper_form for c in procedure.components} if procedure is not None else {}
    if request is not None:
        return tuple(
            FormComponent(c.name, forms.get(c.key, "original"), max(1, c.copies)) for c in request.components
        )
    provided = [c for c in dossier.components if c.provided] or [
        c for c in dossier.components if c.status is not ComponentStatus.NOT_PROVIDED
    ]
    return tuple(FormComponent(c.name, forms.get(c.key, "original")) for c in provided)


def _appointment_at(dossier: Dossier, portal_day: str | None) -> dt.datetime | None:
    """The appointment with its hour: the counter's own (counter_app.appointments) until the
    portal answers, then the portal's day at the counter's return hour."""
    local = dossier.local_appointment
    if local is None:
        return None
    if not portal_day:
        return local
    return dt.datetime.combine(dt.date.fromisoformat(portal_day), local.timetz())


def form_data(
    wf: Any,
    dossier: Dossier,
    *,
    request: SubmissionRequest | None = None,
    result: SubmissionResult | None = None,
    reason: str = "",
    issued_at: dt.datetime | None = None,
    printed_at: dt.datetime | None = None,
    reprint: bool = False,
) -> FormData:
    """Every field a form may print, for `dossier`. `request` and `result` (the outbox's
    submission and the portal's answer) add the contact, fee, return and the portal's code."""
    ctx = wf.ctx
    config = ctx.config
    own = wf.stored_applicant(dossier)
    procedure = None
    if dossier.procedure_code:
        try:
            procedure = wf.procedure_of(dossier)
        except KnownError:  # a procedure since removed from the catalog: its code is still printed
            procedure = None
    received = _moment(
        result.received_at if result is not None else dossier.received_at or dossier.created_at
    )
    entry = log_book.entry_of(ctx.db, dossier.office_code, dossier.local_ref)
    supplement = dossier.details.get("supplement") or {}
    names = {c.key: c.name for c in dossier.components}
    applicant = request.applicant if request is not None else None
    code = result.dossier_code if result is not None else dossier.portal_code
    due = result.appointment_date if result is not None else dossier.appointment_date
    appointment_at = _appointment_at(dossier, due)
    return FormData(
        **dataclasses.asdict(office_header(config)),
        local_ref=dossier.local_ref,
        procedure_code=dossier.procedure_code or "",
        procedure_name=procedure.name if procedure is not None else "",
        applicant_name=applicant.full_name if applicant else own.name if own else "",
        applicant_id=applicant.identifier if applicant else own.identifier if own else "",
        applicant_address=applicant.address if applicant else own.address if own else "",
        applicant_phone=applicant.phone if applicant else "",
        applicant_email=applicant.email if applicant else "",
        received_at=received,
        dossier_code=code or None,
        appointment_date=dt.date.fromisoformat(due)
        if due
        else appointment_at.date()
        if appointment_at
        else None,
        appointment_at=appointment_at,
        processing_days=result.processing_days
        if result is not None
        else procedure.processing_days
        if procedure is not None
        else None,
        components=_components(wf, dossier, procedure, request),
        sets=request.sets if request is not None else 1,
        fee=request.fee if request is not None else dossier.fee,
        payment_method=request.payment_method if request is not None else dossier.payment_method or "none",
        return_method=request.return_method if request is not None else dossier.return_method or "at_counter",
        return_address=request.return_address if request is not None else "",
        officer_name=str(config.get("officer.full_name")),
        hotline=str(config.get("receipt.hotline")),
        training=ctx.demo_mode,
        log_entry=LogEntry(entry.book, entry.number) if entry is not None else None,
        reason=reason or str(supplement.get("reason", "")),
        missing=tuple(names.get(k, k) for k in supplement.get("missing", ())),
        issued_at=issued_at,
        printed_at=printed_at,
        reprint=reprint,
        **_kind_and_representative(wf, dossier, own),
    )


def _kind_and_representative(wf: Any, dossier: Dossier, applicant: Applicant | None) -> dict[str, str]:
    representative = wf.representative_of(dossier) if dossier.representative is not None else None
    foreigner = applicant.foreigner if applicant is not None else None
    return {
        "applicant_kind": dossier.applicant_kind.value,
        "applicant_nationality": foreigner.nationality if foreigner else "",
        "representative_name": representative.citizen.full_name if representative else "",
        "representative_id": representative.citizen.id_number if representative else "",
        "representative_role": representative.role.label if representative else "",
    }
