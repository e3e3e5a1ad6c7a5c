"""PAdES signing of PDFs held in memory, one document after another with one pyHanko signer.

Output is `ETSI.CAdES.detached`: B-B by default, B-T with an RFC 3161 timestamp, B-LT with the
revocation information embedded. The input is read from and the output written to in-memory
streams: a dossier's PDF is personal data, encrypted at rest, and never lands on disk in clear
for the sake of signing. The signed bytes are never rewritten afterwards (that would break the
signature).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from signing.errors import (
    CertificateRevokedError,
    InputPdfError,
    RevocationUnavailableError,
    SigningError,
    TimestampUnavailableError,
)
from signing.placement import find_stamp_box
from signing.stamp import StampFactory, StampText

LEVELS = ("B-B", "B-T", "B-LT")


def _field_name(writer: Any) -> str:
    from pyhanko.sign.fields import enumerate_sig_fields

    taken = {name for name, _value, _ref in enumerate_sig_fields(writer.prev)}
    n = 1
    while f"ChuKySo{n}" in taken:
        n += 1
    return f"ChuKySo{n}"


class PadesSigner:
    """Signs PDF bytes one by one with the same signer, timestamper and stamp font."""

    def __init__(
        self,
        signer: Any,
        level: str,
        *,
        timestamper: Any = None,
        trust_roots: Sequence[Any] = (),
        stamp: bool = False,
    ) -> None:
        """`stamp`: documents will carry a visible stamp (its font is prepared now)."""
        self.signer = signer
        self.level = level
        self.timestamper = timestamper
        self.trust_roots = list(trust_roots)
        self._stamps = StampFactory() if stamp else None
        self._lt = level == "B-LT"
        # pyHanko sizes the signature by building a throw-away CMS first (half of its CPU time);
        # the size is the same for every document of a session, so it is learned from the first.
        self._bytes_reserved: int | None = None
        if self._lt:
            self._make_validation_context()  # fail before the first document when no root is known

    def _make_validation_context(self) -> Any:
        """A fresh context per document: its HTTP fetchers belong to that signature's event loop."""
        from pyhanko_certvalidator import ValidationContext

        roots = list(self.trust_roots)
        chain = list(self.signer.cert_registry)
        # A root shipped on the token is the path's anchor for fetching, not a judgement of
        # trust (verification trusts only configured roots). Not `self_signed`: asn1crypto
        # answers "maybe" (truthy) for certificates without key identifiers.
        roots += [c for c in chain if c.self_issued]
        if not roots:
            raise RevocationUnavailableError(
                "Không xác định được chứng thư gốc để lấy thông tin thu hồi (B-LT).",
            )
        return ValidationContext(
            trust_roots=roots, other_certs=chain, allow_fetching=True, revocation_mode="hard-fail"
        )

    def sign(
        self,
        pdf: bytes,
        name: str,
        stamp: StampText | None = None,
        *,
        corner: str = "top_left",
        box: tuple[int, int, int, int] | None = None,
    ) -> bytes:
        """`pdf` signed (an incremental update appended); `name` only names it in errors. The
        stamp goes on white space near `corner` of page 1 (`signing.placement`), or in `box` when
        the caller has already found it there (the intake does, as each PDF is built)."""
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.pdf_utils.misc import PdfError
        from pyhanko.sign import fields, signers

        try:
            writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
            if writer.prev.encrypted:
                # An incremental update would have to be encrypted with the file's own keys: pyHanko
                # then fails with PdfWriteError. The dossier's copy is re-written in clear on import.
                raise InputPdfError(
                    f"Tệp PDF «{name}» được mã hóa nên không ký được.",
                    "Nhập tệp vào hồ sơ (hoặc `counter-app digitize`) để có bản không mã hóa rồi ký bản đó.",
                    code="pdf_encrypted",
                )
            field_name = _field_name(writer)
            stamp_style = None
            field_spec = fields.SigFieldSpec(sig_field_name=field_name)
            if stamp is not None:
                if self._stamps is None:
                    self._stamps = StampFactory()
                stamp_style = self._stamps.style(stamp)
                box = box or find_stamp_box(pdf, corner).box
                field_spec = fields.SigFieldSpec(sig_field_name=field_name, on_page=0, box=box)
        except (PdfError, OSError, ValueError) as exc:
            raise InputPdfError(f"Tệp PDF không đọc được: {name} ({exc}).") from exc
        validation_context = self._make_validation_context() if self._lt else None
        meta = signers.PdfSignatureMetadata(
            field_name=field_name,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            embed_validation_info=validation_context is not None,
            validation_context=validation_context,
            # Usage was checked by signing.certs (either signing bit is accepted, as CAs differ).
            signer_key_usage=set(),
        )
        pdf_signer = signers.PdfSigner(
            meta,
            signer=self.signer,
            timestamper=self.timestamper,
            stamp_style=stamp_style,
            new_field_spec=field_spec,
        )
        out = io.BytesIO()
        try:
            # The synchronous entry point runs one event loop per document and then releases the
            # validation context's HTTP sessions; our signer and timestamper hold no loop state.
            pdf_signer.sign_pdf(writer, output=out, bytes_reserved=self._bytes_reserved)
        except Exception as exc:
            cause = _known_cause(exc)
            if cause is not None:
                raise cause from exc
            raise
        signed = out.getvalue()
        if self._bytes_reserved is None:
            self._bytes_reserved = _reserved_size(signed[len(pdf) :])
        return signed


def _reserved_size(update: bytes) -> int | None:
    """Hex digits reserved for /Contents in the update pyHanko appended (None: let it estimate)."""
    start = update.rfind(b"/Contents <")
    end = update.find(b">", start)
    if start < 0 or end < 0:
        return None
    return end - start - len(b"/Contents <")


def _known_cause(exc: BaseException) -> SigningError | None:
    """pyHanko wraps errors from our signer, the TSA and path validation; find the meaning."""
    from pyhanko_certvalidator.errors import PathError, RevokedError, ValidationError

    from signing.tokens import translate_pkcs11_error

    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, SigningError):
            return current
        if type(current).__name__ in ("PdfError", "PdfWriteError", "PdfReadError", "PdfStrictReadError"):
            return InputPdfError(f"Tệp PDF không ghi thêm chữ ký được ({current}).")
        if type(current).__module__.startswith("pkcs11"):
            return translate_pkcs11_error(current)
        if type(current).__name__ == "TimestampRequestError":
            return TimestampUnavailableError(hint=f"{TimestampUnavailableError.default_hint} ({current})")
        if isinstance(current, RevokedError):
            return CertificateRevokedError()
        if isinstance(current, PathError | ValidationError):
            return RevocationUnavailableError(f"Không kiểm tra được chứng thư để ký mức B-LT: {current}")
        current = current.__cause__ or current.__context__
    return None
