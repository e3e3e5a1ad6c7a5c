"""Push the local event log to the KPI collector: batches, at least once, resumable.

Every event carries its `event_id`, so the collector stores each once however often a
batch is resent (a lost answer, a crash between sending and saving the cursor). The
cursor (`sync_cursor`, one row per collector URL) only moves after the collector has
acknowledged a batch, in its own short transaction, so a crash resends at most one batch.
A failure is not an exception for the counter: it is recorded (last error, next attempt
with exponential backoff, or the collector's Retry-After) and the events stay pending.
"""

from __future__ import annotations

import json
import logging
import random
import sqlite3
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx

from common import clock
from counter_app.storage.db import Database, utc_now

log = logging.getLogger(__name__)

EVENTS_PATH = "/collector/events"
STATUS_KEY = "sync_status"
BATCH_EVENTS = 500
BATCH_BYTES = 1_000_000  # collectors behind proxies often cap bodies near 1 MB
BACKOFF_BASE_S = 5.0
BACKOFF_CAP_S = 900.0


@dataclass
class SyncResult:
    sent: int
    pending: int
    error: dict[str, str] | None = None
    retry_after_s: float | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"sent": self.sent, "pending": self.pending}
        if self.error:
            data["error"] = self.error
            data["retry_after_s"] = self.retry_after_s
        return data


@dataclass
class SyncStatus:
    """What the dashboard shows: pending events, last success, last error, next attempt."""

    target: str
    last_seq: int = 0
    pending: int = 0
    failures: int = 0
    last_success_at: str | None = None
    last_error: dict[str, str] | None = None
    next_attempt_at: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def backoff_delay(
    failures: int, retry_after_s: float | None = None, rnd: random.Random | None = None
) -> float:
    """Exponential, capped, with jitter (half to all of the step) so that many counters coming
    back online do not knock together; a collector's Retry-After is honoured as a lower bound."""
    ceiling = min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2 ** max(0, failures - 1))
    delay = (rnd or random).uniform(ceiling / 2, ceiling)
    return max(delay, retry_after_s or 0.0)


def event_to_wire(row: sqlite3.Row) -> dict[str, Any]:
    """One event as sent: every stored field, the payload as its canonical hashed text too,
    so the collector can re-verify the hash chain byte for byte."""
    return {
        "event_id": row["event_id"],
        "seq": row["seq"],
        "ts": row["ts"],
        "kind": row["kind"],
        "office_code": row["office_code"],
        "officer": row["officer"],
        "dossier_ref": row["dossier_ref"],
        "duration_ms": row["duration_ms"],
        "payload": json.loads(row["payload"]),
        "payload_text": row["payload"],
        "prev_hash": row["prev_hash"],
        "hash": row["hash"],
    }


def _status_key(target: str) -> str:
    return f"{STATUS_KEY}:{target}"


def last_synced_seq(db: Database, target: str) -> int:
    row = db.connection().execute("SELECT last_seq FROM sync_cursor WHERE target = ?", (target,)).fetchone()
    return int(row[0]) if row else 0


def sync_status(db: Database, target: str) -> SyncStatus:
    """The sync state for the dashboard, from the database alone (no network, no client)."""
    conn = db.connection()
    last = last_synced_seq(db, target)
    pending = int(conn.execute("SELECT COUNT(*) FROM events WHERE seq > ?", (last,)).fetchone()[0])
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (_status_key(target),)).fetchone()
    saved = json.loads(row[0]) if row else {}
    return SyncStatus(
        target,
        last,
        pending,
        saved.get("failures", 0),
        saved.get("last_success_at"),
        saved.get("last_error"),
        saved.get("next_attempt_at"),
    )


