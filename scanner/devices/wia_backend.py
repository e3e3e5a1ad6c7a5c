"""WIA scanners (Windows Image Acquisition 2.0) through its COM automation layer (pywin32).

No WIA device exists on the Linux machines where CI runs, so the mapping logic here (WIA
properties → capabilities, settings → properties, HRESULTs → our errors, the feeder loop) is
tested with a fake device manager in tests/unit/test_twain_wia_*.py; the COM calls themselves
run only on Windows counters.
"""

from __future__ import annotations

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
    Source,
    range_to_dpis,
)
from scanner.errors import (
    CoverOpenError,
    DeviceBusyError,
    DeviceDisconnectedError,
    DeviceError,
    FeederEmptyError,
    NoDeviceError,
    PaperJamError,
    ScanCancelledError,
    UnsupportedSettingError,
)

# WIA property ids (wiadef.h).
WIA_DIP_DEV_NAME = 7
WIA_DPS_HORIZONTAL_BED_SIZE = 3074
WIA_DPS_VERTICAL_BED_SIZE = 3075
WIA_DPS_DOCUMENT_HANDLING_CAPABILITIES = 3086
WIA_DPS_DOCUMENT_HANDLING_STATUS = 3087
WIA_DPS_DOCUMENT_HANDLING_SELECT = 3088
WIA_DPS_PAGES = 3096
WIA_IPA_DATATYPE = 4103
WIA_IPA_DEPTH = 4104
WIA_IPS_XRES = 6147
WIA_IPS_YRES = 6148
WIA_IPS_XEXTENT = 6151
WIA_IPS_YEXTENT = 6152
FEEDER, FLATBED, DUPLEX = 0x001, 0x002, 0x004
FEED_READY = 0x001
WIA_DATA_THRESHOLD, WIA_DATA_GRAYSCALE, WIA_DATA_COLOR = 0, 2, 3
DATATYPES: dict[ColorMode, tuple[int, int]] = {
    "bw": (WIA_DATA_THRESHOLD, 1),
    "gray": (WIA_DATA_GRAYSCALE, 8),
    "color": (WIA_DATA_COLOR, 24),
}
WIA_FORMAT_PNG = "{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}"
SCANNER_DEVICE_TYPE = 1
SUBTYPE_RANGE, SUBTYPE_LIST = 1, 2

# WIA HRESULTs (wiadef.h) → our errors.
WIA_ERROR_PAPER_EMPTY = 0x80210003
_HRESULTS: dict[int, type[DeviceError]] = {
    0x80210002: PaperJamError,  # WIA_ERROR_PAPER_JAM
    WIA_ERROR_PAPER_EMPTY: FeederEmptyError,
    0x80210004: PaperJamError,  # WIA_ERROR_PAPER_PROBLEM
    0x80210005: DeviceDisconnectedError,  # WIA_ERROR_OFFLINE
    0x80210006: DeviceBusyError,  # WIA_ERROR_BUSY
    0x80210007: DeviceBusyError,  # WIA_ERROR_WARMING_UP
    0x8021000A: DeviceDisconnectedError,  # WIA_ERROR_DEVICE_COMMUNICATION
    0x8021000C: UnsupportedSettingError,  # WIA_ERROR_INCORRECT_HARDWARE_SETTING
    0x8021000D: DeviceBusyError,  # WIA_ERROR_DEVICE_LOCKED
    0x80210015: NoDeviceError,  # WIA_S_NO_DEVICE_AVAILABLE
    0x80210016: CoverOpenError,  # WIA_ERROR_COVER_OPEN
    0x80210064: ScanCancelledError,  # WIA_S_... user cancelled in the driver dialog
    0x80070057: UnsupportedSettingError,  # E_INVALIDARG from a property write
}


def hresult_of(exc: BaseException) -> int | None:
    """The HRESULT of a pywin32 `com_error` or comtypes `COMError`, as an unsigned 32-bit value."""
    candidates: list[Any] = [getattr(exc, "hresult", None)]
    args = getattr(exc, "args", ())
    if len(args) >= 3 and isinstance(args[2], tuple) and len(args[2]) >= 6:
        candidates.insert(0, args[2][5])  # excepinfo scode: the device's own code, more precise
    if args:
        candidates.append(args[0])
    for value in candidates:
        if isinstance(value, int) and value != 0:
            return value & 0xFFFFFFFF
    return None


