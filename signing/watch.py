"""Noticing tokens plugged in or pulled out while the application runs (polling, ~2 s).

PKCS#11 has C_WaitForSlotEvent, but many CA modules do not implement it and some never see a
token inserted after C_Initialize. So the watcher polls the slot list, and re-initialises the
module between polls when no session is open (re-initialising would kill an open batch).
Call `poll()` on the token executor thread, e.g. every 2 s from a UI timer.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from signing.errors import SigningError
from signing.tokens import present_tokens, sessions_open

POLL_INTERVAL_S = 2.0


@dataclass(frozen=True)
class TokenChange:
    added: frozenset[tuple[str, str]]  # (label, serial)
    removed: frozenset[tuple[str, str]]

    def __bool__(self) -> bool:
        return bool(self.added or self.removed)


class TokenWatcher:
    """Remembers which tokens a module shows and reports what changed since the last poll."""

    def __init__(self, lib: Any, *, reinitialize_when_idle: bool = True) -> None:
        self.lib = lib
        self.reinitialize_when_idle = reinitialize_when_idle
        self.present: frozenset[tuple[str, str]] = frozenset()

    def _snapshot(self) -> frozenset[tuple[str, str]]:
        try:
            tokens = present_tokens(self.lib)
        except SigningError:
            return frozenset()
        return frozenset(
            (token.label, bytes(token.serial or b"").decode("ascii", "replace")) for _s, token in tokens
        )

    def poll(self) -> TokenChange:
        if self.reinitialize_when_idle and sessions_open() == 0:
            # Some modules only see tokens inserted before C_Initialize.
            with contextlib.suppress(Exception):
                self.lib.reinitialize()
        now = self._snapshot()
        change = TokenChange(now - self.present, self.present - now)
        self.present = now
        return change
