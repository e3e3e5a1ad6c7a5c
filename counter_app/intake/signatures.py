"""Signing the dossier's PDFs on bytes, inside one session (one token login, or the demo keystore).

Reached through `counter_app.intake.heavy.signatures()` (the signing stack's seam). One batch,
`run_batch`, for `IntakeService.sign` whoever calls it: the headless intake (the demo keystore or
a named token, `open_session`; each PDF signed as soon as it is built) and the window (the
certificate the officer picked and the PIN typed, `chosen_session`, after `survey_tokens`,
`probe_level`, `read_pin_state`); a batch stopped by the token keeps what it signed. Whatever talks to a PKCS#11 module runs on the token's single thread; the PIN is
only passed through to `signing.provider.open_token_session`, never kept. Documents travel as
bytes, in and out: no PDF is written to disk to be signed.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any

from common import clock
from common.progress import Cancel, Progress, report
from counter_app.dossier import Component, ComponentStatus, Dossier
from counter_app.intake.outcomes import TokenChoice
from counter_app.intake.sign_requests import (
    BatchRequest,
    BatchResult,
    SignDocument,
    Survey,
    demo_keystore_folder,
)
from counter_app.workflow import Workflow
from signing.certs import CertificateInfo, describe_certificate
from signing.demo import demo_signer, ensure_demo_keystore, load_demo_certificate
from signing.errors import SigningCancelledError, SigningError
from signing.modules import open_module
from signing.provider import (
    ModuleReport,
    first_module_with_token,
    open_demo_session,
    open_token_session,
    survey,
)
from signing.session import SESSION_FATAL, DocumentMetadata, SigningSettings
from signing.session import probe_level as probe
from signing.stamp import find_font, stamp_font
from signing.tokens import PinState, TokenInfo, find_token, pin_state


def prepare(demo_keystore: Path | None, stamp: bool) -> None:
    """Open the demo signer and load the stamp font ahead of the first signature (warm-up)."""
    if demo_keystore is not None:
        demo_signer(demo_keystore)
    if stamp:
        stamp_font(find_font())


def document_metadata(component: Component) -> DocumentMetadata:
    """What the signature of `component`'s PDF shows (`signing.DocumentMetadata`): its name,
    and when its first page was scanned (Thông tư 01/2023 Art. 8)."""
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


def open_session(wf: Workflow, token: TokenChoice | None, settings: Any) -> Any:
    """A `signing.SigningSession` on the chosen token, or on the demo keystore."""

    if token is None:
        return open_demo_session(demo_keystore_folder(wf.ctx), settings)
    module = token.module or first_module_with_token(
        wf.ctx.config.get("signing.module_paths"), token_label=token.token_label
    )
    return open_token_session(
        module, settings, pin=token.pin, token_label=token.token_label, cert_id=token.cert_id
    )


# -- the window: certificate picker, PIN, one batch ------------------------------------------------


def survey_tokens(module_paths: Sequence[str], *, include_known: bool, demo_folder: Path | None) -> Survey:
    """Tokens of every module found; the demo certificate only if none is present and allowed."""

    reports: list[ModuleReport] = survey(tuple(module_paths), include_known=include_known)
    tokens = tuple(t for r in reports for t in r.tokens)
    errors = tuple((r.candidate.path, r.error.get("message", "")) for r in reports if r.error)
    demo = None
    if not tokens and demo_folder is not None:
        demo = demo_certificate(demo_folder)
    return Survey(tokens, errors, demo)


def demo_certificate(folder: Path) -> CertificateInfo:
    return describe_certificate(load_demo_certificate(ensure_demo_keystore(folder)))


def read_pin_state(token: TokenInfo) -> PinState:
    """The token's PIN flags read again just before the PIN dialog (they change after a wrong PIN)."""
    lib = open_module(token.module)
    return pin_state(int(find_token(lib, token.label).flags))


def probe_level(settings: SigningSettings) -> dict[str, str] | None:
    """Why the configured level cannot be reached, asked before the PIN (None: the TSA answers).

    B-LT's revocation data depends on the certificate and is only known when the session opens.
    """

    try:
        probe(settings)
    except SigningError as exc:
        return exc.as_dict()
    return None


def chosen_session(request: BatchRequest) -> Any:
    """A `signing.SigningSession` on the certificate the officer picked (the demo keystore when
    it has no token), logged in with the PIN typed."""
    assert request.choice is not None
    token = request.choice.token
    if token is None:
        return open_demo_session(request.demo_folder, request.settings)
    return open_token_session(
        token.module, request.settings,
        pin=request.pin, token_label=token.label, cert_id=bytes.fromhex(request.choice.cert.cert_id),
    )  # fmt: skip


def run_batch(
    open_session: Callable[[], Any],
    documents: Collection[SignDocument],
    *,
    kept: Collection[str] = (),
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> BatchResult:
    """Sign every document not in `kept` (signed by an earlier, stopped batch) inside one
    session, in memory; `documents` may still be being built (iterating waits for each in turn).
    Each `Update` names the document, its item is (done, total). A token failure or Cancel
    ends the batch, keeping what is signed; another document's failure is noted and the batch
    goes on. `total_ms` is the session's own time (opening, signing), not waiting for documents."""
    total = max(1, len(documents))
    signed: dict[str, bytes] = {}
    stopped: SigningError | None = None
    failed: dict[str, str] | None = None
    started = time.perf_counter()
    session = open_session()
    busy_s = time.perf_counter() - started
    with session:
        for index, document in enumerate(documents):
            if document.key not in kept:
                if cancel is not None and cancel.cancelled:
                    stopped = SigningCancelledError()
                    break
                started = time.perf_counter()
                try:
                    signed[document.key] = session.sign(document.pdf, document.metadata)
                except SigningError as exc:
                    failed = failed or exc.as_dict()
                    if isinstance(exc, SESSION_FATAL):
                        stopped = exc
                        break
                finally:
                    busy_s += time.perf_counter() - started
            report(progress, (index + 1) / total, document.metadata.name, (index + 1, total))
    if stopped is None and cancel is not None and cancel.cancelled:
        stopped = SigningCancelledError()  # during the last document: nothing is attached
    return BatchResult(
        signed=signed,
        total=len(documents),
        level=session.level,
        signer=session.holder,
        demo=session.demo,
        logins=session.logins,
        total_ms=busy_s * 1000,
        stopped=stopped.as_dict() if stopped is not None else None,
        failed=failed,
    )
