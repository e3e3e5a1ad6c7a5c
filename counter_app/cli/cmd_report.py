"""`counter-app report --month YYYY-MM --out FILE.xlsx|.pdf`: the monthly report
(`--quarter YYYY-Qn` instead of `--month`: the quarter's)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from counter_app.cli.output import emit


def register(subparsers: argparse._SubParsersAction, add_common: Callable) -> None:
    parser = subparsers.add_parser("report", help="báo cáo tháng (Excel hoặc PDF)")
    add_common(parser)
    period = parser.add_mutually_exclusive_group(required=True)
    period.add_argument("--month", metavar="YYYY-MM")
    period.add_argument("--quarter", metavar="YYYY-Qn")
    parser.add_argument("--out", required=True, type=Path, metavar="FILE", help="FILE.xlsx or FILE.pdf")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from counter_app.context import AppContext
    from counter_app.report import build_report

    ctx = AppContext.open()
    try:
        out = build_report(ctx.db, ctx.config, args.month or args.quarter, args.out.expanduser().resolve())
    finally:
        ctx.close()
    emit({"out": str(out)})
    return 0
