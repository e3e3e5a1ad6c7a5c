"""Signing plain PDF files given by path (`counter-app sign`): read bytes, sign in a session,
write each output atomically (temp file in the output folder, fsync, rename), so a failure never
leaves a half-written PDF and never touches the original.

Dossier files never come here: they are encrypted at rest and signed from memory by the intake.
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

from signing.errors import InputPdfError, SigningCancelledError, SigningError
from signing.session import SESSION_FATAL, DocumentMetadata, SigningSession


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


def write_atomically(path: Path, data: bytes) -> None:
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp_name, path)
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)


def sign_file(session: SigningSession, src: Path, dst: Path, scan_time: dt.datetime | None = None) -> None:
    try:
        data = src.read_bytes()
    except OSError as exc:
        raise InputPdfError(f"Không đọc được tệp {src.name}: {exc.strerror}.") from exc
    write_atomically(dst, session.sign(data, DocumentMetadata(src.name, scan_time)))


def sign_files(
    session: SigningSession,
    files: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    scan_time: dt.datetime | None = None,
    resume: bool = False,
    progress: Callable[[int, int, FileResult], None] | None = None,
    cancel: threading.Event | None = None,
) -> BatchResult:
    """Sign `files` into `out_dir`, one result per file. `resume` skips files whose output
    already exists (after a token was pulled out); `scan_time` goes into every stamp."""
    started = time.perf_counter()
    out_folder = Path(out_dir)
    out_folder.mkdir(parents=True, exist_ok=True)
    results: list[FileResult] = []
    stopped: SigningError | None = None
    taken: set[Path] = set()
    for index, name in enumerate(files):
        src = Path(name)
        dst = output_path(src, out_folder, taken)
        file_started = time.perf_counter()
        if stopped is None and cancel is not None and cancel.is_set():
            stopped = SigningCancelledError()
        if stopped is not None:
            result = FileResult(str(src), None, False, 0.0, stopped.as_dict())
        elif resume and dst.exists():
            result = FileResult(str(src), str(dst), True, 0.0, skipped=True)
        else:
            try:
                sign_file(session, src, dst, scan_time)
                result = FileResult(str(src), str(dst), True, (time.perf_counter() - file_started) * 1000)
            except SigningError as exc:
                ms = (time.perf_counter() - file_started) * 1000
                result = FileResult(str(src), None, False, ms, exc.as_dict())
                if isinstance(exc, SESSION_FATAL):
                    stopped = exc
        results.append(result)
        if progress is not None:
            progress(index + 1, len(files), result)
    return BatchResult(
        files=results,
        level=session.level,
        signer=session.holder,
        logins=session.logins,
        token_ms=session.token_ms,
        total_ms=(time.perf_counter() - started) * 1000,
        demo=session.demo,
        stopped=stopped.as_dict() if stopped is not None else None,
        warnings=list(session.warnings),
    )
