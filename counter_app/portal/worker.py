"""The outbox worker: one plain thread that sends queued submissions to the portal, in order.

Strict FIFO: the oldest unsent job goes first, and while it waits out a backoff the later ones
wait too (a failure that deserves a backoff — network, 5xx, 429 — is the portal's, not the
job's). A rejection stops only that job. Backoff is exponential with jitter so that many
counters coming back after an outage do not hit the portal in step; a 429's Retry-After is a
floor. No Qt here: the window listens through `Outbox.add_listener`.
"""

from __future__ import annotations

import logging
import random
import threading
from dataclasses import dataclass

from counter_app.errors import KnownError
from counter_app.portal.adapters import PortalAdapter
from counter_app.portal.errors import PortalError, PortalThrottled
from counter_app.portal.outbox import Outbox, OutboxJob
from counter_app.portal.progress import KIND_PROGRESS

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Backoff:
    base_s: float = 1.0
    factor: float = 2.0
    max_s: float = 300.0
    jitter: float = 0.5  # the delay is drawn from [(1 - jitter) * d, d]

    def delay(self, attempt: int, retry_after: float = 0.0) -> float:
        ceiling = min(self.max_s, self.base_s * self.factor ** max(0, attempt - 1))
        drawn = random.uniform((1.0 - self.jitter) * ceiling, ceiling)
        return max(drawn, retry_after)


class OutboxWorker:
    """`start()` it once; `stop()` waits for the request in flight (bounded by the client timeouts)."""

    def __init__(
        self,
        outbox: Outbox,
        client: PortalAdapter,
        *,
        backoff: Backoff | None = None,
        max_attempts: int | None = None,
        idle_poll_s: float = 2.0,
    ) -> None:
        self.outbox = outbox
        self.client = client
        self.backoff = backoff or Backoff()
        self.max_attempts = max_attempts
        self.idle_poll_s = idle_poll_s
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> OutboxWorker:
        if self._thread is None or not self._thread.is_alive():
            self.outbox.add_listener(self._on_change)
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="outbox-worker", daemon=True)
            self._thread.start()
        return self

    def stop(self, timeout_s: float = 60.0) -> None:
        self._stop.set()
        self._wake.set()
        self.outbox.remove_listener(self._on_change)
        if self._thread is not None:
            self._thread.join(timeout_s)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wake(self) -> None:
        """A job was queued or retried: look now instead of at the next poll."""
        self._wake.set()

    def _on_change(self, job: OutboxJob) -> None:
        if job.state == "queued":
            self._wake.set()

    def _run(self) -> None:
        self.outbox.recover()
        while not self._stop.is_set():
            try:
                job, wait = self.outbox.next_due()
            except Exception:
                log.exception("outbox: cannot read the queue")
                job, wait = None, self.idle_poll_s
            if job is None or wait > 0:
                self._wake.wait(min(wait, self.idle_poll_s) if job else self.idle_poll_s)
                self._wake.clear()
                continue
            self.send_one(job)

    def send_one(self, job: OutboxJob) -> OutboxJob | None:
        """Claim, send and record one job; every outcome leaves it out of `sending`."""
        claimed = self.outbox.claim(job.id)
        if claimed is None:
            return None
        try:
            if claimed.kind == KIND_PROGRESS:
                return self._report(claimed)
            request = self.outbox.request_of(claimed)
            result = self.client.submit(request, claimed.idempotency_key, self.outbox.opener(claimed))
        except PortalError as exc:
            return self.outbox.record_failure(claimed, exc, self._retry_in(claimed, exc))
        except KnownError as exc:
            return self.outbox.record_failure(claimed, exc, None)
        except Exception as exc:
            log.exception("outbox: unexpected error sending job %s", claimed.id)
            bug = KnownError(
                f"Lỗi không mong đợi khi gửi hồ sơ: {type(exc).__name__}: {exc}",
                "Báo bộ phận CNTT kèm tệp nhật ký; hồ sơ vẫn được giữ trong hàng đợi.",
                code="outbox_unexpected_error",
            )
            return self.outbox.record_failure(claimed, bug, None)
        return self.outbox.record_sent(claimed, result, request.channel)

    def _report(self, job: OutboxJob) -> OutboxJob:
        """A progress report; an adapter without progress sync (the configuration changed since
        it was queued) completes it as not applicable."""
        if not getattr(self.client, "progress_sync", False):
            return self.outbox.record_progress_sent(job, applicable=False)
        self.client.push_progress(self.outbox.progress_of(job), job.idempotency_key)  # type: ignore[attr-defined]
        return self.outbox.record_progress_sent(job)

    def _retry_in(self, job: OutboxJob, exc: PortalError) -> float | None:
        if not exc.retryable:
            return None
        if self.max_attempts is not None and job.attempts >= self.max_attempts:
            return None
        retry_after = exc.retry_after if isinstance(exc, PortalThrottled) else 0.0
        return self.backoff.delay(job.attempts, retry_after)
