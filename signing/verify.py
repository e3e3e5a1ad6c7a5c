"""Verification of every signature in a PDF: signer, integrity, coverage, trust, level, time.

Trust is judged only against the roots IT configured (the national root certificates); no
network access is assumed, so revocation is checked with what the file itself carries.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from signing.errors import InputPdfError, SigningError


@dataclass(frozen=True)
class SignatureReport:
    field: str
    signer: str
    valid: bool
    intact: bool
    trusted: bool
    covers_whole_file: bool
    level: str
    time: str | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "signer": self.signer,
            "valid": self.valid,
            "intact": self.intact,
            "trusted": self.trusted,
            "covers_whole_file": self.covers_whole_file,
            "level": self.level,
            "time": self.time,
        }


def load_trust_roots(paths: Sequence[str | os.PathLike[str]]) -> list[Any]:
    """asn1crypto certificates from PEM or DER files (a PEM file may hold several)."""
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509

    roots = []
    for path in paths:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise SigningError(
                f"Không đọc được tệp chứng thư gốc {path}: {exc.strerror}.",
                "Kiểm tra đường dẫn tới chứng thư gốc (.pem/.cer).",
                code="trust_root_unreadable",
            ) from exc
        blobs = [der for _t, _h, der in pem.unarmor(data, multiple=True)] if pem.detect(data) else [data]
        try:
            roots.extend(asn1_x509.Certificate.load(der) for der in blobs)
        except ValueError as exc:
            raise SigningError(
                f"Tệp {path} không phải chứng thư số hợp lệ.",
                "Dùng tệp chứng thư gốc định dạng PEM hoặc DER.",
                code="trust_root_invalid",
            ) from exc
    return roots


def _has_validation_data(reader: Any, embedded: Any) -> bool:
    """Whether the DSS carries validation data for this signature (its VRI entry, when present)."""
    if "/DSS" not in reader.root:
        return False
    dss = reader.root["/DSS"]  # indexing (unlike .get) resolves indirect objects
    if "/VRI" not in dss:  # PAdES allows a DSS without per-signature entries: it then covers all
        return True
    return "/" + hashlib.sha1(embedded.pkcs7_content).hexdigest().upper() in dss["/VRI"]


def _level(reader: Any, embedded: Any) -> str:
    unsigned = embedded.signer_info["unsigned_attrs"].native or []
    if not any(attr["type"] == "signature_time_stamp_token" for attr in unsigned):
        return "B-B"
    return "B-LT" if _has_validation_data(reader, embedded) else "B-T"


def _holder(cert: Any) -> str:
    if cert is None:
        return ""
    name = cert.subject.native
    return str(name.get("common_name") or cert.subject.human_friendly)


def verify_pdf(path: str | os.PathLike[str], trust_roots: Sequence[Any] = ()) -> list[SignatureReport]:
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    reports = []
    with open(path, "rb") as fh:
        try:
            reader = PdfFileReader(fh, strict=False)
            signatures = list(reader.embedded_signatures)
        except (PdfError, ValueError) as exc:
            raise InputPdfError(f"Tệp PDF không đọc được: {Path(path).name} ({exc}).") from exc
        for embedded in signatures:
            # A fresh context per signature: certificate caches must not leak between them.
            context = ValidationContext(
                trust_roots=list(trust_roots), allow_fetching=False, revocation_mode="soft-fail"
            )
            try:
                status = validate_pdf_signature(embedded, signer_validation_context=context)
            except (SignatureValidationError, ValueError, PdfError):
                reports.append(
                    SignatureReport(embedded.field_name, _holder(embedded.signer_cert), False, False, False,
                                    False, "unknown", None)
                )  # fmt: skip
                continue
            when = None
            if status.timestamp_validity is not None:
                when = status.timestamp_validity.timestamp
            elif status.signer_reported_dt is not None:
                when = status.signer_reported_dt
            reports.append(
                SignatureReport(
                    field=embedded.field_name,
                    signer=_holder(status.signing_cert),
                    valid=bool(status.intact and status.valid),
                    intact=bool(status.intact),
                    trusted=bool(status.trusted),
                    covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
                    level=_level(reader, embedded),
                    time=when.isoformat() if when is not None else None,
                )
            )
    return reports
