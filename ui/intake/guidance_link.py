"""Keeps the citizen-facing guidance window in step with the intake wizard.

The wizard says which screen it is on; this turns the dossier's state into the step and the
few details a public screen may show (the guidance window masks the ID number itself).
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from counter_app.applicant import ApplicantKind
from counter_app.dossier import DossierState
from ui import guidance_rating
from ui.guidance_text import (
    STEP_ID,
    STEP_PROCEDURE,
    STEP_RECEIPT,
    STEP_SCAN,
    STEP_SIGN,
    STEP_SUBMIT,
    STEP_WELCOME,
    mask_passport,
)

log = logging.getLogger(__name__)


def _appointment(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _people(wf: Any, dossier: Any) -> tuple[dict[str, str], dict[str, Any]]:
    """(the name and number of the person at the counter, for the screen's header; the ID step's
    other details: whom a representative files for, or a foreigner's passport)."""
    applicant = wf.applicant_of(dossier)
    representative = wf.representative_of(dossier)
    if representative is not None:
        person = representative.citizen
        who = {"name": person.full_name, "id_number": person.id_number}
        return who, {"applicant": applicant.name, "represented": True}
    if applicant.kind is ApplicantKind.FOREIGNER:  # masked here: the header masks only ID numbers
        return {"name": applicant.name, "id_number": mask_passport(applicant.identifier)}, {"passport": True}
    return {"name": applicant.name, "id_number": applicant.identifier}, {}


def guidance_step(wf: Any, dossier: Any, index: int) -> tuple[str, dict[str, Any], dict[str, str]]:
    """(STEP_…, details, the name and number of the person at the counter or {}) for the intake
    screen `index` showing `dossier`. Runs on a worker: the applicant's and representative's
    records are unsealed to know the names."""
    if dossier is None or (index == 0 and dossier.state is DossierState.DRAFT):
        return STEP_WELCOME, {}, {}
    who: dict[str, str] = {}
    about: dict[str, Any] = {}
    if dossier.state is not DossierState.DRAFT:
        who, about = _people(wf, dossier)
    if index == 0:
        return STEP_ID, {**who, **about}, who
    if index == 1:
        if not dossier.procedure_code:
            return STEP_PROCEDURE, {}, who
        procedure = wf.procedure_of(dossier)
        details = {
            "procedure": procedure.name,
            "fee": procedure.fee,
            "processing_days": procedure.processing_days,
        }
        return STEP_PROCEDURE, details, who
    if index == 2:
        with_pages = [c for c in dossier.components if c.pages]
        pages = sum(len(c.pages) for c in with_pages)
        component = with_pages[-1].name if with_pages else ""
        return STEP_SCAN, {"component": component, "page": pages, "pages": pages}, who
    if index == 3:
        if dossier.state in (DossierState.QUEUED, DossierState.FILED):
            return STEP_SUBMIT, {"queued": dossier.state is DossierState.QUEUED}, who
        return STEP_SIGN, {"documents": sum(1 for c in dossier.components if c.pdf_name)}, who
    details = {
        "dossier_code": dossier.portal_code,
        "local_ref": dossier.local_ref,
        "appointment": _appointment(dossier.appointment_date),
        "organisation": dossier.applicant_kind in (ApplicantKind.ORGANISATION, ApplicantKind.AGENCY),
    }
    return STEP_RECEIPT, details, who


_latest = {"asked": 0}  # only the newest answer is shown when the officer moves quickly


def follow(section: Any, guidance: Any) -> None:
    """Show the current step on the guidance window; a failure never disturbs the officer."""
    _latest["asked"] += 1
    asked = _latest["asked"]
    section.tasks.run(
        guidance_step,
        on_result=lambda result: asked == _latest["asked"] and _show(guidance, *result, section=section),
        on_error=lambda exc: log.error("guidance step could not be worked out: %r", exc),
        context=guidance,
        wf=section.wf,
        dossier=section.dossier,
        index=section.stack.currentIndex(),
    )


def _show(
    guidance: Any, step: str, details: dict[str, Any], who: dict[str, str], section: Any = None
) -> None:
    if step != STEP_RECEIPT or section is None:
        guidance_rating.withdraw(guidance)
    if step == STEP_WELCOME:
        guidance.reset()
        return
    if step != STEP_ID and who:
        # A dossier reopened past the ID step: the citizen's (masked) name still heads the screen.
        guidance.show_step(STEP_ID, **who)
    guidance.show_step(step, **details)
    if step == STEP_RECEIPT and section is not None and details.get("local_ref"):
        _ask_rating(section, guidance, str(details["local_ref"]))


def _ask_rating(section: Any, guidance: Any, dossier_ref: str) -> None:
    """After the receipt: the citizen's satisfaction, asked on their screen (Decision 766, 5.1)."""
    from counter_app import satisfaction

    ctx = section.ctx

    def record(ref: str, level: str, comment: str) -> None:
        section.tasks.run(
            satisfaction.rate if level else satisfaction.skip,
            on_result=lambda _none: None,
            on_error=lambda exc: log.warning("satisfaction answer not recorded: %r", exc),
            context=guidance,
            db=ctx.db,
            events=ctx.events,
            dossier_ref=ref,
            **({"level": level, "comment": comment} if level else {}),
        )

    section.tasks.run(
        satisfaction.already_answered,
        on_result=lambda before: guidance_rating.offer(guidance, dossier_ref, bool(before), record),
        on_error=lambda exc: log.error("satisfaction state unknown: %r", exc),
        context=guidance,
        db=ctx.db,
        dossier_ref=dossier_ref,
    )
