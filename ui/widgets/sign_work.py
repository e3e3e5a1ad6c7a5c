"""The signing dialogs' background work, without Qt: every function here blocks, so runs in the TaskRunner.

Whatever talks to a PKCS#11 module goes through `tasks.run(..., serial=True)`: the token thread
is the only one that ever opens a session. `probe_level` (network only) uses the normal pool.
The PIN is only passed through to `signing.provider.open_token_session`; nothing here keeps it.
Documents travel as bytes, in and out: nothing here writes a PDF to disk.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from signing.certs import CertificateInfo
from signing.errors import SigningCancelledError, SigningError
from signing.provider import ModuleReport
from signing.session import DocumentMetadata, SigningSettings
from signing.tokens import PinState, TokenInfo

# Failures that mean "the configured level cannot be reached": the officer may go on at B-B.
LEVEL_CODES = frozenset({"tsa_unreachable", "tsa_not_configured", "revocation_unavailable"})


class Cancel(Protocol):
    @property
    def cancelled(self) -> bool: ...


@dataclass(frozen=True)
class Survey:
    """What the picker shows: every token's certificates, the modules that failed, the demo one."""

    tokens: tuple[TokenInfo, ...]
    module_errors: tuple[tuple[str, str], ...]  # (module path, Vietnamese message)
    demo: CertificateInfo | None  # only when no token is present and demo signing is allowed


@dataclass(frozen=True)
class Choice:
    """The certificate the officer chose; `token` is None for the demo keystore."""

    cert: CertificateInfo
    token: TokenInfo | None


@dataclass(frozen=True)
class SignDocument:
    """One PDF to sign, in memory: `key` names it for the caller (a component key)."""

    key: str
    pdf: bytes = field(repr=False)
    metadata: DocumentMetadata


@dataclass
class BatchRequest:
    documents: list[SignDocument]
    settings: SigningSettings
    demo_folder: Path
    choice: Choice | None = None  # set when the officer has picked a certificate
    pin: str | None = field(default=None, repr=False)  # never in a log line or crash report
    kept: dict[str, bytes] = field(default_factory=dict, repr=False)  # signed by an earlier, stopped batch


@dataclass
class BatchResult:
    """What one session signed: `signed` holds this batch's documents only, by key."""

    signed: dict[str, bytes] = field(repr=False)
    total: int
    level: str
    signer: str
    demo: bool
    logins: int
    total_ms: float
    stopped: dict[str, str] | None = None  # the error that ended the batch early, if any
    failed: dict[str, str] | None = None  # the first document's error, if one could not be signed


def survey_tokens(module_paths: Sequence[str], *, include_known: bool, demo_folder: Path | None) -> Survey:
    """Tokens of every module found; the demo certificate only if none is present and allowed."""
    from signing.provider import survey

    reports: list[ModuleReport] = survey(tuple(module_paths), include_known=include_known)
    tokens = tuple(t for r in reports for t in r.tokens)
    errors = tuple((r.candidate.path, r.error.get("message", "")) for r in reports if r.error)
    demo = None
    if not tokens and demo_folder is not None:
        demo = demo_certificate(demo_folder)
    return Survey(tokens, errors, demo)


def demo_certificate(folder: Path) -> CertificateInfo:
    from signing.certs import describe_certificate
    from signing.demo import ensure_demo_keystore, load_demo_certificate

    return describe_certificate(load_demo_certificate(ensure_demo_keystore(folder)))


def read_pin_state(token: TokenInfo) -> PinState:
    """The token's PIN flags read again just before the PIN dialog (they change after a wrong PIN)."""
    from signing.modules import open_module
    from signing.tokens import find_token, pin_state

    lib = open_module(token.module)
    return pin_state(int(find_token(lib, token.label).flags))


def probe_level(settings: SigningSettings) -> dict[str, str] | None:
    """Why the configured level cannot be reached, asked before the PIN (None: the TSA answers).

    B-LT's revocation data depends on the certificate and is only known when the session opens.
    """
    from signing.session import probe_level as probe

    try:
        probe(settings)
    except SigningError as exc:
        return exc.as_dict()
    return None


def _open_session(request: BatchRequest) -> Any:
    from signing.provider import open_demo_session, open_token_session

    assert request.choice is not None
    token = request.choice.token
    if token is None:
        return open_demo_session(request.demo_folder, request.settings)
    return open_token_session(
        token.module, request.settings,
        pin=request.pin, token_label=token.label, cert_id=bytes.fromhex(request.choice.cert.cert_id),
    )  # fmt: skip


def run_batch(
    request: BatchRequest,
    *,
    progress: Callable[[Any], None] | None = None,
    cancel: Cancel | None = None,
) -> BatchResult:
    """Sign every document not already kept inside one login (or with the demo keystore), in
    memory; progress is (done, total, name). A token failure or Cancel ends the batch, keeping
    what is signed."""
    from signing.session import SESSION_FATAL

    started = time.perf_counter()
    total = len(request.documents)
    signed: dict[str, bytes] = {}
    stopped: SigningError | None = None
    failed: dict[str, str] | None = None
    with _open_session(request) as session:
        for index, document in enumerate(request.documents):
            if document.key not in request.kept:
                if cancel is not None and cancel.cancelled:
                    stopped = SigningCancelledError()
                    break
                try:
                    signed[document.key] = session.sign(document.pdf, document.metadata)
                except SigningError as exc:
                    failed = failed or exc.as_dict()
                    if isinstance(exc, SESSION_FATAL):
                        stopped = exc
                        break
            if progress is not None:
                progress((index + 1, total, document.metadata.name))
    return BatchResult(
        signed=signed,
        total=total,
        level=session.level,
        signer=session.holder,
        demo=session.demo,
        logins=session.logins,
        total_ms=(time.perf_counter() - started) * 1000,
        stopped=stopped.as_dict() if stopped is not None else None,
        failed=failed,
    )


def level_failure(result: BatchResult | None, exc: BaseException | None) -> dict[str, str] | None:
    """The error dict when the batch failed only because the configured level is out of reach."""
    if isinstance(exc, SigningError) and exc.code in LEVEL_CODES:
        return exc.as_dict()
    if result is not None and result.stopped and result.stopped.get("code") in LEVEL_CODES:
        return result.stopped
    return None


def batch_error(result: BatchResult, kept: int = 0) -> SigningError | None:
    """The first failure of a batch as a known error (None when every document is signed);
    `kept` documents were signed by an earlier batch."""
    error = result.stopped or result.failed
    if error is None:
        return None
    signed = kept + len(result.signed)
    return SigningError(
        error.get("message"),
        f"{error.get('hint', '')} Đã ký xong {signed}/{result.total} tệp.".strip(),
        code=error.get("code", "signing_error"),
    )
