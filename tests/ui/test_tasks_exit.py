"""Leaving the application when a background job never ends: a token module hanging on a reader
(seen with OpenSC while pcscd served a reader with no card) kept the window's exit waiting forever.
No hanging PKCS#11 module exists here to load, so the job below blocks on an event instead."""

from __future__ import annotations

import threading
import time

from ui.tasks import TaskRunner, wait_for_all


def test_the_exit_waits_a_bounded_time_for_a_stuck_job(qapp) -> None:
    runner = TaskRunner()
    release = threading.Event()
    runner.run(lambda: release.wait(30))
    started = time.monotonic()
    try:
        assert wait_for_all(300) is False
        assert time.monotonic() - started < 5  # one budget for every runner, not one each
    finally:
        release.set()
    assert wait_for_all(10_000) is True  # jobs that end are waited for
