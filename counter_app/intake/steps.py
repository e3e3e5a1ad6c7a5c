"""The intake's heavy steps as plain functions over a `Workflow` and a `Dossier`, without Qt.

Shared by `counter-app intake --headless` and the window's background tasks, so both build,
sign, file and print the same way::

    build_pdfs(wf, dossier, progress=report, cancel=is_cancelled)     # -> pdfs_built
    signer = sign_components(wf, dossier, token=None, progress=..., cancel=...)   # -> signed
    request = submission_for(wf, dossier, payment_method="cash", return_method="at_counter")
    pdf, provisional = make_receipt(wf, dossier, request, job.result or None)     # recorded, sealed

`progress(fraction, text)` receives 0..1 and a Vietnamese line for the officer; with `workers`
above 1 it is called from the pool's threads. `cancel()` returning True stops at the next page
or file with a known error (`pdf_cancelled` from the PDF builder, `step_cancelled` for signing);
what was finished stays recorded, nothing is half-attached. PDFs are built through a private
temporary folder (0700, removed at the end) because the PDF builder takes paths; signing reads
and returns bytes (`signing.session`), so no PDF is written in clear to be signed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
import threading
import time
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from common import clock
from counter_app.dossier import Channel, Component, ComponentStatus, Dossier, DossierState, Page
from counter_app.intake.inputs import IntakeError
from counter_app.workflow import Workflow

if TYPE_CHECKING:
    from scanner.pdf import SourcePage

Progress = Callable[[float, str], None]
CancelCheck = Callable[[], bool]


@dataclass(frozen=True)
class TokenChoice:
    """Sign with a PKCS#11 token instead of the demo keystore (the `counter-app sign` options)."""

    module: str | None = None
    token_label: str | None = None
    cert_id: bytes | None = None
    pin: str | None = None  # None: the token's PIN pad


def _say(progress: Progress | None, fraction: float, text: str) -> None:
    if progress is not None:
        progress(fraction, text)


def _cancelled(what: str) -> IntakeError:
    return IntakeError(
        f"Đã dừng {what}.",
        "Những phần đã xong vẫn được lưu trong hồ sơ; bấm làm lại khi sẵn sàng.",
        code="step_cancelled",
    )


class PdfBuilds:
    """One digitised PDF per captured component, built on `pool` as soon as the component is
    handed over with `submit`, and attached to the dossier in that order by `finish`.

    `build_pdfs` hands every component over at once; the headless intake hands each one over as
    soon as its last page is stored, so PDFs are built while later pages are still cleaned.
    Blank pages are left out of the PDF (a component of blank pages only keeps them all)."""

    def __init__(
        self,
        wf: Workflow,
        dossier: Dossier,
        folder: Path,
        pool: ThreadPoolExecutor,
        *,
        ocr: bool | None = None,
        total_pages: int = 1,
        progress: Progress | None = None,
        cancel: CancelCheck | None = None,
    ) -> None:
        self.wf, self.dossier, self.folder, self.pool = wf, dossier, folder, pool
        config = wf.ctx.config
        self.ocr = bool(config.get("pdf.ocr")) if ocr is None else ocr
        self.progress, self.stop = progress, cancel or (lambda: False)
        self.total = max(1, total_pages)
        self.done = 0
        self.lock = threading.Lock()
        self.builds: list[tuple[str, Future]] = []

    def _tick(self, component_name: str) -> Callable[[int, int], None]:
        seen = {"pages": 0}

        def on_page(page: int, pages: int) -> None:
            with self.lock:
                self.done += page - seen["pages"]
                seen["pages"] = page
                fraction = self.done / self.total
            _say(self.progress, fraction, f"Đang tạo PDF «{component_name}»: trang {page}/{pages}")

        return on_page

    def submit(self, component: Component, read: Callable[[Page], bytes | SourcePage]) -> None:
        """Start building `component`'s PDF; `read(page)` gives a page's stored bytes, or the
        page already in memory (`scanner.pdf.SourcePage`) when the caller still holds it."""
        from scanner.pdf import PdfMetadata, SourcePage, build_pdf

        config = self.wf.ctx.config
        pages = [p for p in component.pages if not p.blank] or component.pages
        inputs: list[Path | SourcePage] = []
        for page in pages:
            content = read(page)
            if isinstance(content, SourcePage):
                inputs.append(content)
                continue
            path = self.folder / "pages" / component.key / Path(page.file_name).name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            inputs.append(path)
        meta = PdfMetadata(
            title=component.name,
            subject=self.wf.procedure_of(self.dossier).name,
            author=str(config.get("officer.full_name")),
            keywords=self.dossier.local_ref,
        )
        future = self.pool.submit(
            build_pdf,
            inputs,
            self.folder / f"{component.key}.pdf",
            profile=config.get("pdf.profile"),
            metadata=meta,
            ocr=self.ocr,
            progress=self._tick(component.name),
            cancel=self.stop,
        )
        self.builds.append((component.key, future))

    def outputs(self) -> BuiltPdfs:
        """The PDFs handed over so far, in order, each available (as bytes) once built."""
        return BuiltPdfs([(key, self.folder / f"{key}.pdf", future) for key, future in self.builds])

    def finish(self) -> Dossier:
        """Attach every PDF (in the order handed over, each as soon as it is ready), then move
        the dossier to pdfs_built."""
        for key, future in self.builds:
            built = future.result()
            self.wf.attach_pdf(self.dossier, key, built.out.read_bytes(), duration_ms=built.ms)
        self.wf.complete_pdfs(self.dossier)
        _say(self.progress, 1.0, "Đã tạo xong các tệp PDF.")
        return self.dossier


