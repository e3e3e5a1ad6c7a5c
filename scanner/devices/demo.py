"""The demo device: feeds the bundled synthetic sample pages so demo mode works with no hardware.

Its feeder holds the sample pages once each; the flatbed gives the next sample on every scan.
Pages are resampled to the asked resolution and converted to the asked colour mode, so the rest
of the pipeline sees exactly what a real scanner would deliver.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from PIL import Image

from scanner.devices.base import (
    CancelToken,
    ProgressCallback,
    ScannerBackend,
    check_cancel,
    page_as_asked,
    report,
)
from scanner.devices.make_demo_pages import DEMO_DIR, DEMO_DPI, render_demo_pages
from scanner.devices.types import Capabilities, DeviceInfo, ScannedPage, ScanSettings
from scanner.errors import FeederEmptyError

DEMO_DEVICE = DeviceInfo(
    id="demo:0",
    backend="demo",
    native_id="0",
    name="Máy quét trình diễn (trang mẫu)",
    kind="demo",
    vendor="Một Cửa Số",
    model="Demo",
)
_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}


class DemoBackend(ScannerBackend):
    name = "demo"

    def __init__(self, page_folder: Path | None = None, page_delay: float = 0.0) -> None:
        self._folder = Path(page_folder) if page_folder else DEMO_DIR
        self._delay = page_delay
        self._samples: list[Image.Image] | None = None
        self._lock = threading.Lock()
        self._flatbed_turn = itertools.count()

    def _load(self) -> list[Image.Image]:
        with self._lock:
            if self._samples is None:
                files = sorted(p for p in self._folder.glob("*") if p.suffix.lower() in _SUFFIXES)
                if files:
                    self._samples = [Image.open(p).convert("RGB") for p in files]
                else:  # a build without the bundled files still demonstrates scanning
                    self._samples = [image for _, image in render_demo_pages()]
            return self._samples

    def list_devices(self) -> list[DeviceInfo]:
        return [DEMO_DEVICE]

    def capabilities(self, device: DeviceInfo) -> Capabilities:
        return Capabilities(
            sources=("flatbed", "adf"),
            modes=("color", "gray", "bw"),
            resolutions=(100, 150, 200, 300),
            max_width_mm=216.0,
            max_height_mm=356.0,
        )

    def scan(
        self,
        device: DeviceInfo,
        settings: ScanSettings,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> Iterator[ScannedPage]:
        self.capabilities(device).validate(settings)
        samples = self._load()
        if settings.source == "flatbed":
            start = next(self._flatbed_turn)
            order = [samples[(start + i) % len(samples)] for i in range(settings.page_limit or 1)]
        else:
            order = samples[: settings.page_limit] if settings.page_limit else list(samples)
        if not order:
            raise FeederEmptyError(device=device.id)
        return self._pages(device, settings, order, progress, cancel)

    def _pages(
        self,
        device: DeviceInfo,
        settings: ScanSettings,
        order: list[Image.Image],
        progress: ProgressCallback | None,
        cancel: CancelToken | None,
    ) -> Iterator[ScannedPage]:
        for number, sample in enumerate(order, start=1):
            check_cancel(cancel)
            report(progress, number, 0.0)
            if self._delay:
                time.sleep(self._delay)
            scale = settings.dpi / DEMO_DPI
            size = (round(sample.width * scale), round(sample.height * scale))
            image = sample if scale == 1 else sample.resize(size, Image.LANCZOS)
            report(progress, number, 1.0)
            yield page_as_asked(image, settings, number, device)
