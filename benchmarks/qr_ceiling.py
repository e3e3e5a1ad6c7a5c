"""How many of the hard photos can be read at all: our reader's misses, read again with the truth.

Issue 23 asks for 98 % of the held-out hard set (`benchmarks/decode_id.py --hard`). This measures
what any reader that decides the modules and then corrects errors (as every QR reader does) could
reach on it. Each photo our reader misses is read again by the module fit (`scanner.barcodes.fit`)
given what no reader has: the code's true grid in the photo (from the card's true corners) and the
true blur (the generator's Gaussian and hand shake), with the fit's bounded flips of doubtful
modules. A photo even that cannot read has more wrong modules than the code's level M corrects;
`wrong_modules` says how many of the code's data modules the fit got wrong.

The photos are the held-out set's, drawn with the same seeds as `decode_id.py --hard` (50 per band,
seeds 2300, 2301, 2302 by default) and read back from lossless PNG, as that benchmark reads them.

    python benchmarks/qr_ceiling.py [--count 50] [--seed 2300]

Prints one JSON object: per band, the images, our reads, our misses, the misses the truth-aided fit
reads, and the ceiling (our reads plus those); then every miss with its distortions.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import cv2
import numpy as np
import qrcode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.decode_id import is_citizen, normalise  # noqa: E402
from scanner.barcodes import fit, read_qr  # noqa: E402
from tests.synthetic_idcard import (  # noqa: E402
    HARD_BANDS,
    blur_kernel,
    card_qr,
    photograph,
    qr_grid_in_photo,
    render_card,
    synthetic_citizen,
)

FIT_ITERATIONS = 400  # more than the reader's own fit: this is a ceiling, not a budget
FIT_BINARIZE = 1.0
FLIP_RETRIES = 200


def module_pitch_px(grid: np.ndarray, size: int) -> float:
    """The code's shortest side in the photo, in pixels per module."""
    corners = np.array([[[0, 0]], [[size, 0]], [[size, size]], [[0, size]]], np.float64)
    points = cv2.perspectiveTransform(corners, grid).reshape(4, 2)
    sides = np.linalg.norm(points - np.roll(points, -1, axis=0), axis=1)
    return float(sides.min() / size)


def read_with_truth(
    gray: np.ndarray, payload: str, qr: qrcode.QRCode, grid: np.ndarray, kernel: np.ndarray
) -> dict:
    """The module fit of the card's code `qr` under the true grid and blur; whether it reads, and
    its wrong data modules."""
    truth = np.array(qr.modules, bool)
    size = truth.shape[0]
    patch, shifted = fit.patch_around(gray, grid, size)
    layout = fit.layout(qr.version)
    text, fitted = fit.read_modules(
        patch,
        fit.Model(patch.shape, shifted, size),
        layout,
        kernel,
        is_citizen,
        iterations=FIT_ITERATIONS,
        binarize=FIT_BINARIZE,
        retries=FLIP_RETRIES,
    )
    data = ~layout.known
    return {
        "truth_aided_read": text is not None and normalise(text) == normalise(payload),
        "wrong_modules": int(((fitted.modules > 0.5) != truth)[data].sum()),
        "data_modules": int(data.sum()),
        "version": qr.version,
        "px_per_module": round(module_pitch_px(grid, size), 2),
    }


def run_band(band: str, seed: int, count: int) -> tuple[dict, list[dict]]:
    settings = HARD_BANDS[band]
    rng = random.Random(seed)
    read = wrong = aided = 0
    misses: list[dict] = []
    for index in range(count):
        citizen = synthetic_citizen(rng)
        drawn: dict[str, float] = {}
        card = render_card(citizen)
        frame, corners = photograph(card, rng, settings, drawn)
        gray = cv2.imdecode(cv2.imencode(".png", frame)[1], cv2.IMREAD_GRAYSCALE)
        payload = citizen.to_payload()
        ours = read_qr(gray, accept=is_citizen)
        accepted = ours is not None and ours.accepted
        if accepted and normalise(ours.text) == normalise(payload):
            read += 1
            continue
        wrong += accepted
        qr = card_qr(payload)
        started = time.process_time()
        grid = qr_grid_in_photo(card.shape, corners, len(qr.modules))
        miss = read_with_truth(gray, payload, qr, grid, blur_kernel(drawn))
        aided += miss["truth_aided_read"]
        misses.append(
            {
                "band": band,
                "seed": seed,
                "index": index,
                **miss,
                "fit_cpu_s": round(time.process_time() - started, 2),
                "blur_sigma_px": round(drawn["blur_sigma"], 2),
                "motion_blur_px": round(drawn.get("motion_blur", 0.0), 2),
                "jpeg_quality": drawn["jpeg_quality"],
                "noise_sigma": round(drawn["noise_sigma"], 2),
                "glare": round(drawn.get("glare", 0.0), 1),
                "tilt": round(drawn["tilt"], 3),
            }
        )
    figures = {
        "images": count,
        "ours_read": read,
        "ours_wrong": wrong,
        "misses": count - read,
        "truth_aided_reads_of_misses": aided,
        "ceiling": read + aided,
        "ceiling_rate": round((read + aided) / count, 4),
    }
    return figures, misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=50, help="photos per band")
    parser.add_argument(
        "--seed", type=int, default=2300, help="the first band's seed (decode_id.py --hard-seed)"
    )
    args = parser.parse_args()
    report: dict[str, object] = {"benchmark": "qr_ceiling", "count_per_band": args.count}
    every_miss: list[dict] = []
    totals = {"images": 0, "ours_read": 0, "ceiling": 0}
    for offset, band in enumerate(HARD_BANDS):
        figures, misses = run_band(band, args.seed + offset, args.count)
        report[band] = figures
        every_miss += misses
        for key in totals:
            totals[key] += figures[key]
    report["all"] = {
        **totals,
        "ours_rate": round(totals["ours_read"] / totals["images"], 4),
        "ceiling_rate": round(totals["ceiling"] / totals["images"], 4),
    }
    report["misses"] = every_miss
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
