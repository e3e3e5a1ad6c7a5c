"""One whole intake without the window: ID card image → pages → PDFs → signatures → outbox → receipt.

This drives `counter_app.workflow.Workflow` through the real libraries: the QR reader
(`scanner.barcodes`) and `counter_app.citizen`, file import (`scanner.devices.files`) and page
clean-up (`scanner.cleanup`), PDF building (`scanner.pdf`), PAdES signing (`signing`, the demo
keystore unless a token is named), and the portal outbox (`counter_app.portal`; the sandbox on
loopback when no portal is configured). It is what `counter-app intake --headless` runs, and
what the benchmark measures.

    result = HeadlessIntake(ctx).run(IntakeRequest(id_image=..., procedure_code="1.001193",
                                                   components={"to_khai_khai_sinh": [Path(...)]}))
    result.as_dict()   # {"dossier", "portal_code", "appointment", "receipt", "timings": {..., "total"}}

Timings are the application's own processing per step in seconds; the time spent waiting for
the portal's answer is left out (it is the network's and the portal's, not ours). The signing
and PDF libraries take file paths, so PDFs pass through a private temporary folder (mode 0700,
removed at the end); everything kept is sealed in the dossier's workspace.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from counter_app.context import AppContext
from counter_app.dossier import Channel, ComponentStatus, Dossier
from counter_app.intake.inputs import IntakeError, prepare_pages, read_citizen_from_image
from counter_app.storage.atomic import atomic_write_bytes
from counter_app.workflow import Workflow

log = logging.getLogger(__name__)

WORKERS = 2  # the counter PCs this targets have two cores or more
WARM_UP_MODULES = (
    "scanner.pdf",
    "signing.provider",
    "signing.stamp",
    "counter_app.portal.outbox",
    "counter_app.portal.worker",
    "counter_app.portal.connect",
    "counter_app.receipt",
)


@dataclass(frozen=True)
class TokenChoice:
    """Sign with a PKCS#11 token instead of the demo keystore (the `counter-app sign` options)."""

    module: str | None = None
    token_label: str | None = None
    cert_id: bytes | None = None
    pin: str | None = None


@dataclass
class IntakeRequest:
    id_image: Path
    procedure_code: str
    components: dict[str, list[Path]]  # component key -> files (images or PDFs), in page order
    portal_url: str | None = None
    wait_s: float = 30.0
    token: TokenChoice | None = None
    level: str | None = None  # PAdES level; default from configuration
    tsa_url: str | None = None
    ocr: bool | None = None  # default from configuration
    clean: bool = True
    channel: Channel = Channel.IN_PERSON
    payment_method: str = "none"
    return_method: str = "at_counter"
    civil_servant: bool = False
    receipt_dir: Path = field(default_factory=Path.cwd)


