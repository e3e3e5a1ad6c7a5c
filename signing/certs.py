"""What the officer sees of a certificate, and whether it may be chosen for signing.

Thông tư 15/2025/TT-BKHCN asks signing software to check validity before signing: expired,
not-yet-valid, non-signing and CA certificates are listed but not choosable, with the reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from common import clock
from signing.errors import (
    CertificateExpiredError,
    CertificateNotChoosableError,
    CertificateNotForSigningError,
    CertificateNotYetValidError,
)

DEMO_MARK = "CHỨNG THƯ DEMO — KHÔNG CÓ GIÁ TRỊ PHÁP LÝ"
# Thông tư 15/2025/TT-BKHCN minimum key sizes.
MIN_RSA_BITS = 2048
MIN_EC_BITS = 256


@dataclass(frozen=True)
class CertificateInfo:
    cert_id: str  # CKA_ID in hex: the key is matched to the certificate by it
    label: str
    holder: str
    organisation: str
    issuer: str
    serial: str
    not_before: dt.datetime
    not_after: dt.datetime
    key_usage: tuple[str, ...]
    extended_key_usage: tuple[str, ...]
    key_algorithm: str
    fingerprint_sha256: str
    choosable: bool
    reasons: tuple[str, ...] = field(default=())
    demo: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "cert_id": self.cert_id,
            "label": self.label,
            "holder": self.holder,
            "organisation": self.organisation,
            "issuer": self.issuer,
            "serial": self.serial,
            "not_before": self.not_before.isoformat(),
            "not_after": self.not_after.isoformat(),
            "key_usage": list(self.key_usage),
            "extended_key_usage": list(self.extended_key_usage),
            "key_algorithm": self.key_algorithm,
            "fingerprint_sha256": self.fingerprint_sha256,
            "choosable": self.choosable,
            "reasons": list(self.reasons),
            "demo": self.demo,
        }


def _name_part(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def _key_usage(cert: x509.Certificate) -> tuple[str, ...] | None:
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return None
    names = [
        "digital_signature",
        "content_commitment",
        "key_encipherment",
        "data_encipherment",
        "key_agreement",
        "key_cert_sign",
        "crl_sign",
    ]
    return tuple(n for n in names if getattr(usage, n))


def _extended_key_usage(cert: x509.Certificate) -> tuple[str, ...]:
    try:
        eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except x509.ExtensionNotFound:
        return ()
    return tuple(getattr(oid, "_name", oid.dotted_string) for oid in eku)


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False


def _key_algorithm(cert: x509.Certificate) -> tuple[str, str | None]:
    key = cert.public_key()
    if isinstance(key, rsa.RSAPublicKey):
        weak = key.key_size < MIN_RSA_BITS
        return f"RSA-{key.key_size}", "Khóa RSA ngắn hơn 2048 bit." if weak else None
    if isinstance(key, ec.EllipticCurvePublicKey):
        weak = key.curve.key_size < MIN_EC_BITS
        return f"ECDSA-{key.curve.name}", "Khóa ECDSA ngắn hơn 256 bit." if weak else None
    return type(key).__name__, "Loại khóa không được hỗ trợ để ký."


def unusable_reasons(
    cert: x509.Certificate, now: dt.datetime | None = None
) -> list[CertificateNotChoosableError]:
    """Every reason (as a known error) why this certificate cannot sign now; empty when it can."""
    now = now or clock.utc_now()
    errors: list[CertificateNotChoosableError] = []
    not_before = cert.not_valid_before_utc
    not_after = cert.not_valid_after_utc
    if now > not_after:
        errors.append(
            CertificateExpiredError(f"Chứng thư số đã hết hạn từ ngày {clock.local(not_after):%d/%m/%Y}.")
        )
    if now < not_before:
        errors.append(
            CertificateNotYetValidError(
                f"Chứng thư số chỉ có hiệu lực từ ngày {clock.local(not_before):%d/%m/%Y}."
            )
        )
    if _is_ca(cert):
        errors.append(
            CertificateNotForSigningError(
                "Đây là chứng thư của tổ chức cung cấp dịch vụ chữ ký số (CA), không phải của người ký."
            )
        )
    else:
        usage = _key_usage(cert)
        if usage is not None and not {"digital_signature", "content_commitment"} & set(usage):
            errors.append(CertificateNotForSigningError())
        eku = _extended_key_usage(cert)
        signing_eku = {"anyExtendedKeyUsage", "emailProtection", "codeSigning", "clientAuth"}
        if eku and not signing_eku & set(eku) and ExtendedKeyUsageOID.TIME_STAMPING._name in eku:
            errors.append(CertificateNotForSigningError("Chứng thư này chỉ dùng để cấp dấu thời gian."))
    weak = _key_algorithm(cert)[1]
    if weak:
        errors.append(
            CertificateNotForSigningError(f"{weak} Không đạt yêu cầu của Thông tư 15/2025/TT-BKHCN.")
        )
    return errors


def check_signing_certificate(cert: x509.Certificate, now: dt.datetime | None = None) -> None:
    """Raise the first reason this certificate cannot sign (checked before every batch)."""
    reasons = unusable_reasons(cert, now)
    if reasons:
        raise reasons[0]


def describe_certificate(
    cert: x509.Certificate, cert_id: bytes = b"", label: str = "", now: dt.datetime | None = None
) -> CertificateInfo:
    reasons = unusable_reasons(cert, now)
    organisation = _name_part(cert.subject, NameOID.ORGANIZATION_NAME)
    usage = _key_usage(cert)
    return CertificateInfo(
        cert_id=cert_id.hex(),
        label=label,
        holder=_name_part(cert.subject, NameOID.COMMON_NAME) or cert.subject.rfc4514_string(),
        organisation=organisation,
        issuer=_name_part(cert.issuer, NameOID.COMMON_NAME) or cert.issuer.rfc4514_string(),
        serial=format(cert.serial_number, "X"),
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        key_usage=usage or (),
        extended_key_usage=_extended_key_usage(cert),
        key_algorithm=_key_algorithm(cert)[0],
        fingerprint_sha256=cert.fingerprint(hashes.SHA256()).hex(),
        choosable=not reasons,
        reasons=tuple(r.message for r in reasons),
        demo=is_demo_certificate(cert),
    )


def is_demo_certificate(cert: x509.Certificate) -> bool:
    return any(DEMO_MARK in str(attr.value) for attr in cert.subject)
