"""The window's signing batch as data: what the certificate picker shows and returns, the
documents to sign, the batch asked for and what it gave. Plain data and rules, no token or
PDF library: the window builds and reads these on its own thread (and the settings from the
configuration); the batch itself is `IntakeService.sign` (`counter_app.intake.signatures`), on
the token's thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from counter_app.config import office_header
from signing.certs import CertificateInfo
from signing.errors import SigningError
from signing.session import DocumentMetadata, SigningSettings
from signing.tokens import TokenInfo
from signing.verify import load_trust_roots

# Failures that mean "the configured level cannot be reached": the officer may go on at B-B.
LEVEL_CODES = frozenset({"tsa_unreachable", "tsa_not_configured", "revocation_unavailable"})


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
    """The window's batch for `IntakeService.sign`: the documents the officer reviewed (with the
    stamp corners chosen), the certificate picked and the PIN typed."""

    documents: list[SignDocument]
    settings: SigningSettings
    demo_folder: Path
    local_ref: str | None = None  # the dossier the documents are; None: documents of no dossier
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

    @property
    def complete(self) -> bool:
        return self.stopped is None and self.failed is None


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


def signing_settings(config: Any, *, level: str | None = None, tsa_url: str | None = None) -> SigningSettings:
    """The session's settings from the configuration (`level`/`tsa_url` override it):
    the same for the window, the headless intake and `counter-app sign`."""

    level = level or config.get("signing.level")
    roots = config.get("signing.trust_roots") or []
    trust_roots: list[Any] = []
    if roots and level == "B-LT":
        trust_roots = load_trust_roots(roots)
    header = office_header(config)
    return SigningSettings(
        level=level,
        tsa_url=tsa_url or config.get("signing.tsa_url") or None,
        stamp=bool(config.get("signing.stamp")),
        trust_roots=trust_roots,
        office=", ".join(part for part in (header.office_name, header.agency) if part),
    )


def demo_keystore_folder(ctx: Any) -> Path:
    """Where the demo keystore of this data folder lives."""
    return ctx.paths.data_dir / "signing" / "demo"
