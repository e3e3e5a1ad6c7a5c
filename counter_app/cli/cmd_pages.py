"""`counter-app pages detect|clean`: page outline in camera photos, and page clean-up to files."""

from __future__ import annotations

import argparse
import io
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counter_app.cli.output import emit

if TYPE_CHECKING:
    import numpy as np

_A4_WIDTH_IN = 210 / 25.4
_CAMERA_AREA = 0.85  # a page filling less of the image than this was photographed, not scanned


def register(subparsers: Any, add_common: Callable[[argparse.ArgumentParser], None]) -> None:
    p = subparsers.add_parser("pages", help="tìm mép trang và làm sạch ảnh trang (page detection, clean-up)")
    verbs = p.add_subparsers(dest="pages_command", metavar="VERB", required=True)
    detect = verbs.add_parser("detect", help="tìm tứ giác trang giấy trong ảnh chụp (page outline)")
    add_common(detect)
    detect.add_argument("files", nargs="+", metavar="FILE")
    detect.set_defaults(func=run)
    clean = verbs.add_parser("clean", help="làm sạch trang: phối cảnh, chỉnh nghiêng, cắt viền, trang trắng")
    add_common(clean)
    clean.add_argument("files", nargs="+", metavar="FILE")
    clean.add_argument("--out", required=True, type=Path, metavar="DIR", help="thư mục ghi trang đã làm sạch")
    clean.add_argument(
        "--source",
        choices=("auto", "camera", "flatbed"),
        default="auto",
        help="camera: ảnh chụp; flatbed: ảnh quét; auto: đoán theo ảnh (mặc định)",
    )
    clean.set_defaults(func=run)


def _read(path: Path) -> tuple[np.ndarray, float | None]:
    """BGR pixels and the resolution written in the file (None when absent)."""
    import numpy as np
    from PIL import Image

    from scanner import guard
    from scanner.errors import ScannerError

    try:
        data = path.read_bytes()
        guard.check_image_bytes(data, path.name)  # headers only: a pixel bomb stops here
        with Image.open(io.BytesIO(data)) as img:
            dpi = img.info.get("dpi")
            # OpenCV decodes straight to BGR (one copy of the pixels, not Pillow's three); Pillow
            # reads what OpenCV does not (GIF, palette TIFFs...).
            bgr = _imdecode(data) if img.format in ("JPEG", "PNG", "TIFF", "BMP", "WEBP") else None
            if bgr is None:
                bgr = np.ascontiguousarray(np.asarray(img.convert("RGB"))[..., ::-1])
    except (guard.ImageUnreadableError, *guard.DECODE_ERRORS) as exc:
        raise ScannerError(
            f"Không đọc được ảnh trang: {path}",
            "Kiểm tra tệp là ảnh JPEG, PNG hoặc TIFF còn nguyên vẹn.",
            code="image_unreadable",
        ) from exc
    try:
        resolution = float(dpi[0]) if dpi and float(dpi[0]) > 1 else None
    except (TypeError, ValueError, IndexError):
        resolution = None
    return bgr, resolution


def _imdecode(data: bytes) -> np.ndarray | None:
    import cv2
    import numpy as np

    try:
        return cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR | cv2.IMREAD_IGNORE_ORIENTATION)
    except cv2.error:
        return None


def _write(path: Path, image: np.ndarray, dpi: float) -> None:
    from PIL import Image

    pixels = image[..., ::-1] if image.ndim == 3 else image
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    # Fast PNG compression: these are working files, the PDF step compresses for keeps.
    Image.fromarray(pixels).save(tmp, format="PNG", dpi=(round(dpi), round(dpi)), compress_level=1)
    tmp.replace(path)


def _detect(files: list[Path]) -> int:
    from scanner.cleanup import detect_upright_page

    for path in files:
        image, _ = _read(path)
        outline = detect_upright_page(image)
        emit(
            {
                "file": str(path),
                "corners": None
                if outline is None
                else [[round(float(v), 1) for v in c] for c in outline.corners],
                "confidence": 0.0 if outline is None else outline.confidence,
            }
        )
    return 0


def _guess_source(image: np.ndarray) -> tuple[str, np.ndarray | None]:
    """("camera", corners) when a page lies inside a larger background, else ("flatbed", None)."""
    import cv2

    from scanner.cleanup import detect_page

    outline = detect_page(image)
    if outline is None or outline.confidence < 0.6:
        return "flatbed", None
    area = cv2.contourArea(outline.corners) / (image.shape[0] * image.shape[1])
    return ("camera", outline.corners) if area < _CAMERA_AREA else ("flatbed", None)


def _clean(files: list[Path], out_dir: Path, source: str) -> int:
    from scanner.cleanup import clean_page

    for path in files:
        image, dpi = _read(path)
        start = time.perf_counter()
        kind, corners = _guess_source(image) if source == "auto" else (source, None)
        result = clean_page(image, kind, corners=corners)  # type: ignore[arg-type]
        ms = (time.perf_counter() - start) * 1000
        if kind == "camera" or dpi is None:
            # A photographed page has no scan resolution: take it from an A4 page's width.
            dpi = min(result.image.shape[:2]) / _A4_WIDTH_IN
        out = out_dir / f"{path.stem}.png"
        _write(out, result.image, dpi)
        emit(
            {
                "file": str(path),
                "out": str(out),
                "deskew_angle": result.deskew_angle,
                "blank": result.blank,
                "mode": result.mode,
                "ms": round(ms, 1),
            }
        )
    return 0


def run(args: argparse.Namespace) -> int:
    files = [Path(f) for f in args.files]
    if args.pages_command == "detect":
        return _detect(files)
    return _clean(files, args.out, args.source)
