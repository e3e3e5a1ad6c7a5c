"""`counter-app sandbox [--host] [--port N] [--faults SPEC] [--flavour reference|opencps|dvcqg]`: run the
stand-in portal and KPI collector (`--flavour opencps|dvcqg`: `sandbox/opencps.py`, `sandbox/dvcqg.py`).

The first line printed is `{"url": ...}` (with `--port 0` the port is chosen by the system),
then the server runs until Ctrl-C. `--state FILE` keeps its dossiers across runs (every flavour:
the stand-ins keep theirs in `sandbox/stand_in_state.py`).
`--collector-db URL` puts the KPI collector's events in another SQLite file or in PostgreSQL.
`--auto-progress SECONDS` plays the back office for demos (`sandbox/progress.py`); trainers
move a dossier by hand with `POST /sandbox/dossiers/{code}/status`.

The entry point adds this subcommand to the core's (`counter_app.embedded`), with the KPI rules
the collector applies; its output follows the core's CLI (one JSON object per line).
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from common.errors import KnownError

if TYPE_CHECKING:
    from sandbox.collector import Indicators


def _emit(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


def register(
    subparsers: argparse._SubParsersAction, add_common: Callable, *, indicators: Indicators | None = None
) -> None:
    parser = subparsers.add_parser("sandbox", help="cổng dịch vụ công thử nghiệm (và máy chủ thống kê)")
    add_common(parser)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    parser.add_argument(
        "--faults",
        default="",
        help="comma-separated kind=value: latency_ms, error_rate, drop_rate, timeout_rate, throttle_rate,"
        " lost_response_rate, retry_after_s, hang_s, seed",
    )
    parser.add_argument(
        "--flavour",
        choices=("reference", "opencps", "dvcqg"),
        default="reference",
        help="which system's routes to speak: the reference contract, OpenCPS v2 (/o/rest/v2/) or the"
        " national portal's one-door sync (/dvcqg/)",
    )
    parser.add_argument(
        "--break-idempotency",
        action="store_true",
        help="opencps: a deliberately wrong server that files a resend twice; dvcqg: one that records a"
        " resent progress step twice (to see the conformance kit fail)",
    )
    parser.add_argument("--state", type=Path, default=None, help="SQLite file for the sandbox's state")
    parser.add_argument(
        "--collector-db",
        default=None,
        metavar="URL",
        help="where the KPI collector keeps the events: sqlite:///relative.db, sqlite:////absolute.db"
        " or postgresql://user@host:5432/dbname (the table is created if missing; default:"
        " $COUNTER_APP_COLLECTOR_DB, else the --state file, else memory)",
    )
    parser.add_argument("--catalog", type=Path, default=None, help="procedures.json to accept")
    parser.add_argument("--no-create-account", action="store_true", help="portal without account creation")
    parser.add_argument(
        "--holidays", default="", help="comma-separated YYYY-MM-DD days off (appointments skip them)"
    )
    parser.add_argument(
        "--calendar",
        default="",
        metavar="FILE",
        help="the office calendar's yearly override file (TOML; the counter's calendar.overrides option)",
    )
    parser.add_argument("--client-id", default="", help="require OAuth2 client credentials")
    parser.add_argument("--client-secret", default="")
    # Defaults live in sandbox.limits.BodyLimits (not imported here: the web stack loads on `run`).
    parser.add_argument(
        "--max-json-mb", type=int, help="largest JSON body accepted (collector batches), in MB (default 16)"
    )
    parser.add_argument(
        "--max-request-mb", type=int, help="largest whole dossier upload (multipart), in MB (default 200)"
    )
    parser.add_argument("--max-json-depth", type=int, help="deepest JSON nesting accepted (default 32)")
    parser.add_argument(
        "--auto-progress",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="demo: each filed dossier moves one status along (processing, result_ready, finished)"
        " after SECONDS in its status",
    )
    parser.set_defaults(func=functools.partial(run, indicators=indicators))


def run(args: argparse.Namespace, *, indicators: Indicators | None = None) -> int:
    from sandbox.app import SandboxSettings
    from sandbox.faults import FaultSpec
    from sandbox.limits import MB, BodyLimits
    from sandbox.server import build_portal, build_stand_in, serve_forever

    try:
        faults = FaultSpec.parse(args.faults)
    except ValueError as exc:
        raise KnownError(
            f"Cấu hình lỗi giả lập không hợp lệ: {exc}",
            "Ví dụ: --faults error_rate=0.1,latency_ms=200",
            code="sandbox_bad_faults",
        ) from exc
    try:
        holidays = frozenset(date.fromisoformat(d.strip()) for d in args.holidays.split(",") if d.strip())
    except ValueError as exc:
        raise KnownError(
            f"Danh sách ngày nghỉ không hợp lệ: {exc}",
            "Ví dụ: --holidays 2026-04-30,2026-05-01",
            code="sandbox_bad_holidays",
        ) from exc
    if args.auto_progress < 0:
        raise KnownError(
            "Thời gian tự chuyển trạng thái không được âm.",
            "Ví dụ: --auto-progress 30 (mỗi 30 giây hồ sơ chuyển sang bước tiếp theo).",
            code="sandbox_bad_auto_progress",
        )
    try:
        limits = BodyLimits.given(
            max_json_bytes=args.max_json_mb and args.max_json_mb * MB,
            max_request_bytes=args.max_request_mb and args.max_request_mb * MB,
            max_json_depth=args.max_json_depth,
        )
    except ValueError as exc:
        raise KnownError(
            "Giới hạn kích thước/độ sâu phải là số dương.",
            "Ví dụ: --max-json-mb 16 --max-request-mb 200 --max-json-depth 32.",
            code="sandbox_bad_limits",
        ) from exc
    settings = SandboxSettings(
        auto_progress_s=args.auto_progress,
        holidays=holidays,
        calendar_overrides=args.calendar,
        allow_create_account=not args.no_create_account,
        client_id=args.client_id,
        client_secret=args.client_secret,
        limits=limits,
    )
    portal = (
        build_stand_in(
            args.flavour,
            faults=faults,
            catalog=args.catalog,
            settings=settings,
            ignore_reference=args.break_idempotency,
            state_path=args.state,
        )
        if args.flavour != "reference"
        else build_portal(
            faults=faults,
            state_path=args.state,
            settings=settings,
            catalog=args.catalog,
            collector_db=args.collector_db,
            indicators=indicators,
        )
    )
    try:
        serve_forever(
            args.host, args.port, portal, lambda url: _emit({"url": url, "faults": faults.to_dict()})
        )
    except OSError as exc:
        raise KnownError(
            f"Không mở được cổng thử nghiệm trên {args.host}:{args.port}: {exc.strerror or exc}",
            "Chọn cổng khác (--port) hoặc --port 0 để hệ thống tự chọn.",
            code="sandbox_bind_failed",
        ) from exc
    finally:
        portal.close()
    return 0
