"""`counter-app logbook (--day YYYY-MM-DD | --month YYYY-MM) --out FILE.xlsx|FILE.pdf`: the
dossier log book (Sổ theo dõi hồ sơ, Mẫu 07) of this office for a day or a month, as an Excel
workbook or a PDF to print. Prints `{"out", "entries", "first", "last"}` (`first`/`last`:
the numbers of the first and last line, null when the period has none)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from counter_app.cli.output import emit


def register(subparsers: argparse._SubParsersAction, add_common: Callable) -> None:
    parser = subparsers.add_parser("logbook", help="sổ theo dõi hồ sơ (Mẫu 07) theo ngày hoặc tháng")
    add_common(parser)
    period = parser.add_mutually_exclusive_group(required=True)
    period.add_argument("--day", metavar="YYYY-MM-DD")
    period.add_argument("--month", metavar="YYYY-MM")
    parser.add_argument("--out", required=True, type=Path, metavar="FILE", help="FILE.xlsx or FILE.pdf")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from common.atomic import atomic_write_bytes
    from counter_app.context import AppContext
    from counter_app.errors import KnownError
    from counter_app.forms import log_book
    from counter_app.workflow import Workflow

    suffix = args.out.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise KnownError(
            f"Không xuất được sổ ra tệp «{args.out.name}».",
            "Ghi tên tệp kết thúc bằng .xlsx hoặc .pdf.",
            code="log_book_format",
        )
    first, last, label = log_book.period_bounds(args.day, args.month)
    ctx = AppContext.open()
    try:
        book = log_book.page(Workflow(ctx), first, last, label)
    finally:
        ctx.close()
    if suffix == ".xlsx":
        from counter_app.forms.log_book_xlsx import render_xlsx

        data = render_xlsx(book)
    else:
        data = log_book.render_pdf(book)
    out = atomic_write_bytes(args.out.expanduser().resolve(), data)
    numbers = [row.number for row in book.rows]
    emit(
        {
            "out": str(out),
            "entries": len(numbers),
            "first": min(numbers, default=None),
            "last": max(numbers, default=None),
        }
    )
    return 0
