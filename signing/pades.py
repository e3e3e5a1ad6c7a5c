"""PAdES signing of a batch of PDFs with one pyHanko signer (one token login for all files).

Output is `ETSI.CAdES.detached`: B-B by default, B-T with an RFC 3161 timestamp, B-LT with the
revocation information embedded. Each output is written to a temp file in the output folder
and renamed, so a failure never leaves a half-written PDF and never touches the original; the
signed file is never rewritten afterwards (that would break the signature).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from signing.errors import (
    CertificateRevokedError,
    InputPdfError,
    PinIncorrectError,
    PinLockedError,
    RevocationUnavailableError,
    SigningCancelledError,
    SigningError,
    TimestampUnavailableError,
    TokenAbsentError,
    TokenOperationError,
    TokenRemovedError,
)
from signing.stamp import StampFactory, StampText, top_left_box

LEVELS = ("B-B", "B-T", "B-LT")
# After these the token (or the TSA) is gone for the rest of the batch: stop, keep what is
# signed. A wrong PIN is among them so that it is never sent again for the next file.
_BATCH_FATAL = (
    TokenRemovedError, TokenAbsentError, PinIncorrectError, PinLockedError, TimestampUnavailableError,
    TokenOperationError, CertificateRevokedError, RevocationUnavailableError,
)  # fmt: skip


@dataclass
class SignOptions:
    level: str = "B-B"
    tsa_url: str | None = None
    stamp: StampText | None = None  # None: invisible signature
    scan_times: dict[str, dt.datetime] = field(default_factory=dict)  # per input file, for the stamp
    trust_roots: Sequence[Any] = ()  # asn1crypto certificates, for B-LT path building
    resume: bool = False  # skip files whose output already exists (after a token was pulled out)

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise SigningError(
                f"Mức chữ ký {self.level} không được hỗ trợ.",
                "Chọn một trong các mức B-B, B-T, B-LT.",
                code="level_unsupported",
            )


@dataclass
class FileResult:
    file: str
    out: str | None
    ok: bool
    ms: float
    error: dict[str, str] | None = None
    skipped: bool = False

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"file": self.file, "out": self.out, "ok": self.ok, "ms": round(self.ms, 1)}
        if self.error:
            data["error"] = self.error
        if self.skipped:
            data["skipped"] = True
        return data


@dataclass
class BatchResult:
    files: list[FileResult]
    level: str
    signer: str
    logins: int
    token_ms: float
    total_ms: float
    demo: bool = False
    stopped: dict[str, str] | None = None  # the error that ended the batch early, if any
    warnings: list[dict[str, str]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        signed = sum(1 for f in self.files if f.ok)
        return {
            "total": len(self.files),
            "signed": signed,
            "failed": len(self.files) - signed,
            "level": self.level,
            "signer": self.signer,
            "demo": self.demo,
            "logins": self.logins,
            "total_ms": round(self.total_ms, 1),
            "ms_per_file": round(self.total_ms / len(self.files), 1) if self.files else 0.0,
            "token_ms": round(self.token_ms, 1),
            "stopped": self.stopped,
            "warnings": self.warnings,
        }


def output_path(src: Path, out_dir: Path, taken: set[Path] | None = None) -> Path:
    """Same file name in the output folder, never the input itself nor another input's output."""
    taken = taken if taken is not None else set()
    out = out_dir / src.name
    if out.resolve() == src.resolve():
        out = out_dir / f"{src.stem}.signed{src.suffix}"
    n = 2
    base = out
    while out.resolve() in taken:
        out = base.with_name(f"{base.stem}-{n}{base.suffix}")
        n += 1
    taken.add(out.resolve())
    return out


def _page_box(writer: Any, page: int) -> tuple[float, float, float, float]:
    page_ref, _resources = writer.find_page_for_modification(page)
    node = page_ref.get_object()
    while node is not None:
        if "/MediaBox" in node:
            return tuple(float(v) for v in node["/MediaBox"])  # type: ignore[return-value]
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
    return (0.0, 0.0, 595.0, 842.0)


def _field_name(writer: Any) -> str:
    from pyhanko.sign.fields import enumerate_sig_fields

    taken = {name for name, _value, _ref in enumerate_sig_fields(writer.prev)}
    n = 1
    while f"ChuKySo{n}" in taken:
        n += 1
    return f"ChuKySo{n}"


