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
what was finished stays recorded, nothing is half-attached. PDFs pass through a private temporary folder (0700, removed at the end) because
the PDF and signing libraries take paths.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

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
        """The PDFs handed over so far, in order, each available once built."""
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


class BuiltPdfs(Sequence[Path]):
    """PDF files still being built: item i is there once build i has finished (its error if it
    failed), so a signing batch walking them in order signs each one as soon as it is ready."""

    def __init__(self, builds: list[tuple[str, Path, Future]]) -> None:
        self._builds = builds
        self.sources = {key: path for key, path, _ in builds}  # component key -> its PDF
        self.waited_s = 0.0  # spent waiting for builds, not signing

    def __len__(self) -> int:
        return len(self._builds)

    @overload
    def __getitem__(self, index: int) -> Path: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Path]: ...
    def __getitem__(self, index: int | slice) -> Path | Sequence[Path]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        _key, path, future = self._builds[index]
        started = time.perf_counter()
        future.result()
        self.waited_s += time.perf_counter() - started
        return path


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
    """Signed PDFs not attached yet: component key -> signed file."""

    signed: dict[str, Path]
    signer: str
    level: str
    ms: int  # time spent signing, not waiting for PDFs still being built


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
    """Sign every built PDF in one batch (one token login; the demo keystore when `token` is None)
    and move to signed. Nothing is attached unless the whole batch signed. Returns the signer."""
    to_sign = [c for c in dossier.components if c.status is ComponentStatus.DIGITIZED]
    with tempfile.TemporaryDirectory(prefix="intake-sign-") as tmp:
        folder = Path(tmp)
        sources: dict[str, Path] = {}
        for component in to_sign:
            path = folder / "unsigned" / f"{component.key}.pdf"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(wf.read_file(dossier, component.pdf_name or ""))
            sources[component.key] = path
        batch = sign_pdfs(
            wf, dossier, sources, folder / "signed",
            token=token, level=level, tsa_url=tsa_url, progress=progress, cancel=cancel,
        )  # fmt: skip
        return attach_signatures(wf, dossier, batch)


def sign_pdfs(
    wf: Workflow,
    dossier: Dossier,
    sources: dict[str, Path],
    out_dir: Path,
    *,
    ready: BuiltPdfs | None = None,
    token: TokenChoice | None = None,
    level: str | None = None,
    tsa_url: str | None = None,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> SignedBatch:
    """Sign the PDFs in `sources` (component key -> file) in one batch; attach nothing.

    With `ready` (`PdfBuilds.outputs()`, the same files) each one is signed as soon as it is built."""
    from signing.pades import SignOptions
    from signing.provider import first_module_with_token, sign_with_demo, sign_with_token
    from signing.stamp import StampText

    config = wf.ctx.config
    demo = token is None
    components = [dossier.component(key) for key in sources]
    files: Sequence[Path] = list(sources.values()) if ready is None else ready
    options = SignOptions(
        level=level or config.get("signing.level"),
        tsa_url=tsa_url or config.get("signing.tsa_url") or None,
        stamp=StampText("", clock.now(), demo) if config.get("signing.stamp") else None,
        # Thông tư 01/2023 Art. 8: the stamp shows when the paper was scanned.
        scan_times={
            str(sources[c.key]): clock.local(dt.datetime.fromisoformat(c.pages[0].created_at))
            for c in components
            if c.pages
        },
    )
    stop = threading.Event()

    def tick(done: int, total: int, _result: Any) -> None:
        if cancel is not None and cancel():
            stop.set()
        _say(progress, done / max(1, total), f"Đã ký {done}/{total} tệp" + (" (DEMO)" if demo else ""))

    _say(progress, 0.0, "Đang ký số…")
    started = time.perf_counter()
    if token is None:
        result = sign_with_demo(
            demo_keystore_folder(wf.ctx), files, out_dir, options, progress=tick, cancel=stop
        )
    else:
        module = token.module or first_module_with_token(
            config.get("signing.module_paths"), token_label=token.token_label
        )
        result = sign_with_token(
            module, files, out_dir, options,
            pin=token.pin, token_label=token.token_label, cert_id=token.cert_id, progress=tick, cancel=stop,
        )  # fmt: skip
    if stop.is_set():
        raise _cancelled("ký số")
    failed = [f for f in result.files if not f.ok]
    if failed or result.stopped:
        error = (failed[0].error if failed else result.stopped) or {}
        raise IntakeError(
            f"Ký số chưa xong cho hồ sơ {dossier.local_ref}: {error.get('message', 'lỗi không rõ')}",
            error.get("hint", "Kiểm tra chứng thư số rồi ký lại."),
            code=error.get("code", "signing_failed"),
        )
    by_source = {f.file: f for f in result.files}
    waited = 0.0 if ready is None else ready.waited_s
    return SignedBatch(
        signed={key: Path(by_source[str(source)].out or "") for key, source in sources.items()},
        signer=result.signer,
        level=options.level,
        ms=int((time.perf_counter() - started - waited) * 1000),
    )


def attach_signatures(wf: Workflow, dossier: Dossier, batch: SignedBatch) -> str:
    """Attach a whole signed batch and move to signed. Returns the signer."""
    for key, path in batch.signed.items():
        wf.attach_signed(dossier, key, path.read_bytes())
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
