"""The signing dialogs' background work, without Qt: every function here blocks, so runs in the TaskRunner.

Whatever talks to a PKCS#11 module goes through `tasks.run(..., serial=True)`: the token thread
is the only one that ever opens a session. `probe_level` (network only) uses the normal pool.
The PIN is only passed through to `signing.provider.sign_with_token`; nothing here keeps it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from signing.certs import CertificateInfo
from signing.errors import SigningError
from signing.pades import BatchResult, FileResult, SignOptions
from signing.provider import ModuleReport
from signing.tokens import PinState, TokenInfo

# Failures that mean "the configured level cannot be reached": the officer may go on at B-B.
LEVEL_CODES = frozenset({"tsa_unreachable", "tsa_not_configured", "revocation_unavailable"})


class Cancel(Protocol):
    @property
    def cancelled(self) -> bool: ...


class _IsSet:
    """The TaskRunner's cancel token seen through the `is_set()` protocol that signing checks."""

    def __init__(self, cancel: Cancel | None) -> None:
        self._cancel = cancel

    def is_set(self) -> bool:
        return self._cancel is not None and self._cancel.cancelled


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


@dataclass
class BatchRequest:
    inputs: list[Path]
    out_dir: Path
    options: SignOptions
    demo_folder: Path
    choice: Choice | None = None  # set when the officer has picked a certificate
    pin: str | None = field(default=None, repr=False)  # never in a log line or crash report
    outputs_before: frozenset[Path] = field(default_factory=frozenset)


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


def probe_level(level: str, tsa_url: str | None) -> dict[str, str] | None:
    """Why the configured level cannot be reached, asked before the PIN (None: the TSA answers).

    B-LT's revocation data depends on the certificate and is only known inside the batch.
    """
    from signing.errors import TimestampUnavailableError

    if level == "B-B":
        return None
    if not tsa_url:
        return TimestampUnavailableError(
            f"Mức {level} cần máy chủ cấp dấu thời gian (TSA) nhưng chưa được cấu hình.",
            code="tsa_not_configured",
        ).as_dict()
    from signing.signers import HttpTimeStamper

    stamper = HttpTimeStamper(tsa_url)
    try:
        stamper.probe()
    except SigningError as exc:
        return exc.as_dict()
    finally:
        stamper.close()
    return None


def run_batch(
    request: BatchRequest,
    *,
    progress: Callable[[Any], None] | None = None,
    cancel: Cancel | None = None,
) -> BatchResult:
    """Sign every input inside one login (or with the demo keystore); progress is (done, total, name)."""
    from signing.provider import sign_with_demo, sign_with_token

    request.out_dir.mkdir(parents=True, exist_ok=True)
    stop = _IsSet(cancel)

    def tick(done: int, total: int, result: FileResult) -> None:
        if progress is not None:
            progress((done, total, Path(result.file).name))

    assert request.choice is not None
    if request.choice.token is None:
        return sign_with_demo(
            request.demo_folder, request.inputs, request.out_dir, request.options,
            progress=tick, cancel=stop,  # type: ignore[arg-type]
        )  # fmt: skip
    token = request.choice.token
    return sign_with_token(
        token.module, request.inputs, request.out_dir, request.options,
        pin=request.pin, token_label=token.label, cert_id=bytes.fromhex(request.choice.cert.cert_id),
        progress=tick, cancel=stop,  # type: ignore[arg-type]
    )  # fmt: skip


def existing_outputs(out_dir: Path) -> frozenset[Path]:
    return frozenset(p for p in out_dir.glob("*.pdf")) if out_dir.is_dir() else frozenset()


def remove_new_outputs(result: BatchResult | None, out_dir: Path, before: frozenset[Path]) -> None:
    """Take back what this batch wrote (cancel, or a level re-run): the folder is as it was."""
    written = {Path(f.out) for f in result.files if f.out and not f.skipped} if result else set()
    written |= existing_outputs(out_dir) - before
    for path in written - before:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def level_failure(result: BatchResult | None, exc: BaseException | None) -> dict[str, str] | None:
    """The error dict when the batch failed only because the configured level is out of reach."""
    if isinstance(exc, SigningError) and exc.code in LEVEL_CODES:
        return exc.as_dict()
    if result is not None and result.stopped and result.stopped.get("code") in LEVEL_CODES:
        return result.stopped
    return None


def batch_error(result: BatchResult) -> SigningError | None:
    """The first failure of a batch as a known error (None when every file is signed)."""
    error = result.stopped or next((f.error for f in result.files if not f.ok and f.error), None)
    if error is None:
        return None
    signed = sum(1 for f in result.files if f.ok)
    return SigningError(
        error.get("message"),
        f"{error.get('hint', '')} Đã ký xong {signed}/{len(result.files)} tệp.".strip(),
        code=error.get("code", "signing_error"),
    )
