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
the portal's answer is left out (it is the network's and the portal's, not ours). The steps
overlap (pages are cleaned while the card is read, PDFs built while pages are stored and signed
as they come): each figure is the wall-clock time the intake's own thread spent in that step,
working or waiting for the workers, so the figures add up to the total. The signing
and PDF libraries take file paths, so PDFs pass through a private temporary folder (mode 0700,
removed at the end); everything kept is sealed in the dossier's workspace.
"""

from __future__ import annotations

import importlib
import logging
import os
import tempfile
import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common.atomic import atomic_write_bytes
from counter_app.catalog import Procedure
from counter_app.context import AppContext
from counter_app.dossier import FILED_STATES, Channel, Dossier
from counter_app.intake.inputs import IntakeError, PreparedPage, prepare_pages, read_citizen_from_image
from counter_app.intake.steps import (
    PdfBuilds,
    TokenChoice,
    attach_signatures,
    demo_keystore_folder,
    make_receipt,
    sign_pdfs,
    submission_for,
)
from counter_app.workflow import Workflow

log = logging.getLogger(__name__)

WORKERS = 2  # the counter PCs this targets have two cores or more
PAGES_AHEAD = WORKERS + 1  # page files being cleaned ahead of the one stored next
WARM_UP_MODULES = (
    "scanner.pdf",
    "signing.provider",
    "signing.stamp",
    "pyhanko.sign.signers",
    "pyhanko.sign.fields",
    "pyhanko.pdf_utils.incremental_writer",
    "counter_app.portal.outbox",
    "counter_app.portal.worker",
    "counter_app.portal.connect",
    "counter_app.receipt",
)


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
    receipt_dir: Path | None = None  # None: the data folder's receipts folder


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

    def shift(self, source: str, target: str, seconds: float) -> None:
        """Count `seconds` of `source`'s wall time as `target`'s (work done while waiting)."""
        seconds = min(seconds, self.timings.get(source, 0.0))
        self.timings[source] = round(self.timings[source] - seconds, 3)
        self.timings[target] = round(self.timings.get(target, 0.0) + seconds, 3)

    def total(self) -> dict[str, float]:
        return {**self.timings, "total": round(sum(self.timings.values()), 3)}


@contextmanager
def _opencv_threads(count: int) -> Iterator[None]:
    """OpenCV's own thread pool sized to the cores the page workers leave it: on two cores, two
    workers each fanning out over both cores only wait for each other."""
    import cv2

    before = cv2.getNumThreads()
    cv2.setNumThreads(count)
    try:
        yield
    finally:
        cv2.setNumThreads(before)


class _WarmUp(threading.Thread):
    """The later steps' libraries imported, and the demo signer, stamp font and receipt
    prepared, on a thread of its own while the first pages are cleaned.

    `imported` is set once the imports are over (failed or not). The intake waits for it before
    signing (and so before filing), even on a slow PC where the pages were quicker: two threads
    importing the same packages from different entry points can each get the other's
    half-imported module (pyHanko and its certificate validator import each other), which fails
    the import (seen here when a signing thread started while this one was still importing)."""

    def __init__(self, demo_keystore: Path | None, stamp: bool) -> None:
        super().__init__(name="intake-warm-up", daemon=True)
        self.demo_keystore, self.stamp = demo_keystore, stamp
        self.imported = threading.Event()

    def run(self) -> None:
        try:
            for module in WARM_UP_MODULES:
                try:
                    importlib.import_module(module)
                except ImportError:  # reported by the step that needs it, as a known error where it can
                    log.debug("warm-up import of %s failed", module)
        finally:
            self.imported.set()
        # Opened and prepared once per process: the signing and receipt steps find them ready. A
        # failure here is met again, and reported, by the step that needs them.
        try:
            if self.demo_keystore is not None:
                from signing.demo import demo_signer

                demo_signer(self.demo_keystore)
            if self.stamp:
                from signing.stamp import find_font, stamp_font

                stamp_font(find_font())
            from counter_app.receipt import prepare_receipt

            prepare_receipt()
        except Exception:
            log.debug("warm-up of the signing or receipt step failed", exc_info=True)


class _PageFeed:
    """The page files cleaned on the pool, a few ahead of the one stored next, in order.

    Only a few at a time: a PDF build handed to the pool when a component's last page is stored
    then runs before the pages further on, so the first PDFs are built while later pages are
    still cleaned, and few cleaned pages wait in memory. Yields (component key, the
    file's pages, whether it was the component's last file)."""

    def __init__(
        self, pool: ThreadPoolExecutor, components: dict[str, list[Path]], dpi: int, clean: bool
    ) -> None:
        self._pool, self._dpi, self._clean = pool, dpi, clean
        self._todo = deque(
            (key, path, index == len(files) - 1)
            for key, files in components.items()
            for index, path in enumerate(files)
        )
        self._running: deque[tuple[str, bool, Future]] = deque()
        self._fill()

    def _fill(self) -> None:
        while self._todo and len(self._running) < PAGES_AHEAD:
            key, path, last = self._todo.popleft()
            future = self._pool.submit(prepare_pages, path, self._dpi, self._clean, keep_pixels=True)
            self._running.append((key, last, future))

    def __iter__(self) -> Iterator[tuple[str, list[PreparedPage], bool]]:
        while self._running:
            key, last, future = self._running.popleft()
            yield key, future.result(), last
            # Refilled only once the caller has stored the page (and handed over a finished
            # component's PDF), so that build is queued before the next page.
            self._fill()


class HeadlessIntake:
    def __init__(self, ctx: AppContext, workflow: Workflow | None = None) -> None:
        self.ctx = ctx
        self.wf = workflow or Workflow(ctx)

    def run(self, request: IntakeRequest) -> IntakeResult:
        procedure = self.wf.catalog.get(request.procedure_code)
        for key in request.components:
            procedure.component(key)  # an unknown key fails before anything is stored
        # The later steps' libraries (pyHanko, pikepdf, httpx, fpdf2) take seconds to import on a
        # slow PC; importing them now, while pages are decoded and cleaned, hides most of that.
        demo_keystore = demo_keystore_folder(self.ctx) if request.token is None else None
        stamp = bool(self.ctx.config.get("signing.stamp"))
        warm_up = _WarmUp(demo_keystore, stamp)
        warm_up.start()
        try:
            return self._run(request, procedure, warm_up)
        finally:
            # An error can end the process early: never while the warm-up is inside an import.
            warm_up.join()

    def _run(self, request: IntakeRequest, procedure: Procedure, warm_up: _WarmUp) -> IntakeResult:
        clock = _Clock()
        dossier = self._identify_digitise_sign(request, procedure, clock, warm_up)
        if procedure.fee and request.payment_method != "none":
            self.wf.record_fee_paid(dossier, dossier.fee, request.payment_method)
        from counter_app.portal.connect import connect_portal

        with connect_portal(self.ctx, request.portal_url) as portal:
            with clock.step("queue"):
                outbox, worker, job, submission = self._enqueue(dossier, portal, request)
            try:
                job = outbox.wait_settled(job.id, timeout_s=request.wait_s)  # not timed: the portal's time
            finally:
                worker.stop(timeout_s=10)
        # The outbox filed the dossier in the commit that stored the portal's answer; the dossier
        # is read first, so a job sent after it was read gives the provisional receipt it matches.
        dossier = self.wf.open(dossier.local_ref)
        job = outbox.get(job.id)
        sent = dossier.state in FILED_STATES and job.result is not None
        if job.state == "needs_attention":
            error = job.last_error or {}
            raise IntakeError(
                f"Cổng dịch vụ công không nhận hồ sơ {dossier.local_ref}: {error.get('message', '')}",
                "Xem lỗi bằng `counter-app outbox list`, sửa hồ sơ rồi gửi lại bằng `counter-app outbox retry`.",
                code="submission_rejected",
            )
        with clock.step("receipt"):
            pdf, provisional = make_receipt(self.wf, dossier, submission, job.result if sent else None)
            # The copy to print or hand over is the officer's to place: it names the citizen.
            suffix = "-tam" if provisional else ""
            receipt = atomic_write_bytes(
                Path(request.receipt_dir or self.wf.ctx.paths.receipts)
                / f"{dossier.local_ref}-phieu-tiep-nhan{suffix}.pdf",
                pdf,
            )
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

    def _identify_digitise_sign(
        self, request: IntakeRequest, procedure: Procedure, clock: _Clock, warm_up: _WarmUp
    ) -> Dossier:
        """The citizen from the card, every page stored, every PDF attached and signed.

        One pipeline over two workers: pages are decoded and cleaned while the card is read;
        each component's PDF is queued behind them as soon as its pages are stored, and signed
        as soon as it is built. What is recorded, and in which order, is as step by step."""
        dpi = int(self.ctx.config.get("scanner.dpi"))
        pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="intake")
        try:
            with (
                _opencv_threads(max(1, (os.cpu_count() or 1) // WORKERS)),
                tempfile.TemporaryDirectory(prefix="intake-pdf-") as tmp,
            ):
                feed = _PageFeed(pool, request.components, dpi, request.clean)
                with clock.step("decode_id"):
                    citizen = read_citizen_from_image(request.id_image)
                with clock.step("identify"):
                    dossier = self.wf.start(channel=request.channel)
                    self.wf.identify(dossier, citizen, method="qr_image", civil_servant=request.civil_servant)
                    self.wf.choose_procedure(dossier, procedure.code)
                builds = PdfBuilds(self.wf, dossier, Path(tmp), pool, ocr=request.ocr)
                with clock.step("capture"):
                    self._capture(dossier, feed, builds)
                    self.wf.complete_capture(dossier)
                with clock.step("pdf"):
                    ready = builds.outputs()
                    warm_up.imported.wait()  # see _WarmUp
                    batch = sign_pdfs(
                        self.wf,
                        dossier,
                        ready,
                        token=request.token,
                        level=request.level,
                        tsa_url=request.tsa_url,
                    )
                    builds.finish()
                # The PDFs were signed while later ones were still being built.
                clock.shift("pdf", "sign", batch.ms / 1000)
                with clock.step("sign"):
                    attach_signatures(self.wf, dossier, batch)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        return dossier

    def _capture(self, dossier: Dossier, feed: _PageFeed, builds: PdfBuilds) -> None:
        # Stored in order, each page as soon as it is ready (OpenCV releases the GIL, so both
        # cores clean pages meanwhile). A component's PDF is handed to the pool as soon as its
        # last page is stored, built from what was just stored: the cleaned pixels where the
        # page is kept as JPEG (no decoding it again), else the stored bytes.
        from scanner.pdf import SourcePage

        # The feed gives a component's files one after another: only its pages are held.
        pages: dict[str, bytes | SourcePage] = {}
        for key, prepared, last in feed:
            for p in prepared:
                page = self.wf.add_page(dossier, key, p.data, p.meta, duration_ms=p.ms)
                pages[page.file_name] = (
                    p.data
                    if p.pixels is None
                    else SourcePage(None, p.meta.dpi, page.file_name, jpeg=p.data, pixels=p.pixels)
                )
            if last:
                builds.submit(dossier.component(key), lambda page, held=pages: held.pop(page.file_name))
                pages = {}

    def _enqueue(self, dossier: Dossier, portal: Any, request: IntakeRequest) -> tuple:
        from counter_app.portal.outbox import Outbox
        from counter_app.portal.worker import OutboxWorker

        submission = submission_for(
            self.wf, dossier, payment_method=request.payment_method, return_method=request.return_method
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


__all__ = ["HeadlessIntake", "IntakeError", "IntakeRequest", "IntakeResult", "TokenChoice"]
