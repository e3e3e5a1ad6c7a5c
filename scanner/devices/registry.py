"""Which capture backends exist, in which order, and which of them can run on this machine.

Backends are listed as data and imported only when first needed. A missing optional library or
the wrong platform disables that one backend with a reason (shown in diagnostics); it never
breaks start-up, and one failing backend never hides the devices of the others.
"""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from scanner.devices.base import ScannerBackend
from scanner.devices.types import DeviceInfo
from scanner.errors import BackendUnavailableError, NoDeviceError, ScannerError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackendSpec:
    name: str
    module: str
    attr: str
    rank: int
    # sys.platform prefixes the backend can run on; None means everywhere.
    platforms: tuple[str, ...] | None = None


# Ranked: the platform's own scanner stack first, then network scanners, cameras, and the demo
# device last so that real hardware is offered before it.
BACKENDS: tuple[BackendSpec, ...] = (
    BackendSpec("twain", "scanner.devices.twain_backend", "TwainBackend", 10, ("win32",)),
    BackendSpec("wia", "scanner.devices.wia_backend", "WiaBackend", 20, ("win32",)),
    BackendSpec("sane", "scanner.devices.sane_backend", "SaneBackend", 30, ("linux", "darwin", "freebsd")),
    BackendSpec("escl", "scanner.devices.escl", "EsclBackend", 40),
    BackendSpec("webcam", "scanner.devices.webcam", "WebcamBackend", 50),
    BackendSpec("demo", "scanner.devices.demo", "DemoBackend", 60),
    BackendSpec("files", "scanner.devices.files", "FileBackend", 70),
)


class BackendRegistry:
    """Loads backends on demand; `options[name]` are keyword arguments for that backend."""

    def __init__(
        self,
        specs: tuple[BackendSpec, ...] = BACKENDS,
        options: Mapping[str, Mapping[str, Any]] | None = None,
        platform: str = sys.platform,
    ) -> None:
        self._specs = tuple(sorted(specs, key=lambda s: s.rank))
        self._options = dict(options or {})
        self._platform = platform
        self._loaded: dict[str, ScannerBackend | str] = {}

    def _load(self, spec: BackendSpec) -> ScannerBackend | str:
        """The backend instance, or the reason it is unavailable."""
        if spec.name in self._loaded:
            return self._loaded[spec.name]
        result: ScannerBackend | str
        if spec.platforms is not None and not self._platform.startswith(spec.platforms):
            result = f"chỉ dùng được trên {', '.join(spec.platforms)} (máy này: {self._platform})"
        else:
            try:
                cls = getattr(importlib.import_module(spec.module), spec.attr)
                reason = cls.unavailable_reason()
                result = reason if reason else cls(**self._options.get(spec.name, {}))
            except (ImportError, OSError) as exc:
                result = f"thiếu thư viện: {exc}"
            except Exception as exc:
                # A broken driver must not take the whole application down with it.
                log.exception("backend %s failed to load", spec.name)
                result = f"lỗi khi nạp: {exc!r}"
        self._loaded[spec.name] = result
        return result

    def status(self) -> list[dict[str, Any]]:
        rows = []
        for spec in self._specs:
            loaded = self._load(spec)
            available = isinstance(loaded, ScannerBackend)
            rows.append({"name": spec.name, "available": available, "reason": "" if available else loaded})
        return rows

    def available(self) -> list[ScannerBackend]:
        return [b for b in (self._load(s) for s in self._specs) if isinstance(b, ScannerBackend)]

    def get(self, name: str) -> ScannerBackend:
        spec = next((s for s in self._specs if s.name == name), None)
        if spec is None:
            raise NoDeviceError(f"Không có loại thiết bị «{name}».")
        loaded = self._load(spec)
        if isinstance(loaded, str):
            raise BackendUnavailableError(f"Không dùng được «{name}» trên máy này: {loaded}.")
        return loaded

    def list_devices(self) -> tuple[list[DeviceInfo], list[dict[str, str]]]:
        """Every device of every available backend, plus one problem row per failing backend."""
        devices: list[DeviceInfo] = []
        problems: list[dict[str, str]] = []
        for backend in self.available():
            try:
                devices.extend(backend.list_devices())
            except ScannerError as exc:
                problems.append({"backend": backend.name, "code": exc.code, "message": str(exc)})
            except Exception as exc:
                log.exception("listing devices of %s failed", backend.name)
                problems.append({"backend": backend.name, "code": "backend_failed", "message": repr(exc)})
        return devices, problems

    def resolve(self, device_id: str) -> tuple[ScannerBackend, DeviceInfo]:
        """`sane:test:0` → the SANE backend and its device; the backend name is before the first colon."""
        name, sep, native = device_id.partition(":")
        if not sep or not native:
            raise NoDeviceError(
                f"Mã thiết bị không hợp lệ: «{device_id}».",
                "Dùng mã in ra bởi lệnh «counter-app devices», ví dụ «demo:0».",
            )
        backend = self.get(name)
        return backend, backend.device_from_id(native)


_default: BackendRegistry | None = None


def default_registry() -> BackendRegistry:
    global _default
    if _default is None:
        _default = BackendRegistry()
    return _default


def backend_status() -> list[dict[str, Any]]:
    """`[{name, available, reason}]` for every known backend, for diagnostics."""
    return default_registry().status()