class PadesBatch:
    """Signs files one by one with the same signer, timestamper and stamp font."""

    def __init__(self, signer: Any, options: SignOptions, *, timestamper: Any = None) -> None:
        self.signer = signer
        self.options = options
        self.timestamper = timestamper
        self.stamps = StampFactory() if options.stamp is not None else None
        self._lt = options.level == "B-LT"
        # pyHanko sizes the signature by building a throw-away CMS first (half of its CPU time);
        # the size is the same for every file of a batch, so it is learned from the first one.
        self._bytes_reserved: int | None = None
        if self._lt:
            self._make_validation_context()  # fail before the first file when no root is known

    def _make_validation_context(self) -> Any:
        """A fresh context per file: its HTTP fetchers belong to that file's event loop."""
        from pyhanko_certvalidator import ValidationContext

        roots = list(self.options.trust_roots)
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

    def sign_file(self, src: Path, dst: Path) -> None:
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.pdf_utils.misc import PdfError
        from pyhanko.sign import fields, signers

        try:
            inf = src.open("rb")
        except OSError as exc:
            raise InputPdfError(f"Không đọc được tệp {src.name}: {exc.strerror}.") from exc
        with inf:
            try:
                writer = IncrementalPdfFileWriter(inf, strict=False)
                name = _field_name(writer)
                stamp_style = None
                field_spec = fields.SigFieldSpec(sig_field_name=name)
                if self.stamps is not None and self.options.stamp is not None:
                    text = self.options.stamp
                    scan_time = self.options.scan_times.get(str(src))
                    if scan_time is not None:
                        text = StampText(text.signer_name, scan_time, text.demo)
                    stamp_style = self.stamps.style(text)
                    field_spec = fields.SigFieldSpec(
                        sig_field_name=name, on_page=0, box=top_left_box(_page_box(writer, 0))
                    )
            except (PdfError, OSError, ValueError) as exc:
                raise InputPdfError(f"Tệp PDF không đọc được: {src.name} ({exc}).") from exc
            validation_context = self._make_validation_context() if self._lt else None
            meta = signers.PdfSignatureMetadata(
                field_name=name,
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
            fd, tmp_name = tempfile.mkstemp(prefix=f".{dst.stem}-", suffix=".part", dir=dst.parent)
            try:
                with os.fdopen(fd, "wb") as out:
                    self._run_signer(pdf_signer, writer, out)
                    out.flush()
                    os.fsync(out.fileno())
                if self._bytes_reserved is None:
                    self._bytes_reserved = _reserved_size(tmp_name, src.stat().st_size)
                os.replace(tmp_name, dst)
            finally:
                if os.path.exists(tmp_name):
                    os.unlink(tmp_name)

    def _run_signer(self, pdf_signer: Any, writer: Any, out: Any) -> None:
        try:
            # The synchronous entry point runs one event loop per file and then releases the
            # validation context's HTTP sessions; our signer and timestamper hold no loop state.
            pdf_signer.sign_pdf(writer, output=out, bytes_reserved=self._bytes_reserved)
        except Exception as exc:
            cause = _known_cause(exc)
            if cause is not None:
                raise cause from exc
            raise

    def run(
        self,
        files: Sequence[str | os.PathLike[str]],
        out_dir: str | os.PathLike[str],
        *,
        progress: Callable[[int, int, FileResult], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> tuple[list[FileResult], dict[str, str] | None]:
        out_folder = Path(out_dir)
        out_folder.mkdir(parents=True, exist_ok=True)
        results: list[FileResult] = []
        stopped: SigningError | None = None
        taken: set[Path] = set()
        for index, name in enumerate(files):
            src = Path(name)
            dst = output_path(src, out_folder, taken)
            started = time.perf_counter()
            if stopped is None and cancel is not None and cancel.is_set():
                stopped = SigningCancelledError()
            if stopped is not None:
                result = FileResult(str(src), None, False, 0.0, stopped.as_dict())
            elif self.options.resume and dst.exists():
                result = FileResult(str(src), str(dst), True, 0.0, skipped=True)
            else:
                try:
                    self.sign_file(src, dst)
                    result = FileResult(str(src), str(dst), True, (time.perf_counter() - started) * 1000)
                except SigningError as exc:
                    result = FileResult(
                        str(src), None, False, (time.perf_counter() - started) * 1000, exc.as_dict()
                    )
                    if isinstance(exc, _BATCH_FATAL):
                        stopped = exc
            results.append(result)
            if progress is not None:
                progress(index + 1, len(files), result)
        return results, stopped.as_dict() if stopped is not None else None


def _reserved_size(signed: str, original_size: int) -> int | None:
    """Hex digits reserved for /Contents in the update pyHanko appended (None: let it estimate)."""
    with open(signed, "rb") as fh:
        fh.seek(original_size)
        update = fh.read()
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
