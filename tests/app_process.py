"""`counter-app` as a separate process, as IT or a script runs it: the tests that need a fresh
interpreter (its own data folder, the installed entry point's imports) call it from here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_app(*args: str, data_dir: Path, timeout: float = 240) -> subprocess.CompletedProcess:
    """`counter-app ARGS --data-dir DATA_DIR`, run from the checkout; its output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "ui.entry", *args, "--data-dir", str(data_dir)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
