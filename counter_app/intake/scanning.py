"""Scanning into a dossier: the devices, a scan batch, a camera still.

Each function loads its own copy of the dossier by reference and stores pages through
`Workflow.add_page`, which seals the file in the workspace before recording it: a page is on disk
before the device is asked for the next one, and a device error or a cancel mid-batch leaves the
pages already received in the dossier. Progress is reported as `common.progress.Update`s whose
`item` is a `PageArriving` or a `PageStored`; cancellation is the caller's `Cancel`, which the
scanner backends poll through `is_set()`. Run off the UI thread; the window, the CLI and the
benchmarks call the same functions.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from common.progress import Cancel, Progress, report
from counter_app.dossier import Dossier, PageMeta
from counter_app.intake.outcomes import PageStored, page_stored  # noqa: F401 - PageStored: the screens import it from here
from counter_app.intake.page_edits import place_new_pages
from counter_app.intake.page_images import PREVIEW_PX, thumbnail_png
from counter_app.workflow import Workflow
from scanner.devices import BackendRegistry, Capabilities, DeviceInfo, ScanSettings
from scanner.errors import ScanCancelledError, ScannerError

# -- devices ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeviceListing:
    devices: list[DeviceInfo]
    # One row per backend that cannot run here or failed to list: {"name", "reason"}.
    problems: list[dict[str, str]]


def list_devices(registry: BackendRegistry) -> DeviceListing:
    devices, failures = registry.list_devices()
    problems = [
        {"name": row["name"], "reason": str(row["reason"])}
        for row in registry.status()
        if not row["available"]
    ]
    problems += [{"name": row["backend"], "reason": row["message"]} for row in failures]
    return DeviceListing(devices, problems)


def device_capabilities(registry: BackendRegistry, device_id: str) -> Capabilities:
    backend, device = registry.resolve(device_id)
    return backend.capabilities(device)


# -- clean-up --------------------------------------------------------------------------------------

A4_LONG_IN = 297 / 25.4


def photo_dpi(image: Any) -> int:
    """The resolution a flattened camera page really has, taking it to be A4 (A5 and A3 share its
    proportions; a photo does not say which, and A4 is what dossiers are made of)."""
    return round(max(image.shape[:2]) / A4_LONG_IN)


def to_print_size(image: Any, dpi: int) -> Any:
    """A flattened camera page resampled so that at `dpi` it prints at A4 size (100 % scale)."""
    import cv2

    h, w = image.shape[:2]
    scale = dpi * A4_LONG_IN / max(h, w)
    if abs(scale - 1) < 0.01:
        return image
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    return cv2.resize(image, size, interpolation=cv2.INTER_CUBIC if scale > 1 else cv2.INTER_AREA)


def clean_and_encode(
    bgr: Any, dpi: int, source: str, corners: Any = None
) -> tuple[bytes, PageMeta, Any, int | None]:
    """Clean one captured page and encode it as stored: (bytes, meta, cleaned image, photo dpi).

    A camera has no resolution of its own: its flattened page is sized to A4 at the asked `dpi`, and
    the resolution the photo really had is returned so the officer can be told when it is too low."""
    from counter_app.intake.inputs import encode_page
    from scanner.cleanup import clean_page

    cleaned = clean_page(bgr, "camera" if source == "camera" else "flatbed", corners=corners)
    native = photo_dpi(cleaned.image) if source == "camera" else None
    image = to_print_size(cleaned.image, dpi) if source == "camera" else cleaned.image
    data, meta = encode_page(image, dpi, cleaned.mode, cleaned.blank)
    return data, meta, image, native


# -- a batch ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageArriving:
    """`Update.item` while the device delivers page `number`; the update's fraction is how much of
    that page has arrived (a feeder does not say how many sheets it holds)."""

    number: int


@dataclass
class BatchResult:
    dossier: Dossier
    component_key: str
    saved: list[int] = field(default_factory=list)  # seqs stored by this batch, in order
    blank: list[int] = field(default_factory=list)
    error: ScannerError | None = None  # the device error that ended the batch early
    cancelled: bool = False
    photo_dpi: int | None = None  # camera stills: the resolution the photo itself had


def scan_batch(
    wf: Workflow,
    registry: BackendRegistry,
    local_ref: str,
    component_key: str,
    device_id: str,
    settings: ScanSettings,
    *,
    place_at: int | None = None,
    replace: int | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> BatchResult:
    """Scan, clean and store pages one by one. `place_at`: position (0-based) the new pages go to
    (None = at the end); `replace`: seq of a page the new ones take the place of (re-scan).

    A device error ends the batch with `result.error` set, a cancel with `result.cancelled`; the
    pages stored before either stay in the dossier, placed as asked."""
    import numpy as np

    dossier = wf.open(local_ref)
    result = BatchResult(dossier, component_key)
    backend, device = registry.resolve(device_id)

    def on_device_progress(number: int, fraction: float) -> None:
        report(progress, fraction, f"Đang nhận trang {number}…", PageArriving(number))

    started = time.perf_counter()
    try:
        for scanned in backend.scan(device, settings, on_device_progress, cancel):
            bgr = np.asarray(scanned.image.convert("RGB"))[:, :, ::-1]
            data, meta, cleaned, _ = clean_and_encode(np.ascontiguousarray(bgr), scanned.dpi, settings.source)
            now = time.perf_counter()
            page = wf.add_page(dossier, component_key, data, meta, duration_ms=int((now - started) * 1000))
            started = now
            result.saved.append(page.seq)
            if page.blank:
                result.blank.append(page.seq)
            if progress is not None:
                stored = page_stored(
                    scanned.index,
                    component_key,
                    page,
                    thumbnail_png(cleaned),
                    thumbnail_png(cleaned, PREVIEW_PX, ".jpg"),
                )
                report(progress, 1.0, f"Đã lưu trang {scanned.index} vào hồ sơ.", stored)
    except ScanCancelledError:
        result.cancelled = True
    except ScannerError as exc:
        if cancel is not None and cancel.is_set():
            result.cancelled = True  # the device gave up because it was told to stop
        else:
            result.error = exc
    if result.saved and (place_at is not None or replace is not None):
        result.saved = place_new_pages(wf, dossier, component_key, result.saved, place_at, replace)
        result.blank = [
            p.seq for p in dossier.component(component_key).pages if p.blank and p.seq in result.saved
        ]
    return result


def store_still(
    wf: Workflow,
    local_ref: str,
    component_key: str,
    bgr: Any,
    dpi: int,
    corners: Any = None,
    *,
    place_at: int | None = None,
    replace: int | None = None,
) -> BatchResult:
    """A camera still: cleaned with the outline the officer saw (or corrected), then stored."""
    dossier = wf.open(local_ref)
    started = time.perf_counter()
    data, meta, _, native = clean_and_encode(bgr, dpi, "camera", corners)
    page = wf.add_page(
        dossier, component_key, data, meta, duration_ms=int((time.perf_counter() - started) * 1000)
    )
    result = BatchResult(
        dossier, component_key, [page.seq], [page.seq] if page.blank else [], photo_dpi=native
    )
    if place_at is not None or replace is not None:
        result.saved = place_new_pages(wf, dossier, component_key, result.saved, place_at, replace)
        result.blank = result.saved if page.blank else []
    return result
