"""Fault injection on real files: a tiny file system that fills up, one remounted read-only,
SQLite pages overwritten with garbage, a key file removed.

The small file systems are real tmpfs mounts (the suite runs as root in its container); where
mounting is not allowed the tests that need one are skipped with the reason.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app.context import AppContext
from counter_app.workflow import Workflow
from tests.integration.conftest import postgres_server  # noqa: F401 - the session's PostgreSQL, shared
from tests.unit.test_workflow import captured


def filed_dossier() -> str:
    """One captured dossier (citizen record, pages) in the test's data folder; its local ref."""
    ctx = AppContext.open()
    try:
        return captured(Workflow(ctx)).local_ref
    finally:
        ctx.close()


class SmallDisk:
    """A tmpfs of a few megabytes: filling it gives the real ENOSPC, remounting it the real EROFS."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def fill(self, leave_bytes: int = 0) -> None:
        """Take all free space but `leave_bytes` with a filler file."""
        free = shutil.disk_usage(self.root).free
        with open(self.root / "filler.bin", "ab") as handle:
            try:
                handle.write(b"\0" * max(0, free - leave_bytes))
                handle.flush()
            except OSError:
                pass  # full: exactly what was wanted

    def free_up(self) -> None:
        (self.root / "filler.bin").unlink(missing_ok=True)

    def remount(self, *, read_only: bool) -> None:
        mode = "ro" if read_only else "rw"
        subprocess.run(["mount", "-o", f"remount,{mode}", str(self.root)], check=True)


@pytest.fixture
def small_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SmallDisk]:
    """The data folder on its own 8 MB tmpfs (skipped where mounting is not permitted)."""
    root = tmp_path / "small-disk"
    root.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(root)], capture_output=True, text=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    monkeypatch.setenv("COUNTER_APP_DATA_DIR", str(root / "data"))
    try:
        yield SmallDisk(root)
    finally:
        subprocess.run(["umount", "-l", str(root)], check=False)
