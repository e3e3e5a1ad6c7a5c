"""`counter-app procedures [--search TEXT]`: the procedure catalog, one JSON line per procedure."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from counter_app.cli.output import emit


def register(subparsers: argparse._SubParsersAction, add_common: Callable) -> None:
    parser = subparsers.add_parser("procedures", help="danh mục thủ tục hành chính; tìm không cần dấu")
    add_common(parser)
    parser.add_argument("--search", metavar="TEXT", help="tên hoặc mã thủ tục, có hoặc không dấu")
    parser.add_argument(
        "--catalog", metavar="FILE", help="đọc danh mục từ tệp này thay cho danh mục cấu hình"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from counter_app.catalog import configured_catalog, load_catalog
    from counter_app.config import load_config
    from counter_app.paths import app_paths

    if args.catalog:
        catalog = load_catalog(Path(args.catalog))
    else:
        paths = app_paths()
        catalog = configured_catalog(paths, load_config(paths))
    found = catalog.search(args.search) if args.search else list(catalog)
    for procedure in found:
        emit(procedure.as_cli_dict())
    return 0
