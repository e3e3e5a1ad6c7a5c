"""Every event kind and every state has a Vietnamese name: reports never print `dossier_created`."""

from counter_app.applicant import ApplicantKind, RepresentativeRole
from counter_app.dossier import DossierState
from counter_app.event_labels import (
    REPRESENTATIVE_ROLE_LABELS_VI,
    applicant_kind_label,
    event_label,
    status_label,
)
from counter_app.events import EVENT_KINDS
from portal_contract.models import DOSSIER_STATUSES


def test_every_event_kind_has_a_vietnamese_name() -> None:
    for kind in EVENT_KINDS:
        label = event_label(kind)
        assert label != "Sự kiện khác" and "_" not in label, kind


def test_every_dossier_and_portal_state_has_a_vietnamese_name() -> None:
    for state in [s.value for s in DossierState] + list(DOSSIER_STATUSES):
        label = status_label(state)
        assert label != "Trạng thái khác" and "_" not in label, state


def test_every_applicant_kind_and_representative_role_has_a_vietnamese_name() -> None:
    for kind in ApplicantKind:
        label = applicant_kind_label(kind.value)
        assert label != "Loại khác" and "_" not in label, kind
    assert applicant_kind_label(None) == ApplicantKind.INDIVIDUAL.label  # events from before the kinds
    for role in RepresentativeRole:
        assert (
            REPRESENTATIVE_ROLE_LABELS_VI[role.value] and "_" not in REPRESENTATIVE_ROLE_LABELS_VI[role.value]
        )
