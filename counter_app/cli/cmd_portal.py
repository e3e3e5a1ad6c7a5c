"""`counter-app portal conformance --adapter NAME --url URL`: the adapter conformance kit.

Prints `{"adapter", "passed", "failed", "scenarios": [{"name", "passed", "reason", "ms", ...}]}`
and exits 0 only when every scenario passed (3 otherwise: a failed check, neither bad input (2)
nor a crash (1)). The
adapter's credentials and mapping table come from the configuration (`portal.*`).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from counter_app.cli.output import emit


def register(subparsers: argparse._SubParsersAction, add_common: Callable) -> None:
    parser = subparsers.add_parser("portal", help="bộ kết nối cổng dịch vụ công")
    add_common(parser)
    verbs = parser.add_subparsers(dest="portal_verb", metavar="VERB", required=True)
    kit = verbs.add_parser("conformance", help="run the adapter conformance scenarios against a server")
    add_common(kit)
    kit.add_argument("--adapter", required=True, help="adapter name (reference, opencps, or installed)")
    kit.add_argument("--url", required=True, help="the server's base URL")
    kit.add_argument("--procedure", default="1.001193", help="procedure code to file (default 1.001193)")
    kit.add_argument("--timeout-s", type=float, default=15.0)
    kit.set_defaults(func=run_conformance)


def run_conformance(args: argparse.Namespace) -> int:
    from counter_app.catalog import configured_catalog
    from counter_app.config import load_config
    from counter_app.paths import app_paths
    from counter_app.portal.conformance import ConformanceKit

    paths = app_paths()
    config = load_config(paths)
    procedure = configured_catalog(paths, config).get(args.procedure)
    components = [(c.key, c.name) for c in procedure.components if c.required]
    kit = ConformanceKit(args.adapter, args.url, config, components, procedure.code, timeout_s=args.timeout_s)
    summary = kit.run()
    emit(summary)
    return 0 if summary["failed"] == 0 else 3
