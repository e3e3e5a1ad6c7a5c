"""The `counter-app` entry point: the command line, or the window when no command is given.

This module imports no Qt itself, so that CLI commands start fast and run headless; the
window's modules are imported only when the window is wanted. It is also where the packages
that may not import each other are plugged together: the core (`counter_app`) gets the sandbox
portal for demo and training modes, and the sandbox gets the core's KPI rules (`plug_in_sandbox`).
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from counter_app import embedded
from counter_app.cli import main as cli_main


def _indicator_rows(
    events: list[dict[str, Any]], start: date | None, end: date | None, by: str
) -> list[dict[str, Any]]:
    from counter_app.kpi.memory import indicator_rows  # loaded when the collector is asked

    return indicator_rows(events, start, end, by)


def _start_sandbox(
    state_path: Path, *, auto_progress_s: float = 0.0, calendar_overrides: str = ""
) -> embedded.RunningSandbox:
    from sandbox.app import SandboxSettings  # only demo mode pays for the server
    from sandbox.server import start_in_thread

    return start_in_thread(
        state_path=state_path,
        settings=SandboxSettings(auto_progress_s=auto_progress_s, calendar_overrides=calendar_overrides),
        indicators=_indicator_rows,
    )


def _forget_in_sandbox(state_path: Path, local_refs: Sequence[str], id_number: str) -> int:
    from sandbox.store import SandboxStore

    store = SandboxStore(str(state_path))
    try:
        return store.forget(local_refs, id_number)
    finally:
        store.close()


def plug_in_sandbox() -> None:
    """The sandbox for demo/training and `counter-app sync` in demo mode, and `counter-app sandbox`."""
    from sandbox import cli as sandbox_cli  # argparse only: the server loads when the command runs

    embedded.install_sandbox(
        _start_sandbox, commands=[functools.partial(sandbox_cli.register, indicators=_indicator_rows)]
    )
    embedded.install_demo_portal_eraser(_forget_in_sandbox)


def _open_window(args: argparse.Namespace) -> int:
    from ui.pyside_imports import skip_feature_scan

    skip_feature_scan()  # before the window's modules are imported: ~33 MB less (see the module)
    from ui.app import run_gui

    return run_gui(self_test=args.self_test, demo=args.demo, no_dialogs=args.no_dialogs)


def main(argv: Sequence[str] | None = None) -> int:
    plug_in_sandbox()
    return cli_main(argv, gui=_open_window)


if __name__ == "__main__":
    sys.exit(main())
