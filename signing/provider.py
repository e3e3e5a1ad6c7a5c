"""The token provider: discover modules, list tokens and certificates, sign a batch in one login.

These functions block on the token: call them through `signing.executor.TokenExecutor`.
The PIN is only passed through: never logged, never stored beyond the batch.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from signing.certs import check_signing_certificate, describe_certificate
from signing.errors import (
    RevocationUnavailableError,
    SigningError,
    TimestampUnavailableError,
    TokenAbsentError,
)
from signing.modules import ModuleCandidate, discover_modules, open_module
from signing.pades import BatchResult, FileResult, PadesBatch, SignOptions
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


def _level_preflight(options: SignOptions) -> Any:
    """The timestamper for B-T/B-LT, probed once so an unreachable TSA stops before any login."""
    if options.level == "B-B":
        return None
    if not options.tsa_url:
        raise TimestampUnavailableError(
            f"Mức {options.level} cần máy chủ cấp dấu thời gian (TSA) nhưng chưa được cấu hình.",
            "Nhập địa chỉ TSA trong cấu hình (hoặc --tsa URL), hoặc chọn ký ở mức B-B.",
            code="tsa_not_configured",
        )
    from signing.signers import HttpTimeStamper

    stamper = HttpTimeStamper(options.tsa_url)
    try:
        stamper.probe()
    except BaseException:
        stamper.close()
        raise
    return stamper


def _has_revocation_pointer(cert: Any) -> bool:
    from cryptography import x509

    for ext_type in (x509.CRLDistributionPoints, x509.AuthorityInformationAccess):
        with contextlib.suppress(x509.ExtensionNotFound):
            cert.extensions.get_extension_for_class(ext_type)
            return True
    return False


def _run_batch(
    signer: Any,
    signer_name: str,
    files: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    options: SignOptions,
    timestamper: Any,
    progress: Callable[[int, int, FileResult], None] | None,
    cancel: threading.Event | None,
    *,
    logins: int,
    demo: bool,
    started: float,
) -> BatchResult:
    if options.stamp is not None and not options.stamp.signer_name:
        options = dataclasses.replace(
            options, stamp=dataclasses.replace(options.stamp, signer_name=signer_name)
        )
    batch = PadesBatch(signer, options, timestamper=timestamper)
    results, stopped = batch.run(files, out_dir, progress=progress, cancel=cancel)
    return BatchResult(
        files=results,
        level=options.level,
        signer=signer_name,
        logins=logins,
        token_ms=getattr(signer, "token_seconds", 0.0) * 1000,
        total_ms=(time.perf_counter() - started) * 1000,
        demo=demo,
        stopped=stopped,
    )


def sign_with_token(
    module_path: str,
    files: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    options: SignOptions,
    *,
    pin: str | None,
    token_label: str | None = None,
    cert_id: bytes | None = None,
    allow_final_try: bool = True,
    progress: Callable[[int, int, FileResult], None] | None = None,
    cancel: threading.Event | None = None,
) -> BatchResult:
    """Sign every file inside one login. `pin=None` means the token's PIN pad is used.

    `allow_final_try=False` refuses to log in when one more wrong PIN would lock the token
    (for scripts, where nobody reads a warning).
    """
    from signing.signers import TokenSigner

    started = time.perf_counter()
    lib = open_module(module_path)
    token = find_token(lib, token_label)
    timestamper = _level_preflight(options)
    try:
        with login(token, pin, cert_id, allow_final_try=allow_final_try) as session:
            if options.level == "B-LT" and not _has_revocation_pointer(session.cert):
                raise RevocationUnavailableError(
                    "Chứng thư số không ghi địa chỉ OCSP/CRL nên không thể ký ở mức B-LT."
                )
            holder = describe_certificate(session.cert).holder
            result = _run_batch(
                TokenSigner(session), holder, files, out_dir, options, timestamper, progress, cancel,
                logins=1, demo=False, started=started,
            )  # fmt: skip
            warning = session.pin_state.warning
            if warning is not None:
                result.warnings.append(warning.as_dict())
            return result
    finally:
        if timestamper is not None:
            timestamper.close()


def sign_with_demo(
    keystore_folder: str | os.PathLike[str],
    files: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    options: SignOptions,
    *,
    progress: Callable[[int, int, FileResult], None] | None = None,
    cancel: threading.Event | None = None,
) -> BatchResult:
    """Sign with the demo keystore (demo mode: no token configured)."""
    from cryptography import x509

    from signing.demo import demo_signer

    started = time.perf_counter()
    signer: Any = demo_signer(keystore_folder)
    cert = x509.load_der_x509_certificate(signer.signing_cert.dump())
    check_signing_certificate(cert)
    if options.level == "B-LT":
        raise RevocationUnavailableError(
            "Chứng thư DEMO không có thông tin thu hồi nên không thể ký ở mức B-LT."
        )
    timestamper = _level_preflight(options)
    try:
        return _run_batch(
            signer, describe_certificate(cert).holder, files, out_dir, options, timestamper, progress, cancel,
            logins=0, demo=True, started=started,
        )  # fmt: skip
    finally:
        if timestamper is not None:
            timestamper.close()


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
