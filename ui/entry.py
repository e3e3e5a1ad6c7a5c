"""The `counter-app` entry point: the command line, or the window when no command is given.

This module imports no Qt itself, so that CLI commands start fast and run headless; the
window's modules are imported only when the window is wanted.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from counter_app.cli import main as cli_main


def _open_window(args: argparse.Namespace) -> int:
    from ui.app import run_gui

    return run_gui(self_test=args.self_test, demo=args.demo, no_dialogs=args.no_dialogs)


def main(argv: Sequence[str] | None = None) -> int:
    return cli_main(argv, gui=_open_window)


if __name__ == "__main__":
    sys.exit(main())
