"""The intake service: one method per officer action, for the window, the CLI and the benchmarks.

Each action is a transaction (or a series of them) on the dossier's state machine
(`counter_app.workflow`), takes the dossier by its local reference and returns it as stored. The
window calls these on its task runner (the token's actions on its single serial thread), the
headless intake calls them in a row: what the officer does is what the tests and benchmarks
measure. Long actions report `common.progress.Update`s through `progress` and stop at the next
page or file when `cancel` (a `common.progress.Cancel`) is set, leaving what was finished.

    service = IntakeService(ctx, services=lambda: running_services)
    dossier = service.identify(None, citizen, method="qr_camera").dossier
    # or any applicant kind: service.identify_applicant(None, organisation(...), representative=...)
    service.choose_procedure(dossier.local_ref, "1.001193")
    service.add_files(dossier.local_ref, {"to_khai_khai_sinh": [Path("to-khai.jpg")]})
    service.build_pdfs(dossier.local_ref)                 # or sign() straight away
    service.sign(dossier.local_ref)                       # demo keystore, a TokenChoice, or the
                                                          # window's BatchRequest (picker, PIN)
    service.file(dossier.local_ref, FilingChoice(payment_method="cash"))
    outcome = service.receipt(dossier.local_ref, wait_s=30)   # shown, stored, not yet recorded
    service.save_receipt(dossier.local_ref, outcome.pdf, "phieu.pdf", provisional=outcome.provisional)

The pipeline: page files are cleaned on two workers, a few ahead of the page stored next (the
window's imports, asked one after another while one is stored, go through `queue_import` and
`import_files`: the next one's files are cleaned meanwhile, see `import_line`);
each component's PDF is queued on the same workers as soon as its pages are stored, and used
when the PDFs are asked for if the component still has exactly those pages; `sign` on a dossier
whose PDFs are still being built signs each one as soon as it is ready. Right after its
build, each PDF's page 1 is rendered once on the same worker: the stamp's place (and the four
corners when it covers ink) and the signing review's thumbnail come from that render
(`stamp_places`). Mẫu 06 is made after filing on a thread of its own. The heavy libraries
are reached through `counter_app.intake.heavy`'s seams.
"""

from __future__ import annotations

import dataclasses
import logging
import shutil
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from common.atomic import atomic_write_bytes
from common.progress import Cancel, Cancelled, Progress, report
from counter_app.applicant import Applicant, ApplicantKind, Representative
from counter_app.citizen import CitizenId
from counter_app.citizen_checks import check_for_intake
from counter_app.contact import Contact
from counter_app.context import AppContext
from counter_app.dossier import Channel, Component, ComponentStatus, Dossier, DossierState
from counter_app.errors import KnownError
from counter_app.intake import heavy
from counter_app.intake.documents import Document
from counter_app.intake.import_line import Import, ImportLine
from counter_app.intake.outcomes import (
    AccountChecked,
    CitizenView,
    FilingChoice,
    Identified,
    IntakeError,
    IssuedForm,
    PdfFacts,
    Signed,
    TokenChoice,
    ToSign,
    page_stored,
)
from counter_app.intake.page_actions import PageActions
from counter_app.intake.same_pages import SamePage, print_key
from counter_app.intake.same_pages import same_pages as find_same_pages
from counter_app.intake.sign_requests import (
    BatchRequest,
    BatchResult,
    SignDocument,
    Survey,
    batch_error,
    signing_settings,
)
from counter_app.intake.stamp_places import THUMB_WIDTH, FirstPages
from counter_app.workflow import Workflow

if TYPE_CHECKING:  # the heavy modules behind the seams, for the annotations only
    from counter_app.intake.card_image import ImageRead
    from counter_app.intake.filing import ReceiptOutcome
    from counter_app.intake.passport_image import PassportRead
    from counter_app.intake.pdfs import PdfBuild, PdfBuilds
    from counter_app.intake.pipeline import PageFeed
    from counter_app.portal.outbox import OutboxJob
    from signing.tokens import PinState, TokenInfo

log = logging.getLogger(__name__)
S = DossierState
PRINTS_KEPT = 200  # pages' fingerprints kept for the check before signing (~9 MB)
FilesOrFeed: TypeAlias = (
    "Mapping[str, Sequence[Path | str]] | PageFeed"  # component key -> files, or a started feed
)


