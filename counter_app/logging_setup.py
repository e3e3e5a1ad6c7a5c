"""Logging: named loggers into a rotating file in the user log folder.

Personal data (names, ID numbers) is never logged; log lines name dossiers by local reference.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

LOG_FILE_NAME = "counter-app.log"
_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
# The application's own loggers (and Qt's messages, routed by ui.qtlog): kept from INFO up.
# Everything else (fontTools subsetting a font for every receipt, pyHanko, httpx, PIL…) is
# third-party chatter: only its warnings and errors reach the log, the «Nhật ký» tab and bundles.
OWN_LOGGERS = (
    "counter_app",
    "ui",
    "scanner",
    "signing",
    "sandbox",
    "common",
    "portal_contract",
    "qt",
    "__main__",
)


class ThirdPartyAtWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            return True
        return record.name.split(".", 1)[0] in OWN_LOGGERS


def setup_logging(log_dir: Path, *, level: int = logging.INFO, console: bool = False) -> Path:
    """Attach the rotating file handler once; returns the log file path."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILE_NAME
    root = logging.getLogger()
    if not any(getattr(h, "_counter_app", False) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter(_FORMAT))
        handler.addFilter(ThirdPartyAtWarning())
        handler._counter_app = True  # type: ignore[attr-defined]
        root.addHandler(handler)
        if console:
            stream = logging.StreamHandler()
            stream.setFormatter(logging.Formatter(_FORMAT))
            stream.addFilter(ThirdPartyAtWarning())
            stream._counter_app = True  # type: ignore[attr-defined]
            root.addHandler(stream)
    root.setLevel(level)
    return path


_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ (DEBUG|INFO)\s+([\w.]+): ")


def is_chatter(line: str) -> bool:
    """A third-party DEBUG/INFO line, as files written before ThirdPartyAtWarning still hold."""
    match = _LINE.match(line)
    return match is not None and match[2].split(".", 1)[0] not in OWN_LOGGERS


def tail(path: Path, lines: int = 200) -> list[str]:
    """The last lines of a log file without third-party chatter, for the in-app log view and
    support bundles."""
    if not path.exists():
        return []
    with path.open("rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - 256_000))
        data = handle.read().decode("utf-8", errors="replace")
    return [line for line in data.splitlines() if not is_chatter(line)][-lines:]
