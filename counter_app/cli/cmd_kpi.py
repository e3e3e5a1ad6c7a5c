"""`counter-app kpi`: indicators from the local event log, one JSON line per group;
`counter-app kpi --score [--month YYYY-MM]`: Decision 766 points for a month, one object."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from counter_app.cli.output import emit

if TYPE_CHECKING:
    from counter_app.context import AppContext
    from counter_app.kpi import score as kpi_score


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
        "--score", action="store_true", help="Decision 766 indicators with points (one object)"
    )
    parser.add_argument("--month", metavar="YYYY-MM", help="with --score: the month (default: this month)")
    parser.add_argument(
        "--period",
        metavar="PERIOD",
        help="with --score: a day, month, quarter or year (2026-12-06, 2026-Q4, 2026)",
    )
    parser.add_argument(
        "--applicant-kinds",
        action="store_true",
        help='add "applicant_kinds" (received per individual/organisation/agency/foreigner) and'
        ' "represented" (filed by a representative) to each line',
    )
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
        if args.score:
            emit(_scorecard(ctx, args).as_cli())
            return 0
        for row in kpi.compute(ctx.db, start, end, by=args.by, officer=args.officer):
            line = row.as_cli()
            if args.applicant_kinds:
                line.update(applicant_kinds=row.applicant_kinds, represented=row.represented)
            emit(line)
    finally:
        ctx.close()
    return 0


def _scorecard(ctx: AppContext, args: argparse.Namespace) -> kpi_score.Scorecard:
    from common import clock
    from counter_app import kpi
    from counter_app.kpi import periods

    if args.month and not periods.MONTH_RE.match(args.month):
        raise periods.PeriodError(
            f"Tháng không hợp lệ cho --month: «{args.month}».", "Nhập tháng theo dạng NNNN-TT, ví dụ 2026-12."
        )
    written = args.month or args.period
    period = periods.parse(written) if written else periods.containing(clock.today(), "month")
    return kpi.score(ctx.db, ctx.config, period.first, period.last, period=period.label, officer=args.officer)
