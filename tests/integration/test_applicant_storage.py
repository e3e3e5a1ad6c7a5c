"""Every applicant kind stored in a real SQLite file (issue #25): what is personal data is sealed,
an organisation's data is not, the catalogue refuses a kind a procedure is not for."""

from __future__ import annotations

import random
from datetime import date

import pytest

from counter_app.applicant import (
    ApplicantKind,
    Representative,
    RepresentativeRole,
    agency,
    foreigner_from_mrz,
    organisation,
)
from counter_app.catalog import CatalogError
from counter_app.context import AppContext
from counter_app.workflow import Workflow
from tests.synthetic_applicants import AGENCY, ORGANISATION, PASSPORT
from tests.synthetic_idcard import synthetic_citizen

LAND = "1.012790"  # accepts every kind
BIRTH = "1.001193"  # individuals only


def _representative(seed: int, role: RepresentativeRole = RepresentativeRole.STAFF) -> Representative:
    return Representative(synthetic_citizen(random.Random(seed)), role)


def test_an_organisation_is_stored_in_the_clear_and_its_staff_sealed(ctx: AppContext, wf: Workflow) -> None:
    applicant = organisation(**ORGANISATION)
    staff = _representative(1)
    dossier = wf.identify_applicant(wf.start(), applicant, representative=staff, method="qr_image")
    wf.choose_procedure(dossier, LAND)

    reopened = Workflow(ctx).open(dossier.local_ref)
    assert reopened.applicant_kind is ApplicantKind.ORGANISATION
    assert reopened.citizen is None
    assert wf.applicant_of(reopened) == applicant
    assert wf.representative_of(reopened) == staff
    raw = ctx.paths.database.read_bytes() + b"".join(
        p.read_bytes() for p in ctx.paths.data_dir.glob("*.sqlite3-wal")
    )
    assert ORGANISATION["tax_code"].encode() in raw  # not personal data: kept readable
    assert staff.citizen.id_number.encode() not in raw  # the representative's card is sealed
    assert staff.citizen.full_name.encode() not in raw


def test_a_foreigner_is_sealed(ctx: AppContext, wf: Workflow) -> None:
    applicant = foreigner_from_mrz("\n".join(PASSPORT), today=date(2026, 12, 7))
    dossier = wf.identify_applicant(wf.start(), applicant, method="mrz")
    assert wf.applicant_of(wf.open(dossier.local_ref)) == applicant
    raw = ctx.paths.database.read_bytes() + b"".join(
        p.read_bytes() for p in ctx.paths.data_dir.glob("*.sqlite3-wal")
    )
    assert b"X9912345" not in raw and b"TESUTO" not in raw


def test_an_individual_with_a_guardian(wf: Workflow) -> None:
    child = synthetic_citizen(random.Random(7))
    guardian = _representative(8, RepresentativeRole.GUARDIAN)
    dossier = wf.identify(wf.start(), child, method="qr_image", representative=guardian)
    wf.choose_procedure(dossier, BIRTH)
    assert wf.applicant_of(dossier).citizen == child
    assert wf.representative_of(dossier) == guardian
    assert dossier.representative_role is RepresentativeRole.GUARDIAN


def test_a_procedure_refuses_a_kind_it_is_not_for(wf: Workflow) -> None:
    dossier = wf.identify_applicant(wf.start(), agency(**AGENCY))
    with pytest.raises(CatalogError) as caught:
        wf.choose_procedure(dossier, BIRTH)
    assert caught.value.code == "applicant_kind_not_accepted"
    assert "cơ quan nhà nước" in caught.value.message
