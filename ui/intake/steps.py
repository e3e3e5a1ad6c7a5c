"""The intake screens' background work: capture, PDFs and signatures, without Qt.

Every function here runs on a TaskRunner worker (never on the UI thread): it loads its own copy
of the dossier by reference, drives `counter_app.workflow.Workflow` the way
`counter_app.intake.HeadlessIntake` does (same libraries, same calls), and returns the updated
`Dossier` for the screen to show. Progress goes through `progress(fraction, text)`, cancellation
through the TaskRunner's token, checked between pages and files, so a cancelled step leaves the
dossier as the last completed page or file left it.

The heavy steps themselves are `counter_app.intake.steps` (shared with the headless intake);
this module is the glue: reload by reference, adapt progress and cancel, shape results for the
screens.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from counter_app.dossier import ComponentStatus, Dossier, DossierState
from counter_app.errors import KnownError
from counter_app.intake.inputs import prepare_pages
from counter_app.repository import DossierSummary
from counter_app.workflow import Workflow

Progress = Callable[[tuple[float, str]], None]
PDF_WORKERS = 2  # the PDF builder releases the GIL: both cores of a counter PC are used


class Cancel(Protocol):
    @property
    def cancelled(self) -> bool: ...


class StepCancelled(KnownError):
    code = "step_cancelled"


def _say(progress: Progress | None, fraction: float, text: str) -> None:
    if progress is not None:
        progress((fraction, text))


def _check(cancel: Cancel | None) -> None:
    if cancel is not None and cancel.cancelled:
        raise StepCancelled(
            "Đã dừng theo yêu cầu.", "Các trang đã lưu vẫn còn trong hồ sơ; làm tiếp khi sẵn sàng."
        )


# -- dossiers ------------------------------------------------------------------------------------


def open_dossier(wf: Workflow, local_ref: str) -> Dossier:
    return wf.open(local_ref)


# -- capture -------------------------------------------------------------------------------------


def import_files(
    wf: Workflow,
    local_ref: str,
    component_key: str,
    paths: Sequence[str],
    *,
    clean: bool = True,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Dossier:
    """Every page of the files (images or PDFs) into one component, cleaned like a scan."""
    dossier = wf.open(local_ref)
    dpi = int(wf.ctx.config.get("scanner.dpi"))
    for number, path in enumerate(paths):
        _check(cancel)
        _say(progress, number / len(paths), f"Đang đọc tệp {Path(path).name}…")
        for page in prepare_pages(Path(path), dpi, clean):
            wf.add_page(dossier, component_key, page.data, page.meta, duration_ms=page.ms)
    _say(progress, 1.0, "Đã nhập xong.")
    return dossier


# -- PDFs ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PdfFacts:
    key: str
    name: str
    pages: int
    size: int
    signed: bool
    reused: bool


def pdf_facts(wf: Workflow, dossier: Dossier) -> list[PdfFacts]:
    """What the officer checks before signing: each component's PDF, pages and size."""
    facts = []
    for component in dossier.components:
        name = component.final_pdf
        if name is None:
            continue
        size = len(wf.read_file(dossier, name))
        facts.append(
            PdfFacts(
                component.key,
                component.name,
                len(component.pages),
                size,
                component.signed_name is not None and component.status is ComponentStatus.SIGNED,
                component.status is ComponentStatus.REUSED,
            )
        )
    return facts


def build_pdfs(
    wf: Workflow, local_ref: str, *, progress: Progress | None = None, cancel: Cancel | None = None
) -> Dossier:
    """End capture (if not yet) and build one PDF per captured component, exactly as the
    headless intake does (`counter_app.intake.steps.build_pdfs`), reporting to the task strip."""
    from counter_app.intake.steps import build_pdfs as build

    dossier = wf.open(local_ref)
    if dossier.state is DossierState.NEEDS_SUPPLEMENT:
        wf.resume_capture(dossier)  # the citizen came back with the papers asked for
    return build(
        wf,
        dossier,
        workers=PDF_WORKERS,
        progress=None if progress is None else (lambda fraction, text: progress((fraction, text))),
        cancel=None if cancel is None else (lambda: cancel.cancelled),
    )


def unsigned_documents(wf: Workflow, local_ref: str) -> list[Any]:
    """The built PDFs waiting for a signature, unsealed in memory for the signing controller
    (`ui.widgets.sign_work.SignDocument`: component key, PDF bytes, name and scan time)."""
    from counter_app.intake.steps import document_metadata, unsigned_pdfs
    from ui.widgets.sign_work import SignDocument

    dossier = wf.repo.load(local_ref)
    return [
        SignDocument(key, pdf, document_metadata(dossier.component(key)))
        for key, pdf in unsigned_pdfs(wf, dossier)
    ]


def attach_signed_files(
    wf: Workflow, local_ref: str, signed: dict[str, bytes], *, level: str, signer: str, duration_ms: int
) -> Dossier:
    """The signed PDFs into the sealed workspace, then the dossier's `signed` state."""
    dossier = wf.open(local_ref)
    for key, data in signed.items():
        wf.attach_signed(dossier, key, data)
    wf.complete_signing(dossier, level=level, signer=signer, duration_ms=duration_ms)
    return dossier


# -- citizen -------------------------------------------------------------------------------------


@dataclass
class Identified:
    dossier: Dossier
    earlier: list[DossierSummary]
    reusable: list[Any]  # counter_app.repository.ReusableComponent, all procedures


def identify(
    wf: Workflow,
    local_ref: str | None,
    citizen: Any,
    *,
    method: str,
    civil_servant: bool,
    channel: int,
) -> Identified:
    """Start the dossier (when there is none yet) and attach the citizen; a returning citizen's
    earlier dossiers and signed components come back with it."""
    from counter_app.dossier import Channel

    dossier = wf.open(local_ref) if local_ref else wf.start(channel=Channel(channel))
    wf.identify(dossier, citizen, method=method, civil_servant=civil_servant)
    return returning(wf, dossier)


def returning(wf: Workflow, dossier: Dossier) -> Identified:
    earlier = wf.earlier_dossiers(dossier)
    reusable = wf.repo.signed_components_of_citizen(dossier.citizen, dossier.id) if dossier.citizen else []
    return Identified(dossier, earlier, reusable)


@dataclass
class CitizenView:
    """What step 1 shows of a stored dossier's citizen: unsealed on a worker, not the UI thread."""

    citizen: Any  # counter_app.citizen.CitizenId
    history: Identified


def citizen_view(wf: Workflow, dossier: Dossier) -> CitizenView:
    return CitizenView(wf.citizen_of(dossier), returning(wf, dossier))


def reusable_components(wf: Workflow, dossier: Dossier) -> dict[str, Any]:
    """Component key -> the citizen's most recent signed copy this procedure may reuse."""
    return {c.key: c for c in wf.reusable_components(dossier)}
