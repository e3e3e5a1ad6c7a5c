"""Digitised PDF size and speed per profile on a synthetic 20-page dossier (one JSON object).

The dossier has 16 text pages (Vietnamese form, red seal, blue signature; 4 distinct renders) and 4 photo
pages (2 distinct), A4 at 300 dpi, against two baselines: lossless (the PNG data img2pdf would embed)
and a plain colour JPEG q75 at 300 dpi (what generic scanning apps produce). Time is CPU time of this
process, pinned to one core with OpenCV on one thread (so other programs on the machine do not inflate
it); wall time is given beside it. Per profile:

- `cpu_ms_per_page`: from the PNG page files, decoding included;
- `cpu_ms_per_page_from_jpeg_q94`: from the same pages stored as the app's capture step stores them
  (JPEG quality 94), decoding included;
- `cpu_ms_per_page_without_decode`: the build alone (the PNG run minus what decoding the PNGs costs).

Sizes are those of the PNG run. OCR time (Tesseract, one thread) is separate.
"""

from __future__ import annotations

import io
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import cv2
import pikepdf
from PIL import Image

from scanner.pdf import PROFILES, BuildResult, build_pdf, ocr_status
from scanner.pdf.sources import SourcePage, read_sources
from tests.synthetic import render_photo_page, render_text_page, save_page

DPI = 300


# What the capture step (counter_app.intake.inputs) stores cleaned colour pages as.
CAPTURE_JPEG_QUALITY = 94


def _dossier(folder: Path) -> tuple[list[Path], list[str]]:
    text = [save_page(render_text_page(dpi=DPI, seed=i), folder / f"t{i}.png") for i in range(4)]
    photo = [save_page(render_photo_page(dpi=DPI, seed=i), folder / f"p{i}.png") for i in range(2)]
    pages = [text[i % 4] for i in range(8)] + photo + [text[i % 4] for i in range(8)] + photo
    kinds = ["text"] * 8 + ["photo"] * 2 + ["text"] * 8 + ["photo"] * 2
    return pages, kinds


def _as_capture_jpeg(pages: list[Path]) -> list[Path]:
    """The same pages as JPEG q94 files, as the app's capture step writes them."""
    done: dict[Path, Path] = {}
    for page in pages:
        if page not in done:
            jpeg = page.with_suffix(".jpg")
            Image.open(page).save(jpeg, "JPEG", dpi=(DPI, DPI), quality=CAPTURE_JPEG_QUALITY)
            done[page] = jpeg
    return [done[p] for p in pages]


def _one_core() -> int | None:
    """Pin this process to one core (the first it may use); None where affinity cannot be set."""
    try:
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
    except (AttributeError, OSError):
        return None
    return core


def _jpeg_q75_bytes(path: Path) -> int:
    buf = io.BytesIO()
    Image.open(path).convert("RGB").save(buf, format="JPEG", quality=75)
    return len(buf.getvalue())


def _kb(n: float) -> float:
    return round(n / 1000, 1)


def _page_bytes(pdf_path: Path) -> list[int]:
    with pikepdf.open(pdf_path) as pdf:
        return [sum(len(x.read_raw_bytes()) for x in page.Resources.XObject.values()) for page in pdf.pages]


def _mean(values: list[int]) -> float:
    return sum(values) / len(values)


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _decode_cpu_ms_per_page(pages: list[Path]) -> float:
    """What reading the page files into pixels alone costs, so the build's own cost can be told apart.

    The least of three passes: a busy machine only ever adds CPU time (cache and memory contention).
    """
    passes = []
    for _ in range(3):
        cpu = time.process_time()
        for page in read_sources(pages):
            if isinstance(page, SourcePage):
                page.array()
        passes.append((time.process_time() - cpu) * 1000 / len(pages))
    return min(passes)


