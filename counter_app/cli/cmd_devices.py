"""`counter-app devices`: scanners and cameras on every available capture backend."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from counter_app.cli.output import emit


def add_device_options(p: argparse.ArgumentParser) -> None:
    """Options shared with `scan`: devices that cannot be found by enumeration alone."""
    p.add_argument(
        "--escl",
        action="append",
        default=[],
        metavar="URL",
        help="address of a network (eSCL/AirScan) scanner, e.g. http://192.0.2.5/eSCL (repeatable)",
    )
    p.add_argument(
        "--camera",
        action="append",
        default=[],
        metavar="SOURCE",
        help="camera index or video file/stream to offer as a camera (repeatable)",
    )
    p.add_argument("--no-discovery", action="store_true", help="do not look for network scanners (mDNS)")
    p.add_argument(
        "--discovery-timeout", type=float, default=2.0, metavar="S", help="seconds to wait for mDNS answers"
    )


def make_registry(args: argparse.Namespace) -> Any:
    from scanner.devices import BackendRegistry

    return BackendRegistry(
        options={
            "escl": {
                "manual_urls": list(args.escl),
                "discover": False if args.no_discovery else None,
                "discovery_timeout": args.discovery_timeout,
            },
            "webcam": {"extra_sources": list(args.camera)},
        }
    )


def register(subparsers: Any, add_common: Callable[[argparse.ArgumentParser], None]) -> None:
    p = subparsers.add_parser("devices", help="liệt kê máy quét và camera / list scanners and cameras")
    add_common(p)
    add_device_options(p)
    p.add_argument("--capabilities", action="store_true", help="also ask each device what it can do")
    p.add_argument(
        "--backends", action="store_true", help="print each backend with whether it can run here, and why"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import logging

    from scanner.errors import ScannerError

    registry = make_registry(args)
    if args.backends:
        emit(registry.status())
        return 0
    devices, problems = registry.list_devices()
    log = logging.getLogger("counter_app.cli.devices")
    for problem in problems:
        log.warning("backend %s: %s", problem["backend"], problem["message"])
    rows = []
    for device in devices:
        row = device.as_dict()
        if args.capabilities:
            try:
                row["capabilities"] = registry.get(device.backend).capabilities(device).as_dict()
            except ScannerError as exc:
                row["capabilities"] = None
                row["error"] = {"code": exc.code, "message": str(exc)}
        rows.append(row)
    emit(rows)
    return 0
