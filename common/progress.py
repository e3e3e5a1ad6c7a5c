"""One shape for progress and cancellation, from the libraries up to the window.

Long work (a scan batch, PDF builds, a signing batch, filing) reports `Update`s through a
`Progress` callable and polls a `Cancel`, which the window sets from its thread. `Cancel`
also answers the two shapes the libraries poll: `is_set()` (a `threading.Event`'s, as the
scanner backends do) and a plain call (as the PDF builder does), so no bridging lambdas.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from common.errors import KnownError


@dataclass(frozen=True)
class Update:
    """How far the work is (0..1, or None when unknown), a Vietnamese line for the officer, and
    what the screen may show at once (a page just scanned, a file just signed)."""

    fraction: float | None
    text: str = ""
    item: Any = None


Progress = Callable[[Update], None]


def report(progress: Progress | None, fraction: float | None, text: str = "", item: Any = None) -> None:
    if progress is not None:
        progress(Update(fraction, text, item))


class Cancelled(KnownError):
    """The officer stopped the work; what was finished stays recorded."""

    code = "step_cancelled"
    default_hint = "Những phần đã xong vẫn được lưu trong hồ sơ; bấm làm lại khi sẵn sàng."


class Cancel:
    """Set once, from any thread; polled by the work between its steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def is_set(self) -> bool:
        return self._event.is_set()

    def __call__(self) -> bool:
        return self._event.is_set()

    def check(self, what: str) -> None:
        """Raise `Cancelled` ("Đã dừng <what>.") if the officer asked to stop."""
        if self._event.is_set():
            raise Cancelled(f"Đã dừng {what}.")
