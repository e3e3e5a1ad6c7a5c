"""The background sync loop: never blocks the counter, backs off while the collector is away."""

from __future__ import annotations

import threading
from datetime import datetime

from common import clock
from counter_app.sync.pusher import EventPusher, SyncResult


class SyncWorker(threading.Thread):
    """Pushes every `interval_s`, or sooner after catching up in pieces; `stop()` ends it."""

    def __init__(self, pusher: EventPusher, interval_s: float) -> None:
        super().__init__(name="kpi-sync", daemon=True)
        self.pusher = pusher
        self.interval_s = interval_s
        self.last: SyncResult | None = None
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self._stop_event.wait(self.step())

    def step(self) -> float:
        """One round; returns how long to wait before the next."""
        status = self.pusher.status()
        if status.next_attempt_at and not self.pusher.due():
            wait = datetime.fromisoformat(status.next_attempt_at) - clock.utc_now()
            return max(0.1, wait.total_seconds())
        self.last = self.pusher.push_once()
        if self.last.error:
            return max(0.1, self.last.retry_after_s or self.interval_s)
        return self.interval_s

    def stop(self, timeout: float | None = None) -> None:
        self._stop_event.set()
        self.join(timeout)
