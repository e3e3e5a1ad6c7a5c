"""Page clean-up figures on synthetic captures with known ground truth; prints one JSON object.

    .venv/bin/python benchmarks/pages.py [--quick]

- outline: Jaccard index (IoU) of the detected vs the true page quadrilateral on camera photos
  (1280×720 and 1920×1080; perspective, shadow, glare, blur, noise, JPEG), and detection time per frame.
- deskew: absolute error of the measured skew on flatbed scans turned by a random angle within ±15°.
- blank: meaningful sparse pages (signature, stamp, one line, pencil note, tick, full forms) flagged blank
  (must be 0) and blank backs (grain, dust, show-through, punch holes) flagged blank.
- colour: colour class accuracy on pages whose class is known by construction.
- speed: full clean-up of an A4 colour page scanned at 300 dpi, on one core (`cv2.setNumThreads(1)`).
Timings depend on the machine and its load; `load_average` is reported next to them. `*_cpu_ms` is the
process CPU time (one thread, so it excludes time spent waiting for a core on a busy machine); `*_ms` is
wall time.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scanner.cleanup import clean_page, detect_page
from tests.synthetic_capture import (
    BLANK_KINDS,
    SPARSE_KINDS,
    camera_photo,
    flatbed_scan,
    near_blank_page,
    photo_page,
    rotate_on_bed,
    sparse_page,
    text_page,
)


def quad_iou(a: np.ndarray, b: np.ndarray) -> float:
    inter, _ = cv2.intersectConvexConvex(a.astype(np.float32), b.astype(np.float32))
    union = cv2.contourArea(a.astype(np.float32)) + cv2.contourArea(b.astype(np.float32)) - inter
    return float(inter / union) if union > 0 else 0.0


def bench_outline(n: int) -> dict[str, object]:
    ious: list[float] = []
    times: list[float] = []
    cpu: list[float] = []
    sizes = [(1280, 720)] * n + [(1920, 1080)] * max(2, n // 5)
    for seed, size in enumerate(sizes):
        photo = camera_photo(seed, size)
        start, start_cpu = time.perf_counter(), time.process_time()
        outline = detect_page(photo.image)
        if size == (1280, 720):
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        ious.append(0.0 if outline is None else quad_iou(outline.corners, photo.corners))
    return {
        "photos": len(ious),
        "mean_iou": round(statistics.fmean(ious), 4),
        "min_iou": round(min(ious), 4),
        "below_0_95": sum(v < 0.95 for v in ious),
        "ms_per_1280x720_frame_mean": round(statistics.fmean(times), 1),
        "ms_per_1280x720_frame_median": round(statistics.median(times), 1),
        "cpu_ms_per_1280x720_frame_mean": round(statistics.fmean(cpu), 1),
    }


def bench_deskew(n: int) -> dict[str, object]:
    rng = np.random.default_rng(2024)
    errors = []
    for seed in range(n):
        angle = float(rng.uniform(-15, 15))
        scan = flatbed_scan(seed, angle, dpi=150)
        errors.append(abs(clean_page(scan.image, "flatbed").deskew_angle - angle))
    return {
        "scans": n,
        "mean_abs_error_deg": round(statistics.fmean(errors), 4),
        "max_abs_error_deg": round(max(errors), 4),
    }


def bench_blank(per_kind: int) -> dict[str, object]:
    rng = np.random.default_rng(7)

    def on_bed(page: np.ndarray, seed: int) -> np.ndarray:
        # Half the pages as fed: skewed on a dark feeder bed or a white lid.
        if seed % 2 == 0:
            return page
        return rotate_on_bed(page, float(rng.uniform(-8, 8)), 150, int(rng.choice([30, 235])))

    meaningful = [on_bed(sparse_page(seed, kind), seed) for kind in SPARSE_KINDS for seed in range(per_kind)]
    meaningful += [text_page(150, seed, with_seal=False, with_signature=False) for seed in range(2)]
    blanks = [on_bed(near_blank_page(seed, kind), seed) for kind in BLANK_KINDS for seed in range(per_kind)]
    meaningful_flagged = sum(clean_page(page, "flatbed").blank for page in meaningful)
    blank_flagged = sum(clean_page(page, "flatbed").blank for page in blanks)
    return {
        "meaningful_pages": len(meaningful),
        "meaningful_flagged_blank": meaningful_flagged,
        "blank_pages": len(blanks),
        "blank_flagged_rate": round(blank_flagged / len(blanks), 4),
    }


def bench_colour(camera_pairs: int) -> dict[str, object]:
    cases = [
        (text_page(150, 1, with_seal=True, with_signature=True), "color"),
        (text_page(150, 2, with_seal=False, with_signature=True), "color"),
        (text_page(150, 3, with_seal=True, with_signature=False), "color"),
        (text_page(150, 4, with_seal=False, with_signature=False), "bw"),
        (sparse_page(5, "signature"), "color"),
        (sparse_page(6, "short_line"), "bw"),
        (cv2.cvtColor(cv2.cvtColor(photo_page(150, 7), cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR), "gray"),
        (photo_page(150, 8), "color"),
    ]
    right = sum(clean_page(page, "flatbed").mode == want for page, want in cases)
    # Camera stills (1920×1080): a blue signature alone must make the page colour; a plain page must not.
    camera = [
        (
            camera_photo(
                seed, (1920, 1080), page=text_page(150, seed, with_seal=False, with_signature=signed)
            ),
            signed,
        )
        for seed in range(camera_pairs)
        for signed in (False, True)
    ]
    signed_found = sum(clean_page(p.image, "camera").mode == "color" for p, signed in camera if signed)
    plain_colour = sum(clean_page(p.image, "camera").mode == "color" for p, signed in camera if not signed)
    return {
        "pages": len(cases),
        "correct": right,
        "camera_signed_pages": camera_pairs,
        "camera_signed_found_colour": signed_found,
        "camera_plain_pages": camera_pairs,
        "camera_plain_called_colour": plain_colour,
    }


def bench_speed(runs: int) -> dict[str, object]:
    page = rotate_on_bed(text_page(300, 11), 2.3, 300, 40)
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = clean_page(page, "flatbed")
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return {
        "a4_300dpi_colour_clean_ms_median": round(statistics.median(times), 1),
        "a4_300dpi_colour_clean_ms_min": round(min(times), 1),
        "a4_300dpi_colour_clean_cpu_ms_median": round(statistics.median(cpu), 1),
        "mode": result.mode,
        "input": f"{page.shape[1]}x{page.shape[0]}",
    }


def main() -> None:
    quick = "--quick" in sys.argv
    cv2.setNumThreads(1)
    report = {
        "outline": bench_outline(10 if quick else 50),
        "deskew": bench_deskew(10 if quick else 50),
        "blank": bench_blank(2 if quick else 8),
        "colour": bench_colour(4 if quick else 12),
        "speed": bench_speed(3 if quick else 7),
        "threads": 1,
        "load_average": [round(v, 2) for v in os.getloadavg()],
        "cpus": os.cpu_count(),
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
