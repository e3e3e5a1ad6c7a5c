"""The token provider: discover modules, list tokens and certificates, open a signing session.

These functions block on the token: call them through `signing.executor.TokenExecutor`.
The PIN is only passed through: never logged, never stored beyond the batch.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from signing.certs import check_signing_certificate, describe_certificate
from signing.errors import SigningError, TokenAbsentError
from signing.files import BatchResult, FileResult, sign_files
from signing.modules import ModuleCandidate, discover_modules, open_module
from signing.session import SigningSession, SigningSettings, check_certificate_level, open_timestamper
from signing.tokens import TokenInfo, find_token, list_tokens, login


@dataclass
class ModuleReport:
    candidate: ModuleCandidate
    tokens: list[TokenInfo] = field(default_factory=list)
    error: dict[str, str] | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.candidate.as_dict(),
            "loaded": self.error is None,
            "error": self.error,
            "tokens": [t.as_dict() for t in self.tokens],
        }


def survey(configured: Sequence[str] = (), *, include_known: bool = True) -> list[ModuleReport]:
    """Every module found, with its tokens or the reason it could not be loaded.

    A configured path that does not exist is reported too: IT typed it and needs to know why.
    """
    candidates = discover_modules(tuple(configured), known=None if include_known else {})
    present = {c.path for c in candidates}
    missing = [ModuleCandidate(p, "", "configured", None) for p in configured if p not in present]
    reports = []
    for candidate in missing + candidates:
        report = ModuleReport(candidate)
        try:
            report.tokens = list_tokens(open_module(candidate.path), candidate.path)
        except SigningError as exc:
            report.error = exc.as_dict()
        reports.append(report)
    return reports


def open_token_session(
    module_path: str,
    settings: SigningSettings,
    *,
    pin: str | None,
    token_label: str | None = None,
    cert_id: bytes | None = None,
    allow_final_try: bool = True,
) -> SigningSession:
    """Log in once for a whole session. `pin=None` means the token's PIN pad is used.

    `allow_final_try=False` refuses to log in when one more wrong PIN would lock the token
    (for scripts, where nobody reads a warning). An unreachable TSA stops before the login.
    """
    from signing.signers import TokenSigner

    token = find_token(open_module(module_path), token_label)
    with contextlib.ExitStack() as stack:
        timestamper = open_timestamper(settings)
        if timestamper is not None:
            stack.callback(timestamper.close)
        session = stack.enter_context(login(token, pin, cert_id, allow_final_try=allow_final_try))
        check_certificate_level(settings, session.cert, demo=False)
        warning = session.pin_state.warning
        return SigningSession(
            settings,
            TokenSigner(session),
            describe_certificate(session.cert).holder,
            demo=False,
            logins=1,
            timestamper=timestamper,
            warnings=[warning.as_dict()] if warning is not None else [],
            resources=stack.pop_all(),
        )


def open_demo_session(keystore_folder: str | os.PathLike[str], settings: SigningSettings) -> SigningSession:
    """A session over the demo keystore (demo mode: no token configured); no login."""
    from cryptography import x509

    from signing.demo import demo_signer

    signer: Any = demo_signer(keystore_folder)
    cert = x509.load_der_x509_certificate(signer.signing_cert.dump())
    check_signing_certificate(cert)
    check_certificate_level(settings, cert, demo=True)
    with contextlib.ExitStack() as stack:
        timestamper = open_timestamper(settings)
        if timestamper is not None:
            stack.callback(timestamper.close)
        return SigningSession(
            settings, signer, describe_certificate(cert).holder, demo=True, logins=0,
            timestamper=timestamper, resources=stack.pop_all(),
        )  # fmt: skip


def sign_with_token(
    module_path: str,
    files: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    settings: SigningSettings,
    *,
    pin: str | None,
    token_label: str | None = None,
    cert_id: bytes | None = None,
    allow_final_try: bool = True,
    scan_time: dt.datetime | None = None,
    resume: bool = False,
    progress: Callable[[int, int, FileResult], None] | None = None,
    cancel: threading.Event | None = None,
) -> BatchResult:
    """Sign plain files into `out_dir` inside one login (see `signing.files.sign_files`)."""
    started = time.perf_counter()
    with open_token_session(
        module_path,
        settings,
        pin=pin,
        token_label=token_label,
        cert_id=cert_id,
        allow_final_try=allow_final_try,
    ) as session:
        result = sign_files(
            session, files, out_dir, scan_time=scan_time, resume=resume, progress=progress, cancel=cancel
        )
    result.total_ms = (time.perf_counter() - started) * 1000
    return result


def sign_with_demo(
    keystore_folder: str | os.PathLike[str],
    files: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    settings: SigningSettings,
    *,
    scan_time: dt.datetime | None = None,
    resume: bool = False,
    progress: Callable[[int, int, FileResult], None] | None = None,
    cancel: threading.Event | None = None,
) -> BatchResult:
    """Sign plain files into `out_dir` with the demo keystore."""
    started = time.perf_counter()
    with open_demo_session(keystore_folder, settings) as session:
        result = sign_files(
            session, files, out_dir, scan_time=scan_time, resume=resume, progress=progress, cancel=cancel
        )
    result.total_ms = (time.perf_counter() - started) * 1000
    return result


def first_module_with_token(configured: Sequence[str] = (), token_label: str | None = None) -> str:
    """The module to use when IT did not name one: the first that sees a (matching) token.

    With no token anywhere, a module that failed to load is the likelier cause (wrong
    bitness, broken install), so that error is the one reported, naming the file.
    """
    load_error: SigningError | None = None
    for candidate in discover_modules(tuple(configured)):
        try:
            lib = open_module(candidate.path)
        except SigningError as exc:
            load_error = load_error or exc
            continue
        try:
            find_token(lib, token_label)
        except SigningError:
            continue
        return candidate.path
    raise load_error or TokenAbsentError()
