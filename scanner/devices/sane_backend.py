"""SANE scanners (Linux, macOS) through python-sane.

Tested in CI against SANE's own `test` backend (a virtual frontend-tester device): colour and
grey scans at several resolutions, an ADF batch that runs empty after ten pages, and the errors
its `read-return-value` option forces (jammed, no documents, cover open, I/O error).
"""

from __future__ import annotations

import ctypes
import logging
import math
import signal
import threading
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

log = logging.getLogger(__name__)

# python-sane reports a status only as sane_strstatus() text; these are SANE's own strings.
_STATUS_ERRORS: dict[str, type[DeviceError]] = {
    "Document feeder jammed": PaperJamError,
    "Document feeder out of documents": FeederEmptyError,
    "Scanner cover is open": CoverOpenError,
    "Error during device I/O": DeviceDisconnectedError,
    "Device busy": DeviceBusyError,
    "Operation was canceled": ScanCancelledError,
    "Invalid argument": UnsupportedSettingError,
    "Operation not supported": UnsupportedSettingError,
}
_ACCESS_DENIED = "Access to resource has been denied"

_init_lock = threading.Lock()
_initialised = False


def keep_sigpipe_ignored() -> None:
    """Put SIGPIPE back to "ignore" after libsane has reset it to the default action.

    Python ignores SIGPIPE so a write to a closed socket raises BrokenPipeError; SANE's reader
    thread (sanei_thread) sets it back to "terminate" during a scan, behind Python's back, after
    which the outbox or the demo portal writing to a peer that hung up would end the whole
    application silently. `signal.signal` only works on the main thread and scans run on workers,
    so the process-wide disposition is set through libc directly.
    """
    if not hasattr(signal, "SIGPIPE"):
        return  # Windows has no SIGPIPE (and no SANE)
    libc = _libc()
    if libc is not None:
        libc.signal(signal.SIGPIPE, ctypes.c_void_p(1))  # 1 == SIG_IGN on every POSIX libc


def _libc() -> Any:
    global _LIBC
    if _LIBC is None:
        try:
            libc = ctypes.CDLL(None)
            libc.signal.restype = ctypes.c_void_p
            libc.signal.argtypes = (ctypes.c_int, ctypes.c_void_p)
            _LIBC = libc
        except (OSError, AttributeError):
            log.warning("libc not reachable: SIGPIPE stays as libsane leaves it")
            _LIBC = False
    return _LIBC or None


_LIBC: Any = None


def _sane() -> Any:
    """Import and initialise libsane once per process (it reads SANE_CONFIG_DIR at init)."""
    global _initialised
    import sane

    with _init_lock:
        if not _initialised:
            sane.init()
            keep_sigpipe_ignored()
            _initialised = True
    return sane


def reset_sane() -> None:
    """Close libsane so the next use re-reads SANE_CONFIG_DIR (tests, a diagnostics re-scan)."""
    global _initialised
    with _init_lock:
        if _initialised:
            import sane

            sane.exit()
            _initialised = False


def source_key(name: str) -> Source | None:
    """Map a driver's source name ("ADF Duplex", "Automatic Document Feeder(left aligned)", …)."""
    lowered = name.lower()
    if "duplex" in lowered:
        return "duplex"
    if any(word in lowered for word in ("adf", "feeder", "automatic document", "simplex")):
        return "adf"
    if "flatbed" in lowered or "platen" in lowered or lowered == "normal":
        return "flatbed"
    return None


def mode_key(name: str) -> ColorMode | None:
    """Map a driver's mode name; dithered grey ("Gray[Error Diffusion]") is not a real grey scan."""
    lowered = name.lower()
    if "diffusion" in lowered or "dither" in lowered:
        return None
    if "colo" in lowered:
        return "color"
    if "gray" in lowered or "grey" in lowered:
        return "gray"
    if lowered in {"lineart", "binary", "black & white", "black and white", "halftone", "bw", "monochrome"}:
        return "bw"
    return None


def native_names(names: list[str], key: Callable[[str], str | None]) -> dict[str, str]:
    """Our key → the driver's first name for it (drivers list their plain mode before variants)."""
    found: dict[str, str] = {}
    for name in names:
        mapped = key(name)
        if mapped is not None and mapped not in found:
            found[mapped] = name
    return found


