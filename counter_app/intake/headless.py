"""`counter-app intake --headless`: one whole intake in a row over `IntakeService`.

ID card image → pages → PDFs → signatures → outbox → receipt, the same service calls the window
makes: the QR reader, page clean-up, the PDF builder, PAdES signing (the demo keystore unless a
token is named), the outbox on a portal (the sandbox on loopback when none is configured).

Timings are the application's own processing per step in seconds; the time spent waiting for
the portal's answer is left out (it is the network's and the portal's, not ours). The steps
overlap (pages are cleaned while the card is read, PDFs built while pages are stored and signed
as they come): each figure is the wall-clock time this thread spent in that step, working or
waiting for the workers, so the figures add up to the total.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from counter_app.context import AppContext
from counter_app.dossier import Channel
from counter_app.intake import heavy
from counter_app.intake.outcomes import FilingChoice, IntakeError, TokenChoice
from counter_app.intake.service import IntakeService


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
    receipt_dir: Path | None = None  # None: the receipt stays sealed in the dossier's workspace only


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


def run_headless(ctx: AppContext, request: IntakeRequest) -> IntakeResult:
    clock = _Clock()
    portal: Any = None
    with IntakeService(ctx, services=lambda: portal) as service:
        service.set_ocr(request.ocr)
        procedure = service.wf.catalog.get(request.procedure_code)
        for key in request.components:
            procedure.component(key)  # an unknown key fails before anything is stored
        # The later steps' libraries take seconds to import on a slow PC: loaded meanwhile.
        service.warm_up(demo=request.token is None)
        feed = service.clean_files(request.components, clean=request.clean)  # while the card is read
        try:
            with clock.step("decode_id"):
                card = service.read_card(request.id_image)
            with clock.step("identify"):
                found = service.identify(
                    None,
                    card.citizen,
                    method=card.method,
                    civil_servant=request.civil_servant,
                    channel=request.channel,
                )
                ref = found.dossier.local_ref
                service.choose_procedure(ref, procedure.code)
            with clock.step("capture"):
                service.add_files(ref, feed)
        finally:
            feed.close()
        with clock.step("pdf"):
            signed = service.sign(ref, token=request.token, level=request.level, tsa_url=request.tsa_url)
        clock.shift("pdf", "sign", signed.signing_ms / 1000)  # signed while later PDFs were built
        filing = heavy.filing()
        with filing.PortalSession(ctx, request.portal_url) as portal:
            service.check_account_or_note(ref)  # as the officer does before filing; the portal's time
            with clock.step("queue"):
                choice = FilingChoice(
                    payment_method=request.payment_method, return_method=request.return_method
                )
                service.file(ref, choice)
            service.wait_for_portal(ref, request.wait_s)  # not timed: the portal's time
            with clock.step("receipt"):
                outcome = service.receipt(ref)
        if outcome.job_state == "needs_attention":
            raise IntakeError(
                f"Cổng dịch vụ công không nhận hồ sơ {ref}: {outcome.job_error.get('message', '')}",
                "Xem lỗi bằng `counter-app outbox list`, sửa hồ sơ rồi gửi lại bằng `counter-app outbox retry`.",
                code="submission_rejected",
            )
        # The copy to print or hand over names the citizen: written in the clear only where the officer
        # chose (Law 91/2025), and only then recorded as handed over; otherwise it stays sealed in the
        # workspace with the dossier's retention, and the dossier is filed, not "receipt printed".
        receipt = None
        dossier = outcome.dossier
        if request.receipt_dir is not None:
            with clock.step("receipt"):
                suffix = "-tam" if outcome.provisional else ""
                receipt = Path(request.receipt_dir) / f"{ref}-phieu-tiep-nhan{suffix}.pdf"
                dossier = service.save_receipt(ref, outcome.pdf, receipt, provisional=outcome.provisional)
    return IntakeResult(
        dossier=ref,
        portal_code=dossier.portal_code,
        appointment=dossier.appointment_date,
        receipt=str(receipt) if receipt is not None else None,
        timings=clock.total(),
        state=dossier.state.value,
        job_state=outcome.job_state,
    )
