"""`counter-app tokens`: PKCS#11 modules, their tokens, certificates and PIN state."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from counter_app.cli.output import emit


def register(subparsers: Any, add_common: Callable[[argparse.ArgumentParser], None]) -> None:
    p = subparsers.add_parser(
        "tokens",
        help="liệt kê token ký số, chứng thư và trạng thái PIN / list tokens, certificates, PIN state",
    )
    add_common(p)
    p.add_argument(
        "--module",
        action="append",
        default=[],
        metavar="PATH",
        help="PKCS#11 module (.dll/.so) to query instead of the configured and known modules (repeatable)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from counter_app.config import load_config
    from signing.provider import survey

    if args.module:
        reports = survey(tuple(args.module), include_known=False)
    else:
        reports = survey(tuple(load_config().get("signing.module_paths")))
    emit([r.as_dict() for r in reports])
    return 0
