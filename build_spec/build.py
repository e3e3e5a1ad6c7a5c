"""Build the one-folder bundle (PyInstaller) and, where makensis exists, the Windows installer.

    python build_spec/build.py [--dist DIR] [--work DIR] [--opencv minimal|wheel]
                               [--installer-only --from-dist DIR]

The version comes from the package; the Windows version resource and the installer script
are filled from their templates in build_spec/.

OpenCV: releases use `--opencv minimal` (the default): the module compiled once by
build_spec/opencv_minimal.py (core, imgproc, imgcodecs, videoio; no FFmpeg, no OpenBLAS) and
cached, so the bundle carries ~19 MB of OpenCV instead of ~150 MB. The first such build compiles
OpenCV (about half an hour on two busy cores). `--opencv wheel` freezes the dev venv's
opencv-python-headless wheel as it is: the test suite's frozen-build test uses it unless a minimal
module is already cached, so CI never compiles OpenCV.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import opencv_minimal  # build_spec/opencv_minimal.py (this script's folder is on sys.path)

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build_spec" / "counter_app.spec"


def version() -> str:
    text = (ROOT / "counter_app" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'__version__ = "([^"]+)"', text)
    if match is None:
        raise SystemExit("no __version__ in counter_app/__init__.py")
    return match.group(1)


def numeric(ver: str) -> tuple[int, int, int]:
    parts = [int(p) for p in re.findall(r"\d+", ver)[:3]]
    return (*parts, *([0] * (3 - len(parts))))  # type: ignore[return-value]


def write_version_info(build_dir: Path) -> Path:
    ver = version()
    v1, v2, v3 = numeric(ver)
    text = (ROOT / "build_spec" / "version_info.txt.in").read_text(encoding="utf-8")
    text = text.replace("@V1@", str(v1)).replace("@V2@", str(v2)).replace("@V3@", str(v3))
    text = text.replace("@VERSION@", ver)
    build_dir.mkdir(parents=True, exist_ok=True)
    out = build_dir / "version_info.txt"
    out.write_text(text, encoding="utf-8")
    return out


def write_installer_script(dist_folder: Path, out_file: Path, build_dir: Path) -> Path:
    ver = version()
    v1, v2, v3 = numeric(ver)
    text = (ROOT / "build_spec" / "installer.nsi.in").read_text(encoding="utf-8")
    text = (
        text.replace("@VERSION4@", f"{v1}.{v2}.{v3}.0")
        .replace("@VERSION@", ver)
        .replace("@DIST_DIR@", str(dist_folder))
        .replace("@OUT_FILE@", str(out_file))
    )
    build_dir.mkdir(parents=True, exist_ok=True)
    script = build_dir / "installer.nsi"
    # NSIS reads a UTF-8 script with a BOM as Unicode (Vietnamese text in the installer).
    script.write_text(text, encoding="utf-8-sig")
    return script


def build_installer(dist_folder: Path, out_dir: Path, build_dir: Path) -> Path:
    makensis = shutil.which("makensis")
    if makensis is None:
        raise SystemExit("makensis not found (Debian/Ubuntu: apt-get install nsis)")
    out_file = out_dir / f"MotCuaSo-{version()}-setup.exe"
    script = write_installer_script(dist_folder, out_file, build_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run([makensis, "-V2", "-WX", "-INPUTCHARSET", "UTF8", str(script)], check=True)
    return out_file


def build_bundle(dist: Path, work: Path, opencv: str = "minimal") -> Path:
    write_version_info(ROOT / "build")
    env = {k: v for k, v in os.environ.items() if k != "MOT_CUA_SO_OPENCV_MINIMAL"}
    if opencv == "minimal":
        # Read by counter_app.spec: freeze this module instead of the wheel's cv2.
        env["MOT_CUA_SO_OPENCV_MINIMAL"] = str(opencv_minimal.ensure())
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(SPEC),
        ],
        check=True,
        cwd=ROOT,
        env=env,
    )
    return dist / "counter-app"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument(
        "--opencv",
        choices=("minimal", "wheel"),
        default="minimal",
        help="minimal: the purpose-built OpenCV (release; compiled once and cached); wheel: the venv's",
    )
    parser.add_argument("--installer-only", action="store_true")
    parser.add_argument("--from-dist", type=Path)
    args = parser.parse_args()
    folder = args.from_dist if args.installer_only else build_bundle(args.dist, args.work, args.opencv)
    print(f"bundle: {folder}")
    if sys.platform == "win32" or args.installer_only:
        print(f"installer: {build_installer(folder, args.dist, ROOT / 'build')}")


if __name__ == "__main__":
    main()
