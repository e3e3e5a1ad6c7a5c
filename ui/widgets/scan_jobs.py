"""The scan panel's background work, without Qt: devices, batches, page edits.

Every function runs on a TaskRunner worker, never on the UI thread. Each loads its own copy of the
dossier by reference (the screen's copy belongs to the UI thread) and stores pages through
`Workflow.add_page`, which seals the file in the workspace before recording it: a page is on disk
before the device is asked for the next one, and a device error mid-batch leaves the pages already
received in the dossier. Progress goes through `progress(event)`; cancellation through the
TaskRunner's token, seen by the scanner library through `is_set()`.

Where new pages go (insert, re-scan in place) is settled by `scan_page_order` (through the workflow page-order steps).
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from counter_app.dossier import Dossier, Page, PageMeta
from counter_app.workflow import Workflow
from scanner.devices import BackendRegistry, Capabilities, DeviceInfo, ScanSettings
from scanner.errors import ScanCancelledError, ScannerError
from ui.widgets.scan_page_order import find_page, place_new_pages

THUMB_PX = 120
PREVIEW_PX = 1400  # long side of the zoomed preview: enough for a 1366-wide screen, fast to decode

Progress = Callable[[Any], None]


class Cancel(Protocol):
    @property
    def cancelled(self) -> bool: ...


class IsSet:
    """The TaskRunner's token seen through the `is_set()` protocol of the scanner library."""

    def __init__(self, cancel: Cancel | None) -> None:
        self._cancel = cancel

    def is_set(self) -> bool:
        return self._cancel is not None and self._cancel.cancelled


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


# -- pages -----------------------------------------------------------------------------------------


def thumbnail_png(image: Any, side: int = THUMB_PX, fmt: str = ".png") -> bytes:
    """A reduced copy of a BGR or grey numpy image, encoded (the UI thread only decodes it)."""
    import cv2

    h, w = image.shape[:2]
    scale = side / max(h, w)
    small = cv2.resize(
        image, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA
    )
    ok, data = cv2.imencode(fmt, small)
    return data.tobytes() if ok else b""


def _reduced_png(wf: Workflow, dossier: Dossier, page: Page, side: int) -> bytes:
    from PIL import Image

    with Image.open(io.BytesIO(wf.page_image(dossier, page))) as img:
        img.draft("RGB", (side, side))  # JPEG: decode at reduced size
        small = img.convert("L" if img.mode in ("1", "L") else "RGB")
        small.thumbnail((side, side))
        buf = io.BytesIO()
        small.save(buf, "PNG", compress_level=1)
    return buf.getvalue()


def page_png(wf: Workflow, local_ref: str, component_key: str, seq: int, side: int = PREVIEW_PX) -> bytes:
    """One stored page decoded from the sealed workspace and reduced to `side` pixels (PNG)."""
    dossier = wf.repo.load(local_ref)
    return _reduced_png(wf, dossier, find_page(dossier, component_key, seq), side)


@dataclass(frozen=True)
class PageThumb:
    seq: int
    blank: bool
    key: str  # changes whenever the page's image does (seqs of removed pages can come back)
    png: bytes  # empty when the caller already had this thumbnail


def page_key(page: Page) -> str:
    return f"{page.id}:{page.seq}:{page.created_at}"


def thumbnails(
    wf: Workflow, local_ref: str, component_key: str, known: frozenset[str] = frozenset()
) -> list[PageThumb]:
    dossier = wf.repo.load(local_ref)
    return [
        PageThumb(
            p.seq,
            p.blank,
            page_key(p),
            b"" if page_key(p) in known else _reduced_png(wf, dossier, p, THUMB_PX),
        )
        for p in dossier.component(component_key).pages
    ]


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


@dataclass(frozen=True)
class Received:
    """Progress event: the device is delivering page `number` (`fraction` of it done)."""

    number: int
    fraction: float


@dataclass(frozen=True)
class Saved:
    """Progress event: a page is cleaned and stored in the dossier."""

    number: int
    seq: int
    blank: bool
    png: bytes  # thumbnail
    preview: bytes  # JPEG for the zoomed view, so the officer sees each page as it arrives


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
    (None = at the end); `replace`: seq of a page the new ones take the place of (re-scan)."""
    import numpy as np

    dossier = wf.open(local_ref)
    result = BatchResult(dossier, component_key)
    flag = IsSet(cancel)
    backend, device = registry.resolve(device_id)

    def on_progress(number: int, fraction: float) -> None:
        if progress is not None:
            progress(Received(number, fraction))

    started = time.perf_counter()
    try:
        for scanned in backend.scan(device, settings, on_progress, flag):
            bgr = np.asarray(scanned.image.convert("RGB"))[:, :, ::-1]
            data, meta, cleaned, _ = clean_and_encode(np.ascontiguousarray(bgr), scanned.dpi, settings.source)
            now = time.perf_counter()
            page = wf.add_page(dossier, component_key, data, meta, duration_ms=int((now - started) * 1000))
            started = now
            result.saved.append(page.seq)
            if page.blank:
                result.blank.append(page.seq)
            if progress is not None:
                thumb, preview = thumbnail_png(cleaned), thumbnail_png(cleaned, PREVIEW_PX, ".jpg")
                progress(Saved(scanned.index, page.seq, page.blank, thumb, preview))
    except ScanCancelledError:
        result.cancelled = True
    except ScannerError as exc:
        if flag.is_set():
            result.cancelled = True
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
