"""Every event kind and every state has a Vietnamese name: reports never print `dossier_created`."""

from counter_app.dossier import DossierState
from counter_app.event_labels import event_label, status_label
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
