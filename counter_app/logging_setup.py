"""Logging: named loggers into a rotating file in the user log folder.

Personal data (names, ID numbers) is never logged; log lines name dossiers by local reference.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILE_NAME = "counter-app.log"
_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


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
        handler._counter_app = True  # type: ignore[attr-defined]
        root.addHandler(handler)
        if console:
            stream = logging.StreamHandler()
            stream.setFormatter(logging.Formatter(_FORMAT))
            stream._counter_app = True  # type: ignore[attr-defined]
            root.addHandler(stream)
    root.setLevel(level)
    return path


def tail(path: Path, lines: int = 200) -> list[str]:
    """The last lines of a log file, for the in-app log view and support bundles."""
    if not path.exists():
        return []
    with path.open("rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - 256_000))
        data = handle.read().decode("utf-8", errors="replace")
    return data.splitlines()[-lines:]
