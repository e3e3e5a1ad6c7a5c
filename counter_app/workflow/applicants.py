"""Identifying an applicant that is not (only) the citizen at the counter: an organisation, a state
agency or a foreigner, and the representative who acts for any applicant (issue #25).

An individual applicant goes through `identify` as before; `identify_applicant` takes every kind and
records, in one transaction, the applicant, the representative, and the `citizen_identified` event
with the applicant's kind and the representative's role (never their data: events are pseudonymous).
"""

from __future__ import annotations

import sqlite3

from counter_app.applicant import Applicant, ApplicantKind, Representative
from counter_app.dossier import Dossier, DossierState, WorkflowError
from counter_app.workflow.base import IDENTIFY_METHODS, WorkflowBase

S = DossierState


class ApplicantSteps(WorkflowBase):
    def identify_applicant(
        self,
        dossier: Dossier,
        applicant: Applicant,
        *,
        representative: Representative | None = None,
        method: str = "manual",
        civil_servant: bool = False,
    ) -> Dossier:
        """Attach the applicant (any kind) and the representative, if someone acts for them.

        `method` says how the person at the counter was identified: the individual applicant's or
        the representative's card (QR, MRZ, chip), the passport's MRZ, or typed (`manual`)."""
        if applicant.kind is ApplicantKind.INDIVIDUAL:
            assert applicant.citizen is not None
            return self.identify(
                dossier,
                applicant.citizen,
                method=method,
                civil_servant=civil_servant,
                representative=representative,
            )
        if method not in IDENTIFY_METHODS:
            raise ValueError(f"method must be one of {IDENTIFY_METHODS}")
        with self._step(dossier) as (conn, current):
            self._require(current, S.DRAFT, S.CITIZEN_IDENTIFIED)
            self.repo.save_applicant(conn, current, applicant)
            self.repo.save_representative(conn, current, representative)
            earlier = _earlier_of(conn, applicant, current.id)
            self._record_identity(
                conn,
                current,
                applicant.kind,
                representative,
                method=method,
                civil_servant=False,
                earlier=earlier,
                warnings=[w.code for w in representative.citizen.warnings] if representative else [],
            )
        return dossier

    def applicant_of(self, dossier: Dossier) -> Applicant:
        """The dossier's applicant, whatever its kind (unsealed where it is personal data)."""
        if dossier.applicant_kind is ApplicantKind.INDIVIDUAL:
            return Applicant.individual(self.citizen_of(dossier))
        applicant = self.repo.load_applicant(dossier)
        if applicant is None:
            self.citizen_of(dossier)  # the same "purged" / "missing" errors as an individual's
            raise WorkflowError(
                "Hồ sơ chưa có người nộp.", "Nhập thông tin người nộp trước.", code="citizen_missing"
            )
        return applicant

    def stored_applicant(self, dossier: Dossier) -> Applicant | None:
        """The applicant as a form or a list prints it; None when there is none yet (or a
        foreigner's data was purged), where `applicant_of` refuses."""
        if dossier.applicant_kind is ApplicantKind.INDIVIDUAL:
            return Applicant.individual(self.citizen_of(dossier)) if dossier.citizen is not None else None
        return self.repo.load_applicant(dossier)

    def representative_of(self, dossier: Dossier) -> Representative | None:
        return self.repo.load_representative(dossier)


def _earlier_of(conn: sqlite3.Connection, applicant: Applicant, dossier_id: int) -> int:
    """Earlier dossiers of the same organisation or agency (its code is not personal data);
    a foreigner's are not looked up: their data is sealed per dossier."""
    field = {ApplicantKind.ORGANISATION: "$.tax_code", ApplicantKind.AGENCY: "$.code"}.get(applicant.kind)
    if field is None:
        return 0
    return int(
        conn.execute(
            "SELECT COUNT(*) FROM dossiers WHERE applicant_kind = ? AND json_extract(applicant_json, ?) = ?"
            " AND id != ?",
            (applicant.kind.value, field, applicant.identifier, dossier_id),
        ).fetchone()[0]
    )
