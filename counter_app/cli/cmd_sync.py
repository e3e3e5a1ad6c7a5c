"""`counter-app sync [--once]`: push the event log to the KPI collector.

With no `collector.url` in demo mode (no `portal.url` either), the events go to the
sandbox's collector started in this process, whose state is kept in the data folder
(`sandbox-collector.sqlite3`) so that successive runs send only what is new.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from counter_app.cli.output import emit

DEMO_TARGET = "sandbox:demo"
DEMO_STATE = "sandbox-collector.sqlite3"


def register(subparsers: argparse._SubParsersAction, add_common: Callable) -> None:
    parser = subparsers.add_parser("sync", help="đồng bộ nhật ký sự kiện lên máy chủ thống kê")
    add_common(parser)
    parser.add_argument("--once", action="store_true", help="send what is pending, then stop")
    parser.add_argument(
        "--status", action="store_true", help="show pending events, last success and last error; send nothing"
    )
    parser.add_argument("--collector", metavar="URL", help="collector URL (default: collector.url)")
    parser.add_argument("--timeout", type=float, help="seconds per request (default: portal.timeout_s)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from counter_app.context import AppContext
    from counter_app.errors import KnownError
    from counter_app.sync import EventPusher, SyncWorker, sync_status

    ctx = AppContext.open()
    sandbox = None
    try:
        url, target = args.collector or ctx.config.get("collector.url"), None
        if not url:
            if not ctx.demo_mode:
                raise KnownError(
                    "Chưa cấu hình địa chỉ máy chủ thống kê.",
                    "Đặt collector.url trong cấu hình, hoặc dùng --collector URL.",
                    code="sync_no_collector",
                )
            if args.status:
                emit(sync_status(ctx.db, DEMO_TARGET).as_dict())
                return 0
            from counter_app.embedded import start_sandbox  # only demo mode pays for the server

            sandbox = start_sandbox(ctx.paths.data_dir / DEMO_STATE)
            url, target = sandbox.url, DEMO_TARGET
        pusher = EventPusher(
            ctx.db,
            url,
            office_code=ctx.config.get("office.code"),
            timeout_s=args.timeout or ctx.config.get("portal.timeout_s"),
            verify=ctx.config.get("portal.ca_bundle") or True,
            target=target,
        )
        try:
            if args.status:  # a configured collector: its cursor is named by its URL
                emit(pusher.status().as_dict())
                return 0
            if args.once:
                result = pusher.push_once()
                emit(result.as_dict())
                return 3 if result.error else 0
            worker = SyncWorker(pusher, ctx.config.get("sync.interval_s"))
            while True:  # in the foreground until Ctrl-C, one line per round
                wait = worker.step()
                if worker.last is not None:
                    emit(worker.last.as_dict())
                    worker.last = None
                time.sleep(wait)
        finally:
            pusher.close()
    finally:
        if sandbox is not None:
            sandbox.stop()
        ctx.close()
