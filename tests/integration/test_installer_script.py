"""The Windows installer script compiles with makensis (the real NSIS compiler, Debian package nsis).

The installer itself cannot run here (no Windows peer); the Windows workflow runs it. This
test compiles the very script a release uses, from a stand-in bundle folder, with warnings
treated as errors, and checks the result is a Windows executable carrying our version.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(
    shutil.which("makensis") is None, reason="makensis (Debian package nsis) is not installed"
)
def test_installer_script_compiles(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle" / "counter-app"
    (bundle / "_internal" / "resources").mkdir(parents=True)
    (bundle / "MotCuaSo.exe").write_bytes(b"MZ stand-in")
    (bundle / "counter-app.exe").write_bytes(b"MZ stand-in")
    (bundle / "_internal" / "resources" / "procedures.json").write_text("[]")
    out = tmp_path / "out"
    result = subprocess.run(
        [
            sys.executable,
            "build_spec/build.py",
            "--installer-only",
            "--from-dist",
            str(bundle),
            "--dist",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    [setup] = list(out.glob("MotCuaSo-*-setup.exe"))
    data = setup.read_bytes()
    assert data[:2] == b"MZ"
    from counter_app import __version__

    assert setup.name == f"MotCuaSo-{__version__}-setup.exe"
    assert "Một Cửa Số".encode("utf-16-le") in data, "the Vietnamese product name is in the version resource"
