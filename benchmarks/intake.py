"""One whole intake without the window, measured: `counter-app intake --headless`.

A dossier of 5 components / 12 pages (300 dpi A4 page images, synthetic; as JPEG files, what
scanners' scan-to-folder and phones write, and as lossless PNG) plus a photo of a
synthetic ID card, through QR reading, clean-up, PDF/A building, demo signing, the outbox
and the sandbox portal, to the receipt. Reports the application's own processing time per
step (the command's `timings`, which leave out time waiting on the portal), the peak
resident memory of the process, its CPU time (user + system, start-up included) and its wall
time from start to exit. Target (issue 8): total ≤ 5 s on this 2-core machine.

The page images are made in a child process of their own and each intake's resources are
read with `wait4` for that one process: a child forked while this process held the images
would otherwise report this process's memory as its own peak (Linux carries the pre-exec
high-water mark over). The load average at the start says whether the machine was idle.

    python benchmarks/intake.py [--runs N] [--ocr]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cv2

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.synthetic import render_blank_page, render_photo_page, render_text_page, save_page  # noqa: E402
from tests.synthetic_idcard import photograph, render_card, synthetic_citizen  # noqa: E402

PROCEDURE = "1.001193"  # Đăng ký khai sinh: five components in the catalog
LAYOUT = {  # component -> page kinds, 12 pages in all
    "to_khai_khai_sinh": ["text", "text"],
    "giay_chung_sinh": ["text", "photo", "text"],
    "giay_chung_nhan_ket_hon": ["text", "text"],
    "van_ban_uy_quyen": ["text", "blank", "text"],
    "giay_to_tuy_than": ["photo", "text"],
}


def make_inputs(folder: Path, suffix: str = ".png") -> tuple[Path, dict[str, list[Path]]]:
    rng = random.Random(11)
    citizen = synthetic_citizen(rng)
    frame, _corners = photograph(render_card(citizen), rng)
    card = folder / "cccd.jpg"
    cv2.imwrite(str(card), frame)
    components: dict[str, list[Path]] = {}
    seed = 0
    for key, kinds in LAYOUT.items():
        for kind in kinds:
            seed += 1
            if kind == "text":
                image = render_text_page(dpi=300, seed=seed)
            elif kind == "photo":
                image = render_photo_page(dpi=300, seed=seed)
            else:
                image = render_blank_page(dpi=300, seed=seed)
            components.setdefault(key, []).append(
                save_page(image, folder / f"{key}-{seed:02d}{suffix}", dpi=300)
            )
    return card, components


def made_inputs(folder: Path, suffix: str) -> tuple[Path, dict[str, list[Path]]]:
    """`make_inputs` in a child process, so this one never holds the page images."""
    command = [sys.executable, __file__, "--make-inputs", str(folder), "--suffix", suffix]
    subprocess.run(command, check=True, timeout=600)
    card = folder / "cccd.jpg"
    components = {key: sorted(folder.glob(f"{key}-*{suffix}")) for key in LAYOUT}
    return card, components


def child_env() -> dict[str, str]:
    """The command as an installed application runs it: bytecode compiled once, not per run."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_once(card: Path, components: dict[str, list[Path]], data_dir: Path, ocr: bool) -> dict:
    command = [
        sys.executable,
        "-m",
        "ui.entry",
        "--data-dir",
        str(data_dir),
        "intake",
        "--headless",
        "--id-image",
        str(card),
        "--procedure",
        PROCEDURE,
        "--wait",
        "30",
        "--receipt-dir",
        str(data_dir / "receipts"),
        "--ocr" if ocr else "--no-ocr",
    ]
    for key, files in components.items():
        command += ["--component", f"{key}={','.join(map(str, files))}"]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, cwd=ROOT, env=child_env())
        _pid, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"intake failed ({status}): {err.read()[-2000:]}")
        result = json.loads(out.read().strip().splitlines()[-1])
    result["peak_rss_mb"] = round(usage.ru_maxrss / 1024, 1)
    result["cpu_s"] = round(usage.ru_utime + usage.ru_stime, 2)
    result["process_wall_s"] = round(wall, 2)
    return result


def summary(runs: list[dict]) -> dict:
    totals = [r["timings"]["total"] for r in runs]
    steps = sorted({k for r in runs for k in r["timings"] if k != "total"})
    return {
        "total_s_median": round(statistics.median(totals), 2),
        "total_s_min": round(min(totals), 2),
        "total_s_max": round(max(totals), 2),
        "steps_s_median": {
            s: round(statistics.median(r["timings"].get(s, 0.0) for r in runs), 2) for s in steps
        },
        "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
        "cpu_s_median": round(statistics.median(r["cpu_s"] for r in runs), 2),
        "process_wall_s_median": round(statistics.median(r["process_wall_s"] for r in runs), 2),
        "filed": all(bool(r.get("portal_code")) for r in runs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--ocr", action="store_true", help="with the OCR text layer (much slower)")
    parser.add_argument(
        "--pages-as",
        choices=("jpeg", "png", "both"),
        default="both",
        help="page files as scanners' scan-to-folder and phones write them (JPEG q92), or lossless PNG",
    )
    parser.add_argument("--make-inputs", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--suffix", default=".png", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make_inputs:
        make_inputs(args.make_inputs, args.suffix)
        return
    load = os.getloadavg()[0]
    formats = ("jpeg", "png") if args.pages_as == "both" else (args.pages_as,)
    results: dict[str, dict] = {}
    for name in formats:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            card, components = made_inputs(folder, ".jpg" if name == "jpeg" else ".png")
            runs = [run_once(card, components, folder / f"data{i}", args.ocr) for i in range(args.runs)]
        results[name] = summary(runs)
    print(
        json.dumps(
            {
                "benchmark": "intake_headless",
                "components": len(LAYOUT),
                "pages": sum(len(v) for v in LAYOUT.values()),
                "ocr": args.ocr,
                "runs": args.runs,
                # Decoding a 300 dpi A4 page costs ~40 ms from JPEG and ~170 ms from PNG (one core).
                "pages_as": results,
                "target_total_s": 5.0,
                "cpus": os.cpu_count(),
                "load_average_at_start": round(load, 2),
                "load_average_at_end": round(os.getloadavg()[0], 2),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
