"""`counter-app verify`: validate every signature of every file against the configured trust roots."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from counter_app.cli.output import emit


def register(subparsers: Any, add_common: Callable[[argparse.ArgumentParser], None]) -> None:
    p = subparsers.add_parser("verify", help="kiểm tra chữ ký số trong tệp PDF / verify PDF signatures")
    add_common(p)
    p.add_argument(
        "--trust",
        action="append",
        default=[],
        metavar="PEM",
        help="trusted root certificate, PEM or DER (repeatable; default: signing.trust_roots in the configuration)",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import logging

    from counter_app.config import load_config
    from signing.errors import SigningError
    from signing.verify import load_trust_roots, verify_pdf

    # pyHanko logs an untrusted chain as an error with a traceback; here it is a result
    # (`trusted: false`), not a failure of the command.
    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
    roots = load_trust_roots(args.trust or load_config().get("signing.trust_roots"))
    for name in args.files:
        row: dict[str, Any] = {"file": name}
        try:
            row["signatures"] = [r.as_dict() for r in verify_pdf(name, roots)]
        except (SigningError, OSError) as exc:
            row["signatures"] = []
            row["error"] = exc.as_dict() if isinstance(exc, SigningError) else {
                "code": "file_unreadable", "message": f"Không đọc được tệp {name}: {exc.strerror}."
            }  # fmt: skip
        emit(row)
    return 0
