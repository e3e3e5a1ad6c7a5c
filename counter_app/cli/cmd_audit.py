"""`counter-app audit verify`: check the event log's hash chain."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from counter_app.cli.output import emit


def register(subparsers: argparse._SubParsersAction, add_common: Callable) -> None:
    parser = subparsers.add_parser("audit", help="kiểm tra tính toàn vẹn của nhật ký sự kiện")
    add_common(parser)
    verbs = parser.add_subparsers(dest="audit_verb", required=True, metavar="VERB")
    verify = verbs.add_parser("verify", help="check the event hash chain")
    add_common(verify)
    verify.set_defaults(func=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    from counter_app.context import AppContext
    from counter_app.events import verify

    ctx = AppContext.open()
    try:
        result = verify(ctx.db)
    finally:
        ctx.close()
    emit(result)
    return 0 if result["ok"] else 3