def _timed_build(pages: list[Path], out: Path, profile: str) -> tuple[BuildResult, float, float]:
    """The build and its CPU and wall milliseconds per page."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = build_pdf(pages, out, profile=profile, ocr=False)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return result, cpu * 1000 / result.pages, wall * 1000 / result.pages


def _profile(
    profile: str, pages: list[Path], jpegs: list[Path], kinds: list[str], folder: Path, decode_ms: float
) -> dict[str, object]:
    out = folder / f"dossier-{profile}.pdf"
    result, cpu_ms, wall_ms = _timed_build(pages, out, profile)
    sizes = _page_bytes(out)
    from_jpeg, jpeg_cpu_ms, jpeg_wall_ms = _timed_build(
        jpegs, folder / f"dossier-{profile}-jpeg.pdf", profile
    )
    return {
        "dossier_mb": round(result.bytes / 1e6, 2),
        "kb_per_page": _kb(result.bytes / result.pages),
        "text_page_kb": _kb(_mean([s for s, k in zip(sizes, kinds, strict=True) if k == "text"])),
        "photo_page_kb": _kb(_mean([s for s, k in zip(sizes, kinds, strict=True) if k == "photo"])),
        "cpu_ms_per_page": round(cpu_ms),
        "cpu_ms_per_page_without_png_decode": round(cpu_ms - decode_ms),
        "cpu_ms_per_page_without_decode": round(cpu_ms - decode_ms),
        "cpu_ms_per_page_from_jpeg_q94": round(jpeg_cpu_ms),
        "wall_ms_per_page": round(wall_ms),
        "wall_ms_per_page_from_jpeg_q94": round(jpeg_wall_ms),
        "kb_per_page_from_jpeg_q94": _kb(from_jpeg.bytes / from_jpeg.pages),
        "pdfa": result.pdfa,
    }


def main() -> None:
    cv2.setNumThreads(1)
    core = _one_core()
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        folder = Path(tmp)
        pages, kinds = _dossier(folder)
        jpegs = _as_capture_jpeg(pages)
        text, photo = sorted(set(pages[:8])), sorted(set(pages[8:10]))
        # Once untimed, so that imports and first-use set-up are not charged to the first profile.
        build_pdf(pages[:1], folder / "warm-up.pdf", ocr=False)
        decode_ms = _decode_cpu_ms_per_page(pages)
        result: dict[str, object] = {
            "dossier": {
                "pages": len(pages),
                "text": kinds.count("text"),
                "photo": kinds.count("photo"),
                "dpi": DPI,
            },
            "pinned_core": core,
            "png_decode_cpu_ms_per_page": round(decode_ms),
            "jpeg_q94_decode_cpu_ms_per_page": round(_decode_cpu_ms_per_page(jpegs)),
            "profiles": {p: _profile(p, pages, jpegs, kinds, folder, decode_ms) for p in PROFILES},
            "baselines": {
                "lossless_png_text_page_kb": _kb(_mean([p.stat().st_size for p in text])),
                "lossless_png_photo_page_kb": _kb(_mean([p.stat().st_size for p in photo])),
                "jpeg_q75_300dpi_text_page_kb": _kb(_mean([_jpeg_q75_bytes(p) for p in text])),
                "jpeg_q75_300dpi_photo_page_kb": _kb(_mean([_jpeg_q75_bytes(p) for p in photo])),
            },
        }
        status = ocr_status()
        if status.available:
            cpu = time.process_time() + _children_cpu_s()
            with_ocr = build_pdf(text[:2], folder / "ocr.pdf", ocr=True)
            cpu = time.process_time() + _children_cpu_s() - cpu
            plain_cpu = time.process_time()
            plain = build_pdf(text[:2], folder / "plain.pdf", ocr=False)
            plain_cpu = time.process_time() - plain_cpu
            result["ocr"] = {
                "cpu_ms_per_page_including_build": round(cpu * 1000 / 2),
                "cpu_ms_per_page_ocr_only": round((cpu - plain_cpu) * 1000 / 2),
                "kb_per_page_added": _kb((with_ocr.bytes - plain.bytes) / 2),
            }
        else:
            result["ocr"] = {"disabled": status.reason}
        result["load_average_1min"] = round(os.getloadavg()[0], 2)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
