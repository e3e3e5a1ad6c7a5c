"""`counter-app kpi`: indicators from the local event log, one JSON line per group."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date

from counter_app.cli.output import emit


def register(subparsers: argparse._SubParsersAction, add_common: Callable) -> None:
    parser = subparsers.add_parser("kpi", help="chỉ số thống kê (Quyết định 766) từ nhật ký sự kiện")
    add_common(parser)
    parser.add_argument("--from", dest="start", metavar="DATE", help="first local day, YYYY-MM-DD")
    parser.add_argument("--to", dest="end", metavar="DATE", help="last local day, YYYY-MM-DD (inclusive)")
    parser.add_argument(
        "--by", default="day", choices=("day", "month", "procedure", "officer", "office", "total")
    )
    parser.add_argument("--officer", help="only this officer's dossiers (username)")
    parser.add_argument(
        "--rebuild", action="store_true", help="recompute the daily aggregates from the whole event log first"
    )
    parser.set_defaults(func=run)


def parse_day(text: str | None, option: str) -> date | None:
    from counter_app.kpi import KpiQueryError

    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise KpiQueryError(
            f"Ngày không hợp lệ cho {option}: «{text}».",
            "Nhập ngày theo dạng NNNN-TT-NN, ví dụ 2026-11-03.",
            code="kpi_bad_date",
        ) from None


def run(args: argparse.Namespace) -> int:
    from counter_app import kpi
    from counter_app.context import AppContext

    start, end = parse_day(args.start, "--from"), parse_day(args.end, "--to")
    ctx = AppContext.open()
    try:
        if args.rebuild:
            kpi.rebuild(ctx.db)
        for row in kpi.compute(ctx.db, start, end, by=args.by, officer=args.officer):
            emit(row.as_cli())
    finally:
        ctx.close()
    return 0
