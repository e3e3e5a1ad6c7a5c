"""TWAIN scanners (Windows) through pytwain, imported only when this backend is used.

No TWAIN data source exists on the Linux machines where CI runs, so the mapping logic here
(capabilities read from TWAIN, settings written to it, TWAIN errors turned into ours, the
transfer loop) is tested with a fake `twain` module in tests/unit/test_twain_wia_*.py; the calls
into a real driver are exercised only on Windows counters.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from typing import Any

from scanner.devices.base import (
    CancelToken,
    ProgressCallback,
    ScannerBackend,
    check_cancel,
    page_as_asked,
    report,
)
from scanner.devices.types import (
    Capabilities,
    ColorMode,
    DeviceInfo,
    ScannedPage,
    ScanSettings,
    range_to_dpis,
)
from scanner.errors import (
    DeviceBusyError,
    DeviceDisconnectedError,
    DeviceError,
    FeederEmptyError,
    NoDeviceError,
    PaperJamError,
    ScanCancelledError,
    UnsupportedSettingError,
)

# TWAIN 2.x constants (twain.h); written out so the mapping can be read and tested without pytwain.
CAP_XFERCOUNT = 0x0001
ICAP_PIXELTYPE = 0x0101
ICAP_UNITS = 0x0102
CAP_FEEDERENABLED = 0x1002
CAP_FEEDERLOADED = 0x1003
CAP_DUPLEX = 0x1012
CAP_DUPLEXENABLED = 0x1013
ICAP_PHYSICALWIDTH = 0x1111
ICAP_PHYSICALHEIGHT = 0x1112
ICAP_XRESOLUTION = 0x1118
ICAP_YRESOLUTION = 0x1119
TWTY_INT16 = 3
TWTY_UINT16 = 4
TWTY_BOOL = 6
TWTY_FIX32 = 7
TWPT_BW, TWPT_GRAY, TWPT_RGB = 0, 1, 2
TWUN_INCHES = 0
PIXEL_TYPES: dict[ColorMode, int] = {"bw": TWPT_BW, "gray": TWPT_GRAY, "color": TWPT_RGB}

# pytwain exception class names → our errors (matched by name: pytwain is absent off Windows).
_ERRORS_BY_NAME: dict[str, type[DeviceError]] = {
    "PaperJam": PaperJamError,
    "PaperDoubleFeedError": PaperJamError,
    "DSTransferCancelled": ScanCancelledError,
    "MaxConnectionsError": DeviceBusyError,
    "DeniedError": DeviceBusyError,
    "CheckDeviceOnlineError": DeviceDisconnectedError,
    "NoDataSourceError": NoDeviceError,
    "CapUnsupported": UnsupportedSettingError,
    "BadCapability": UnsupportedSettingError,
    "CapBadOperation": UnsupportedSettingError,
    "CapSeqError": UnsupportedSettingError,
    "ValueError": UnsupportedSettingError,
    "SMLoadFileFailed": NoDeviceError,
}


def map_twain_error(exc: BaseException, *, device: str = "", pages_received: int = 0) -> DeviceError:
    for klass in type(exc).__mro__:
        cls = _ERRORS_BY_NAME.get(klass.__name__)
        if cls is DeviceDisconnectedError:
            return DeviceDisconnectedError(device=device, pages_received=pages_received)
        if cls is NoDeviceError and klass.__name__ == "SMLoadFileFailed":
            return NoDeviceError(
                "Máy tính chưa cài trình quản lý TWAIN (TWAINDSM.dll).",
                "Cài lại trình điều khiển máy quét của hãng (bản 64-bit) rồi mở lại ứng dụng.",
                device=device,
            )
        if cls is not None:
            return cls(device=device)
    return DeviceError(f"Trình điều khiển TWAIN báo lỗi: {exc}", device=device)


def _values(answer: Any) -> list[Any] | tuple[float, float] | None:
    """pytwain answers: (type, value) one value, (type, (cur, default, [values])) enumeration,
    {'MinValue', 'MaxValue', ...} range, (type, [values]) array. Ranges become (min, max)."""
    if isinstance(answer, dict):
        return (float(answer["MinValue"]), float(answer["MaxValue"]))
    if isinstance(answer, tuple) and len(answer) == 2:
        value = answer[1]
        if isinstance(value, tuple) and len(value) == 3 and isinstance(value[2], list):
            return list(value[2])
        if isinstance(value, list):
            return list(value)
        return [value]
    return None


def capabilities_from_twain(get: Callable[[int], Any]) -> Capabilities:
    """Build our capabilities from a TWAIN source's `get_capability`; unsupported caps are skipped."""

    def ask(cap: int) -> list[Any] | tuple[float, float] | None:
        try:
            return _values(get(cap))
        except Exception:
            return None  # a source may refuse any capability; missing ones mean "not offered"

    sources = ["flatbed"]
    feeder = ask(CAP_FEEDERENABLED)
    if isinstance(feeder, list) and True in [bool(v) for v in feeder]:
        sources.append("adf")
        duplex = ask(CAP_DUPLEX)
        if isinstance(duplex, list) and any(int(v) > 0 for v in duplex):
            sources.append("duplex")
    pixel = ask(ICAP_PIXELTYPE)
    pixel_types = {int(v) for v in pixel} if isinstance(pixel, list) else {TWPT_RGB}
    modes: list[ColorMode] = [m for m in ("color", "gray") if PIXEL_TYPES[m] in pixel_types]
    if TWPT_BW in pixel_types or TWPT_GRAY in pixel_types:
        modes.append("bw")
    dpi = ask(ICAP_XRESOLUTION)
    dpi_range = None
    if isinstance(dpi, tuple):
        resolutions = range_to_dpis(*dpi)
        dpi_range = (int(dpi[0]), int(dpi[1]))
    elif dpi:
        resolutions = tuple(sorted({round(float(v)) for v in dpi}))
    else:
        resolutions = (300,)
    width = ask(ICAP_PHYSICALWIDTH)
    height = ask(ICAP_PHYSICALHEIGHT)
    return Capabilities(
        sources=tuple(sources),  # type: ignore[arg-type]
        modes=tuple(modes) or ("color",),
        resolutions=resolutions,
        max_width_mm=float(width[-1]) * 25.4 if isinstance(width, list) and width else None,
        max_height_mm=float(height[-1]) * 25.4 if isinstance(height, list) and height else None,
        resolution_range=dpi_range,
    )


