"""One whole intake measured two ways: through the real main window, and headless.

A dossier of 5 components / 12 pages (300 dpi A4 page images, synthetic; JPEG files as
scanners' scan-to-folder and phones write them, or lossless PNG) plus a photo of a synthetic
ID card, through QR reading, clean-up, PDF/A building, signing (the demo keystore, or a fresh
SoftHSM2 token with `--signer softhsm`), the outbox and the sandbox portal on loopback (demo
mode: in the application's process, as `counter-app` runs with no configuration), to the
receipt. Both paths get the same page files, and each run is a fresh process on a fresh data
folder.

- `--through headless`: `counter-app intake --headless`; its own `timings` (which leave out the
  time waiting on the portal).
- `--through window`: the main window offscreen, driven by the officer of
  `tests/ui/intake_driver.py` (keystrokes, the window's own file dialogs; benchmarks/lib/
  window_intake.py): each step from the officer's action to its result on screen, less typing;
  the portal's time left out the same way and reported as `portal_wait_s_median`. The officer
  starts once the window's start-up checks are over (`window_settled_after_s_median`).
- no `--through` (as `make benchmarks` runs it): both, one JSON object each, headless first;
  the window's object also says how far it is from the headless figure.

`median_s` is the median of the runs' totals; `peak_rss_mb` the largest peak resident memory of
the process that ran the intake (read with `wait4` for that one child); the load average and
core count say how busy the (shared) machine was. Targets (issue 17): window and headless
≤ 4 s median, within 15 % of each other, peak RSS ≤ 400 MB. Timings only; no assertions.

The page images are made in a child process of their own: a child forked while this process
held the images would otherwise report this process's memory as its own peak (Linux carries
the pre-exec high-water mark over).

    python benchmarks/intake.py [--through window|headless] [--runs N] [--pages-as jpeg|png]
                                [--signer demo|softhsm] [--ocr] [--dossiers-per-window N]

`--dossiers-per-window N`: after the first, more citizens at the same window; the first
dossier of a freshly started window stays the figure (as each headless run is a fresh process),
the later ones (libraries loaded, caches warm) are reported apart. Peak RSS then covers them all.
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

TARGET_MEDIAN_S = 4.0
TARGET_GAP = 0.15  # window and headless within 15 % of each other
TARGET_RSS_MB = 400.0
MAX_DOSSIERS = 5  # --dossiers-per-window

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
    for number in range(2, MAX_DOSSIERS + 1):  # the next citizens at the same window
        other = random.Random(11 + number)
        cv2.imwrite(
            str(folder / f"cccd-{number}.jpg"), photograph(render_card(synthetic_citizen(other)), other)[0]
        )
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


def child_env(data_dir: Path | None = None, token: dict | None = None) -> dict[str, str]:
    """The command as an installed application runs it: bytecode compiled once, not per run."""
    path = os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": path}  # this checkout's code
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if data_dir is not None:
        env["COUNTER_APP_DATA_DIR"] = str(data_dir)
    if token is not None:
        env["SOFTHSM2_CONF"] = token["conf"]
        env["BENCH_TOKEN_PIN"] = token["pin"]
    return env


def measured(command: list[str], env: dict[str, str]) -> dict:
    """Run `command`, return its last JSON line with its own peak RSS, CPU and wall time."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, cwd=ROOT, env=env)
        _pid, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"{command[1:3]} failed ({status}): {err.read()[-3000:]}")
        result = json.loads(out.read().strip().splitlines()[-1])
    result["peak_rss_mb"] = round(usage.ru_maxrss / 1024, 1)
    result["cpu_s"] = round(usage.ru_utime + usage.ru_stime, 2)
    result["process_wall_s"] = round(wall, 2)
    return result


def run_headless(
    card: Path,
    components: dict[str, list[Path]],
    data_dir: Path,
    ocr: bool,
    token: dict | None,
) -> dict:
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
    if token is not None:
        command += ["--sign-module", token["module"], "--sign-cert-id", token["cert_id"]]
        command += ["--sign-pin-env", "BENCH_TOKEN_PIN"]
    return measured(command, child_env(token=token))


def run_window(
    card: Path,
    components: dict[str, list[Path]],
    data_dir: Path,
    ocr: bool,
    token: dict | None,
    dossiers: int = 1,
) -> dict:
    data_dir.mkdir(parents=True)
    cards = [card] + [card.with_name(f"cccd-{n}.jpg") for n in range(2, dossiers + 1)]
    spec = {
        "cards": [str(c) for c in cards],
        "components": {key: [str(f) for f in files] for key, files in components.items()},
        "ocr": ocr,
        "out": str(data_dir / "receipts"),
        "token_module": token["module"] if token else None,
        "token_cert_id": token["cert_id"] if token else None,
        "token_pin": token["pin"] if token else None,
    }
    (data_dir / "receipts").mkdir()
    spec_path = data_dir.parent / f"{data_dir.name}-spec.json"
    spec_path.write_text(json.dumps(spec), encoding="utf-8")
    command = [sys.executable, "-m", "benchmarks.lib.window_intake", str(spec_path)]
    return measured(command, child_env(data_dir, token))


