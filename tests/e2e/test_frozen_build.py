"""The frozen Linux build starts headless: PyInstaller bundle from build_spec/, then --self-test.

This is the same spec the Windows installer packs; a data file or a lazily imported module
missing from the spec shows up here as a failed self-test.

OpenCV: releases freeze the minimal OpenCV (build_spec/opencv_minimal.py), which takes tens of
minutes to compile. CI (a clean clone) never compiles it: this test freezes the dev venv's wheel
(`--opencv wheel`) unless a verified minimal module is already in the cache, and then it freezes
and checks that one, as a release would.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytest.importorskip("PyInstaller", reason="PyInstaller is not installed (pip install -e '.[dev]')")
sys.path.insert(0, str(ROOT / "build_spec"))
import opencv_minimal  # noqa: E402

OPENCV = "minimal" if opencv_minimal.cached_module() else "wheel"


@pytest.mark.slow
def test_frozen_application_self_test(tmp_path: Path) -> None:
    if not (ROOT / "resources" / "i18n" / "en.qm").exists():
        pytest.skip("translations are not compiled (run `make translations`)")
    build = subprocess.run(
        [
            sys.executable,
            "build_spec/build.py",
            "--dist",
            str(tmp_path / "dist"),
            "--work",
            str(tmp_path / "work"),
            "--opencv",
            OPENCV,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    exe = tmp_path / "dist" / "counter-app" / "counter-app"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run(
        [str(exe), "--data-dir", str(tmp_path / "data"), "--self-test"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert run.returncode == 0, report
    assert report["ok"] is True
    # Each part a spec exclusion could break was used for real: receipt, XMP, xlsx, QR, video.
    parts = report["checks"]["parts"]
    assert parts["ok"] is True, parts
    assert {"receipt_pdf", "pdf_xmp", "report_xlsx", "qr_decoders", "video", "qt_images"} <= parts.keys()
    assert run.stderr.strip() == "", run.stderr
    inner = tmp_path / "dist" / "counter-app" / "_internal"
    shipped = {p.relative_to(inner).as_posix() for p in inner.rglob("*")}
    # Left out on purpose (build_spec/bundle_filters.py): SANE's frontend library comes with the
    # system's drivers, test tools are not the application, Qt's non-English translations unused.
    assert not [p for p in shipped if p.split("/")[-1].startswith("libsane")]
    assert not [p for p in shipped if p.split("/")[0] in {"pytest", "_pytest", "hypothesis", "PyInstaller"}]
    assert not [p for p in shipped if p.startswith("PIL/_avif")]
    # The OpenCV asked for, and only it: the minimal build leaves the wheel's FFmpeg, codecs and
    # OpenBLAS out and reads the self-test's video through its MJPEG back-end.
    wheel_opencv = [p for p in shipped if p.split("/")[0] in {"cv2", "opencv_python_headless.libs"}]
    if OPENCV == "minimal":
        assert not wheel_opencv, wheel_opencv[:5]
        assert [p for p in shipped if "/" not in p and p.startswith("cv2")], "no cv2 module"
        assert not [p for p in shipped if p.split("/")[-1].startswith(("libavcodec", "libopenblas"))]
        assert "file: CV_MJPEG" in parts["video"]["detail"], parts["video"]
    else:
        assert wheel_opencv
    qt_translations = [p for p in shipped if p.startswith("PySide6/") and p.endswith(".qm")]
    assert qt_translations and all(p.endswith("_en.qm") for p in qt_translations)
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=60)
    from counter_app import __version__

    assert version.stdout.strip() == f"counter-app {__version__}"
