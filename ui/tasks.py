"""Run work off the UI thread and get the result (or the error) back on it.

`TaskRunner.run(fn, on_result=..., on_error=...)` runs `fn` on a QThreadPool; the
callbacks are invoked on the UI thread through a queued signal. Work that must be serial
(the token: PKCS#11 modules dislike concurrent sessions; saving) goes to `serial`, a pool
of one thread. Workers never touch widgets. With `on_progress`, the work receives
`progress=` (a `common.progress.Progress`: it sends `Update`s, delivered as they are to
`on_progress` on the UI thread); with `with_cancel=True` it receives `cancel=`, the task's
`common.progress.Cancel`, which `Task.cancel()` sets.
"""

from __future__ import annotations

import logging
import time
import weakref
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from common.progress import Cancel

log = logging.getLogger(__name__)


class _Relay(QObject):
    # Emitted from the worker thread; connected slots run on the UI thread (queued).
    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], relay: _Relay, kwargs: dict[str, Any]) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay
        self.kwargs = kwargs
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn(**self.kwargs)
        except BaseException as exc:  # delivered to the UI thread, which decides known vs bug
            self.relay.failed.emit(exc)
        else:
            self.relay.finished.emit(result)


class Task(QObject):
    """A handle on one running job: its cancel token, and the relay that keeps callbacks alive."""

    def __init__(self, relay: _Relay, cancel: Cancel) -> None:
        super().__init__()
        self.relay = relay
        self.cancel_token = cancel
        self.done = False

    def cancel(self) -> None:
        self.cancel_token.cancel()


_RUNNERS: weakref.WeakSet[TaskRunner] = weakref.WeakSet()


def wait_for_all(msecs: int = 15_000) -> bool:
    """Let every runner's jobs end before the process does: a job still inside a native library
    (PDFium, a PKCS#11 module) when the interpreter tears the library down crashes the exit.
    False when some job is still running after `msecs` in all: stuck inside a device's library
    (a token module hanging on a reader), it can be neither waited for nor interrupted."""
    deadline = time.monotonic() + msecs / 1000
    return all(runner.wait(max(0, int((deadline - time.monotonic()) * 1000))) for runner in list(_RUNNERS))


class TaskRunner(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        _RUNNERS.add(self)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max(2, QThreadPool.globalInstance().maxThreadCount()))
        self.serial = QThreadPool(self)
        self.serial.setMaxThreadCount(1)
        self._live: set[Task] = set()

    def run(
        self,
        fn: Callable[..., Any],
        *,
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[Any], None] | None = None,
        serial: bool = False,
        with_cancel: bool = False,
        context: QObject | None = None,
        **kwargs: Any,
    ) -> Task:
        """`context`: the widget the callbacks belong to; if it is deleted before the work ends
        (the officer closed that screen), the result is dropped instead of reaching a dead widget."""
        relay = _Relay()
        cancel = Cancel()
        task = Task(relay, cancel)
        self._live.add(task)

        def alive() -> bool:
            return context is None or shiboken6.isValid(context)

        def finish(result: Any) -> None:
            self._done(task)
            if on_result is not None and alive():
                on_result(result)

        def fail(exc: BaseException) -> None:
            self._done(task)
            if not alive():
                log.info("result of a closed screen's task dropped: %r", exc)
            elif on_error is not None:
                on_error(exc)
            else:
                log.error("background task failed", exc_info=(type(exc), exc, exc.__traceback__))

        relay.finished.connect(finish)
        relay.failed.connect(fail)
        if on_progress is not None:
            relay.progressed.connect(on_progress)
            kwargs["progress"] = relay.progressed.emit
        if with_cancel:
            kwargs["cancel"] = cancel
        (self.serial if serial else self.pool).start(_Job(fn, relay, kwargs))
        return task

    @Slot()
    def _done(self, task: Task) -> None:
        task.done = True
        self._live.discard(task)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until all jobs end (shutdown and tests only; never in a UI handler)."""
        if not (shiboken6.isValid(self.pool) and shiboken6.isValid(self.serial)):
            return True  # deleted with the screen it served: Qt's pools wait for their jobs when deleted
        return self.pool.waitForDone(msecs) and self.serial.waitForDone(msecs)
