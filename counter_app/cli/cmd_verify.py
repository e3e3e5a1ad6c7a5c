"""`counter-app verify`: validate every signature of every file against the configured trust roots.

The exit code is the worst finding, so a script (or IT) cannot mistake a tampered or unreadable
file for a good one; the codes are listed in `EXIT_CODES` (shown by `--help`, docs/verify.md).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from counter_app.cli.output import emit

EXIT_OK = 0
EXIT_INVALID = 3
EXIT_UNREADABLE = 4
EXIT_NOT_TRUSTED = 5
# Worst first: when files differ, the most serious finding is the exit code.
EXIT_CODES = (
    (EXIT_INVALID, "a signature is invalid or the file was changed after signing"),
    (EXIT_UNREADABLE, "a file could not be read (missing, not a PDF, damaged)"),
    (
        EXIT_NOT_TRUSTED,
        "signatures intact but not from a trusted root (e.g. the demo certificate), or no signature",
    ),
)
EPILOG = (
    "exit codes: 0 every file is signed and every signature is valid, intact and trusted; "
    + "; ".join(f"{code} {meaning}" for code, meaning in EXIT_CODES)
    + "; 2 a known error (e.g. an unreadable trust root)."
)


def file_outcome(row: dict[str, Any]) -> int:
    """The exit code one verified file calls for."""
    if "error" in row:
        return EXIT_UNREADABLE
    signatures = row["signatures"]
    if any(not (s["valid"] and s["intact"]) for s in signatures):
        return EXIT_INVALID
    if not signatures or any(not s["trusted"] for s in signatures):
        return EXIT_NOT_TRUSTED
    return EXIT_OK


def worst(outcomes: list[int]) -> int:
    ranked = [code for code, _ in EXIT_CODES]
    found = [code for code in ranked if code in outcomes]
    return found[0] if found else EXIT_OK


def register(subparsers: Any, add_common: Callable[[argparse.ArgumentParser], None]) -> None:
    p = subparsers.add_parser(
        "verify", help="kiểm tra chữ ký số trong tệp PDF / verify PDF signatures", epilog=EPILOG
    )
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
    outcomes = []
    for name in args.files:
        row: dict[str, Any] = {"file": name}
        try:
            row["signatures"] = [r.as_dict() for r in verify_pdf(name, roots)]
        except (SigningError, OSError) as exc:
            row["signatures"] = []
            row["error"] = exc.as_dict() if isinstance(exc, SigningError) else {
                "code": "file_unreadable", "message": f"Không đọc được tệp {name}: {exc.strerror}."
            }  # fmt: skip
        outcomes.append(file_outcome(row))
        emit(row)
    return worst(outcomes)