class IntakeService(PageActions):
    def __init__(
        self,
        ctx: AppContext,
        *,
        services: Callable[[], Any] | None = None,
        workflow: Workflow | None = None,
        screen: bool = False,
    ) -> None:
        """`services`: the running `BackgroundServices` (outbox, worker, portal), or None when
        they are not up; the headless intake passes a `filing.PortalSession`. `screen`: a window
        shows what the service makes ahead (each PDF's page 1 as a thumbnail, the stamp's corners)."""
        self.ctx = ctx
        self.screen = screen
        self.wf = workflow or Workflow(ctx)
        self._services = services or (lambda: None)
        self._lock = threading.RLock()  # _builds_of makes the pool under it
        self._pool: ThreadPoolExecutor | None = None
        self._builds: dict[str, PdfBuilds] = {}  # local_ref -> the builds queued ahead
        self._folders: dict[str, Path] = {}
        self._stop = Cancel()
        self._ocr: bool | None = None
        self._first_pages = FirstPages()  # page 1 of each PDF built, looked at once
        # same_pages.print_key -> the page's fingerprint (46 kB): the last few dossiers' pages
        self._prints: OrderedDict[str, Any] = OrderedDict()
        self._later: ThreadPoolExecutor | None = None  # what filing leaves for after it (Mẫu 06)
        self._slips: dict[str, Future[None]] = {}
        self._imports = ImportLine()  # the window's imports asked one after another

    def __enter__(self) -> IntakeService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def services(self) -> Any:
        return self._services()

    def close(self, *, wait: bool = True) -> None:
        """Stop builds queued ahead and remove their temporary folders; `wait=False` (the
        window closing) does not wait for a page or PDF page being worked on."""
        self._stop.cancel()
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=wait, cancel_futures=True)
        with self._lock:
            later, self._later = self._later, None
            self._slips.clear()
        if later is not None:
            later.shutdown(wait=wait)  # a slip being made is finished, even when the window closes
        for local_ref in list(self._folders):
            self._drop_builds(local_ref)

    def warm_up(self, *, demo: bool = True) -> None:
        """Load the later steps' libraries on a thread of their own while the officer works."""
        signing = self.ctx.paths.data_dir / "signing" / "demo" if demo else None
        heavy.warm_up(signing, bool(self.ctx.config.get("signing.stamp")))

    def _workers(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(heavy.pages().WORKERS, thread_name_prefix="intake")
            return self._pool

    # -- the dossier and the citizen ----------------------------------------------------------------

    def open(self, local_ref: str) -> Dossier:
        return self.wf.open(local_ref)

    def view(self, local_ref: str) -> Dossier:
        """The officer opens a dossier from a list: recorded in the access log (who, when, which)."""
        from counter_app.privacy.access import record_view

        dossier = self.wf.open(local_ref)
        record_view(self.ctx.events, local_ref)
        return dossier

    def read_card(self, image: Path, cancel: Cancel | None = None) -> ImageRead:
        """The citizen from a photo or scan of the ID card (QR, else the old card's MRZ), with the
        method it was read by and the picture for a screen: the window's «Mở ảnh/bản quét…» reads
        with the same function (`counter_app.intake.card_image`)."""
        read = heavy.pages().read_card_image(Path(image), cancel)
        if read is None:
            raise Cancelled("Đã dừng đọc ảnh thẻ.")
        return read

    def read_passport(self, image: Path, cancel: Cancel | None = None) -> PassportRead:
        """The foreigner from a photo or scan (image or PDF) of the passport's data page: its two
        MRZ lines read by OCR, every check digit verified (`counter_app.intake.passport_image`);
        the window's «Đọc trang hộ chiếu…» and the headless `--passport-image` read with it."""
        read = heavy.pages().read_passport_image(Path(image), cancel)
        if read is None:
            raise Cancelled("Đã dừng đọc trang hộ chiếu.")
        return read

    def identify(
        self,
        local_ref: str | None,
        citizen: CitizenId,
        *,
        method: str,
        civil_servant: bool = False,
        channel: Channel | int = Channel.IN_PERSON,
        confirmed: bool = False,
        representative: Representative | None = None,
    ) -> Identified:
        """Start the dossier (when there is none yet) and attach the citizen as its applicant (and
        the representative acting for them, if any); a returning citizen's earlier dossiers and
        signed components come back with it.

        A name or address with control characters is refused; impossible dates and contradictions
        with the ID number need `confirmed` (the officer compared them with the card)."""
        return self.identify_applicant(
            local_ref,
            Applicant.individual(citizen),
            representative=representative,
            method=method,
            civil_servant=civil_servant,
            channel=channel,
            confirmed=confirmed,
        )

    def identify_applicant(
        self,
        local_ref: str | None,
        applicant: Applicant,
        *,
        representative: Representative | None = None,
        method: str = "manual",
        civil_servant: bool = False,
        channel: Channel | int = Channel.IN_PERSON,
        confirmed: bool = False,
    ) -> Identified:
        """The same for any kind of applicant (`counter_app.applicant`): an organisation, an agency or
        a foreigner is built and checked there (tax code, agency code, passport MRZ); the citizens
        here (the applicant's or the representative's card) pass the card checks of `identify`."""
        for person in (applicant.citizen, representative.citizen if representative else None):
            if person is not None:
                check_for_intake(person, confirmed=confirmed)
        dossier = self.wf.open(local_ref) if local_ref else self.wf.start(channel=Channel(channel))
        self.wf.identify_applicant(
            dossier, applicant, representative=representative, method=method, civil_servant=civil_servant
        )
        return self._returning(dossier)

    def applicant_view(self, local_ref: str) -> tuple[Applicant, Representative | None]:
        """The dossier's applicant and representative, for a screen or a form."""
        dossier = self.wf.open(local_ref)
        return self.wf.applicant_of(dossier), self.wf.representative_of(dossier)

    def _returning(self, dossier: Dossier) -> Identified:
        earlier = self.wf.earlier_dossiers(dossier)
        repo = self.wf.repo
        reusable = repo.signed_components_of_citizen(dossier.citizen, dossier.id) if dossier.citizen else []
        return Identified(dossier, earlier, reusable)

    def citizen_view(self, dossier: Dossier) -> CitizenView:
        return CitizenView(self.wf.citizen_of(dossier), self._returning(dossier))

    def choose_procedure(self, local_ref: str, code: str) -> Dossier:
        return self.wf.choose_procedure(self.wf.open(local_ref), code)

    def record_guided(self, local_ref: str, guided_to: str) -> Dossier:
        return self.wf.record_guided(self.wf.repo.load(local_ref), guided_to)

    # -- components and pages ---------------------------------------------------------------------------

    def reusable_components(self, dossier: Dossier) -> dict[str, Any]:
        """Component key -> the citizen's most recent signed copy this procedure may reuse."""
        return {c.key: c for c in self.wf.reusable_components(dossier)}

    def reuse_component(self, local_ref: str, component_key: str, source_id: int) -> Dossier:
        return self.wf.reuse_component(self.wf.open(local_ref), component_key, source_id)

    def mark_not_provided(self, local_ref: str, component_key: str) -> Dossier:
        return self.wf.mark_not_provided(self.wf.open(local_ref), component_key)

    def mark_original_seen(self, local_ref: str, component_key: str, seen: bool) -> Dossier:
        return self.wf.mark_original_seen(self.wf.repo.load(local_ref), component_key, seen)

    def clean_files(
        self, components: Mapping[str, Sequence[Path | str]], *, clean: bool = True, views: bool = False
    ) -> PageFeed:
        """Start cleaning page files on the workers now (a `pipeline.PageFeed` for `add_files`),
        e.g. while the card is read and the dossier started. `views`: the pages' thumbnails and
        previews too, for a screen (reported with each stored page)."""
        dpi = int(self.ctx.config.get("scanner.dpi"))
        files = {key: [Path(p) for p in paths] for key, paths in components.items()}
        return heavy.pages().PageFeed(self._workers(), files, dpi, clean, views)

    def clean_files_ahead(self, components: Mapping[str, Sequence[Path | str]]) -> PageFeed | None:
        """`clean_files` for a screen, started only if it cannot wait (the page libraries are
        loaded; starting it is then a few submits to the workers); None otherwise."""
        return self.clean_files(components, views=True) if heavy.pages_ready() else None

    def queue_import(self, component_key: str, paths: Sequence[Path | str]) -> Import:
        """An import the officer asks for, maybe while another is under way (the window): in
        line, its files cleaned as soon as it is next (`import_line`). Never waits, so a UI
        thread may call it; `import_files` stores its pages at its turn, `drop_import` lets it go."""
        item = Import(self, component_key, [str(p) for p in paths])
        self._imports.add(item)
        return item

    def import_files(
        self,
        local_ref: str,
        item: Import,
        *,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
    ) -> Dossier:
        """`item`'s turn: its pages stored with their views (`add_files`), while the next import
        in line begins cleaning its files."""
        return self.add_files(local_ref, self._imports.turn(item), progress=progress, cancel=cancel)

    def drop_import(self, item: Import) -> None:
        """An import stopped before its turn (Esc, or a failed one before it)."""
        self._imports.drop(item)

    def add_files(
        self,
        local_ref: str,
        files: FilesOrFeed,
        *,
        clean: bool = True,
        views: bool = False,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
    ) -> Dossier:
        """Every page of the files (images or PDFs), cleaned like a scan, stored in order into
        their components; each component's PDF is queued as soon as its last file is stored.
        With `views`, each stored page is reported as a `scanning.PageStored` carrying its
        thumbnail and preview, as a scan batch reports its pages."""
        dossier = self.wf.open(local_ref)
        feed = self.clean_files(files, clean=clean, views=views) if isinstance(files, Mapping) else files
        builds = self._builds_of(dossier)
        held: dict[str, Any] = {}
        try:
            for number, (key, prepared, last) in enumerate(feed):
                if cancel is not None:
                    cancel.check("nhập trang")
                report(
                    progress, number / max(1, feed.files), f"Đang nhập trang «{dossier.component(key).name}»…"
                )
                for p in prepared:
                    page = self.wf.add_page(dossier, key, p.data, p.meta, duration_ms=p.ms)
                    held[page.file_name] = p.data
                    if p.views is not None:
                        if p.views.fingerprint is not None:
                            self._remember_print(print_key(local_ref, page), p.views.fingerprint)
                        stored = page_stored(number + 1, key, page, p.views.thumbnail, p.views.preview)
                        report(progress, (number + 1) / max(1, feed.files), "", stored)
                    if p.removed:
                        self.wf.record_sanitised(dossier, key, p.file, list(p.removed))
                if last:
                    # Built from the bytes just stored (no reading them back); pages the component
                    # had before are read back from the workspace.
                    def read(page: Any, h: dict[str, Any] = held) -> Any:
                        return (
                            h.pop(page.file_name)
                            if page.file_name in h
                            else self.wf.page_image(dossier, page)
                        )

                    self._submit(builds, dossier, dossier.component(key), read)
                    held = {}
        finally:
            feed.close()
        report(progress, 1.0, "Đã nhập xong.")
        return dossier

    # -- PDFs and signatures --------------------------------------------------------------------------

    def _builds_of(self, dossier: Dossier) -> PdfBuilds:
        with self._lock:
            builds = self._builds.get(dossier.local_ref)
            if builds is None:
                folder = Path(tempfile.mkdtemp(prefix="intake-pdf-"))  # 0700
                self._folders[dossier.local_ref] = folder
                stamp = bool(self.ctx.config.get("signing.stamp"))
                look = "screen" if self.screen else "stamp" if stamp else ""
                builds = heavy.pdfs().PdfBuilds(folder, self._workers(), cancel=self._stop, look=look)
                self._builds[dossier.local_ref] = builds
            return builds

    def _drop_builds(self, local_ref: str) -> None:
        with self._lock:
            self._builds.pop(local_ref, None)
            folder = self._folders.pop(local_ref, None)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)

    def _submit(
        self, builds: PdfBuilds, dossier: Dossier, component: Component, read: Callable[[Any], Any]
    ) -> PdfBuild:
        config = self.ctx.config
        ocr = bool(config.get("pdf.ocr")) if self._ocr is None else self._ocr
        meta = heavy.pdfs().PdfMetadata(
            title=component.name,
            subject=self.wf.procedure_of(dossier).name,
            author=str(config.get("officer.full_name")),
            keywords=dossier.local_ref,
        )
        return builds.submit(component, read, meta, profile=config.get("pdf.profile"), ocr=ocr)

    def set_ocr(self, ocr: bool | None) -> None:
        """Force the text layer on or off (the headless `--ocr` option); None: the configuration."""
        self._ocr = ocr

    def _pending_builds(
        self, dossier: Dossier, builds: PdfBuilds, progress: Progress | None, cancel: Cancel | None
    ) -> list[PdfBuild]:
        """End capture if needed and a build for every captured component: the one queued
        ahead when it was made from the component's pages as they are now, else a new one.
        The builds report to `progress` and stop on `cancel` until the caller calls
        `builds.report_to(None, None, 1)` (its `finally`)."""
        if dossier.state is S.NEEDS_SUPPLEMENT:
            self.wf.resume_capture(dossier)  # the citizen came back with the papers asked for
        if dossier.state is S.PROCEDURE_CHOSEN:
            self.wf.complete_capture(dossier)
        todo = [c for c in dossier.components if c.status is ComponentStatus.CAPTURED]
        ready = {c.key: builds.current(c) for c in todo}
        builds.report_to(progress, cancel, sum(len(c.pages) for c in todo if ready[c.key] is None))
        for component in todo:
            if ready[component.key] is None:
                read = lambda page: self.wf.page_image(dossier, page)  # noqa: E731
                ready[component.key] = self._submit(builds, dossier, component, read)
        return [ready[c.key] for c in todo]

    def _attach_pdfs(self, dossier: Dossier, built: list[PdfBuild]) -> Dossier:
        try:
            for build in built:
                result = build.future.result()
                self.wf.attach_pdf(dossier, build.key, result.pdf, duration_ms=result.result.ms)
                if result.first_page is not None:
                    self._first_pages.remember(
                        dossier.local_ref, dossier.component(build.key).pdf_name, result.first_page
                    )
        finally:
            self._drop_builds(dossier.local_ref)
        return self.wf.complete_pdfs(dossier)

    def build_pdfs(
        self, local_ref: str, *, progress: Progress | None = None, cancel: Cancel | None = None
    ) -> Dossier:
        """End capture (if not yet) and one digitised PDF per captured component: `pdfs_built`."""
        dossier = self.wf.open(local_ref)
        report(progress, 0.0, "Đang tạo các tệp PDF…")
        builds = self._builds_of(dossier)
        try:
            dossier = self._attach_pdfs(dossier, self._pending_builds(dossier, builds, progress, cancel))
        finally:
            builds.report_to(None, None, 1)  # builds queued ahead later run quietly again
        report(progress, 1.0, "Đã tạo xong các tệp PDF.")
        return dossier

    def pdf_facts(self, dossier: Dossier) -> list[PdfFacts]:
        """What the officer checks before signing: each component's PDF, pages and size."""
        facts = []
        for c in dossier.components:
            if c.final_pdf is None:
                continue
            size = len(self.wf.read_file(dossier, c.final_pdf))
            signed = c.signed_name is not None and c.status is ComponentStatus.SIGNED
            reused = c.status is ComponentStatus.REUSED
            made_from = (c.final_pdf, *((p.id, p.file_name) for p in c.pages))
            facts.append(PdfFacts(c.key, c.name, len(c.pages), size, signed, reused, made_from))
        return facts

    def sign(
        self,
        local_ref: str | None,
        request: BatchRequest | None = None,
        *,
        token: TokenChoice | None = None,
        level: str | None = None,
        tsa_url: str | None = None,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
    ) -> Signed:
        """Sign the dossier's PDFs in one session (one token login) and move it to `signed`:
        the window's batch and the headless intake's alike. Runs on the token's thread.

        `request`: the window's batch (the documents the officer reviewed with their stamp
        corners, the certificate picked, the PIN; `request.kept`: signed by an earlier batch the
        token stopped). A batch the token stops attaches nothing and comes back with what it
        signed (`Signed.batch`); with no `local_ref` the documents are no dossier's and only
        come back signed. Without `request` (the headless intake): the demo keystore, or
        `token`; PDFs not built yet are built first, each signed as soon as it is ready; all or
        nothing, the first failure raised. Either way each stamp goes where it was found as
        the PDF was built (`stamp_places`), and nothing is written to disk in clear."""
        signatures = heavy.signatures()
        if local_ref is None:
            assert request is not None, "documents of no dossier come with the window's request"
            batch = self._run_batch(request.documents, request, progress, cancel)
            return Signed(None, batch.signer, batch.level, int(batch.total_ms), batch)
        dossier = self.wf.open(local_ref)
        builds = None if request is not None or dossier.state is S.PDFS_BUILT else self._builds_of(dossier)
        try:
            built = None
            documents: Collection[SignDocument]
            if request is not None:
                documents = request.documents
            elif builds is None:
                documents = self.documents_to_sign(local_ref)
            else:
                built = self._pending_builds(dossier, builds, None, cancel)

                def as_document(key: str, result: Any) -> SignDocument:
                    metadata = signatures.document_metadata(dossier.component(key))
                    if result.first_page is not None:
                        box = result.first_page.box(metadata.stamp_corner)
                        metadata = dataclasses.replace(metadata, stamp_box=box)
                    return SignDocument(key, result.pdf, metadata)

                documents = heavy.pdfs().BuiltPdfs(built, as_document)
            batch = self._run_batch(
                documents, request, progress, cancel, token=token, level=level, tsa_url=tsa_url
            )
            if not batch.complete:
                if request is not None:
                    return Signed(dossier, batch.signer, batch.level, int(batch.total_ms), batch)
                if cancel is not None:
                    cancel.check("ký số")
                error = batch_error(batch)
                assert error is not None
                raise IntakeError(
                    f"Ký số chưa xong cho hồ sơ {local_ref}: {error.message}", error.hint, code=error.code
                )
            if built is not None:
                self._attach_pdfs(dossier, built)
        finally:
            if builds is not None:
                builds.report_to(None, None, 1)
        signed = {**(request.kept if request is not None else {}), **batch.signed}
        dossier = self.attach_signatures(
            local_ref, signed, level=batch.level, signer=batch.signer, duration_ms=int(batch.total_ms)
        )
        return Signed(dossier, batch.signer, batch.level, int(batch.total_ms), batch)

    def _run_batch(
        self,
        documents: Collection[SignDocument],
        request: BatchRequest | None,
        progress: Progress | None,
        cancel: Cancel | None,
        **headless: Any,
    ) -> BatchResult:
        signatures = heavy.signatures()
        if request is not None:
            settings = request.settings
            kept: Collection[str] = request.kept
            opened = lambda: signatures.chosen_session(request)  # noqa: E731
        else:
            token = headless.get("token")
            settings = signing_settings(
                self.ctx.config, level=headless.get("level"), tsa_url=headless.get("tsa_url")
            )
            kept = ()
            opened = lambda: signatures.open_session(self.wf, token, settings)  # noqa: E731
        if settings.stamp:
            documents = self._first_pages.placed(documents)
        return signatures.run_batch(opened, documents, kept=kept, progress=progress, cancel=cancel)

    def _remember_print(self, key: str, fingerprint: Any) -> None:
        with self._lock:
            self._prints[key] = fingerprint
            while len(self._prints) > PRINTS_KEPT:
                self._prints.popitem(last=False)

    def same_pages(self, local_ref: str) -> list[SamePage]:
        """Pages of different components that hold the same content (shown before signing),
        from the fingerprints made as the pages were cleaned where there are some."""
        with self._lock:
            known = {k: v for k, v in self._prints.items() if k.startswith(f"{local_ref}:")}
        return find_same_pages(self.wf, local_ref, known)

    def render_document_page(self, document: Document, *, index: int, width: int) -> bytes:
        """Page `index` of `document`, `width` pixels wide; page 1 of a PDF at the signing
        review's thumbnail size comes from the look taken as the PDF was built."""
        if document.pdf and index == 0 and width == THUMB_WIDTH:
            component = self.wf.repo.load(document.local_ref).component(document.component_key)
            thumbnail = self._first_pages.thumbnail(document.local_ref, component.final_pdf)
            if thumbnail is not None:
                return thumbnail
        return super().render_document_page(document, index=index, width=width)

    def documents_to_sign(self, local_ref: str) -> list[SignDocument]:
        """The built PDFs waiting for a signature, unsealed in memory (`SignDocument`: component
        key, PDF bytes, name and scan time)."""
        signatures = heavy.signatures()
        dossier = self.wf.repo.load(local_ref)
        return [
            SignDocument(key, pdf, signatures.document_metadata(dossier.component(key)))
            for key, pdf in signatures.unsigned_pdfs(self.wf, dossier)
        ]

    def to_sign(self, local_ref: str) -> ToSign:
        """What the window's signing step starts from: the documents to sign, and those whose
        stamp would cover ink near the top left, each with the four corners drawn on page 1, for
        the officer to choose (none when the stamp is off). Page 1 was looked at as each PDF was
        built; only a PDF built before this window opened is rendered now."""
        documents = self.documents_to_sign(local_ref)
        if not self.ctx.config.get("signing.stamp"):
            return ToSign(documents, [])
        from counter_app.intake.stamp_places import stamp_choices

        return ToSign(documents, stamp_choices(documents, self._first_pages.known()))

    def attach_signatures(
        self, local_ref: str, signed: dict[str, bytes], *, level: str, signer: str, duration_ms: int
    ) -> Dossier:
        """The signed PDFs into the sealed workspace, then the dossier's `signed` state."""
        dossier = self.wf.open(local_ref)
        for key, data in signed.items():
            self.wf.attach_signed(dossier, key, data)
        dossier = self.wf.complete_signing(dossier, level=level, signer=signer, duration_ms=duration_ms)
        for key in signed:
            component = dossier.component(key)
            if component.signed_name is not None:
                self._first_pages.alias(local_ref, component.signed_name, component.pdf_name)
        return dossier

    # -- the token, for the window's signing dialogs (on the token's thread) -------------------------

    def survey_tokens(self, *, include_known: bool, demo_folder: Path | None) -> Survey:
        module_paths = list(self.ctx.config.get("signing.module_paths") or [])
        return heavy.signatures().survey_tokens(
            module_paths, include_known=include_known, demo_folder=demo_folder
        )

    def probe_level(self, settings: Any) -> dict[str, str] | None:
        return heavy.signatures().probe_level(settings)

    def read_pin_state(self, token: TokenInfo) -> PinState:
        return heavy.signatures().read_pin_state(token)

    # -- filing ---------------------------------------------------------------------------------------

    def check_account(self, local_ref: str) -> AccountChecked:
        """Look the citizen's account up on the portal; what it said is kept in the dossier.
        An organisation, agency or foreigner has no citizen account to look up: it files through
        its own account, which the dossier records (the portal is not asked)."""
        filing = heavy.filing()
        dossier = self.wf.repo.load(local_ref)
        if dossier.applicant_kind is not ApplicantKind.INDIVIDUAL:
            note = {"found": False, "checked": False, "own_account": dossier.applicant_kind.value}
            return AccountChecked(self.wf.record_account(dossier, note), filing.account_info(note))
        citizen = self.wf.citizen_of(dossier)
        info = filing.accounts_of(self.wf, self.services).check(local_ref, citizen.id_number)
        return AccountChecked(self.wf.record_account(dossier, info.to_dict()), info)

    def check_account_or_note(self, local_ref: str) -> Dossier:
        """The headless intake's lookup: with no one at the counter to guide when the portal
        cannot answer, the dossier records that the lookup failed and why; the outbox files it later."""
        try:
            return self.check_account(local_ref).dossier
        except KnownError as exc:
            dossier = self.wf.repo.load(local_ref)
            return self.wf.record_account(dossier, {"found": False, "checked": False, "error": exc.code})

    def create_account(self, local_ref: str, phone: str, email: str) -> AccountChecked:
        """Create the account (the citizen consented) with checked contact details. Idempotent:
        a dossier whose citizen has an account already gets that one back, the portal is not asked."""
        filing = heavy.filing()
        dossier = self.wf.repo.load(local_ref)
        known = dossier.details.get("account") or {}
        if known.get("found") or known.get("created"):
            return AccountChecked(dossier, filing.account_info(known))
        contact = Contact.checked(phone, email)
        request = filing.account_request(self.wf.citizen_of(dossier), contact.phone, contact.email)
        info = filing.accounts_of(self.wf, self.services).create(local_ref, request)
        return AccountChecked(self.wf.record_account(dossier, info.to_dict()), info)

    def file(self, local_ref: str, choice: FilingChoice) -> Dossier:
        """Fee, then the outbox job and the `queued` state in one transaction; the account must be
        settled and the contact details valid (ContactError otherwise)."""
        filing = heavy.filing()
        dossier = filing.file_dossier(self.wf, self.wf.open(local_ref), self.services, choice)
        # Mẫu 06 goes with the paper dossier to the processing department, not to the citizen:
        # made after filing on a thread of its own, so the receipt does not wait for it.
        with self._lock:
            if self._later is None:
                self._later = ThreadPoolExecutor(1, thread_name_prefix="intake-later")
            self._slips[local_ref] = self._later.submit(self._make_control_slip, local_ref)
        return dossier

    def _make_control_slip(self, local_ref: str) -> None:
        try:
            heavy.filing().issue_control_slip(self.wf, self.wf.open(local_ref), self.services)
        except Exception:  # made when it is asked for (`control_slip`, `counter-app receipt --form 06`)
            log.warning("Mẫu 06 of %s not made after filing", local_ref, exc_info=True)

    def control_slip(self, local_ref: str) -> None:
        """Mẫu 06 of a filed dossier, made if it is not yet (waits for the one being made)."""
        with self._lock:
            pending = self._slips.pop(local_ref, None)
        if pending is not None:
            pending.result()
        heavy.filing().issue_control_slip(self.wf, self.wf.open(local_ref), self.services)

    def receipt(self, local_ref: str, *, wait_s: float = 0.0, preview: bool = False) -> ReceiptOutcome:
        """Mẫu 01: final once the portal has answered (waiting up to `wait_s`), else provisional."""
        return heavy.filing().receipt_outcome(self.wf, local_ref, self.services, wait_s, preview=preview)

    def save_receipt(self, local_ref: str, pdf: bytes, path: Path | str, *, provisional: bool) -> Dossier:
        """The receipt written to the file the officer chose, then recorded as handed over."""
        atomic_write_bytes(Path(path), pdf)
        return self._receipt_out(local_ref, pdf, "file", provisional)

    def receipt_printed(
        self, local_ref: str, pdf: bytes, *, provisional: bool, output: str = "printer"
    ) -> Dossier:
        """The printer (or the print dialog's file) took the receipt: recorded as handed over."""
        return self._receipt_out(local_ref, pdf, output, provisional)

    def _receipt_out(self, local_ref: str, pdf: bytes, output: str, provisional: bool) -> Dossier:
        # The dossier handed over has its Mẫu 06: made while the portal answered, or now.
        with self._lock:
            pending = self._slips.pop(local_ref, None)
        if pending is not None:
            pending.result()
        dossier = self.wf.open(local_ref)
        self.wf.record_receipt(dossier, pdf, output=output, provisional=provisional)
        return dossier

    def render_page_png(self, pdf: bytes, dpi: int) -> bytes:
        return heavy.filing().render_page_png(pdf, dpi)

    def wait_for_portal(self, local_ref: str, timeout_s: float) -> OutboxJob | None:
        """The dossier's outbox job once the portal has answered (or `timeout_s` has passed)."""
        outbox = heavy.filing().outbox_of(self.wf, self.services)
        job = outbox.latest_for(local_ref)
        return None if job is None else outbox.wait_settled(job.id, timeout_s=timeout_s)

    def latest_job(self, local_ref: str) -> OutboxJob | None:
        filing = heavy.filing()
        return filing.outbox_of(self.wf, self.services).latest_for(local_ref)

    # -- the exits: supplement and cancel ---------------------------------------------------------------

    def request_supplement(self, local_ref: str, reason: str, missing: list[str]) -> Dossier:
        """The citizen must bring `missing`: back to capture, those components marked, and Mẫu 02
        made (`issued_form`); an unsent submission is taken out of the outbox first."""
        dossier = self.wf.open(local_ref)
        heavy.filing().withdraw(self.wf, dossier, self.services, reason, S.NEEDS_SUPPLEMENT)
        self._drop_builds(local_ref)
        dossier = self.wf.request_supplement(dossier, reason, missing)
        heavy.filing().issue_form(self.wf, dossier, "02", self.services)
        return dossier

    def cancel_dossier(self, local_ref: str, reason: str) -> Dossier:
        """The dossier is dropped (an unsent submission taken out of the outbox first) and Mẫu 03
        made (`issued_form`)."""
        dossier = self.wf.open(local_ref)
        heavy.filing().withdraw(self.wf, dossier, self.services, reason, S.CANCELLED)
        self._drop_builds(local_ref)
        dossier = self.wf.cancel(dossier, reason)
        heavy.filing().issue_form(self.wf, dossier, "03", self.services)
        return dossier

    def issued_form(self, local_ref: str, form: str) -> IssuedForm:
        """Mẫu 02 or 03 as made for the dossier, with a preview of its first page."""
        return heavy.filing().issued_form(self.wf, local_ref, form)
