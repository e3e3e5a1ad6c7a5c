"""The `counter-app` command line: one entry point, subcommands discovered from `cmd_*.py`.

Each `counter_app/cli/cmd_<name>.py` module exposes `register(subparsers)`, which adds its
parser and sets `func=handler`; `handler(args) -> int` prints JSON through `output.emit`.
Discovery keeps this file untouched when a capability adds a command. Commands of packages the
core may not import (`counter-app sandbox`) are added by the entry point (`counter_app.embedded`).
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Callable, Sequence

from common import collector, memory
from counter_app import __version__
from counter_app.cli.output import emit_error
from counter_app.embedded import extra_commands
from counter_app.errors import is_known_error


def _add_common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    # --data-dir works before or after the subcommand name (cli.md); SUPPRESS keeps the
    # subparser from overwriting a value given before the subcommand.
    parser.add_argument(
        "--data-dir",
        default=None if top else argparse.SUPPRESS,
        help="base folder for data, configuration and logs (overrides COUNTER_APP_DATA_DIR)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="counter-app", description="Một Cửa Số — bộ phận Một cửa")
    parser.add_argument("--version", action="version", version=f"counter-app {__version__}")
    parser.add_argument("--self-test", action="store_true", help="headless start-up check, then quit")
    parser.add_argument("--demo", action="store_true", help="force demo mode")
    parser.add_argument("--no-dialogs", action="store_true", help="never show modal dialogs (automation)")
    _add_common(parser, top=True)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    package = importlib.import_module("counter_app.cli")
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name.startswith("cmd_"):
            module = importlib.import_module(f"counter_app.cli.{info.name}")
            module.register(subparsers, lambda p: _add_common(p, top=False))
    for register in extra_commands():
        register(subparsers, lambda p: _add_common(p, top=False))
    return parser


def main(argv: Sequence[str] | None = None, gui: Callable[[argparse.Namespace], int] | None = None) -> int:
    """Run one command; with no command, `gui` opens the window (supplied by `ui.entry`,
    because the core never imports the UI package)."""
    # OpenCV prints its own warnings (e.g. a camera index that is not there) straight to
    # stderr; ours go to the log instead, with what to do about them.
    os.environ.setdefault("OPENCV_LOG_LEVEL", "ERROR")
    memory.return_big_blocks()  # page-sized blocks handed back when freed (peak RSS)
    collector.freeze_when_started()  # start-up's objects out of later collections (GC pauses)
    parser = build_parser()
    args = parser.parse_args(argv)
    from counter_app.paths import apply_data_dir_override

    apply_data_dir_override(args.data_dir)
    try:
        if args.command is not None:
            from counter_app.config import load_config

            load_config()  # process-wide settings (the office's zone, the picture size limit) first
        if args.command is None:
            if gui is None:
                parser.print_help()
                return 0
            return gui(args)
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`| head`): silence the final flush instead of a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:
        if is_known_error(exc):
            emit_error(exc)
            return 2
        # A database or disk fault met outside a transaction (a read of a damaged page, a full
        # disk under a log write) is still the officer's to act on, not a bug.
        from counter_app.paths import app_paths
        from counter_app.storage.faults import as_known_error

        fault = as_known_error(exc, app_paths().database)
        if fault is not None:
            emit_error(fault)
            return 2
        import logging
        import traceback

        logging.getLogger("counter_app.cli").exception("unexpected error")
        traceback.print_exc(file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
