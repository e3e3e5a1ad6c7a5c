"""Capture devices behind one interface: SANE, eSCL, TWAIN, WIA, webcam, file import, demo.

`default_registry()` finds the backends this machine can run; `backend_status()` says why the
others are disabled. Backends are imported lazily, so importing this package costs nothing.
"""

from __future__ import annotations

from scanner.devices.base import CancelToken, ProgressCallback, ScannerBackend
from scanner.devices.registry import BackendRegistry, backend_status, default_registry
from scanner.devices.sink import PageSink, SavedPage
from scanner.devices.types import (
    Capabilities,
    DeviceInfo,
    ImportedPdf,
    ScannedPage,
    ScanSettings,
)

__all__ = [
    "BackendRegistry",
    "CancelToken",
    "Capabilities",
    "DeviceInfo",
    "ImportedPdf",
    "PageSink",
    "ProgressCallback",
    "SavedPage",
    "ScanSettings",
    "ScannedPage",
    "ScannerBackend",
    "backend_status",
    "default_registry",
]
