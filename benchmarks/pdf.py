"""Digitised PDF size and speed per profile on a synthetic 20-page dossier (one JSON object).

The dossier has 16 text pages (Vietnamese form, red seal, blue signature; 4 distinct renders) and 4 photo
pages (2 distinct), A4 at 300 dpi, against two baselines: lossless (the PNG data img2pdf would embed)
and a plain colour JPEG q75 at 300 dpi (what generic scanning apps produce). Time is CPU time of this
process with OpenCV on one thread (so other programs on the machine do not inflate it) and includes
decoding the PNG page files; wall time is given beside it. OCR time (Tesseract, one thread) is separate.
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

from scanner.pdf import PROFILES, build_pdf, ocr_status
from scanner.pdf.sources import read_sources
from tests.synthetic import render_photo_page, render_text_page, save_page

DPI = 300


def _dossier(folder: Path) -> tuple[list[Path], list[str]]:
    text = [save_page(render_text_page(dpi=DPI, seed=i), folder / f"t{i}.png") for i in range(4)]
    photo = [save_page(render_photo_page(dpi=DPI, seed=i), folder / f"p{i}.png") for i in range(2)]
    pages = [text[i % 4] for i in range(8)] + photo + [text[i % 4] for i in range(8)] + photo
    kinds = ["text"] * 8 + ["photo"] * 2 + ["text"] * 8 + ["photo"] * 2
    return pages, kinds


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
    """What reading the PNG files alone costs, so the build's own cost can be told apart."""
    cpu = time.process_time()
    for page in read_sources(pages):
        del page
    return (time.process_time() - cpu) * 1000 / len(pages)


def _profile(
    profile: str, pages: list[Path], kinds: list[str], folder: Path, decode_ms: float
) -> dict[str, object]:
    out = folder / f"dossier-{profile}.pdf"
    cpu, wall = time.process_time(), time.perf_counter()
    result = build_pdf(pages, out, profile=profile, ocr=False)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    sizes = _page_bytes(out)
    return {
        "dossier_mb": round(result.bytes / 1e6, 2),
        "kb_per_page": _kb(result.bytes / result.pages),
        "text_page_kb": _kb(_mean([s for s, k in zip(sizes, kinds, strict=True) if k == "text"])),
        "photo_page_kb": _kb(_mean([s for s, k in zip(sizes, kinds, strict=True) if k == "photo"])),
        "cpu_ms_per_page": round(cpu * 1000 / result.pages),
        "cpu_ms_per_page_without_png_decode": round(cpu * 1000 / result.pages - decode_ms),
        "wall_ms_per_page": round(wall * 1000 / result.pages),
        "pdfa": result.pdfa,
    }


def main() -> None:
    cv2.setNumThreads(1)
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        folder = Path(tmp)
        pages, kinds = _dossier(folder)
        text, photo = sorted(set(pages[:8])), sorted(set(pages[8:10]))
        decode_ms = _decode_cpu_ms_per_page(pages)
        result: dict[str, object] = {
            "dossier": {
                "pages": len(pages),
                "text": kinds.count("text"),
                "photo": kinds.count("photo"),
                "dpi": DPI,
            },
            "png_decode_cpu_ms_per_page": round(decode_ms),
            "profiles": {p: _profile(p, pages, kinds, folder, decode_ms) for p in PROFILES},
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
            plain = build_pdf(text[:2], folder / "plain.pdf", ocr=False)
            result["ocr"] = {
                "cpu_ms_per_page_including_build": round(cpu * 1000 / 2),
                "kb_per_page_added": _kb((with_ocr.bytes - plain.bytes) / 2),
            }
        else:
            result["ocr"] = {"disabled": status.reason}
        result["load_average_1min"] = round(os.getloadavg()[0], 2)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
