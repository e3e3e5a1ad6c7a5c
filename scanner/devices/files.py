"""File import: JPEG, PNG and TIFF (every frame of a multi-page TIFF), and existing PDFs.

A PDF is passed through byte for byte (`ImportedPdf`): an already digital document must not be
rasterised. Images keep their own colour and resolution; `settings.dpi` is used only when the
file records none. A file or a folder is a "device" (`files:/path/to/folder`), read like a feeder.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path

from PIL import Image, ImageSequence, UnidentifiedImageError

from scanner.devices.base import CancelToken, ProgressCallback, ScannerBackend, check_cancel, report
from scanner.devices.types import (
    COMMON_DPI,
    Capabilities,
    ColorMode,
    DeviceInfo,
    ImportedPdf,
    ScannedPage,
    ScanSettings,
)
from scanner.errors import FeederEmptyError, ImportFileError, NoDeviceError, ScannerError
from scanner.guard import DECODE_ERRORS, ImageTooLargeError, ImageUnreadableError, check_image_bytes

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff"}
PDF_SUFFIX = ".pdf"


def mode_of(image: Image.Image) -> ColorMode:
    if image.mode == "1":
        return "bw"
    if image.mode in {"L", "LA", "I", "I;16", "F"}:
        return "gray"
    return "color"


def _normalised(image: Image.Image) -> Image.Image:
    """RGB, L or 1: what the rest of the pipeline expects (drops alpha onto white paper)."""
    if image.mode in {"RGB", "L", "1"}:
        return image.copy()
    if image.mode in {"RGBA", "LA", "P", "PA"}:
        rgba = image.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        flat = Image.alpha_composite(paper, rgba)
        return flat.convert("L" if image.mode in {"LA"} else "RGB")
    if image.mode in {"I", "I;16", "F"}:
        return image.convert("L")
    return image.convert("RGB")


def dpi_of(image: Image.Image, fallback: int) -> int:
    """The resolution the file records, or `fallback` when it records none."""
    dpi = image.info.get("dpi")
    try:
        value = round(float(dpi[0])) if dpi else 0
    except (TypeError, ValueError):
        value = 0
    return value if value > 1 else fallback


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files in the order given; a folder contributes its supported files sorted by name."""
    result: list[Path] = []
    for path in paths:
        if path.is_dir():
            result.extend(
                sorted(p for p in path.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES | {PDF_SUFFIX})
            )
        elif path.exists():
            result.append(path)
        else:
            raise NoDeviceError(f"Không tìm thấy tệp hoặc thư mục «{path}».", "Kiểm tra lại đường dẫn.")
    return result


def read_pdf(path: Path, index: int) -> ImportedPdf:
    """The PDF at `path`, disarmed (`scanner.pdf.sanitize`); known errors for what cannot be kept."""
    from scanner.pdf.sanitize import sanitise_pdf

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"Không đọc được tệp PDF «{path.name}».") from exc
    try:
        clean = sanitise_pdf(data, path.name)
    except ImageTooLargeError:
        raise
    except ScannerError as exc:
        raise ImportFileError(exc.message, exc.hint, code=exc.code) from exc
    return ImportedPdf(
        path=path,
        pages=clean.pages,
        index=index,
        data=clean.data,
        removed=clean.removed,
    )


def import_files(
    paths: Iterable[Path],
    *,
    fallback_dpi: int = 300,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> Iterator[ScannedPage | ImportedPdf]:
    """Every page of every file, numbered from 1 across the whole import."""
    number = 0
    for path in expand(Path(p) for p in paths):
        check_cancel(cancel)
        if path.suffix.lower() == PDF_SUFFIX:
            number += 1
            yield read_pdf(path, number)
            continue
        try:
            check_image_bytes(path.read_bytes(), path.name)  # headers first: a pixel bomb stops here
        except (OSError, ImageUnreadableError) as exc:
            raise ImportFileError(f"Không đọc được ảnh «{path.name}».") from exc
        try:
            with Image.open(path) as opened:
                frames = [(_normalised(f), dpi_of(f, fallback_dpi)) for f in ImageSequence.Iterator(opened)]
        except (UnidentifiedImageError, *DECODE_ERRORS) as exc:
            raise ImportFileError(f"Không đọc được ảnh «{path.name}».") from exc
        for image, dpi in frames:
            check_cancel(cancel)
            number += 1
            report(progress, number, 1.0)
            yield ScannedPage(image=image, dpi=dpi, mode=mode_of(image), index=number, source="adf")


class FileBackend(ScannerBackend):
    name = "files"

    def list_devices(self) -> list[DeviceInfo]:
        return []  # nothing to enumerate: the officer picks files

    def device_from_id(self, native_id: str) -> DeviceInfo:
        path = Path(native_id)
        if not path.exists():
            raise NoDeviceError(f"Không tìm thấy tệp hoặc thư mục «{native_id}».", "Kiểm tra lại đường dẫn.")
        return DeviceInfo(
            id=f"files:{native_id}", backend="files", native_id=native_id, name=path.name, kind="files"
        )

    def capabilities(self, device: DeviceInfo) -> Capabilities:
        return Capabilities(
            sources=("adf",),
            modes=("color", "gray", "bw"),
            resolutions=COMMON_DPI,
            resolution_range=(1, 4800),
        )

    def scan(
        self,
        device: DeviceInfo,
        settings: ScanSettings,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> Iterator[ScannedPage]:
        files = expand([Path(device.native_id)])
        if not files:
            raise FeederEmptyError(
                f"Thư mục «{device.native_id}» không có ảnh hay PDF nào.",
                "Chọn thư mục chứa tệp JPEG, PNG, TIFF hoặc PDF.",
                device=device.id,
            )
        pages = import_files(files, fallback_dpi=settings.dpi, progress=progress, cancel=cancel)
        return itertools.islice(pages, settings.max_pages)  # type: ignore[return-value]
