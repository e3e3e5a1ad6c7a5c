"""JSON output for the command line (results on stdout, known errors on stderr)."""

from __future__ import annotations

import json
import sys
from typing import Any

from counter_app.errors import error_dict


def emit(obj: Any) -> None:
    """Print one JSON object on its own line, UTF-8, diacritics kept readable."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


def emit_error(exc: BaseException) -> None:
    sys.stderr.write(json.dumps({"error": error_dict(exc)}, ensure_ascii=False) + "\n")
    sys.stderr.flush()
