"""A signing session: one token login (or the demo keystore), then `sign(pdf_bytes, metadata)`.

    with open_token_session(module, settings, pin=pin, cert_id=cert_id) as session:  # signing.provider
        signed = session.sign(pdf_bytes, DocumentMetadata("to_khai.pdf", scan_time=scanned_at))

Everything a signature depends on is decided here, once: the level check (B-B/B-T/B-LT), the
visible stamp (signer name, scan time from the office clock) and the pyHanko options. Callers
hand over bytes and get bytes back, so no dossier file is ever written in clear for signing.

A session talks to a PKCS#11 module: open it, sign with it and close it on one thread, the
token executor (`signing.executor.TokenExecutor`, or the window's serial pool).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from common import clock
from signing.errors import (
    CertificateRevokedError,
    PinIncorrectError,
    PinLockedError,
    RevocationUnavailableError,
    SigningError,
    TimestampUnavailableError,
    TokenAbsentError,
    TokenOperationError,
    TokenRemovedError,
)
from signing.pades import LEVELS, PadesSigner
from signing.stamp import StampText

# After these the token (or the TSA) is gone for the rest of the session: stop, keep what is
# signed. A wrong PIN is among them so that it is never sent again for the next document.
SESSION_FATAL = (
    TokenRemovedError, TokenAbsentError, PinIncorrectError, PinLockedError, TimestampUnavailableError,
    TokenOperationError, CertificateRevokedError, RevocationUnavailableError,
)  # fmt: skip


@dataclass(frozen=True)
class SigningSettings:
    """What every signature of a session shares (configuration or command line)."""

    level: str = "B-B"
    tsa_url: str | None = None
    stamp: bool = False  # a visible stamp top left of page 1; False: invisible signature
    signer_name: str | None = None  # the stamp's name; None: the certificate holder
    office: str = ""  # the stamp's office line (office.name, office.agency); empty: none
    trust_roots: Sequence[Any] = ()  # asn1crypto certificates, for B-LT path building

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise SigningError(
                f"Mức chữ ký {self.level} không được hỗ trợ.",
                "Chọn một trong các mức B-B, B-T, B-LT.",
                code="level_unsupported",
            )


@dataclass(frozen=True)
class DocumentMetadata:
    """What one signature needs to know about its document."""

    name: str  # a file or component name, for the officer's error messages
    scan_time: dt.datetime | None = None  # Thông tư 01/2023 Art. 8: the stamp shows the scan time
    stamp_corner: str = "top_left"  # the corner the stamp's white space is sought near (officer's choice)
    # Where on page 1 the stamp goes (PDF points), when the caller found it already for this PDF
    # and `stamp_corner` (`signing.placement.find_stamp_box`); None: sought while signing.
    stamp_box: tuple[int, int, int, int] | None = None


def open_timestamper(settings: SigningSettings) -> Any:
    """The timestamper for B-T/B-LT, probed once so an unreachable TSA stops before any login
    (None for B-B). The caller closes it."""
    if settings.level == "B-B":
        return None
    if not settings.tsa_url:
        raise TimestampUnavailableError(
            f"Mức {settings.level} cần máy chủ cấp dấu thời gian (TSA) nhưng chưa được cấu hình.",
            "Nhập địa chỉ TSA trong cấu hình (hoặc --tsa URL), hoặc chọn ký ở mức B-B.",
            code="tsa_not_configured",
        )
    from signing.signers import HttpTimeStamper

    stamper = HttpTimeStamper(settings.tsa_url)
    try:
        stamper.probe()
    except BaseException:
        stamper.close()
        raise
    return stamper


def probe_level(settings: SigningSettings) -> None:
    """Raise what stops `settings.level` before a certificate is chosen (the window asks this
    before the PIN); B-LT's revocation data depends on the certificate: checked at opening."""
    stamper = open_timestamper(settings)
    if stamper is not None:
        stamper.close()


def _has_revocation_pointer(cert: Any) -> bool:
    from cryptography import x509

    for ext_type in (x509.CRLDistributionPoints, x509.AuthorityInformationAccess):
        with contextlib.suppress(x509.ExtensionNotFound):
            cert.extensions.get_extension_for_class(ext_type)
            return True
    return False


def check_certificate_level(settings: SigningSettings, cert: Any, *, demo: bool) -> None:
    """B-LT embeds revocation data: the certificate must say where to find it."""
    if settings.level != "B-LT":
        return
    if demo:
        raise RevocationUnavailableError(
            "Chứng thư DEMO không có thông tin thu hồi nên không thể ký ở mức B-LT."
        )
    if not _has_revocation_pointer(cert):
        raise RevocationUnavailableError(
            "Chứng thư số không ghi địa chỉ OCSP/CRL nên không thể ký ở mức B-LT."
        )


def stamp_text(
    settings: SigningSettings, metadata: DocumentMetadata, holder: str, *, demo: bool
) -> StampText | None:
    """The visible stamp of one document, or None for an invisible signature."""
    if not settings.stamp:
        return None
    scan_time = clock.local(metadata.scan_time) if metadata.scan_time is not None else clock.now()
    return StampText(settings.signer_name or holder, scan_time, demo, settings.office)


@dataclass
class SigningSession:
    """One login's signer, opened by `signing.provider.open_token_session` or
    `open_demo_session`; then `sign` as many documents as needed, then `close`."""

    settings: SigningSettings
    signer: Any  # the pyHanko signer
    holder: str  # the certificate holder's name
    demo: bool
    logins: int
    timestamper: Any = None
    warnings: list[dict[str, str]] = field(default_factory=list)  # e.g. the PIN's "count low"
    resources: contextlib.ExitStack = field(default_factory=contextlib.ExitStack, repr=False)
    _pades: PadesSigner = field(init=False, repr=False)

    def __post_init__(self) -> None:
        try:  # B-LT without a known root, or no stamp font: known before the first document
            self._pades = PadesSigner(
                self.signer,
                self.level,
                timestamper=self.timestamper,
                trust_roots=self.settings.trust_roots,
                stamp=self.settings.stamp,
            )
        except BaseException:
            self.resources.close()
            raise

    @property
    def level(self) -> str:
        return self.settings.level

    @property
    def token_ms(self) -> float:
        """Time spent inside the token's own signing calls."""
        return getattr(self.signer, "token_seconds", 0.0) * 1000

    def sign(self, pdf: bytes, metadata: DocumentMetadata) -> bytes:
        """`pdf` signed at the session's level, with the stamp if configured."""
        return self._pades.sign(
            pdf,
            metadata.name,
            stamp_text(self.settings, metadata, self.holder, demo=self.demo),
            corner=metadata.stamp_corner,
            box=metadata.stamp_box,
        )

    def close(self) -> None:
        """Log out and release the timestamper; the PIN goes with the login."""
        self.resources.close()

    def __enter__(self) -> SigningSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
