"""The dossier (hồ sơ) and what it is made of: components (thành phần hồ sơ) and their scanned pages.

These are plain values loaded from and saved to the database by `counter_app.repository`; the
rules about how a dossier moves from state to state live in `counter_app.workflow`. The citizen
appears only as a `CitizenRef` (the row of the sealed `citizens` table): the name and ID number
are unsealed on demand and never stored in the clear. The applicant may also be an organisation,
an agency or a foreigner (`counter_app.applicant`), and a representative may act for them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any

from common import clock
from counter_app.applicant import ApplicantKind, RepresentativeRole
from counter_app.errors import KnownError


def local_day_bounds(day: date) -> tuple[str, str]:
    """The UTC timestamps (as stored) where the office's day starts and the next one starts."""
    start, end = clock.office_clock().day_bounds_utc(day)
    return start.isoformat(timespec="milliseconds"), end.isoformat(timespec="milliseconds")


class DossierState(str, Enum):
    DRAFT = "draft"
    CITIZEN_IDENTIFIED = "citizen_identified"
    PROCEDURE_CHOSEN = "procedure_chosen"  # also "capturing": pages are added in this state
    COMPONENTS_CAPTURED = "components_captured"
    PDFS_BUILT = "pdfs_built"
    SIGNED = "signed"
    QUEUED = "queued"
    FILED = "filed"
    RECEIPT_PRINTED = "receipt_printed"
    NEEDS_SUPPLEMENT = "needs_supplement"
    CANCELLED = "cancelled"


_S = DossierState
# Allowed moves. Going back to PROCEDURE_CHOSEN means "capture again" (a page added or removed
# after capture ended invalidates that component's PDF and signature).
TRANSITIONS: Mapping[DossierState, frozenset[DossierState]] = {
    _S.DRAFT: frozenset({_S.CITIZEN_IDENTIFIED, _S.CANCELLED}),
    _S.CITIZEN_IDENTIFIED: frozenset({_S.PROCEDURE_CHOSEN, _S.CANCELLED}),
    _S.PROCEDURE_CHOSEN: frozenset({_S.COMPONENTS_CAPTURED, _S.NEEDS_SUPPLEMENT, _S.CANCELLED}),
    _S.COMPONENTS_CAPTURED: frozenset(
        {_S.PDFS_BUILT, _S.PROCEDURE_CHOSEN, _S.NEEDS_SUPPLEMENT, _S.CANCELLED}
    ),
    _S.PDFS_BUILT: frozenset({_S.SIGNED, _S.PROCEDURE_CHOSEN, _S.NEEDS_SUPPLEMENT, _S.CANCELLED}),
    _S.SIGNED: frozenset({_S.QUEUED, _S.PROCEDURE_CHOSEN, _S.NEEDS_SUPPLEMENT, _S.CANCELLED}),
    _S.QUEUED: frozenset({_S.FILED, _S.NEEDS_SUPPLEMENT, _S.CANCELLED}),
    _S.FILED: frozenset({_S.RECEIPT_PRINTED, _S.NEEDS_SUPPLEMENT}),
    _S.RECEIPT_PRINTED: frozenset({_S.NEEDS_SUPPLEMENT}),
    _S.NEEDS_SUPPLEMENT: frozenset({_S.PROCEDURE_CHOSEN, _S.CANCELLED}),
    _S.CANCELLED: frozenset(),
}

# States in which pages may be added or removed (the later ones step back to capturing).
EDITABLE_STATES = frozenset(
    {_S.PROCEDURE_CHOSEN, _S.COMPONENTS_CAPTURED, _S.PDFS_BUILT, _S.SIGNED, _S.NEEDS_SUPPLEMENT}
)
OPEN_STATES = frozenset(s for s in DossierState if s not in (_S.RECEIPT_PRINTED, _S.CANCELLED))
# The portal holds the dossier: only the back office changes it now.
FILED_STATES = frozenset({_S.FILED, _S.RECEIPT_PRINTED})


