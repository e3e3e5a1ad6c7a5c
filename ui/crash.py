"""Crash handling: a dialog for bugs, a file for native crashes, nothing lost silently.

`sys.excepthook` logs the traceback, writes it to a crash file and (unless dialogs are off
for automation) shows a dialog with copyable details: versions and the log path.
`faulthandler` writes native crashes (token drivers are the usual suspects) to a file that
the next start reports.
"""

from __future__ import annotations

import faulthandler
import logging
import platform
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import IO

from common import clock
from counter_app import __version__
from counter_app.errors import error_dict, is_known_error

log = logging.getLogger(__name__)
_fault_file: IO[str] | None = None


def versions() -> str:
    from PySide6 import __version__ as pyside_version

    return (
        f"Một Cửa Số {__version__}; Python {platform.python_version()}; PySide6 {pyside_version}; "
        f"{platform.platform()}"
    )


def enable_faulthandler(crash_dir: Path) -> Path | None:
    """Start writing native crashes to a file; return a report left by the previous run, if any."""
    global _fault_file
    crash_dir.mkdir(parents=True, exist_ok=True)
    path = crash_dir / "native-crash.log"
    previous = None
    if path.exists() and path.stat().st_size > 0:
        stamp = clock.utc_now().strftime("%Y%m%dT%H%M%S")
        previous = path.rename(crash_dir / f"native-crash-{stamp}.log")
    _fault_file = path.open("w", encoding="utf-8")
    faulthandler.enable(_fault_file, all_threads=True)
    return previous


def write_crash_file(crash_dir: Path, text: str) -> Path:
    crash_dir.mkdir(parents=True, exist_ok=True)
    stamp = clock.utc_now().strftime("%Y%m%dT%H%M%S%f")
    path = crash_dir / f"crash-{stamp}.txt"
    path.write_text(text, encoding="utf-8")
    return path


class ExceptHook:
    def __init__(self, crash_dir: Path, log_file: Path, *, dialogs: bool) -> None:
        self.crash_dir = crash_dir
        self.log_file = log_file
        self.dialogs = dialogs
        self.crashes: list[Path] = []

    def install(self) -> None:
        sys.excepthook = self

    def __call__(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if is_known_error(exc):
            # A known error that reached the top: show it as such, it is not a bug.
            log.warning("unhandled known error: %s", error_dict(exc))
            if self.dialogs:
                from ui.dialogs import show_known_error

                show_known_error(None, exc)
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        log.critical("unexpected error\n%s", details)
        text = f"{versions()}\nNhật ký: {self.log_file}\n\n{details}"
        path = write_crash_file(self.crash_dir, text)
        self.crashes.append(path)
        if self.dialogs:
            from ui.dialogs import show_crash

            show_crash(text, path)
