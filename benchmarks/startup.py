"""Cold start to a shown main window: wall time from process spawn and resident memory.

Runs `counter-app --self-test` (offscreen) several times in fresh data folders; the child
reports the moment its window was shown and its RSS at that moment. Targets (issue 2):
≤ 1.5 s and ≤ 200 MB on a 2-core machine. Prints one JSON object.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("BENCH_RUNS", "7"))


def one_run() -> tuple[float, float, bool]:
    with tempfile.TemporaryDirectory() as data_dir:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        # As installed (pip and the installer compile bytecode): a shell that forbids writing
        # .pyc files would make every run compile the application's sources again (~0.5 s).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        spawned = time.time()
        out = subprocess.run(
            [sys.executable, "-m", "ui.entry", "--data-dir", data_dir, "--self-test"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            timeout=120,
        )
        report = json.loads(out.stdout.strip().splitlines()[-1])
        return report["shown_at"] - spawned, report["rss_mb_at_shown"], bool(report["ok"])


def main() -> None:
    runs = [one_run() for _ in range(RUNS)]
    times = [r[0] for r in runs]
    rss = [r[1] for r in runs]
    print(
        json.dumps(
            {
                "benchmark": "startup",
                "runs": RUNS,
                "first_run_s": round(times[0], 3),
                "median_s": round(statistics.median(times), 3),
                "max_s": round(max(times), 3),
                "rss_mb_median": round(statistics.median(rss), 1),
                "rss_mb_max": max(rss),
                "self_test_ok": all(r[2] for r in runs),
                "target": {"seconds": 1.5, "rss_mb": 200},
                "cpus": os.cpu_count(),
            }
        )
    )


if __name__ == "__main__":
    main()