class ComponentStatus(str, Enum):
    PENDING = "pending"
    CAPTURED = "captured"
    DIGITIZED = "digitized"
    SIGNED = "signed"
    REUSED = "reused"
    NOT_PROVIDED = "not_provided"


class Channel(int, Enum):
    """KenhThucHien, domain.md §5."""

    IN_PERSON = 1
    ONLINE = 2
    POSTAL = 3


class WorkflowError(KnownError):
    code = "workflow_invalid"


@dataclass(frozen=True)
class PageMeta:
    """What the scanner or clean-up step says about a page image."""

    width: int
    height: int
    dpi: int
    mode: str  # color | gray | bw
    blank: bool = False
    ext: str = "png"  # the image format's file extension, kept in the workspace name


@dataclass(frozen=True)
class Page:
    id: int
    seq: int
    file_name: str  # workspace name (sealed on disk)
    width: int
    height: int
    dpi: int
    mode: str
    blank: bool
    created_at: str


@dataclass
class Component:
    id: int
    key: str
    name: str
    required: bool
    status: ComponentStatus
    reused_from: int | None = None
    original_seen: bool = False
    pdf_name: str | None = None
    signed_name: str | None = None
    pdf_sha256: str | None = None
    pages: list[Page] = field(default_factory=list)

    @property
    def final_pdf(self) -> str | None:
        """The file that goes to the portal: the signed PDF when there is one."""
        return self.signed_name or self.pdf_name

    @property
    def black_and_white_pages(self) -> int:
        """Pages kept in black and white: digitised copies must be colour (domain.md §3)."""
        return sum(1 for page in self.pages if page.mode == "bw")

    @property
    def provided(self) -> bool:
        return self.status not in (ComponentStatus.PENDING, ComponentStatus.NOT_PROVIDED)


@dataclass(frozen=True)
class CitizenRef:
    """A row of the sealed `citizens` table: enough to link dossiers, nothing personal in the clear."""

    id: int
    id_tag: str


@dataclass
class Dossier:
    id: int
    local_ref: str
    office_code: str
    state: DossierState
    channel: Channel
    created_at: str
    updated_at: str
    citizen: CitizenRef | None = None  # the individual applicant (kind individual)
    procedure_code: str | None = None
    portal_code: str | None = None
    received_at: str | None = None
    appointment_date: str | None = None
    fee: int = 0
    payment_method: str | None = None
    return_method: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    components: list[Component] = field(default_factory=list)
    applicant_kind: ApplicantKind = ApplicantKind.INDIVIDUAL
    representative: CitizenRef | None = None  # the person acting for the applicant, if any
    representative_role: RepresentativeRole | None = None

    def component(self, key: str) -> Component:
        for component in self.components:
            if component.key == key:
                return component
        raise WorkflowError(
            f"Hồ sơ {self.local_ref} không có thành phần «{key}».",
            "Chọn thủ tục trước, rồi chọn một thành phần trong danh sách của thủ tục.",
            code="component_unknown",
        )

    @property
    def page_count(self) -> int:
        return sum(len(c.pages) for c in self.components)

    @property
    def local_appointment(self) -> datetime | None:
        """The appointment the counter computed at filing (office time), before the portal's."""
        text = self.details.get("local_appointment")
        return datetime.fromisoformat(text) if text else None

    @property
    def appointment_mismatch(self) -> dict[str, str] | None:
        """{"local_date", "portal_date"} when the portal's appointment is not the counter's."""
        return self.details.get("appointment_mismatch")

    @property
    def state_entered_at(self) -> str:
        return str(self.details.get("state_entered_at", self.updated_at))


def filing_channel(dossier: Dossier) -> Channel:
    """The channel the portal records: a walk-in dossier filed by the counter on the citizen's
    behalf is an online dossier (channel 2, what KPI 3.3 counts); postal stays postal."""
    return Channel.POSTAL if dossier.channel is Channel.POSTAL else Channel.ONLINE
