"""`counter-app receipt --dossier CODE [--form 01|02|03|06] [--size a4|a5|80mm] --out FILE.pdf`:
(re)prints a counter form for a dossier, by local reference or portal code. A form printed
before is marked "BẢN IN LẠI" and logged (`form_printed`, `reprint: true`)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from counter_app.cli.output import emit


def register(subparsers: argparse._SubParsersAction, add_common: Callable) -> None:
    parser = subparsers.add_parser("receipt", help="in (lại) phiếu của hồ sơ: Mẫu 01, 02, 03, 06")
    add_common(parser)
    parser.add_argument(
        "--dossier", required=True, metavar="CODE", help="local reference or portal dossier code"
    )
    parser.add_argument("--form", default="01", choices=("01", "02", "03", "06"))
    parser.add_argument("--size", default=None, choices=("a4", "a5", "80mm"), help="default: receipt.size")
    parser.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from common.atomic import atomic_write_bytes
    from counter_app.context import AppContext
    from counter_app.forms.printing import find_dossier, print_form
    from counter_app.workflow import Workflow

    ctx = AppContext.open()
    try:
        wf = Workflow(ctx)
        size = args.size or str(ctx.config.get("receipt.size"))
        printed = print_form(wf, find_dossier(wf, args.dossier), args.form, size)
        out = atomic_write_bytes(args.out.expanduser().resolve(), printed.pdf)
    finally:
        ctx.close()
    emit({"out": str(out), "form": printed.form, "reprint": printed.reprint})
    return 0
