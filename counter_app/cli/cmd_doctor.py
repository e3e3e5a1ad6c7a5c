"""`counter-app doctor`: configuration, database, devices, tokens, portal, sync, disk — one report."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from counter_app.cli.output import emit


def register(subparsers: argparse._SubParsersAction, add_common: Callable) -> None:
    parser = subparsers.add_parser("doctor", help="chẩn đoán máy trạm: cấu hình, thiết bị, kết nối")
    add_common(parser)
    parser.add_argument("--only", action="append", default=[], help="check only this section (repeatable)")
    parser.add_argument(
        "--bundle", metavar="ZIP", help="also write a support bundle (no secrets, no personal data)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from counter_app.context import AppContext
    from counter_app.doctor import run_doctor

    ctx = AppContext.open()
    try:
        report = run_doctor(ctx, tuple(args.only))
        if args.bundle:
            from pathlib import Path

            from counter_app.support_bundle import build_support_bundle

            report["bundle"] = str(build_support_bundle(ctx, Path(args.bundle), report))
    finally:
        ctx.close()
    emit(report)
    return 0 if report["ok"] else 3
