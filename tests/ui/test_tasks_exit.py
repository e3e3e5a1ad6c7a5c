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


def test_runners_of_closed_screens_do_not_stop_the_exit(qapp) -> None:
    """A screen deleted before the exit took its runner's pools with it (Qt waited for their jobs
    then); the exit's wait skips them instead of touching deleted objects."""
    from PySide6.QtWidgets import QWidget

    screen = QWidget()
    runner = TaskRunner(screen)
    runner.run(lambda: None)
    assert runner.wait(5_000)
    screen.deleteLater()
    del screen
    qapp.processEvents()
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert wait_for_all(5_000) is True
