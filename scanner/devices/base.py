"""The capture backend interface every device family implements.

A backend lists devices, reports their capabilities and scans lazily: `scan()` returns an
iterator that asks the device for the next page only when the caller pulls it, so a caller that
writes each page to disk inside its loop has the page safe before the next one is requested.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, ClassVar, Protocol

from scanner.devices.types import Capabilities, ColorMode, DeviceInfo, ScannedPage, ScanSettings
from scanner.errors import NoDeviceError, ScanCancelledError

if TYPE_CHECKING:
    from PIL import Image

log = logging.getLogger(__name__)

# progress(page_number, fraction_of_that_page_done): called from the scanning thread.
ProgressCallback = Callable[[int, float], None]


class CancelToken(Protocol):
    """Anything with `is_set()`, e.g. `threading.Event`; the UI sets it, the backend polls it."""

    def is_set(self) -> bool: ...


class ScannerBackend(ABC):
    """One family of devices (SANE, eSCL, TWAIN, WIA, camera, files, demo)."""

    name: ClassVar[str]

    @classmethod
    def unavailable_reason(cls) -> str | None:
        """Why this backend cannot run here (platform, missing library), or None when it can."""
        return None

    @abstractmethod
    def list_devices(self) -> list[DeviceInfo]: ...

    @abstractmethod
    def capabilities(self, device: DeviceInfo) -> Capabilities: ...

    @abstractmethod
    def scan(
        self,
        device: DeviceInfo,
        settings: ScanSettings,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> Iterator[ScannedPage]: ...

    def device_from_id(self, native_id: str) -> DeviceInfo:
        """Resolve the part of a device id after `backend:`; backends with no list override it."""
        for device in self.list_devices():
            if device.native_id == native_id:
                return device
        raise NoDeviceError(f"Không tìm thấy thiết bị «{self.name}:{native_id}».")


def check_cancel(cancel: CancelToken | None) -> None:
    if cancel is not None and cancel.is_set():
        raise ScanCancelledError()


def report(progress: ProgressCallback | None, page: int, fraction: float) -> None:
    """Call the caller's progress callback; its own bugs must not abort a scan mid-page."""
    if progress is None:
        return
    try:
        progress(page, fraction)
    except Exception:
        log.exception("progress callback failed")


def to_mode(image: Image.Image, mode: ColorMode) -> Image.Image:
    """Convert a received image to the asked colour mode (RGB, L, or 1-bit for bw)."""
    if mode == "color":
        return image if image.mode == "RGB" else image.convert("RGB")
    gray = image if image.mode == "L" else image.convert("L")
    if mode == "gray":
        return gray
    if image.mode == "1":
        return image
    # A fixed mid threshold: the clean-up stage does the careful binarisation.
    return gray.point(lambda v: 255 if v >= 128 else 0, mode="1")


def page_as_asked(
    image: Image.Image,
    settings: ScanSettings,
    number: int,
    device: DeviceInfo,
    *,
    dpi: int | None = None,
    source: str | None = None,
) -> ScannedPage:
    """A received image as the page the officer asked for: their colour mode, resolution, source."""
    return ScannedPage(
        image=to_mode(image, settings.mode),
        dpi=dpi if dpi is not None else settings.dpi,
        mode=settings.mode,
        index=number,
        source=source if source is not None else settings.source,  # type: ignore[arg-type]
        device_id=device.id,
    )
