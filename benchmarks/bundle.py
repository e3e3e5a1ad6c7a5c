"""The frozen application: one-folder bundle size, cold start to a shown window, resident memory.

Builds the bundle with build_spec/build.py into a temporary folder (or measures `--dist DIR`
if given), then runs its `--self-test` several times. Targets (issue 10): ≤ 250 MB on disk,
≤ 2 s to the window, ≤ 250 MB resident after start. Prints one JSON object.
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


def start_once(exe: Path) -> tuple[float, float]:
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
        return report["shown_at"] - spawned, report["rss_mb_at_shown"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, help="an existing dist folder (skips the build)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        build_s = None
        dist = args.dist
        if dist is None:
            dist = Path(tmp) / "dist"
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "build_spec/build.py", "--dist", str(dist), "--work", str(Path(tmp) / "w")],
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
                    "cold_start_s_first": round(runs[0][0], 3),
                    "cold_start_s_median": round(statistics.median(r[0] for r in runs), 3),
                    "rss_mb_median": round(statistics.median(r[1] for r in runs), 1),
                    "targets": {"size_mb": 250, "start_s": 2.0, "rss_mb": 250},
                }
            )
        )


if __name__ == "__main__":
    main()
