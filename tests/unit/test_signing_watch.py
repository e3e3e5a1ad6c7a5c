"""Tokens plugged in or pulled out are noticed by polling.

Faked at the PKCS#11 boundary: SoftHSM2 tokens cannot be unplugged, and initialising a second
SoftHSM2 token would change the shared test token's module for the other tests.
"""

from __future__ import annotations

from typing import Any

from pkcs11 import TokenFlag

from signing import tokens
from signing.watch import TokenWatcher


class FakeToken:
    flags = TokenFlag.TOKEN_INITIALIZED

    def __init__(self, label: str, serial: bytes) -> None:
        self.label = label
        self.serial = serial


class FakeSlot:
    def __init__(self, token: FakeToken) -> None:
        self.token = token

    def get_token(self) -> FakeToken:
        return self.token


class FakeLib:
    """A module that, like some CA modules, only sees a new token after C_Initialize again."""

    def __init__(self) -> None:
        self.plugged: list[FakeToken] = []
        self.visible: list[FakeToken] = []
        self.reinitialized = 0

    def reinitialize(self) -> None:
        self.reinitialized += 1
        self.visible = list(self.plugged)

    def get_slots(self, token_present: bool = False) -> list[Any]:
        self.visible = [t for t in self.visible if t in self.plugged]
        return [FakeSlot(t) for t in self.visible]


def test_plugging_and_pulling_tokens_is_reported_once():
    lib = FakeLib()
    watcher = TokenWatcher(lib)
    assert not watcher.poll()
    officer = FakeToken("VNPT-CA Token", b"5431")
    lib.plugged.append(officer)
    change = watcher.poll()
    assert change.added == {("VNPT-CA Token", "5431")} and not change.removed
    assert not watcher.poll()  # nothing new
    lib.plugged.remove(officer)
    change = watcher.poll()
    assert change.removed == {("VNPT-CA Token", "5431")} and not change.added


def test_module_is_not_reinitialised_under_an_open_session(monkeypatch):
    lib = FakeLib()
    watcher = TokenWatcher(lib)
    monkeypatch.setattr(tokens, "_open_sessions", 1)
    lib.plugged.append(FakeToken("Viettel-CA", b"77"))
    assert not watcher.poll()  # the module cannot see it without C_Initialize ...
    assert lib.reinitialized == 0  # ... and a batch is running, so it is left alone
    monkeypatch.setattr(tokens, "_open_sessions", 0)
    assert watcher.poll().added == {("Viettel-CA", "77")}
    assert lib.reinitialized == 1
