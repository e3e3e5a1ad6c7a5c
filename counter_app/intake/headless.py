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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from counter_app.applicant import (
    Applicant,
    ApplicantKind,
    Representative,
    RepresentativeRole,
    agency,
    foreigner_from_mrz,
    organisation,
)
from counter_app.citizen import parse_citizen_payload
from counter_app.context import AppContext
from counter_app.dossier import Channel
from counter_app.intake import heavy
from counter_app.intake.outcomes import FilingChoice, IntakeError, TokenChoice
from counter_app.intake.service import IntakeService


@dataclass
class ApplicantRequest:
    """Who the dossier is for when it is not the card holder of `id_image` (issue #25)."""

    kind: str = "individual"  # individual | organisation | agency | foreigner
    tax_code: str = ""
    name: str = ""  # the organisation's or agency's
    address: str = ""  # its head office
    agency_code: str = ""
    passport_mrz: tuple[str, ...] = ()  # the passport's two MRZ lines
    passport_image: Path | None = None  # or a photo or scan of its data page, the MRZ read by OCR
    representative_image: Path | None = None  # the representative's ID card (photo or scan)
    representative_qr: str = ""  # or its QR payload, as a reader typed it
    representative_role: str = ""  # authorised | guardian | staff; default by kind

    def build(self, service: IntakeService) -> Applicant | None:
        """The applicant from the options (None for an individual: read from the card); a wrong
        tax code, agency code or passport MRZ (typed, or read from the data page's image) is
        refused here, before any page is worked on."""
        kind = ApplicantKind(self.kind)
        if kind is ApplicantKind.ORGANISATION:
            return organisation(self.tax_code, self.name, self.address)
        if kind is ApplicantKind.AGENCY:
            return agency(self.agency_code, self.name, self.address)
        if kind is ApplicantKind.FOREIGNER and self.passport_image is not None:
            return service.read_passport(self.passport_image).applicant
        if kind is ApplicantKind.FOREIGNER:
            return foreigner_from_mrz("\n".join(self.passport_mrz))
        return None

    @property
    def role(self) -> RepresentativeRole:
        if self.representative_role:
            return RepresentativeRole(self.representative_role)
        staff = self.kind in (ApplicantKind.ORGANISATION.value, ApplicantKind.AGENCY.value)
        return RepresentativeRole.STAFF if staff else RepresentativeRole.AUTHORISED


@dataclass
class IntakeRequest:
    id_image: Path | None  # the applicant's ID card; for another kind, the representative's if given
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
    applicant: ApplicantRequest = field(default_factory=ApplicantRequest)


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
        given = request.applicant.build(service)  # a wrong tax code or MRZ fails before any page is cleaned
        procedure.require_applicant_kind(given.kind if given else ApplicantKind.INDIVIDUAL)
        for key in request.components:
            procedure.component(key)  # an unknown key fails before anything is stored
        # The later steps' libraries take seconds to import on a slow PC: loaded meanwhile.
        service.warm_up(demo=request.token is None)
        feed = service.clean_files(request.components, clean=request.clean)  # while the card is read
        try:
            with clock.step("decode_id"):
                applicant, representative, method = _who(service, request, given)
            with clock.step("identify"):
                found = service.identify_applicant(
                    None,
                    applicant,
                    representative=representative,
                    method=method,
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


def _who(
    service: IntakeService, request: IntakeRequest, given: Applicant | None
) -> tuple[Applicant, Representative | None, str]:
    """The applicant, the representative and how the person at the counter was identified.

    An individual is the holder of `id_image`; for another kind `id_image`, if given, is the card of
    the representative (the organisation's staff, an authorised person), as is `representative_image`
    or `representative_qr` for any kind."""
    options = request.applicant
    card_image = options.representative_image
    if given is None:
        if request.id_image is None:
            raise IntakeError(
                "Chưa có ảnh thẻ căn cước của người nộp hồ sơ.",
                "Thêm --id-image TỆP, hoặc chọn loại người nộp khác bằng --applicant-kind.",
                code="id_image_required",
            )
        card = service.read_card(request.id_image)
        applicant, method = Applicant.individual(card.citizen), card.method
    else:
        applicant, method = given, "mrz" if given.kind is ApplicantKind.FOREIGNER else "manual"
        card_image = card_image or request.id_image
    if options.representative_qr:
        citizen = parse_citizen_payload(options.representative_qr)
        return applicant, Representative(citizen, options.role), "qr_reader"
    if card_image is not None:
        card = service.read_card(card_image)
        return applicant, Representative(card.citizen, options.role), card.method
    return applicant, None, method
