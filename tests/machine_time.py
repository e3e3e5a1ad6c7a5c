"""A PC whose zone and wall clock the test chooses: the office's dates must not follow either."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from datetime import datetime

import time_machine


@contextlib.contextmanager
def machine_at(zone: str, instant: datetime) -> Iterator[datetime]:
    """The machine's zone set to `zone` (TZ) and its clock moved to `instant`, ticking on."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        with time_machine.travel(instant, tick=True):
            yield instant
    finally:
        if saved is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = saved
        time.tzset()