class BuiltPdfs(Collection[tuple[str, bytes]]):
    """PDFs still being built: iterating waits for each build in turn (its error if it failed)
    and gives (component key, PDF bytes), so a signing session signs each one as soon as it is
    ready."""

    def __init__(self, builds: list[tuple[str, Path, Future]]) -> None:
        self._builds = builds

    def __len__(self) -> int:
        return len(self._builds)

    def __contains__(self, key: object) -> bool:
        return any(key == built_key for built_key, _path, _future in self._builds)

    def __iter__(self) -> Iterator[tuple[str, bytes]]:
        for key, path, future in self._builds:
            future.result()
            yield key, path.read_bytes()


def build_pdfs(
    wf: Workflow,
    dossier: Dossier,
    *,
    ocr: bool | None = None,
    workers: int = 1,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> Dossier:
    """End capture if needed, build one digitised PDF per captured component, move to pdfs_built."""
    if dossier.state is DossierState.PROCEDURE_CHOSEN:
        wf.complete_capture(dossier)
    todo = [c for c in dossier.components if c.status is ComponentStatus.CAPTURED]
    with (
        tempfile.TemporaryDirectory(prefix="intake-pdf-") as tmp,
        ThreadPoolExecutor(max(1, workers)) as pool,
    ):
        builds = PdfBuilds(
            wf,
            dossier,
            Path(tmp),
            pool,
            ocr=ocr,
            total_pages=sum(len(c.pages) for c in todo),
            progress=progress,
            cancel=cancel,
        )
        for component in todo:
            builds.submit(component, lambda page: wf.page_image(dossier, page))
        return builds.finish()


@dataclass
class SignedBatch:
    """Signed PDFs not attached yet: component key -> signed bytes."""

    signed: dict[str, bytes]
    signer: str
    level: str
    ms: int  # time spent signing, not waiting for PDFs still being built


def signing_settings(config: Any, *, level: str | None = None, tsa_url: str | None = None) -> Any:
    """The session's settings from the configuration (`level`/`tsa_url` override it):
    `signing.SigningSettings`, the same for the window, the headless intake and the steps."""
    from signing.session import SigningSettings

    level = level or config.get("signing.level")
    roots = config.get("signing.trust_roots") or []
    trust_roots: list[Any] = []
    if roots and level == "B-LT":
        from signing.verify import load_trust_roots

        trust_roots = load_trust_roots(roots)
    return SigningSettings(
        level=level,
        tsa_url=tsa_url or config.get("signing.tsa_url") or None,
        stamp=bool(config.get("signing.stamp")),
        trust_roots=trust_roots,
    )


def document_metadata(component: Component) -> Any:
    """What the signature of `component`'s PDF shows (`signing.DocumentMetadata`): its name,
    and when its first page was scanned (Thông tư 01/2023 Art. 8)."""
    from common import clock
    from signing.session import DocumentMetadata

    scanned = (
        clock.local(dt.datetime.fromisoformat(component.pages[0].created_at)) if component.pages else None
    )
    return DocumentMetadata(component.name, scan_time=scanned)


def unsigned_pdfs(wf: Workflow, dossier: Dossier) -> list[tuple[str, bytes]]:
    """(component key, PDF bytes) of every built PDF waiting for a signature, unsealed in memory."""
    return [
        (c.key, wf.read_file(dossier, c.pdf_name or ""))
        for c in dossier.components
        if c.status is ComponentStatus.DIGITIZED
    ]


def sign_components(
    wf: Workflow,
    dossier: Dossier,
    *,
    token: TokenChoice | None = None,
    level: str | None = None,
    tsa_url: str | None = None,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> str:
    """Sign every built PDF in one session (one token login; the demo keystore when `token` is
    None) and move to signed. Nothing is attached unless the whole batch signed. Returns the signer."""
    batch = sign_pdfs(
        wf, dossier, unsigned_pdfs(wf, dossier),
        token=token, level=level, tsa_url=tsa_url, progress=progress, cancel=cancel,
    )  # fmt: skip
    return attach_signatures(wf, dossier, batch)


def open_session(wf: Workflow, token: TokenChoice | None, settings: Any) -> Any:
    """A `signing.SigningSession` on the chosen token, or on the demo keystore."""
    from signing.provider import first_module_with_token, open_demo_session, open_token_session

    if token is None:
        return open_demo_session(demo_keystore_folder(wf.ctx), settings)
    module = token.module or first_module_with_token(
        wf.ctx.config.get("signing.module_paths"), token_label=token.token_label
    )
    return open_token_session(
        module, settings, pin=token.pin, token_label=token.token_label, cert_id=token.cert_id
    )


def sign_pdfs(
    wf: Workflow,
    dossier: Dossier,
    pdfs: Collection[tuple[str, bytes]],
    *,
    token: TokenChoice | None = None,
    level: str | None = None,
    tsa_url: str | None = None,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> SignedBatch:
    """Sign `pdfs` ((component key, PDF bytes), e.g. `PdfBuilds.outputs()` signed as each is
    built) in memory inside one session; attach nothing."""
    from signing.errors import SigningError

    settings = signing_settings(wf.ctx.config, level=level, tsa_url=tsa_url)
    demo = token is None
    total = max(1, len(pdfs))
    signed: dict[str, bytes] = {}
    _say(progress, 0.0, "Đang ký số…")
    started = time.perf_counter()
    session = open_session(wf, token, settings)
    busy_s = time.perf_counter() - started
    with session:
        for key, pdf in pdfs:
            if cancel is not None and cancel():
                raise _cancelled("ký số")
            started = time.perf_counter()
            try:
                signed[key] = session.sign(pdf, document_metadata(dossier.component(key)))
            except SigningError as exc:
                raise IntakeError(
                    f"Ký số chưa xong cho hồ sơ {dossier.local_ref}: {exc.message}", exc.hint, code=exc.code
                ) from exc
            busy_s += time.perf_counter() - started
            done = len(signed)
            _say(progress, done / total, f"Đã ký {done}/{total} tệp" + (" (DEMO)" if demo else ""))
    return SignedBatch(signed=signed, signer=session.holder, level=session.level, ms=int(busy_s * 1000))


def attach_signatures(wf: Workflow, dossier: Dossier, batch: SignedBatch) -> str:
    """Attach a whole signed batch (sealed by the workspace) and move to signed. Returns the signer."""
    for key, data in batch.signed.items():
        wf.attach_signed(dossier, key, data)
    wf.complete_signing(dossier, level=batch.level, signer=batch.signer, duration_ms=batch.ms)
    return batch.signer


def demo_keystore_folder(ctx: Any) -> Path:
    """Where the demo keystore of this data folder lives."""
    return ctx.paths.data_dir / "signing" / "demo"


def submission_for(
    wf: Workflow,
    dossier: Dossier,
    *,
    payment_method: str = "none",
    return_method: str = "at_counter",
    return_address: str = "",
    phone: str = "",
    email: str = "",
    account_id: str = "",
) -> Any:
    """The portal submission (`portal_contract.models.SubmissionRequest`) of a signed dossier; the
    signed PDFs are named by their workspace file, read (and unsealed) by the outbox at send time."""
    from portal_contract.models import ComponentUpload, SubmissionRequest

    citizen = wf.citizen_of(dossier)
    uploads = []
    for component in dossier.components:
        if component.signed_name is None:
            continue
        data = wf.read_file(dossier, component.signed_name)
        uploads.append(
            ComponentUpload(
                key=component.key,
                name=component.name,
                file_name=f"{component.key}.pdf",
                pages=len(component.pages),
                reused=component.status is ComponentStatus.REUSED,
                sha256=hashlib.sha256(data).hexdigest(),
                size=len(data),
                workspace_name=component.signed_name,
            )
        )
    return SubmissionRequest(
        office_code=dossier.office_code,
        local_ref=dossier.local_ref,
        procedure_code=dossier.procedure_code or "",
        applicant=applicant_of(citizen, phone, email),
        components=tuple(uploads),
        channel=int(filing_channel(dossier)),
        fee=dossier.fee,
        payment_method=payment_method,
        return_method=return_method,
        return_address=return_address,
        account_id=account_id,
        officer=str(wf.ctx.config.get("officer.username")),
    )


def applicant_of(citizen: Any, phone: str = "", email: str = "") -> Any:
    """The portal's view of the citizen (submission and account creation)."""
    from portal_contract.models import Applicant

    return Applicant(
        id_number=citizen.id_number,
        full_name=citizen.full_name,
        date_of_birth=citizen.date_of_birth.isoformat() if citizen.date_of_birth else "",
        address=citizen.address,
        phone=phone,
        email=email,
    )


def filing_channel(dossier: Dossier) -> Channel:
    """The channel the portal records: a walk-in dossier filed by the counter on the citizen's
    behalf is an online dossier (channel 2, what KPI 3.3 counts); postal stays postal."""
    return Channel.POSTAL if dossier.channel is Channel.POSTAL else Channel.ONLINE


def make_receipt(wf: Workflow, dossier: Dossier, submission: Any, result: Any = None) -> tuple[bytes, bool]:
    """Mẫu 01 for the dossier, recorded and kept sealed in it: final with the portal's `result`
    (`SubmissionResult`), provisional with the local reference when `result` is None.
    Returns (pdf bytes, provisional)."""
    from counter_app.receipt import receipt_from_submission, render_receipt

    config = wf.ctx.config
    procedure = wf.procedure_of(dossier)
    office = str(config.get("office.name"))
    data = receipt_from_submission(
        submission,
        result,
        agency=office.upper(),
        office_name=office,
        place=office,
        procedure_name=procedure.name,
        processing_days=procedure.processing_days,
        paper_forms={c.key: c.paper_form for c in procedure.components},
        officer_name=str(config.get("officer.full_name")),
        hotline=str(config.get("receipt.hotline")),
        training=wf.ctx.demo_mode,
        received_at=clock.local(dt.datetime.fromisoformat(dossier.created_at)),
    )
    pdf = render_receipt(data)
    wf.record_receipt(dossier, pdf)
    return pdf, data.provisional
