"""The backend registry: ranked, lazy, and a missing library disables one backend, never all."""

from __future__ import annotations

import sys

import pytest

from scanner.devices.registry import BACKENDS, BackendRegistry, BackendSpec, backend_status
from scanner.errors import BackendUnavailableError, NoDeviceError


def test_status_lists_every_backend_with_a_reason_when_unavailable():
    rows = backend_status()
    assert [r["name"] for r in rows] == [s.name for s in sorted(BACKENDS, key=lambda s: s.rank)]
    for row in rows:
        assert set(row) == {"name", "available", "reason"}
        assert row["available"] or row["reason"]
    demo = next(r for r in rows if r["name"] == "demo")
    assert demo["available"] is True


@pytest.mark.skipif(sys.platform == "win32", reason="checks the Linux view of Windows-only backends")
def test_windows_backends_are_disabled_on_linux_without_importing_them():
    registry = BackendRegistry()
    rows = {r["name"]: r for r in registry.status()}
    assert rows["twain"]["available"] is False and "win32" in rows["twain"]["reason"]


def test_a_missing_library_disables_only_that_backend():
    specs = (
        BackendSpec("ghost", "scanner.devices.no_such_module", "Ghost", 1),
        BackendSpec("demo", "scanner.devices.demo", "DemoBackend", 2),
    )
    registry = BackendRegistry(specs)
    rows = registry.status()
    assert rows[0]["available"] is False and "no_such_module" in rows[0]["reason"]
    assert rows[1]["available"] is True
    devices, problems = registry.list_devices()
    assert [d.id for d in devices] == ["demo:0"] and problems == []
    with pytest.raises(BackendUnavailableError):
        registry.get("ghost")


def test_a_backend_that_crashes_while_loading_is_reported_not_raised():
    specs = (BackendSpec("broken", "json", "loads", 1),)  # calling loads() with no argument raises
    rows = BackendRegistry(specs).status()
    assert rows[0]["available"] is False and rows[0]["reason"]


def test_resolve_device_ids():
    registry = BackendRegistry(options={"demo": {}})
    backend, device = registry.resolve("demo:0")
    assert backend.name == "demo" and device.id == "demo:0"
    with pytest.raises(NoDeviceError):
        registry.resolve("demo")
    with pytest.raises(NoDeviceError):
        registry.resolve("nonsense:1")
    with pytest.raises(NoDeviceError):
        registry.resolve("demo:7")