def map_status(message: str, *, device: str = "", pages_received: int = 0) -> DeviceError:
    """Turn a SANE status text into our typed error; unknown statuses stay generic but known."""
    if message == _ACCESS_DENIED:
        return DeviceError(
            "Không có quyền sử dụng máy quét.",
            "Nhờ cán bộ CNTT cấp quyền (nhóm «scanner» trên Linux) rồi thử lại.",
            code="device_access_denied",
            device=device,
        )
    cls = _STATUS_ERRORS.get(message)
    if cls is DeviceDisconnectedError:
        return DeviceDisconnectedError(device=device, pages_received=pages_received)
    if cls is not None:
        return cls(device=device)
    return DeviceError(f"Máy quét báo lỗi: {message}.", device=device)


def _options(handle: Any) -> dict[str, Any]:
    return dict(handle.opt)


def _constraint(handle: Any, name: str) -> Any:
    option = _options(handle).get(name)
    if option is None or not option.is_active():
        return None
    return option.constraint


def _range_max(handle: Any, name: str) -> float | None:
    constraint = _constraint(handle, name)
    if isinstance(constraint, tuple):
        return float(constraint[1])
    if isinstance(constraint, list) and constraint:
        return float(max(constraint))
    return None


def capabilities_of(handle: Any) -> Capabilities:
    """Read what an open SANE handle offers: sources, modes, resolutions, largest page."""
    source_names = _constraint(handle, "source")
    sources: list[Source] = []
    for name in source_names if isinstance(source_names, list) else []:
        key = source_key(str(name))
        if key and key not in sources:
            sources.append(key)
    mode_names = _constraint(handle, "mode")
    native = {mode_key(str(n)) for n in (mode_names if isinstance(mode_names, list) else [])}
    modes: list[ColorMode] = [m for m in ("color", "gray") if m in native]
    if "bw" in native or "gray" in native:
        modes.append("bw")  # emulated from grey when the driver has no line-art mode
    dpi = _constraint(handle, "resolution")
    dpi_range = (math.ceil(dpi[0]), math.floor(dpi[1])) if isinstance(dpi, tuple) else None
    if isinstance(dpi, tuple):
        resolutions = range_to_dpis(dpi[0], dpi[1])
    elif isinstance(dpi, list) and dpi:
        resolutions = tuple(sorted({round(v) for v in dpi}))
    else:
        resolutions = (int(getattr(handle, "resolution", 300)),)
    return Capabilities(
        sources=tuple(sources) or ("flatbed",),
        modes=tuple(modes) or ("gray",),
        resolutions=resolutions,
        max_width_mm=_range_max(handle, "br_x"),
        max_height_mm=_range_max(handle, "br_y"),
        resolution_range=dpi_range,
    )