@dataclass
class IntakeResult:
    dossier: str
    portal_code: str | None
    appointment: str | None
    receipt: str | None
    timings: dict[str, float]
    state: str = ""
    job_state: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The JSON of `counter-app intake --headless` (docs/cli.md)."""
        return {
            "dossier": self.dossier,
            "portal_code": self.portal_code,
            "appointment": self.appointment,
            "receipt": self.receipt,
            "timings": self.timings,
        }


class _Clock:
    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = round(self.timings.get(name, 0.0) + time.perf_counter() - started, 3)

    def total(self) -> dict[str, float]:
        return {**self.timings, "total": round(sum(self.timings.values()), 3)}


def _warm_up() -> None:
    for module in WARM_UP_MODULES:
        try:
            importlib.import_module(module)
        except ImportError:  # reported by the step that needs it, as a known error where it can
            log.debug("warm-up import of %s failed", module)


class HeadlessIntake:
    def __init__(self, ctx: AppContext, workflow: Workflow | None = None) -> None:
        self.ctx = ctx
        self.wf = workflow or Workflow(ctx)

    def run(self, request: IntakeRequest) -> IntakeResult:
        clock = _Clock()
        # The later steps' libraries (pyHanko, pikepdf, httpx, fpdf2) take seconds to import on a
        # slow PC; importing them now, while pages are decoded and cleaned, hides most of that.
        threading.Thread(target=_warm_up, name="intake-warm-up", daemon=True).start()
        procedure = self.wf.catalog.get(request.procedure_code)
        for key in request.components:
            procedure.component(key)  # an unknown key fails before anything is stored
        with clock.step("decode_id"):
            citizen = read_citizen_from_image(request.id_image)
        with clock.step("identify"):
            dossier = self.wf.start(channel=request.channel)
            self.wf.identify(dossier, citizen, method="qr_image", civil_servant=request.civil_servant)
            self.wf.choose_procedure(dossier, procedure.code)
        with clock.step("capture"):
            self._capture(dossier, request.components, request.clean)
            self.wf.complete_capture(dossier)
        with tempfile.TemporaryDirectory(prefix="intake-") as tmp:
            folder = Path(tmp)
            with clock.step("pdf"):
                self._build_pdfs(dossier, folder, request)
            with clock.step("sign"):
                self._sign(dossier, folder, request)
        if procedure.fee and request.payment_method != "none":
            self.wf.record_fee_paid(dossier, dossier.fee, request.payment_method)
        from counter_app.portal import connect_portal

        with connect_portal(self.ctx, request.portal_url) as portal:
            with clock.step("queue"):
                outbox, worker, job, submission = self._enqueue(dossier, citizen, portal, request)
            try:
                job = outbox.wait_settled(job.id, timeout_s=request.wait_s)  # not timed: the portal's time
            finally:
                worker.stop(timeout_s=10)
        if job.state == "sent" and job.result is not None:
            with clock.step("queue"):
                result = job.result
                self.wf.record_filed(
                    dossier, result.dossier_code, result.appointment_date, received_at=result.received_at
                )
        elif job.state == "needs_attention":
            error = job.last_error or {}
            raise IntakeError(
                f"Cổng dịch vụ công không nhận hồ sơ {dossier.local_ref}: {error.get('message', '')}",
                "Xem lỗi bằng `counter-app outbox list`, sửa hồ sơ rồi gửi lại bằng `counter-app outbox retry`.",
                code="submission_rejected",
            )
        with clock.step("receipt"):
            receipt = self._receipt(dossier, submission, job, request)
        return IntakeResult(
            dossier=dossier.local_ref,
            portal_code=dossier.portal_code,
            appointment=dossier.appointment_date,
            receipt=str(receipt),
            timings=clock.total(),
            state=dossier.state.value,
            job_state=job.state,
        )

    # -- steps ----------------------------------------------------------------------------------

    def _capture(self, dossier: Dossier, components: dict[str, list[Path]], clean: bool) -> None:
        # Decoding and clean-up of the next files run on the pool while earlier pages are stored,
        # in order: OpenCV and Pillow release the GIL, so two cores are both used.
        dpi = int(self.ctx.config.get("scanner.dpi"))
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            prepared = [
                (key, pool.submit(prepare_pages, path, dpi, clean))
                for key, files in components.items()
                for path in files
            ]
            for key, future in prepared:
                for data, meta, ms in future.result():
                    self.wf.add_page(dossier, key, data, meta, duration_ms=ms)

    def _build_pdfs(self, dossier: Dossier, folder: Path, request: IntakeRequest) -> None:
        from scanner.pdf import PdfMetadata, build_pdf

        procedure = self.wf.procedure_of(dossier)
        ocr = request.ocr if request.ocr is not None else bool(self.ctx.config.get("pdf.ocr"))
        profile = self.ctx.config.get("pdf.profile")
        author = str(self.ctx.config.get("officer.full_name"))
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            builds = []
            for component in dossier.components:
                if component.status is not ComponentStatus.CAPTURED:
                    continue
                pages = [p for p in component.pages if not p.blank] or component.pages
                inputs = []
                for page in pages:
                    path = folder / "pages" / component.key / Path(page.file_name).name
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(self.wf.page_image(dossier, page))
                    inputs.append(path)
                out = folder / "pdf" / f"{component.key}.pdf"
                out.parent.mkdir(parents=True, exist_ok=True)
                meta = PdfMetadata(
                    title=component.name, subject=procedure.name, author=author, keywords=dossier.local_ref
                )
                builds.append(
                    (
                        component.key,
                        pool.submit(build_pdf, inputs, out, profile=profile, metadata=meta, ocr=ocr),
                    )
                )
            for key, future in builds:
                built = future.result()
                self.wf.attach_pdf(dossier, key, built.out.read_bytes(), duration_ms=built.ms)
        self.wf.complete_pdfs(dossier)

    def _sign(self, dossier: Dossier, folder: Path, request: IntakeRequest) -> None:
        import datetime as dt

        from signing.pades import SignOptions
        from signing.provider import first_module_with_token, sign_with_demo, sign_with_token
        from signing.stamp import StampText

        to_sign = [c for c in dossier.components if c.status is ComponentStatus.DIGITIZED]
        sources = {}
        for component in to_sign:
            path = folder / "unsigned" / f"{component.key}.pdf"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(self.wf.read_file(dossier, component.pdf_name or ""))
            sources[component.key] = path
        demo = request.token is None
        scanned = {
            str(sources[c.key]): dt.datetime.fromisoformat(c.pages[0].created_at).astimezone()
            for c in to_sign
            if c.pages
        }
        stamp = (
            StampText("", dt.datetime.now().astimezone(), demo)
            if self.ctx.config.get("signing.stamp")
            else None
        )
        options = SignOptions(
            level=request.level or self.ctx.config.get("signing.level"),
            tsa_url=request.tsa_url or self.ctx.config.get("signing.tsa_url") or None,
            stamp=stamp,
            scan_times=scanned,
        )
        out_dir = folder / "signed"
        started = time.perf_counter()
        if demo:
            keystore = self.ctx.paths.data_dir / "signing" / "demo"
            result = sign_with_demo(keystore, list(sources.values()), out_dir, options)
        else:
            token = request.token
            module = token.module or first_module_with_token(
                self.ctx.config.get("signing.module_paths"), token_label=token.token_label
            )
            result = sign_with_token(
                module,
                list(sources.values()),
                out_dir,
                options,
                pin=token.pin,
                token_label=token.token_label,
                cert_id=token.cert_id,
            )
        failed = [f for f in result.files if not f.ok]
        if failed or result.stopped:
            error = (failed[0].error if failed else result.stopped) or {}
            raise IntakeError(
                f"Ký số chưa xong cho hồ sơ {dossier.local_ref}: {error.get('message', 'lỗi không rõ')}",
                error.get("hint", "Kiểm tra chứng thư số rồi ký lại."),
                code=error.get("code", "signing_failed"),
            )
        by_source = {f.file: f for f in result.files}
        for key, source in sources.items():
            signed = Path(by_source[str(source)].out or "")
            self.wf.attach_signed(dossier, key, signed.read_bytes())
        self.wf.complete_signing(
            dossier,
            level=options.level,
            signer=result.signer,
            duration_ms=int((time.perf_counter() - started) * 1000),
        )

    def _enqueue(self, dossier: Dossier, citizen: Any, portal: Any, request: IntakeRequest) -> tuple:
        from counter_app.portal import Applicant, ComponentUpload, Outbox, OutboxWorker, SubmissionRequest

        uploads = []
        for component in dossier.components:
            if component.signed_name is None:
                continue
            data = self.wf.read_file(dossier, component.signed_name)
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
        submission = SubmissionRequest(
            office_code=dossier.office_code,
            local_ref=dossier.local_ref,
            procedure_code=dossier.procedure_code or "",
            applicant=Applicant(
                id_number=citizen.id_number,
                full_name=citizen.full_name,
                date_of_birth=citizen.date_of_birth.isoformat() if citizen.date_of_birth else "",
                address=citizen.address,
            ),
            components=tuple(uploads),
            channel=int(dossier.channel),
            fee=dossier.fee,
            payment_method=request.payment_method,
            return_method=request.return_method,
            officer=str(self.ctx.config.get("officer.username")),
        )
        outbox = Outbox(
            self.ctx.db, self.ctx.events, data_key=self.ctx.data_key, workspace=self.ctx.workspace
        )
        job = outbox.enqueue_submission(dossier.local_ref, submission)
        self.wf.queue(
            dossier, job_id=job.id, idempotency_key=job.idempotency_key, return_method=request.return_method
        )
        worker = OutboxWorker(outbox, portal.client).start()
        return outbox, worker, job, submission

    def _receipt(self, dossier: Dossier, submission: Any, job: Any, request: IntakeRequest) -> Path:
        """Mẫu 01 with the portal's code and appointment, or provisional with the local reference."""
        from counter_app.receipt import receipt_from_submission, render_receipt

        procedure = self.wf.procedure_of(dossier)
        office = str(self.ctx.config.get("office.name"))
        data = receipt_from_submission(
            submission,
            job.result if job.state == "sent" else None,
            agency=office.upper(),
            office_name=office,
            place=office,
            procedure_name=procedure.name,
            processing_days=procedure.processing_days,
            paper_forms={c.key: c.paper_form for c in procedure.components},
            officer_name=str(self.ctx.config.get("officer.full_name")),
            hotline=str(self.ctx.config.get("receipt.hotline")),
            training=self.ctx.demo_mode,
        )
        pdf = render_receipt(data)
        self.wf.record_receipt(dossier, pdf)  # sealed copy in the dossier
        # The copy to print or hand over is the officer's to place: it names the citizen.
        suffix = "-tam" if data.provisional else ""
        out = Path(request.receipt_dir) / f"{dossier.local_ref}-phieu-tiep-nhan{suffix}.pdf"
        return atomic_write_bytes(out, pdf)


__all__ = ["HeadlessIntake", "IntakeError", "IntakeRequest", "IntakeResult", "TokenChoice"]