def softhsm_token(folder: Path) -> dict:
    """A fresh SoftHSM2 token (tests/softhsm.py), as the suite provisions it."""
    from tests.softhsm import RSA_ID, provision_token

    token = provision_token(folder)
    return {"module": token.module, "conf": str(token.conf), "pin": token.pin, "cert_id": RSA_ID}


def spread(values: list[float]) -> dict:
    return {
        "median_s": round(statistics.median(values), 2),
        "min_s": round(min(values), 2),
        "max_s": round(max(values), 2),
    }


def summary(through: str, runs: list[dict]) -> dict:
    totals = [r["timings"]["total"] for r in runs]
    steps = list(dict.fromkeys(k for r in runs for k in r["timings"] if k != "total"))
    result = {
        **spread(totals),
        "steps_median_s": {
            s: round(statistics.median(r["timings"].get(s, 0.0) for r in runs), 3) for s in steps
        },
        "totals_s": [round(t, 2) for t in totals],
        "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
        "cpu_s_median": round(statistics.median(r["cpu_s"] for r in runs), 2),
        "process_wall_s_median": round(statistics.median(r["process_wall_s"] for r in runs), 2),
        "filed": all(bool(r.get("portal_code")) for r in runs),
    }
    if through == "window":
        portal = [r["portal_wait_s"] for r in runs]
        result["portal_wait_s_median"] = round(statistics.median(portal), 3)
        result["with_portal_wait_s_median"] = round(
            statistics.median(t + w for t, w in zip(totals, portal, strict=True)), 2
        )
        result["typing_left_out_s_median"] = round(statistics.median(r["typing_s"] for r in runs), 3)
        result["window_settled_after_s_median"] = round(statistics.median(r["settled_s"] for r in runs), 2)
        result["intake_cpu_s_median"] = round(statistics.median(r["intake_cpu_s"] for r in runs), 2)
        later = [d["total"] for r in runs for d in r["later_dossiers"]]
        if later:
            result["later_dossiers_same_window"] = {
                **spread(later),
                "steps_median_s": {
                    s: round(statistics.median(d.get(s, 0.0) for r in runs for d in r["later_dossiers"]), 3)
                    for s in steps
                },
            }
    return result


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def measure(through: str, args: argparse.Namespace, card: Path, components: dict, base: Path) -> dict:
    token = softhsm_token(base / f"softhsm-{through}") if args.signer == "softhsm" else None
    started = load()
    runs = []
    for i in range(args.runs):
        data = base / f"{through}-data{i}"
        if through == "window":
            runs.append(run_window(card, components, data, args.ocr, token, args.dossiers_per_window))
        else:
            runs.append(run_headless(card, components, data, args.ocr, token))
    figures = summary(through, runs)
    return {
        "benchmark": f"intake_{through}",
        "through": through,
        "components": len(LAYOUT),
        "pages": sum(len(v) for v in LAYOUT.values()),
        "pages_as": args.pages_as,
        "signer": args.signer,
        "ocr": args.ocr,
        "runs": args.runs,
        **figures,
        "targets": {"median_s": TARGET_MEDIAN_S, "peak_rss_mb": TARGET_RSS_MB, "gap": TARGET_GAP},
        "met": {
            "median_s": figures["median_s"] <= TARGET_MEDIAN_S,
            "peak_rss_mb": figures["peak_rss_mb"] <= TARGET_RSS_MB,
        },
        "cpus": os.cpu_count(),
        "load_average_at_start": started,  # 1, 5 and 15 minutes
        "load_average_at_end": load(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--through",
        choices=("window", "headless"),
        help="which path to measure (default: both, headless first)",
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--ocr", action="store_true", help="with the OCR text layer (much slower)")
    parser.add_argument(
        "--pages-as",
        choices=("jpeg", "png"),
        default="jpeg",
        help="page files as scanners' scan-to-folder and phones write them (JPEG q92), or lossless PNG",
    )
    parser.add_argument(
        "--signer",
        choices=("demo", "softhsm"),
        default="demo",
        help="the demo keystore (no PIN), or a fresh SoftHSM2 token (the window types its PIN)",
    )
    parser.add_argument(
        "--dossiers-per-window",
        type=int,
        default=1,
        choices=range(1, MAX_DOSSIERS + 1),
        metavar=f"1..{MAX_DOSSIERS}",
        help="window: more citizens after the first at the same window (reported apart; the first is the figure)",
    )
    parser.add_argument("--make-inputs", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--suffix", default=".png", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make_inputs:
        make_inputs(args.make_inputs, args.suffix)
        return
    paths = (args.through,) if args.through else ("headless", "window")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        # Decoding a 300 dpi A4 page costs ~40 ms from JPEG and ~170 ms from PNG (one core).
        card, components = made_inputs(base, ".jpg" if args.pages_as == "jpeg" else ".png")
        results = []
        for through in paths:
            result = measure(through, args, card, components, base)
            if results and through == "window":
                headless = results[0]["median_s"]
                gap = (result["median_s"] - headless) / headless
                result["vs_headless"] = {"headless_median_s": headless, "gap": round(gap, 3)}
                result["met"]["within_15_percent_of_headless"] = abs(gap) <= TARGET_GAP
            results.append(result)
            print(json.dumps(result, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
