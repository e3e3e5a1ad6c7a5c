"""`counter-app doctor`: configuration, database, devices, tokens, portal, sync, disk — one report."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from counter_app.cli.output import emit


def register(subparsers: argparse._SubParsersAction, add_common: Callable) -> None:
    parser = subparsers.add_parser("doctor", help="chẩn đoán máy trạm: cấu hình, thiết bị, kết nối")
    add_common(parser)
    parser.add_argument(
        "--json",
        action="store_true",
        help="một đối tượng JSON (mặc định khi đầu ra không phải cửa sổ dòng lệnh)",
    )
    parser.add_argument(
        "--only", action="append", default=[], help="chỉ kiểm tra mục này (lặp lại được): config, database, …"
    )
    parser.add_argument(
        "--bundle", metavar="ZIP", help="ghi thêm gói hỗ trợ (không có mật khẩu, khóa hay dữ liệu cá nhân)"
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
    if args.json or not sys.stdout.isatty():
        emit(report)
    else:  # a person at a terminal: the readable summary
        from counter_app.doctor_summary import as_text

        sys.stdout.write(as_text(report))
    return 0 if report["ok"] else 3
