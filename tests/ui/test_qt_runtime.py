"""The Qt binding itself: guards against a release that breaks a long counter session.

PySide6-Essentials 6.12.0 dropped a reference to `True` on every `Signal.emit()` from Python,
until the interpreter aborted ("deallocating True"); the task runner emits on every result and
progress step, so a day at the counter would crash. pyproject.toml pins below 6.12.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(object)


def test_signal_emit_does_not_leak_references_to_true(qapp) -> None:
    emitter = _Emitter()
    emitter.fired.connect(lambda _value: None)
    before = sys.getrefcount(True)
    for _ in range(2000):
        emitter.fired.emit(1)
    assert before - sys.getrefcount(True) < 10
