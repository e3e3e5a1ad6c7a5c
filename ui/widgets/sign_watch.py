"""Token presence for the status bar: polled every ~2 s on the token thread, never on the UI thread.

Polls run through `tasks.run(..., serial=True)`, the same single thread as signing, so a poll
can never re-initialise a module under an open batch (and `signing.watch` also refuses to while
a session is open). A poll is not queued while the previous one is still waiting behind a batch.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from counter_app.context import AppContext
from signing.watch import POLL_INTERVAL_S
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class _ModuleWatchers:
    """One `signing.watch.TokenWatcher` per module found; touched only on the token thread."""

    def __init__(self) -> None:
        self.by_path: dict[str, Any] = {}

    def count(self, configured: Sequence[str], include_known: bool) -> int:
        from signing.errors import SigningError
        from signing.modules import discover_modules, open_module
        from signing.watch import TokenWatcher as ModuleWatcher

        total = 0
        for candidate in discover_modules(tuple(configured), known=None if include_known else {}):
            watcher = self.by_path.get(candidate.path)
            if watcher is None:
                try:
                    watcher = ModuleWatcher(open_module(candidate.path))
                except SigningError:
                    continue  # the picker and diagnostics say why; the count just skips it
                self.by_path[candidate.path] = watcher
            watcher.poll()
            total += len(watcher.present)
        return total


class TokenWatcher(QObject):
    """Emits `tokens_changed(count)` at the first poll and whenever the number of tokens changes."""

    tokens_changed = Signal(int)

    def __init__(
        self,
        ctx: AppContext,
        tasks: TaskRunner,
        parent: QObject | None = None,
        *,
        interval_ms: int = int(POLL_INTERVAL_S * 1000),
        include_known: bool = True,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = tasks
        self.include_known = include_known
        self.count: int | None = None
        self._modules = _ModuleWatchers()
        self._polling = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        self.poll()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def poll(self) -> None:
        if self._polling:
            return
        self._polling = True
        self.tasks.run(
            self._modules.count,
            on_result=self._counted,
            on_error=self._failed,
            serial=True,
            configured=list(self.ctx.config.get("signing.module_paths") or []),
            include_known=self.include_known,
        )

    def _counted(self, count: int) -> None:
        self._polling = False
        if count != self.count:
            self.count = count
            self.tokens_changed.emit(count)

    def _failed(self, exc: BaseException) -> None:
        self._polling = False
        log.warning("token poll failed: %s", exc)