class SyncError(Exception):
    """A batch was not acknowledged; `code` names why (network, http_<status>, bad_answer)."""

    def __init__(self, code: str, message: str, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.retry_after_s = retry_after_s


class EventPusher:
    def __init__(
        self,
        db: Database,
        collector_url: str,
        *,
        office_code: str = "",
        client: httpx.Client | None = None,
        timeout_s: float = 30.0,
        batch_events: int = BATCH_EVENTS,
        batch_bytes: int = BATCH_BYTES,
        verify: bool | str = True,
        target: str | None = None,
    ) -> None:
        self.db = db
        self.url = collector_url.rstrip("/")
        # The cursor's name: the URL, unless the collector moves (the demo sandbox's port changes).
        self.target = target or self.url
        self.office_code = office_code
        self.batch_events = batch_events
        self.batch_bytes = batch_bytes
        self._client = client or httpx.Client(timeout=timeout_s, verify=verify)
        self._own_client = client is None

    # -- cursor and status ---------------------------------------------------------------

    def last_seq(self) -> int:
        return last_synced_seq(self.db, self.target)

    def pending(self) -> int:
        return sync_status(self.db, self.target).pending

    def status(self) -> SyncStatus:
        return sync_status(self.db, self.target)

    def due(self, now: datetime | None = None) -> bool:
        """False while backing off after a failure."""
        next_at = self.status().next_attempt_at
        if not next_at:
            return True
        return (now or clock.utc_now()) >= datetime.fromisoformat(next_at)

    def _status_key(self) -> str:
        return _status_key(self.target)

    def _save_status(self, conn: sqlite3.Connection, data: dict[str, Any]) -> None:
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (self._status_key(), json.dumps(data, ensure_ascii=False)),
        )

    # -- sending -------------------------------------------------------------------------

    def _next_batch(self, after: int) -> list[dict[str, Any]]:
        rows = (
            self.db.connection()
            .execute("SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?", (after, self.batch_events))
            .fetchall()
        )
        batch: list[dict[str, Any]] = []
        size = 0
        for row in rows:
            wire = event_to_wire(row)
            size += len(json.dumps(wire, ensure_ascii=False).encode("utf-8"))
            if batch and size > self.batch_bytes:
                break
            batch.append(wire)
        return batch

    def _post(self, batch: list[dict[str, Any]]) -> dict[str, Any]:
        body = {"office_code": self.office_code or batch[0]["office_code"], "events": batch}
        try:
            response = self._client.post(self.url + EVENTS_PATH, json=body)
        except httpx.HTTPError as exc:
            raise SyncError("network", f"{type(exc).__name__}: {exc}") from exc
        if response.status_code == 429 or response.status_code >= 500:
            retry = response.headers.get("Retry-After")
            raise SyncError(
                f"http_{response.status_code}",
                f"collector answered {response.status_code}",
                float(retry) if retry and retry.replace(".", "", 1).isdigit() else None,
            )
        if response.status_code == 413:
            raise SyncError("http_413", "the collector refused the batch as too large")
        if response.status_code >= 400:
            raise SyncError(f"http_{response.status_code}", response.text[:300])
        try:
            answer = response.json()
        except ValueError as exc:
            raise SyncError("bad_answer", "the collector's answer is not JSON") from exc
        return answer if isinstance(answer, dict) else {}

    def push_once(self, *, max_batches: int | None = None) -> SyncResult:
        """Send batches until the log is caught up, a failure, or `max_batches`."""
        sent = 0
        batches = 0
        while max_batches is None or batches < max_batches:
            batch = self._next_batch(self.last_seq())
            if not batch:
                break
            try:
                self._post(batch)
            except SyncError as exc:
                if exc.code == "http_413" and len(batch) > 1:
                    # The collector's cap is lower than ours: learn it by halving, then go on.
                    self.batch_events = max(1, len(batch) // 2)
                    continue
                return self._failed(sent, exc)
            with self.db.transaction() as conn:
                # The cursor only moves forward, even if another pusher got further meanwhile.
                conn.execute(
                    "INSERT INTO sync_cursor (target, last_seq, updated_at) VALUES (?, ?, ?)"
                    " ON CONFLICT(target) DO UPDATE SET last_seq = MAX(last_seq, excluded.last_seq),"
                    " updated_at = excluded.updated_at",
                    (self.target, batch[-1]["seq"], utc_now()),
                )
                self._save_status(conn, {"failures": 0, "last_success_at": utc_now()})
            sent += len(batch)
            batches += 1
        return SyncResult(sent, self.pending())

    def _failed(self, sent: int, exc: SyncError) -> SyncResult:
        previous = self.status()
        failures = previous.failures + 1
        delay = backoff_delay(failures, exc.retry_after_s)
        next_at = (clock.utc_now() + timedelta(seconds=delay)).isoformat(timespec="seconds")
        error = {"code": f"sync_{exc.code}", "message": exc.message}
        log.warning("sync to %s failed (%s); next attempt in %.0f s", self.url, exc.message, delay)
        with self.db.transaction() as conn:
            self._save_status(
                conn,
                {
                    "failures": failures,
                    "last_success_at": previous.last_success_at,
                    "last_error": error,
                    "next_attempt_at": next_at,
                },
            )
        return SyncResult(sent, self.pending(), error, round(delay, 1))

    def close(self) -> None:
        if self._own_client:
            self._client.close()
