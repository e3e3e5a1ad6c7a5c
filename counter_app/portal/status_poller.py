"""Following filed dossiers on the portal: the back office's progress into the local event log.

The counter files the dossier; the back office processes it and the counter only learns how it
goes from the portal's `status(code)`. `StatusPoller` asks, for every filed dossier (an outbox job
`sent`, or a dossier row with a portal code) that is not finished or cancelled, a few at a time,
no more often than `interval_s` per dossier, and writes what it learns, each once:

- `status_changed {from_state, to_state, source: "portal", portal_code}` when the portal status
  differs from the last one logged (`received` is what the submit answer said);
- `result_attached {portal_code, attached_at}` when the portal has the result file (KPI 4.2);
- `dossier_finished {finished_at, waiting_citizen_s, portal_code, appointment_date}` (KPI 2.1).

"Once" holds across restarts and across processes (the window's poller and `counter-app outbox
poll` at the same time): each write happens in one transaction that first reads what the log
already holds for the dossier. The poller writes to `ctx.events` directly rather than through
`counter_app.workflow`, because the workflow ends at `receipt_printed`: it has no states or steps
after filing, and a dossier filed headless may have no workflow row at all. The portal's `note`
is never copied into the log (a back-office note may name the citizen).

With an adapter that reports progress (`progress_sync`, the national sync), a `status_changed`
from the portal also queues its progress report in the same transaction
(`counter_app.portal.progress`; not when the portal was told that status already).

`status_changed` from the portal carries no `duration_ms`: the KPI step times read a workflow
`status_changed` duration as the officer's time in a state, and days at the back office are not.

A plain thread like the outbox worker: `start()` / `stop()`; `poll_once()` is one round (the CLI
verb `counter-app outbox poll`). When the portal is down, the round stops at the first failure,
changes nothing, and the thread waits with exponential backoff before trying again.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from common import clock as office_clock
from counter_app.errors import KnownError, error_dict
from counter_app.events import EventLog
from counter_app.portal.adapters import PortalAdapter
from counter_app.portal.errors import PortalBadResponse, PortalError, PortalRejected, PortalThrottled
from counter_app.portal.progress import queue_progress_in
from counter_app.portal.worker import Backoff
from counter_app.storage.db import Database, utc_now
from portal_contract.models import DossierStatus

log = logging.getLogger(__name__)

INTERVAL_OPTION = "portal.status_interval_min"
SOURCE = "portal"
_FIRST_STATUS = "received"  # what the submit answer says (SubmissionResult.status)
_MAX_DOSSIER_DELAY_S = 24 * 3600.0
_ENDED = (
    "SELECT dossier_ref FROM events WHERE kind IN ('dossier_finished', 'dossier_cancelled')"
    " AND dossier_ref IS NOT NULL UNION SELECT local_ref FROM dossiers WHERE state = 'cancelled'"
)


@dataclass(frozen=True)
class StatusChange:
    """What one answer of the portal added to the log for one dossier."""

    dossier: str
    portal_code: str
    from_status: str
    to_status: str
    events: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "dossier": self.dossier,
            "portal_code": self.portal_code,
            "from": self.from_status,
            "to": self.to_status,
            "events": list(self.events),
        }


@dataclass
class PollRound:
    polled: int = 0
    open: int = 0
    changes: list[StatusChange] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    portal_down: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "polled": self.polled,
            "open": self.open,
            "changed": len(self.changes),
            "changes": [c.to_dict() for c in self.changes],
            "errors": self.errors,
            "portal_down": self.portal_down,
        }


@dataclass(frozen=True)
class _Filed:
    dossier: str
    portal_code: str
    filed_epoch: float


def _plain(text: str, key: str) -> str:
    return text


def _office_time(ts: str | None) -> str | None:
    """The portal's time of a change on the office clock (None: unknown, the report says now)."""
    try:
        moment = datetime.fromisoformat(ts) if ts else None
    except ValueError:
        return None
    if moment is None or moment.tzinfo is None:
        return None
    return moment.astimezone(office_clock.now().tzinfo).isoformat(timespec="seconds")


def _epoch(ts: str | None) -> float:
    try:
        return datetime.fromisoformat(ts).timestamp() if ts else 0.0
    except ValueError:
        return 0.0


