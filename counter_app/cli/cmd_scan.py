"""`counter-app scan`: scan pages from one device into a folder, one JSON line per page."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from counter_app.cli.cmd_devices import add_device_options, make_registry
from counter_app.cli.output import emit


def register(subparsers: Any, add_common: Callable[[argparse.ArgumentParser], None]) -> None:
    p = subparsers.add_parser("scan", help="quét trang vào thư mục / scan pages to files")
    add_common(p)
    p.add_argument("--device", required=True, help="device id from `counter-app devices`, e.g. demo:0")
    p.add_argument(
        "--source",
        choices=["flatbed", "adf", "duplex", "camera"],
        default=None,
        help="default: flatbed when the device has one, else the first source it offers",
    )
    p.add_argument("--mode", choices=["color", "gray", "bw"], default="color")
    p.add_argument("--dpi", type=int, default=300)
    p.add_argument("--pages", type=int, default=None, help="stop after N pages (feeder: default all)")
    p.add_argument("--format", choices=["png", "jpeg", "tiff"], default="png", help="page file format")
    p.add_argument("--out", required=True, type=Path, help="folder for the page files")
    add_device_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import signal
    import threading

    from scanner.devices import PageSink, ScanSettings

    registry = make_registry(args)
    backend, device = registry.resolve(args.device)
    caps = backend.capabilities(device)
    source = args.source or ("flatbed" if "flatbed" in caps.sources else caps.sources[0])
    settings = ScanSettings(source=source, mode=args.mode, dpi=args.dpi, max_pages=args.pages)
    cancel = threading.Event()
    # SIGTERM asks the device to stop cleanly; the pages already written stay in --out.
    signal.signal(signal.SIGTERM, lambda *_: cancel.set())
    sink = PageSink(args.out, fmt=args.format, on_saved=lambda saved: emit(saved.as_dict()))
    sink.drain(backend.scan(device, settings, cancel=cancel))
    return 0
