"""Write each received page to disk before the device is asked for the next one.

Pages are written atomically (`common.atomic`: temp file in the same folder, fsync, rename, folder fsync), so a
crash or a pulled cable never leaves a half-written page and never loses one already received.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from common.atomic import atomic_write_bytes
from scanner.devices.types import ImportedPdf, ScannedPage
from scanner.errors import DeviceError

ImageFormat = Literal["png", "jpeg", "tiff"]
_SUFFIX = {"png": ".png", "jpeg": ".jpg", "tiff": ".tif"}


def encode_page(page: ScannedPage, fmt: ImageFormat = "png", jpeg_quality: int = 90) -> bytes:
    """The page image in a file format, with its resolution recorded so the PDF keeps 100 % scale."""
    buffer = io.BytesIO()
    image = page.image
    dpi = (page.dpi, page.dpi)
    if fmt == "jpeg":
        rgb_or_l = image.convert("L") if image.mode == "1" else image
        rgb_or_l.save(buffer, "JPEG", quality=jpeg_quality, dpi=dpi)
    elif fmt == "tiff":
        image.save(buffer, "TIFF", compression="group4" if image.mode == "1" else "tiff_lzw", dpi=dpi)
    else:
        # zlib level 1: on paper pages nearly the size of level 6 in half the time, so a fast
        # feeder is not kept waiting on the encoder.
        image.save(buffer, "PNG", dpi=dpi, compress_level=1)
    return buffer.getvalue()


@dataclass(frozen=True)
class SavedPage:
    page: int
    path: Path
    width: int
    height: int
    dpi: int
    mode: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "page": self.page,
            "path": str(self.path),
            "width": self.width,
            "height": self.height,
            "dpi": self.dpi,
            "mode": self.mode,
        }


class PageSink:
    """Saves pages into `directory` as `<stem>-0001.png`, …; `on_saved` hears of each one at once.

    `write(path, data)` does the durable write; the dossier workspace passes one that encrypts
    before writing (personal data at rest), the default writes the bytes as they are.
    """

    def __init__(
        self,
        directory: Path,
        *,
        stem: str = "page",
        fmt: ImageFormat = "png",
        first_number: int = 1,
        on_saved: Callable[[SavedPage], None] | None = None,
        write: Callable[[Path, bytes], None] = atomic_write_bytes,
    ) -> None:
        self.directory = Path(directory)
        self.stem = stem
        self.fmt = fmt
        self._next = first_number
        self.on_saved = on_saved
        self._write = write
        self.saved: list[SavedPage] = []

    def save(self, page: ScannedPage | ImportedPdf) -> SavedPage:
        number = self._next
        if isinstance(page, ImportedPdf):
            path = self.directory / f"{self.stem}-{number:04d}.pdf"
            self._write(path, page.content())
            saved = SavedPage(number, path, 0, 0, 0, "pdf")
        else:
            path = self.directory / f"{self.stem}-{number:04d}{_SUFFIX[self.fmt]}"
            self._write(path, encode_page(page, self.fmt))
            saved = SavedPage(number, path, page.width, page.height, page.dpi, page.mode)
        self._next += 1
        self.saved.append(saved)
        if self.on_saved is not None:
            self.on_saved(saved)
        return saved

    def drain(self, pages: Iterable[ScannedPage | ImportedPdf]) -> list[SavedPage]:
        """Save every page of a batch; on a device error the pages saved so far stay on disk and
        are listed on the error as `saved_pages`."""
        try:
            for page in pages:
                self.save(page)
        except DeviceError as exc:
            exc.saved_pages = list(self.saved)  # type: ignore[attr-defined]
            raise
        return list(self.saved)
