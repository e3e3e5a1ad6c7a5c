"""The frozen application: one-folder bundle size, cold start to a shown window, resident memory.

Builds the bundle with build_spec/build.py into a temporary folder (or measures `--dist DIR`
if given), then runs its `--self-test` several times. Targets (issue 10): ≤ 250 MB on disk,
≤ 2 s to the window, ≤ 250 MB resident after start. Prints one JSON object: the size with its
largest contributors (top-level folders/files of the bundle, and single files), the wall time
to the window and the process's own CPU time to it (steady on a loaded machine), and which
OpenCV the bundle carries.

The figures that count are the release build's: `--opencv minimal` (the default, as in
build_spec/build.py), the purpose-built OpenCV from build_spec/opencv_minimal.py (compiled on the
first run, then cached). `--opencv wheel` measures the bundle made with the dev venv's
opencv-python-headless wheel, the configuration the test suite's frozen-build test uses in CI.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def contributors(bundle: Path, count: int) -> dict[str, list[tuple[str, float]]]:
    """The largest entries under the bundle's library folder, grouped by top-level name, and files."""
    inner = bundle / "_internal" if (bundle / "_internal").is_dir() else bundle
    groups: dict[str, int] = {}
    files: list[tuple[str, int]] = []
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            size = path.stat().st_size
            rel = path.relative_to(inner) if path.is_relative_to(inner) else path.relative_to(bundle)
            groups[rel.parts[0]] = groups.get(rel.parts[0], 0) + size
            files.append((rel.as_posix(), size))

    def top(items: list[tuple[str, int]]) -> list[tuple[str, float]]:
        return [(name, round(size / 1024**2, 1)) for name, size in sorted(items, key=lambda i: -i[1])[:count]]

    return {"by_top_level_mb": top(list(groups.items())), "largest_files_mb": top(files)}


def opencv_in_bundle(bundle: Path) -> dict[str, object]:
    """Which OpenCV the bundle carries and its size: the wheel's cv2/ package and vendored
    libraries, or the minimal build's single extension module."""
    inner = bundle / "_internal" if (bundle / "_internal").is_dir() else bundle
    wheel_parts = [inner / name for name in ("cv2", "opencv_python_headless.libs") if (inner / name).is_dir()]
    modules = [p for p in inner.glob("cv2*") if p.is_file()]
    files = modules + [f for part in wheel_parts for f in part.rglob("*") if f.is_file()]
    return {
        "build": "wheel" if wheel_parts else "minimal" if modules else None,
        "size_mb": round(sum(f.stat().st_size for f in files) / 1024**2, 1),
    }


def start_once(exe: Path) -> tuple[float, float, float, str]:
    with tempfile.TemporaryDirectory() as data_dir:
        spawned = time.time()
        out = subprocess.run(
            [str(exe), "--data-dir", data_dir, "--self-test"],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        report = json.loads(out.stdout.strip().splitlines()[-1])
        if not report["ok"]:
            raise SystemExit(f"the frozen self-test failed: {json.dumps(report, ensure_ascii=False)}")
        video = report["checks"]["parts"]["video"]["detail"]
        return report["shown_at"] - spawned, report["rss_mb_at_shown"], report["cpu_s_at_shown"], video


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, help="an existing dist folder (skips the build)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--top", type=int, default=12, help="how many contributors to list")
    parser.add_argument(
        "--opencv",
        choices=("minimal", "wheel"),
        default="minimal",
        help="OpenCV to build with: minimal (release) or the venv's wheel (CI's frozen test)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        build_s = None
        dist = args.dist
        if dist is None:
            dist = Path(tmp) / "dist"
            started = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "build_spec/build.py",
                    "--dist",
                    str(dist),
                    "--work",
                    str(Path(tmp) / "w"),
                    "--opencv",
                    args.opencv,
                ],
                cwd=ROOT,
                check=True,
                capture_output=True,
                timeout=1800,
            )
            build_s = round(time.perf_counter() - started, 1)
        bundle = dist / "counter-app"
        exe = bundle / ("counter-app.exe" if sys.platform == "win32" else "counter-app")
        runs = [start_once(exe) for _ in range(args.runs)]
        print(
            json.dumps(
                {
                    "benchmark": "bundle",
                    "build_s": build_s,
                    "size_mb": round(folder_size(bundle) / 1024**2, 1),
                    "opencv": {**opencv_in_bundle(bundle), "self_test_video": runs[0][3]},
                    **contributors(bundle, args.top),
                    "cold_start_s_first": round(runs[0][0], 3),
                    "cold_start_s_median": round(statistics.median(r[0] for r in runs), 3),
                    "cpu_s_to_window_median": round(statistics.median(r[2] for r in runs), 3),
                    # Resident memory is read from /proc: None on Windows.
                    "rss_mb_median": None
                    if runs[0][1] is None
                    else round(statistics.median(r[1] for r in runs), 1),
                    "targets": {"size_mb": 250, "start_s": 2.0, "rss_mb": 250},
                }
            )
        )


if __name__ == "__main__":
    main()
