"""SANE's `test` backend configured for one test: the real libsane, a folder of its own."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

# Two colour devices (a flatbed and a feeder of ten sheets) drawing a grid at 100 dpi.
COLOUR_CONF = """\
number_of_devices 2
mode Color
depth 8
resolution_min 1.0
resolution_max 1200.0
resolution_quant 1.0
resolution 100.0
test-picture "Grid"
read-status-code "Default"
geometry_min 0.0
geometry_max 300.0
geometry_quant 1.0
"""


def sane_test_folder(
    folder: Path, monkeypatch: pytest.MonkeyPatch, conf: str = COLOUR_CONF
) -> Iterator[Path]:
    """Point SANE at `folder` (only the test backend, configured with `conf`) while the caller's
    fixture lasts; skips when the backend or python-sane is not installed."""
    sane_backend = pytest.importorskip("scanner.devices.sane_backend")
    pytest.importorskip("sane", reason="python-sane is not installed")
    if not list(Path("/usr/lib").glob("*/sane/libsane-test.so*")) and not shutil.which("scanimage"):
        pytest.skip("SANE test backend (libsane-common / sane-utils) is not installed")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dll.conf").write_text("test\n")
    (folder / "test.conf").write_text(conf)
    monkeypatch.setenv("SANE_CONFIG_DIR", str(folder))
    sane_backend.reset_sane()
    yield folder
    sane_backend.reset_sane()