def map_wia_error(exc: BaseException, *, device: str = "", pages_received: int = 0) -> DeviceError:
    code = hresult_of(exc)
    cls = _HRESULTS.get(code) if code is not None else None
    if cls is DeviceDisconnectedError:
        return DeviceDisconnectedError(device=device, pages_received=pages_received)
    if cls is not None:
        return cls(device=device)
    shown = f"0x{code:08X}" if code is not None else str(exc)
    return DeviceError(f"Trình điều khiển WIA báo lỗi {shown}.", device=device)


def _prop(props: Any, prop_id: int) -> Any | None:
    try:
        return props(prop_id)
    except Exception:
        return None  # WIA raises when a property does not exist on this device


def _choices(prop: Any) -> list[Any] | tuple[float, float] | None:
    if prop is None:
        return None
    if prop.SubType == SUBTYPE_RANGE:
        return (float(prop.SubTypeMin), float(prop.SubTypeMax))
    if prop.SubType == SUBTYPE_LIST:
        return list(prop.SubTypeValues)
    return [prop.Value]


def capabilities_from_wia(device_props: Any, item_props: Any) -> Capabilities:
    handling = _prop(device_props, WIA_DPS_DOCUMENT_HANDLING_CAPABILITIES)
    flags = int(handling.Value) if handling is not None else FLATBED
    sources: list[Source] = []
    if flags & FLATBED or handling is None:
        sources.append("flatbed")
    if flags & FEEDER:
        sources.append("adf")
    if flags & DUPLEX:
        sources.append("duplex")
    types = _choices(_prop(item_props, WIA_IPA_DATATYPE))
    offered = {int(v) for v in types} if isinstance(types, list) else {WIA_DATA_COLOR}
    modes: list[ColorMode] = [m for m in ("color", "gray") if DATATYPES[m][0] in offered]
    if WIA_DATA_THRESHOLD in offered or WIA_DATA_GRAYSCALE in offered:
        modes.append("bw")
    dpi = _choices(_prop(item_props, WIA_IPS_XRES))
    dpi_range = None
    if isinstance(dpi, tuple):
        resolutions = range_to_dpis(*dpi)
        dpi_range = (int(dpi[0]), int(dpi[1]))
    elif dpi:
        resolutions = tuple(sorted({int(v) for v in dpi}))
    else:
        resolutions = (300,)
    bed_w = _prop(device_props, WIA_DPS_HORIZONTAL_BED_SIZE)
    bed_h = _prop(device_props, WIA_DPS_VERTICAL_BED_SIZE)
    return Capabilities(
        sources=tuple(sources) or ("flatbed",),
        modes=tuple(modes) or ("color",),
        resolutions=resolutions,
        max_width_mm=int(bed_w.Value) * 25.4 / 1000 if bed_w is not None else None,  # 1/1000 inch
        max_height_mm=int(bed_h.Value) * 25.4 / 1000 if bed_h is not None else None,
        resolution_range=dpi_range,
    )