class SaneBackend(ScannerBackend):
    name = "sane"

    def __init__(self) -> None:
        self._live: dict[str, Any] = {}

    @classmethod
    def unavailable_reason(cls) -> str | None:
        try:
            import sane  # noqa: F401
        except ImportError as exc:
            return f"chưa cài python-sane/libsane ({exc})"
        return None

    def list_devices(self) -> list[DeviceInfo]:
        sane = _sane()
        with _init_lock:
            found = sane.get_devices()
        return [
            DeviceInfo(
                id=f"sane:{devname}",
                backend="sane",
                native_id=devname,
                name=f"{vendor} {model}".strip(),
                kind="scanner",
                vendor=vendor,
                model=model,
                extra={"type": kind},
            )
            for devname, vendor, model, kind in found
        ]

    def device_from_id(self, native_id: str) -> DeviceInfo:
        # Opening by name works even for devices get_devices() does not enumerate (network ones).
        return DeviceInfo(id=f"sane:{native_id}", backend="sane", native_id=native_id, name=native_id)

    def _open(self, device: DeviceInfo) -> Any:
        sane = _sane()
        try:
            with _init_lock:
                return sane.open(device.native_id)
        except Exception as exc:
            message = str(exc)
            # At open time an I/O error means the scanner is not there (unplugged, powered off).
            if message in ("Invalid argument", "Error during device I/O"):
                raise NoDeviceError(
                    f"Không tìm thấy máy quét «{device.name}».",
                    "Kiểm tra máy quét đã bật và cắm cáp, rồi bấm «Tìm lại thiết bị».",
                    device=device.id,
                ) from exc
            raise map_status(message, device=device.id) from exc

    def capabilities(self, device: DeviceInfo) -> Capabilities:
        handle = self._open(device)
        try:
            return capabilities_of(handle)
        finally:
            handle.close()

    def live_handle(self, device: DeviceInfo) -> Any | None:
        """The open python-sane handle while a scan of `device` runs (diagnostics, fault injection)."""
        return self._live.get(device.id)

    def scan(
        self,
        device: DeviceInfo,
        settings: ScanSettings,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> Iterator[ScannedPage]:
        handle = self._open(device)
        try:
            caps = capabilities_of(handle)
            caps.validate(settings)
            dpi = self._configure(handle, caps, settings)
        except BaseException:
            handle.close()
            raise
        return self._pages(handle, device, settings, dpi, progress, cancel)

    def _set(self, handle: Any, name: str, value: Any) -> None:
        try:
            setattr(handle, name.replace("-", "_"), value)
        except Exception as exc:
            raise UnsupportedSettingError(
                f"Máy quét không nhận thiết lập «{name} = {value}».", device=""
            ) from exc

    def _configure(self, handle: Any, caps: Capabilities, settings: ScanSettings) -> int:
        options = _options(handle)
        if "source" in options and options["source"].is_active():
            names = native_names([str(n) for n in options["source"].constraint], source_key)
            self._set(handle, "source", names[settings.source])
        mode_names = [str(n) for n in (options["mode"].constraint if "mode" in options else [])]
        native = native_names(mode_names, mode_key)
        depth_choices = options["depth"].constraint if "depth" in options else None
        if settings.mode in native:
            self._set(handle, "mode", native[settings.mode])
            if settings.mode != "bw" and isinstance(depth_choices, list) and 8 in depth_choices:
                self._set(handle, "depth", 8)
        elif settings.mode == "bw" and "gray" in native:
            self._set(handle, "mode", native["gray"])
            if isinstance(depth_choices, list):
                self._set(handle, "depth", 1 if 1 in depth_choices else 8)
        self._set(handle, "resolution", settings.dpi)
        width_mm, height_mm = settings.page_size_mm
        if caps.max_width_mm and caps.max_height_mm:
            if width_mm > caps.max_width_mm or height_mm > caps.max_height_mm:
                log.warning("page %sx%s mm larger than the scan area; cropped", width_mm, height_mm)
            for name, value in (
                ("tl_x", 0.0),
                ("tl_y", 0.0),
                ("br_x", min(width_mm, caps.max_width_mm)),
                ("br_y", min(height_mm, caps.max_height_mm)),
            ):
                self._set(handle, name, float(value))
        for name, value in settings.device_options.items():
            self._set(handle, name, value)
        return round(float(handle.resolution))

    def _pages(
        self,
        handle: Any,
        device: DeviceInfo,
        settings: ScanSettings,
        dpi: int,
        progress: ProgressCallback | None,
        cancel: CancelToken | None,
    ) -> Iterator[ScannedPage]:
        feeder = settings.source != "flatbed"
        limit = settings.page_limit
        received = 0
        self._live[device.id] = handle
        try:
            while limit is None or received < limit:
                check_cancel(cancel)
                number = received + 1
                report(progress, number, 0.0)
                try:
                    handle.start()
                    image = handle.snap(
                        feeder, progress=self._line_callback(handle, number, progress, cancel)
                    )
                except Exception as exc:
                    keep_sigpipe_ignored()
                    error = map_status(str(exc), device=device.id, pages_received=received)
                    if isinstance(error, FeederEmptyError) and received > 0:
                        return  # the feeder ran out after at least one page: the batch is done
                    raise error from exc
                keep_sigpipe_ignored()
                received += 1
                report(progress, number, 1.0)
                yield page_as_asked(image, settings, number, device, dpi=dpi)
        finally:
            self._live.pop(device.id, None)
            try:
                handle.cancel()
            finally:
                handle.close()

    @staticmethod
    def _line_callback(
        handle: Any, number: int, progress: ProgressCallback | None, cancel: CancelToken | None
    ) -> Any:
        state = {"cancelled": False}

        def on_line(lines: int, total: int) -> None:
            # Must never raise: python-sane crashes the process if its progress callback does.
            try:
                if lines % 64 == 0:
                    keep_sigpipe_ignored()  # SANE's reader may have reset it while this page runs
                if cancel is not None and cancel.is_set() and not state["cancelled"]:
                    state["cancelled"] = True
                    handle.cancel()  # the next sane_read returns CANCELLED and snap() raises
                if progress is not None and total > 0 and lines % 64 == 0:
                    report(progress, number, min(lines / total, 1.0))
            except BaseException:
                log.exception("SANE line callback failed")

        return on_line
