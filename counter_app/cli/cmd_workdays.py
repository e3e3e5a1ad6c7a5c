"""`counter-app workdays --from YYYY-MM-DD[THH:MM] --days N [--online]`: the appointment date by the
office's working-day calendar (weekends, holidays, the override file, the 15:00 rule), as receipts."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import datetime

from counter_app.cli.output import emit
from counter_app.errors import KnownError


class WorkdaysInputError(KnownError):
    code = "workdays_bad_input"


def register(subparsers: argparse._SubParsersAction, add_common: Callable) -> None:
    parser = subparsers.add_parser("workdays", help="ngày hẹn trả theo lịch làm việc của đơn vị")
    add_common(parser)
    parser.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD[THH:MM]")
    parser.add_argument("--days", type=int, default=None, metavar="N", help="số ngày làm việc giải quyết")
    parser.add_argument(
        "--procedure", metavar="CODE", help="lấy thời hạn và giờ chốt 15:00 của thủ tục trong danh mục"
    )
    parser.add_argument("--online", action="store_true", help="hồ sơ trực tuyến: thời hạn rút gọn nếu có")
    parser.set_defaults(func=run)


def _start(text: str) -> tuple[datetime, bool]:
    """The receipt moment (office time) and whether an hour was given."""
    try:
        if "T" in text:
            return datetime.strptime(text, "%Y-%m-%dT%H:%M"), True
        return datetime.strptime(text, "%Y-%m-%d"), False
    except ValueError:
        raise WorkdaysInputError(
            f"Ngày tiếp nhận «{text}» không hợp lệ.", "Ví dụ: --from 2026-04-28 hoặc --from 2026-04-28T15:30"
        ) from None


def run(args: argparse.Namespace) -> int:
    from counter_app.appointments import office_calendar
    from counter_app.catalog import configured_catalog
    from counter_app.config import load_config
    from counter_app.paths import app_paths

    start, has_hour = _start(args.start)
    paths = app_paths()
    config = load_config(paths)
    catalog = configured_catalog(paths, config)
    cutoff = catalog.cutoff
    days = args.days
    if args.procedure:
        procedure = catalog.get(args.procedure)
        cutoff = procedure.cutoff
        days = procedure.time_limit(args.online) if days is None else days
    if days is None or days < 0:
        raise WorkdaysInputError(
            "Thiếu số ngày làm việc hoặc số ngày âm.", "Ví dụ: --days 3, hoặc --procedure 1.004873"
        )
    due = office_calendar(config).due_date(start, days, cutoff if has_hour else None)
    emit({"from": args.start, "days": days, "due": due.isoformat()})
    return 0
