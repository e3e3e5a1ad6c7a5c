"""The supervisor PIN: for offices whose counter PCs have no per-person OS accounts.

IT stores only a salted scrypt hash in `office.supervisor_pin` of the machine file (made by
`counter-app config hash-pin`); the dashboard asks for the PIN and, when it matches, shows
the whole office for the rest of the session. A value from the officer's own file is not
trusted: whoever can write that file could set a PIN they know. After a few wrong tries the
gate pauses, so guessing a short PIN at the counter takes hours.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from counter_app.config import Config
from counter_app.errors import KnownError

OPTION = "office.supervisor_pin"
_SCHEME = "scrypt"
_N, _R, _P = 2**15, 8, 1  # about 32 MiB and a tenth of a second per check
_MAX_MEM = 64 * 1024 * 1024
MIN_DIGITS = 4


class PinFormatError(KnownError):
    code = "supervisor_pin_invalid"


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAX_MEM, dklen=32)


def hash_pin(pin: str) -> str:
    """`scrypt:N:r:p$salt$hash` (base64) for the machine file."""
    if not (pin.isdigit() and len(pin) >= MIN_DIGITS):
        raise PinFormatError(
            f"Mã PIN phải gồm ít nhất {MIN_DIGITS} chữ số.", "Chọn một dãy số khó đoán, ví dụ 6 chữ số."
        )
    salt = secrets.token_bytes(16)
    return f"{_SCHEME}:{_N}:{_R}:{_P}${_b64(salt)}${_b64(_scrypt(pin, salt, _N, _R, _P))}"


def check_pin(pin: str, stored: str) -> bool:
    """True when `pin` matches the stored hash; a malformed hash matches nothing."""
    try:
        params, salt, digest = stored.split("$")
        scheme, n, r, p = params.split(":")
        if scheme != _SCHEME:
            return False
        expected = base64.b64decode(digest, validate=True)
        actual = _scrypt(pin, base64.b64decode(salt, validate=True), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def configured_hash(config: Config) -> str:
    """The PIN hash IT set in the machine file, or "" when there is none to trust."""
    value = str(config.get(OPTION) or "").strip()
    return value if value and config.origin(OPTION) == "machine" else ""


@dataclass(frozen=True)
class Attempt:
    ok: bool
    tries_left: int  # before the pause
    wait_s: float  # > 0: paused, nothing was checked


class PinGate:
    """A few tries, then a pause; the count starts again after a right PIN or a pause."""

    def __init__(
        self,
        stored: str,
        *,
        max_tries: int = 3,
        pause_s: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stored = stored
        self.max_tries = max_tries
        self.pause_s = pause_s
        self.clock = clock
        self._failures = 0
        self._paused_until = 0.0

    def wait_s(self) -> float:
        return max(0.0, self._paused_until - self.clock())

    def attempt(self, pin: str) -> Attempt:
        wait = self.wait_s()
        if wait > 0:
            return Attempt(False, 0, wait)
        if check_pin(pin, self.stored):
            self._failures = 0
            return Attempt(True, self.max_tries, 0.0)
        self._failures += 1
        if self._failures >= self.max_tries:
            self._failures = 0
            self._paused_until = self.clock() + self.pause_s
            return Attempt(False, 0, self.pause_s)
        return Attempt(False, self.max_tries - self._failures, 0.0)
