"""Keeps the citizen-facing guidance window in step with the intake wizard.

The wizard says which screen it is on; this turns the dossier's state into the step and the
few details a public screen may show (the guidance window masks the ID number itself).
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from counter_app.dossier import DossierState
from ui.guidance_text import (
    STEP_ID,
    STEP_PROCEDURE,
    STEP_RECEIPT,
    STEP_SCAN,
    STEP_SIGN,
    STEP_SUBMIT,
    STEP_WELCOME,
)

log = logging.getLogger(__name__)


def _appointment(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def guidance_step(section: Any) -> tuple[str, dict[str, Any]]:
    """(STEP_…, details) for what the intake section shows now."""
    dossier = section.dossier
    if dossier is None:
        return STEP_WELCOME, {}
    wf = section.wf
    index = section.stack.currentIndex()
    if index == 0:
        if dossier.state is DossierState.DRAFT:
            return STEP_WELCOME, {}
        citizen = wf.citizen_of(dossier)
        return STEP_ID, {"name": citizen.full_name, "id_number": citizen.id_number}
    if index == 1:
        if not dossier.procedure_code:
            return STEP_PROCEDURE, {}
        procedure = wf.procedure_of(dossier)
        return STEP_PROCEDURE, {
            "procedure": procedure.name,
            "fee": procedure.fee,
            "processing_days": procedure.processing_days,
        }
    if index == 2:
        with_pages = [c for c in dossier.components if c.pages]
        pages = sum(len(c.pages) for c in with_pages)
        component = with_pages[-1].name if with_pages else ""
        return STEP_SCAN, {"component": component, "page": pages, "pages": pages}
    if index == 3:
        if dossier.state in (DossierState.QUEUED, DossierState.FILED):
            return STEP_SUBMIT, {"queued": dossier.state is DossierState.QUEUED}
        return STEP_SIGN, {"documents": sum(1 for c in dossier.components if c.pdf_name)}
    return STEP_RECEIPT, {
        "dossier_code": dossier.portal_code,
        "local_ref": dossier.local_ref,
        "appointment": _appointment(dossier.appointment_date),
    }


def follow(section: Any, guidance: Any) -> None:
    """Show the current step on the guidance window; a failure never disturbs the officer."""
    try:
        step, details = guidance_step(section)
    except Exception:
        log.exception("guidance step could not be worked out")
        return
    if step == STEP_WELCOME:
        guidance.reset()
        return
    if step != STEP_ID and section.dossier.state is not DossierState.DRAFT:
        # A dossier reopened past the ID step: the citizen's (masked) name still heads the screen.
        try:
            citizen = section.wf.citizen_of(section.dossier)
            guidance.show_step(STEP_ID, name=citizen.full_name, id_number=citizen.id_number)
        except Exception:
            log.exception(
                "citizen of %s could not be shown on the guidance window", section.dossier.local_ref
            )
    guidance.show_step(step, **details)
