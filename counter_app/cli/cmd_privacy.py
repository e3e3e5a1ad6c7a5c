"""`counter-app privacy export|erase|purge`: one citizen's data out or erased, retention applied.

Each prints `{"dossiers", "files", "bytes"}`. `export` and `erase` need `--supervisor-pin` where
IT set a supervisor PIN; every run is an event of the audit chain (events stay, pseudonymous).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from counter_app.cli.output import emit


def register(subparsers: argparse._SubParsersAction, add_common: Callable) -> None:
    parser = subparsers.add_parser("privacy", help="dữ liệu cá nhân: trích xuất, xóa, xóa theo thời hạn lưu")
    add_common(parser)
    verbs = parser.add_subparsers(dest="privacy_verb", required=True, metavar="VERB")
    export = verbs.add_parser("export", help="everything held about one citizen, as a zip")
    add_common(export)
    export.add_argument("--citizen", required=True, metavar="ID", help="the citizen's 12-digit ID number")
    export.add_argument("--out", required=True, metavar="FILE.zip")
    _pin_options(export)
    export.set_defaults(func=run_export)
    erase = verbs.add_parser("erase", help="erase one citizen's files and personal data")
    add_common(erase)
    erase.add_argument("--citizen", required=True, metavar="ID", help="the citizen's 12-digit ID number")
    _pin_options(erase)
    erase.set_defaults(func=run_erase)
    purge = verbs.add_parser("purge", help="purge every dossier past its retention period")
    add_common(purge)
    purge.add_argument("--dry-run", action="store_true", help="only count what would be purged")
    purge.set_defaults(func=run_purge)


def _pin_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--supervisor-pin", metavar="PIN", help="needed where a supervisor PIN is set")
    parser.add_argument(
        "--supervisor-pin-env", metavar="VAR", help="read the PIN from this environment variable (scripts)"
    )


def _pin(args: argparse.Namespace) -> str | None:
    import os

    if args.supervisor_pin_env:
        return os.environ.get(args.supervisor_pin_env) or None
    return args.supervisor_pin


def _run(action: Callable) -> int:
    from counter_app.context import AppContext

    ctx = AppContext.open()
    try:
        emit(action(ctx).as_dict())
    finally:
        ctx.close()
    return 0


def run_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from counter_app.privacy.rights import export_citizen

    return _run(lambda ctx: export_citizen(ctx, args.citizen, Path(args.out), pin=_pin(args)))


def run_erase(args: argparse.Namespace) -> int:
    from counter_app.privacy.rights import erase_citizen

    return _run(lambda ctx: erase_citizen(ctx, args.citizen, pin=_pin(args)))


def run_purge(args: argparse.Namespace) -> int:
    from counter_app.privacy.purge import purge

    return _run(lambda ctx: purge(ctx, dry_run=args.dry_run))
