"""Atomic file writes: a reader sees the old file or the new one, never half of either.

The new content goes to a temp file in the same folder (so the rename stays on one file system),
is flushed and fsynced, renamed over the target, and the folder is fsynced so that the rename
itself survives a power cut. A failure at any step leaves the old file and no temp file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable, where the OS allows it."""
    if os.name == "nt":
        return  # Windows cannot open a directory for fsync; its rename is durable enough there.
    # Some file systems (network shares) refuse to open or fsync a directory: nothing more to do there.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: Path, write: Callable[[BinaryIO], None]) -> Path:
    """Replace `path` with what `write(handle)` writes, atomically; for content too big to hold."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    fsync_dir(path.parent)
    return path


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """Replace `path` with `data`, atomically."""
    return atomic_write(path, lambda handle: handle.write(data))


def atomic_write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Replace `path` with `text` (UTF-8 unless told), atomically; no newline translation."""
    return atomic_write_bytes(path, text.encode(encoding))