class StatusPoller:
    """`StatusPoller(db, events, client).start()`; see the module docstring."""

    def __init__(
        self,
        db: Database,
        events: EventLog,
        client: PortalAdapter,
        *,
        interval_s: float = 900.0,
        batch_size: int = 10,
        tick_s: float = 30.0,
        backoff: Backoff | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.db = db
        self.events = events
        self.client = client
        self.interval_s = interval_s
        self.batch_size = batch_size
        self.tick_s = tick_s
        self.backoff = backoff or Backoff(base_s=30.0, max_s=1800.0)
        self.clock = clock
        self._next_due: dict[str, float] = {}
        self._dossier_failures: dict[str, int] = {}
        self._portal_failures = 0
        self._portal_retry_at = 0.0
        self._ended: set[str] = set()  # finished or cancelled on the portal: nothing more will happen
        self._filed_cache: tuple[float, list[_Filed]] | None = None
        self._refresh_s = min(interval_s, 300.0)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @classmethod
    def from_config(cls, config: Any, db: Database, events: EventLog, client: PortalAdapter) -> StatusPoller:
        """Minutes between two questions about one dossier from `portal.status_interval_min` once the
        configuration declares that option; 15 until then."""
        try:
            minutes = float(config.get(INTERVAL_OPTION))
        except KeyError:
            minutes = 15.0
        return cls(db, events, client, interval_s=max(1.0, minutes) * 60)

    # -- the thread -----------------------------------------------------------------------------

    def start(self) -> StatusPoller:
        if self._thread is None or not self._thread.is_alive():
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="status-poller", daemon=True)
            self._thread.start()
        return self

    def stop(self, timeout_s: float = 10.0) -> None:
        """Waits for the request in flight, which the client's timeouts bound."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout_s)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        while not self._stop.is_set():
            if self.clock() >= self._portal_retry_at:
                try:
                    self.poll_once()
                except Exception:
                    log.exception("status poller: round failed")
            self._stop.wait(max(self.tick_s, self._portal_retry_at - self.clock()))

    # -- one round ------------------------------------------------------------------------------

    def open_dossiers(self) -> list[_Filed]:
        """Filed dossiers whose end the log does not hold yet, oldest filing first."""
        conn = self.db.connection()
        found: dict[str, _Filed] = {}
        # The ended ones are left out in SQL: over the years they are nearly all of them.
        for row in conn.execute(
            "SELECT dossier_ref, result, updated_at FROM outbox_jobs WHERE state = 'sent'"
            f" AND dossier_ref IS NOT NULL AND dossier_ref NOT IN ({_ENDED}) ORDER BY id"
        ):
            code = json.loads(row["result"] or "{}").get("dossier_code")
            if code:
                found.setdefault(
                    row["dossier_ref"], _Filed(row["dossier_ref"], code, _epoch(row["updated_at"]))
                )
        for row in conn.execute(
            "SELECT local_ref, portal_code, updated_at FROM dossiers"
            f" WHERE portal_code IS NOT NULL AND local_ref NOT IN ({_ENDED}) ORDER BY id"
        ):
            found.setdefault(
                row["local_ref"], _Filed(row["local_ref"], row["portal_code"], _epoch(row["updated_at"]))
            )
        return [f for f in found.values() if f.dossier not in self._ended]

    def _filed(self, now: float, *, fresh: bool) -> list[_Filed]:
        # Reading the open dossiers costs ~0.2 s with 100 000 filed over the years; a dossier is
        # first due an interval after filing anyway, so the list is re-read every few minutes only.
        if fresh or self._filed_cache is None or now - self._filed_cache[0] >= self._refresh_s:
            self._filed_cache = (now, self.open_dossiers())
        return [f for f in self._filed_cache[1] if f.dossier not in self._ended]

    def poll_once(self, *, force: bool = False, limit: int | None = None) -> PollRound:
        """Ask about the dossiers that are due (all open ones with `force`), `batch_size` of them
        unless `limit` says otherwise; never raises for the portal's failures."""
        now = self.clock()
        filed = self._filed(now, fresh=force)
        result = PollRound(open=len(filed))
        if force:
            due = filed
        else:
            # A dossier never asked about is first due one interval after it was filed.
            due = [f for f in filed if self._next_due.get(f.dossier, f.filed_epoch + self.interval_s) <= now]
            due.sort(key=lambda f: self._next_due.get(f.dossier, f.filed_epoch))
        cap = limit if limit is not None else (None if force else self.batch_size)
        for item in due[:cap]:
            if self._stop.is_set():
                break
            try:
                status = self.client.status(item.portal_code)
            except (PortalRejected, PortalBadResponse) as exc:
                # This dossier's answer, not the portal's health: only it waits longer.
                failures = self._dossier_failures.get(item.dossier, 0) + 1
                self._dossier_failures[item.dossier] = failures
                delay = min(_MAX_DOSSIER_DELAY_S, self.interval_s * 2**failures)
                self._next_due[item.dossier] = now + delay
                result.errors.append({"dossier": item.dossier, **error_dict(exc)})
                continue
            except PortalError as exc:
                self._portal_failures += 1
                retry_after = exc.retry_after if isinstance(exc, PortalThrottled) else 0.0
                self._portal_retry_at = now + self.backoff.delay(self._portal_failures, retry_after)
                result.portal_down = True
                result.errors.append({"dossier": item.dossier, **error_dict(exc)})
                log.info(
                    "status poller: portal unavailable (%s), next try in %.0f s",
                    exc.code,
                    self._portal_retry_at - now,
                )
                break
            result.polled += 1
            self._portal_failures = 0
            self._dossier_failures.pop(item.dossier, None)
            self._next_due[item.dossier] = now + self.interval_s
            try:
                change = self.record(item.dossier, status)
            except KnownError as exc:
                result.errors.append({"dossier": item.dossier, **error_dict(exc)})
                continue
            if change is not None:
                result.changes.append(change)
            if status.terminal:
                self._ended.add(item.dossier)
                self._next_due.pop(item.dossier, None)
        return result

    # -- writing what was learnt ----------------------------------------------------------------

    def record(self, dossier_ref: str, status: DossierStatus) -> StatusChange | None:
        """Log what `status` adds to what the log already says of the dossier (idempotent)."""
        code = status.dossier_code
        with self.db.transaction() as conn:
            last, has_result, has_finished = _FIRST_STATUS, False, False
            for kind, payload in conn.execute(
                "SELECT kind, payload FROM events WHERE dossier_ref = ?"
                " AND kind IN ('status_changed', 'result_attached', 'dossier_finished') ORDER BY seq",
                (dossier_ref,),
            ):
                if kind == "status_changed":
                    data = json.loads(payload)
                    if data.get("source") == SOURCE:
                        last = str(data.get("to_state"))
                has_result = has_result or kind == "result_attached"
                has_finished = has_finished or kind == "dossier_finished"
            written: list[str] = []

            def add(kind: str, payload: dict[str, Any]) -> None:
                self.events.append(kind, dossier_ref=dossier_ref, payload=payload, conn=conn)
                written.append(kind)

            if status.status != last:
                add(
                    "status_changed",
                    {
                        "from_state": last,
                        "to_state": status.status,
                        "source": SOURCE,
                        "portal_code": code,
                        "portal_updated_at": status.updated_at,
                    },
                )
                if getattr(self.client, "progress_sync", False):
                    # Reported on (once, committed with the change) unless the portal was told
                    # this status already: reading back the counter's own report queues nothing.
                    # No note: the back office's may name the citizen; nothing here is sealed.
                    queue_progress_in(
                        conn, self.events, _plain, dossier_ref, portal_code=code,
                        status=status.status, at=_office_time(status.updated_at),
                    )  # fmt: skip
            if status.result_attached and not has_result:
                add(
                    "result_attached",
                    {"portal_code": code, "attached_at": status.result_attached_at or status.updated_at},
                )
            if status.status == "finished" and not has_finished:
                add(
                    "dossier_finished",
                    {
                        "finished_at": status.finished_at or status.updated_at or utc_now(),
                        "waiting_citizen_s": status.waiting_citizen_s,
                        "portal_code": code,
                        "appointment_date": status.appointment_date,
                    },
                )
        if not written:
            return None
        return StatusChange(dossier_ref, code, last, status.status, tuple(written))