def settings_to_wia(settings: ScanSettings) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(device property writes, item property writes) for a scan."""
    select = {"flatbed": FLATBED, "adf": FEEDER, "duplex": FEEDER | DUPLEX}[settings.source]
    device_writes = [(WIA_DPS_DOCUMENT_HANDLING_SELECT, select)]
    if settings.source != "flatbed":
        device_writes.append((WIA_DPS_PAGES, settings.page_limit or 0))  # 0: all pages in the feeder
    datatype, depth = DATATYPES[settings.mode]
    width_in = settings.page_size_mm[0] / 25.4
    height_in = settings.page_size_mm[1] / 25.4
    item_writes = [
        (WIA_IPA_DATATYPE, datatype),
        (WIA_IPA_DEPTH, depth),
        (WIA_IPS_XRES, settings.dpi),
        (WIA_IPS_YRES, settings.dpi),
        (WIA_IPS_XEXTENT, round(width_in * settings.dpi)),
        (WIA_IPS_YEXTENT, round(height_in * settings.dpi)),
    ]
    return device_writes, item_writes


def _default_manager() -> Any:
    import pythoncom
    import win32com.client

    # Scans run on worker threads; COM must be initialised on each (repeat calls are harmless).
    pythoncom.CoInitialize()
    return win32com.client.Dispatch("WIA.DeviceManager")


class WiaBackend(ScannerBackend):
    """`manager_factory` lets tests hand in a stand-in for WIA.DeviceManager (none on Linux)."""

    name = "wia"

    def __init__(self, manager_factory: Callable[[], Any] | None = None) -> None:
        self._factory = manager_factory or _default_manager

    @classmethod
    def unavailable_reason(cls) -> str | None:
        if sys.platform != "win32":
            return "chỉ có trên Windows"
        try:
            import win32com.client  # noqa: F401
        except ImportError as exc:
            return f"chưa cài pywin32 ({exc})"
        return None

    def _infos(self) -> list[Any]:
        infos = self._factory().DeviceInfos
        return [infos.Item(i) for i in range(1, infos.Count + 1)]  # COM collections count from 1

    def list_devices(self) -> list[DeviceInfo]:
        devices = []
        for info in self._infos():
            if info.Type != SCANNER_DEVICE_TYPE:
                continue
            name = str(info.Properties(WIA_DIP_DEV_NAME).Value)
            devices.append(
                DeviceInfo(id=f"wia:{info.DeviceID}", backend="wia", native_id=info.DeviceID, name=name)
            )
        return devices

    def _connect(self, device: DeviceInfo) -> Any:
        for info in self._infos():
            if info.DeviceID == device.native_id:
                try:
                    return info.Connect()
                except Exception as exc:
                    raise map_wia_error(exc, device=device.id) from exc
        raise NoDeviceError(f"Không tìm thấy máy quét «{device.name}».", device=device.id)

    def capabilities(self, device: DeviceInfo) -> Capabilities:
        connected = self._connect(device)
        return capabilities_from_wia(connected.Properties, connected.Items(1).Properties)

    def scan(
        self,
        device: DeviceInfo,
        settings: ScanSettings,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> Iterator[ScannedPage]:
        connected = self._connect(device)
        item = connected.Items(1)
        capabilities_from_wia(connected.Properties, item.Properties).validate(settings)
        device_writes, item_writes = settings_to_wia(settings)
        for props, writes in ((connected.Properties, device_writes), (item.Properties, item_writes)):
            for prop_id, value in writes:
                prop = _prop(props, prop_id)
                if prop is None:
                    continue  # e.g. WIA_DPS_PAGES on a flatbed-only driver
                try:
                    prop.Value = value
                except Exception as exc:
                    raise map_wia_error(exc, device=device.id) from exc
        if settings.source != "flatbed":
            status = _prop(connected.Properties, WIA_DPS_DOCUMENT_HANDLING_STATUS)
            if status is not None and not int(status.Value) & FEED_READY:
                raise FeederEmptyError(device=device.id)
        return self._pages(item, device, settings, progress, cancel)

    def _pages(
        self,
        item: Any,
        device: DeviceInfo,
        settings: ScanSettings,
        progress: ProgressCallback | None,
        cancel: CancelToken | None,
    ) -> Iterator[ScannedPage]:
        import io

        from PIL import Image

        received = 0
        limit = settings.page_limit
        while limit is None or received < limit:
            check_cancel(cancel)
            number = received + 1
            report(progress, number, 0.0)
            try:
                image_file = item.Transfer(WIA_FORMAT_PNG)
            except Exception as exc:
                error = map_wia_error(exc, device=device.id, pages_received=received)
                if isinstance(error, FeederEmptyError) and received > 0:
                    return  # the feeder ran out after at least one page: the batch is done
                raise error from exc
            image = Image.open(io.BytesIO(bytes(image_file.FileData.BinaryData)))
            image.load()
            received += 1
            report(progress, number, 1.0)
            yield page_as_asked(image, settings, number, device)