def settings_to_twain(settings: ScanSettings) -> list[tuple[int, int, Any]]:
    """The (capability, type, value) writes for a scan, in the order TWAIN needs them."""
    writes: list[tuple[int, int, Any]] = [(ICAP_UNITS, TWTY_UINT16, TWUN_INCHES)]
    feeder = settings.source in ("adf", "duplex")
    writes.append((CAP_FEEDERENABLED, TWTY_BOOL, feeder))
    if feeder:
        writes.append((CAP_DUPLEXENABLED, TWTY_BOOL, settings.source == "duplex"))
    writes.append((ICAP_PIXELTYPE, TWTY_UINT16, PIXEL_TYPES[settings.mode]))
    writes.append((ICAP_XRESOLUTION, TWTY_FIX32, float(settings.dpi)))
    writes.append((ICAP_YRESOLUTION, TWTY_FIX32, float(settings.dpi)))
    writes.append((CAP_XFERCOUNT, TWTY_INT16, settings.page_limit or -1))  # -1: all the feeder has
    return writes


def page_frame_inches(settings: ScanSettings) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of the page in inches, for `set_image_layout`."""
    width_mm, height_mm = settings.page_size_mm
    return (0.0, 0.0, round(width_mm / 25.4, 3), round(height_mm / 25.4, 3))


class TwainBackend(ScannerBackend):
    """`twain_module` lets tests hand in a stand-in for pytwain (no TWAIN exists on Linux)."""

    name = "twain"

    def __init__(self, twain_module: Any = None, parent_window: Any = None) -> None:
        self._twain = twain_module
        self._parent = parent_window

    @classmethod
    def unavailable_reason(cls) -> str | None:
        if sys.platform != "win32":
            return "chỉ có trên Windows"
        try:
            import twain  # noqa: F401
        except ImportError as exc:
            return f"chưa cài pytwain ({exc})"
        return None

    def _module(self) -> Any:
        if self._twain is None:
            import twain

            self._twain = twain
        return self._twain

    def _manager(self) -> Any:
        try:
            return self._module().SourceManager(self._parent)
        except Exception as exc:
            raise map_twain_error(exc) from exc

    def list_devices(self) -> list[DeviceInfo]:
        manager = self._manager()
        try:
            names = list(manager.source_list)
        finally:
            manager.close()
        return [DeviceInfo(id=f"twain:{n}", backend="twain", native_id=n, name=n) for n in names]

    def _open(self, manager: Any, device: DeviceInfo) -> Any:
        try:
            return manager.open_source(device.native_id)
        except Exception as exc:
            raise map_twain_error(exc, device=device.id) from exc

    def capabilities(self, device: DeviceInfo) -> Capabilities:
        manager = self._manager()
        try:
            source = self._open(manager, device)
            try:
                return capabilities_from_twain(source.get_capability)
            finally:
                source.close()
        finally:
            manager.close()

    def scan(
        self,
        device: DeviceInfo,
        settings: ScanSettings,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> Iterator[ScannedPage]:
        manager = self._manager()
        try:
            source = self._open(manager, device)
            capabilities_from_twain(source.get_capability).validate(settings)
            for cap, kind, value in settings_to_twain(settings):
                try:
                    source.set_capability(cap, kind, value)
                except Exception as exc:
                    if type(exc).__name__ == "CheckStatus":
                        continue  # the source rounded the value: accepted
                    raise map_twain_error(exc, device=device.id) from exc
            try:
                source.set_image_layout(page_frame_inches(settings))
            except Exception as exc:
                if type(exc).__name__ != "CheckStatus":  # CheckStatus: clipped to the scan area
                    raise map_twain_error(exc, device=device.id) from exc
            if settings.source != "flatbed":
                loaded = _values(source.get_capability(CAP_FEEDERLOADED))
                if loaded is not None and not any(bool(v) for v in loaded):
                    raise FeederEmptyError(device=device.id)
            source.request_acquire(show_ui=False, modal_ui=False)
        except BaseException:
            manager.close()
            raise
        return self._pages(manager, source, device, settings, progress, cancel)

    def _pages(
        self,
        manager: Any,
        source: Any,
        device: DeviceInfo,
        settings: ScanSettings,
        progress: ProgressCallback | None,
        cancel: CancelToken | None,
    ) -> Iterator[ScannedPage]:
        from PIL import Image

        twain = self._module()
        received = 0
        limit = settings.page_limit
        try:
            while limit is None or received < limit:
                check_cancel(cancel)
                number = received + 1
                report(progress, number, 0.0)
                try:
                    handle, remaining = source.xfer_image_natively()
                    bmp = twain.dib_to_bm_file(handle)
                except Exception as exc:
                    raise map_twain_error(exc, device=device.id, pages_received=received) from exc
                image = Image.open(io.BytesIO(bmp))
                image.load()
                received += 1
                report(progress, number, 1.0)
                yield page_as_asked(image, settings, number, device)
                if remaining == 0:
                    return
        finally:
            try:
                source.close()  # also ends pending transfers, which stops the feeder
            finally:
                manager.close()
