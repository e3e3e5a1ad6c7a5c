"""What the intake service's actions take and give, and its known errors: plain data the window
builds and reads on its own thread, with no heavy library behind it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from counter_app.citizen import CitizenId
from counter_app.dossier import FILED_STATES, Dossier, DossierState, Page
from counter_app.errors import KnownError
from counter_app.read_models import state_label
from counter_app.repository import DossierSummary

if TYPE_CHECKING:
    from counter_app.intake.sign_requests import BatchResult, SignDocument
    from counter_app.intake.stamp_places import StampChoice
    from portal_contract.models import AccountInfo

S = DossierState
FILED_HINT = (
    "Việc bổ sung hoặc hủy hồ sơ đã nộp do bộ phận giải quyết thực hiện trên cổng; báo lãnh đạo bộ phận."
)


@dataclass(frozen=True)
class TokenChoice:
    """Sign with a PKCS#11 token instead of the demo keystore (the `counter-app sign` options)."""

    module: str | None = None
    token_label: str | None = None
    cert_id: bytes | None = None
    pin: str | None = None  # None: the token's PIN pad


class IntakeError(KnownError):
    code = "intake_failed"


class AlreadyFiledError(KnownError):
    code = "already_filed"


def refuse_if_filed(dossier: Dossier, to: DossierState) -> None:
    """The portal has the dossier: supplement or cancel is the back office's, not the counter's."""
    if dossier.state in FILED_STATES:
        raise AlreadyFiledError(
            f"Hồ sơ {dossier.local_ref} đã nộp lên cổng dịch vụ công (mã {dossier.portal_code or '—'});"
            f" không thể chuyển sang «{state_label(to)}» tại quầy.",
            FILED_HINT,
        )


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
class AccountChecked:
    """The portal's answer about the citizen's account, and the dossier that now records it."""

    dossier: Dossier
    info: AccountInfo


@dataclass
class Identified:
    dossier: Dossier
    earlier: list[DossierSummary]
    reusable: list[Any]  # counter_app.repository.ReusableComponent, all procedures


@dataclass
class CitizenView:
    """What step 1 shows of a stored dossier's citizen, unsealed off the UI thread."""

    citizen: CitizenId
    history: Identified


@dataclass(frozen=True)
class PdfFacts:
    key: str
    name: str
    pages: int
    size: int
    signed: bool
    reused: bool
    # The PDF's file and the pages it was built from (id, file name): the same while the PDF is
    # the same, so a window need not look at it again.
    made_from: tuple[object, ...] = ()


@dataclass
class Signed:
    """What `IntakeService.sign` did. `dossier` is `signed` when `batch.complete`; a window's batch
    stopped by the token attaches nothing and says what it signed (`batch.signed`, kept for
    the next batch). `dossier` is None for documents of no dossier."""

    dossier: Dossier | None
    signer: str
    level: str
    signing_ms: int  # the session's own time, not waiting for PDFs still being built
    batch: BatchResult | None = None


@dataclass(frozen=True)
class ToSign:
    """Where the window's signing step starts: the documents, and those whose stamp would cover
    ink near the top left with the four corners offered (`stamp_places.StampChoice`)."""

    documents: list[SignDocument]
    choices: list[StampChoice]


@dataclass(frozen=True)
class IssuedForm:
    """A counter form the core made for a dossier (Mẫu 02 after a supplement request, Mẫu 03
    after a refusal), with a preview of its first page for the screen."""

    local_ref: str
    form: str
    name: str
    pdf: bytes
    preview_png: bytes


@dataclass(frozen=True)
class PageStored:
    """`Update.item` once a page is cleaned and stored in the dossier (a scan batch's or a file
    import's), with what a screen shows, so the screen decodes nothing again."""

    number: int
    seq: int
    blank: bool
    thumbnail: bytes  # PNG
    preview: bytes  # JPEG for a zoomed view, so the officer sees each page as it arrives
    component_key: str = ""
    key: str = ""  # page_images.page_key: what the thumbnail cache is keyed by


def page_stored(number: int, component_key: str, page: Page, thumbnail: bytes, preview: bytes) -> PageStored:
    from counter_app.intake.page_images import page_key

    return PageStored(number, page.seq, page.blank, thumbnail, preview, component_key, page_key(page))
