"""The durable outbox: submissions (and progress reports) waiting for the portal, in SQLite (`outbox_jobs`).

A job is written (and fsynced by SQLite) before anything is sent, with its idempotency key
generated once at enqueue. Every attempt marks the job `sending` in its own transaction
first; a job found `sending` at start-up was interrupted mid-flight (crash, power loss) and is
queued again with the SAME key, so the portal answers with the dossier it already stored
instead of filing it twice. States:

    queued -> sending -> sent
                      -> failed (retryable: network, timeout, 5xx, 429; retried after backoff)
                      -> needs_attention (the portal rejected it, or auth/TLS/format trouble)
    queued | failed | needs_attention -> cancelled;  failed | needs_attention | cancelled -> queued

The request is stored sealed with the data key when one is given (it names the citizen).
Jobs of kind `progress` (`counter_app.portal.progress`: a filed dossier's later status change)
go through the same states, keys and backoff; their events are `progress_*`, not `submission_*`,
so the KPIs that count submissions never count them.
"""

from __future__ import annotations

import base64
import io
import json
import logging
import sqlite3
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import IO, Any

from counter_app.dossier_moves import file_accepted
from counter_app.errors import KnownError
from counter_app.events import EventLog
from counter_app.portal.errors import ComponentFileError, PortalError
from counter_app.portal.progress import KIND_PROGRESS, ProgressUpdate, queue_progress_in
from counter_app.repository import Repository
from counter_app.storage.db import Database, utc_now
from portal_contract.models import ComponentUpload, SubmissionRequest, SubmissionResult

log = logging.getLogger(__name__)

KIND_SUBMISSION = "submission"
# The events each kind of job writes as it moves (queued is written where the job is made).
_EVENTS = {
    KIND_SUBMISSION: {
        "retried": "submission_retried",
        "cancelled": "submission_cancelled",
        "failed": "submission_failed",
    },
    KIND_PROGRESS: {
        "retried": "progress_retried",
        "cancelled": "progress_cancelled",
        "failed": "progress_failed",
    },
}
SETTLED_STATES = ("sent", "needs_attention", "cancelled")
STATE_LABELS = {
    "queued": "Chờ gửi",
    "sending": "Đang gửi",
    "sent": "Đã gửi",
    "failed": "Gửi lỗi, sẽ tự gửi lại",
    "needs_attention": "Cần xử lý",
    "cancelled": "Đã hủy",
}
_SEALED_PREFIX = "sealed:"


class OutboxError(KnownError):
    code = "outbox_error"


@dataclass(frozen=True)
class OutboxJob:
    id: int
    dossier_ref: str
    kind: str
    idempotency_key: str
    state: str
    attempts: int
    next_attempt_at: str | None
    last_error: dict[str, Any] | None
    result: SubmissionResult | None
    created_at: str
    updated_at: str

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def portal_code(self) -> str | None:
        return self.result.dossier_code if self.result else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "dossier": self.dossier_ref,
            "kind": self.kind,
            "state": self.state,
            "state_label": self.state_label,
            "attempts": self.attempts,
            "next_attempt_at": self.next_attempt_at,
            "last_error": self.last_error,
            "portal_code": self.portal_code,
            "appointment_date": self.result.appointment_date if self.result else None,
            "idempotency_key": self.idempotency_key,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


def _job(row: sqlite3.Row) -> OutboxJob:
    return OutboxJob(
        id=row["id"],
        dossier_ref=row["dossier_ref"] or "",
        kind=row["kind"],
        idempotency_key=row["idempotency_key"],
        state=row["state"],
        attempts=row["attempts"],
        next_attempt_at=row["next_attempt_at"],
        last_error=json.loads(row["last_error"]) if row["last_error"] else None,
        result=SubmissionResult.from_dict(json.loads(row["result"])) if row["result"] else None,
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def _parse_ts(value: str) -> float:
    return datetime.fromisoformat(value).timestamp()


def _ts(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, timezone.utc).isoformat(timespec="milliseconds")


class Outbox:
    """The job store; `OutboxWorker` (counter_app.portal.worker) sends what it holds."""

    def __init__(
        self,
        db: Database,
        events: EventLog,
        *,
        data_key: Any = None,
        workspace: Any = None,
    ) -> None:
        self.db = db
        self.events = events
        self._key = data_key
        self._workspace = workspace
        self._listeners: list[Callable[[OutboxJob], None]] = []

    # -- what the officer does -----------------------------------------------------------

    def enqueue_submission(
        self, dossier_ref: str, request: SubmissionRequest, *, idempotency_key: str | None = None
    ) -> OutboxJob:
        """Queue a dossier for filing; the job and its event are committed together."""
        with self.db.transaction() as conn:
            job_id, _key = self.enqueue_in(conn, dossier_ref, request, idempotency_key=idempotency_key)
        return self._changed(job_id)

    def enqueue_in(
        self,
        conn: sqlite3.Connection,
        dossier_ref: str,
        request: SubmissionRequest,
        *,
        idempotency_key: str | None = None,
    ) -> tuple[int, str]:
        """The job and its event inside the caller's transaction (the workflow's `queue` step, so
        the job and the dossier's `queued` state are committed together). Returns (job id, key);
        call `announce(job_id)` once the caller has committed."""
        key = idempotency_key or str(uuid.uuid4())
        now = utc_now()
        row = conn.execute("SELECT id FROM dossiers WHERE local_ref = ?", (dossier_ref,)).fetchone()
        cur = conn.execute(
            "INSERT INTO outbox_jobs (dossier_id, dossier_ref, kind, idempotency_key, payload, state,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'queued', ?, ?)",
            (
                row["id"] if row else None,
                dossier_ref,
                KIND_SUBMISSION,
                key,
                self._seal(request, key),
                now,
                now,
            ),
        )
        job_id = int(cur.lastrowid or 0)
        self.events.append(
            "submission_queued",
            dossier_ref=dossier_ref,
            payload={
                "idempotency_key": key,
                "job_id": job_id,
                "procedure_code": request.procedure_code,
                "channel": request.channel,
                "components": len(request.components),
            },
            conn=conn,
        )
        return job_id, key

    def announce(self, job_id: int) -> OutboxJob:
        """Tell the listeners (the worker, the outbox view) about a job committed by `enqueue_in`."""
        return self._changed(job_id)

    def retry(self, job_id: int, request: SubmissionRequest | None = None) -> OutboxJob:
        """Send again now (optionally with a corrected request); the idempotency key is kept."""
        job = self.get(job_id)
        if job.state not in ("failed", "needs_attention", "cancelled", "queued"):
            raise OutboxError(
                f"Không thể gửi lại hồ sơ đang ở trạng thái «{job.state_label}».",
                "Chỉ gửi lại được hồ sơ đang chờ, gửi lỗi, cần xử lý hoặc đã hủy.",
                code="outbox_cannot_retry",
            )
        with self.db.transaction() as conn:
            params: list[Any] = [utc_now()]
            sql = "UPDATE outbox_jobs SET state = 'queued', next_attempt_at = NULL, updated_at = ?"
            if request is not None:
                sql += ", payload = ?"
                params.append(self._seal(request, job.idempotency_key))
            conn.execute(sql + " WHERE id = ?", [*params, job_id])
            self.events.append(
                _EVENTS[job.kind]["retried"],
                dossier_ref=job.dossier_ref,
                payload={"idempotency_key": job.idempotency_key, "job_id": job_id},
                conn=conn,
            )
        return self._changed(job_id)

    def cancel(self, job_id: int, reason: str = "cancelled_by_officer") -> OutboxJob:
        job = self.get(job_id)
        if job.state not in ("queued", "failed", "needs_attention"):
            raise OutboxError(
                f"Không thể hủy hồ sơ đang ở trạng thái «{job.state_label}».",
                "Hồ sơ đang gửi hoặc đã gửi thì không hủy được ở hàng đợi.",
                code="outbox_cannot_cancel",
            )
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE outbox_jobs SET state = 'cancelled', next_attempt_at = NULL, updated_at = ?"
                " WHERE id = ? AND state = ?",
                (utc_now(), job_id, job.state),
            )
            self.events.append(
                _EVENTS[job.kind]["cancelled"],
                dossier_ref=job.dossier_ref,
                payload={"reason": reason, "job_id": job_id},
                conn=conn,
            )
        return self._changed(job_id)

    # -- what the window and the CLI read --------------------------------------------------

    def get(self, job_id: int) -> OutboxJob:
        row = self.db.connection().execute("SELECT * FROM outbox_jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            raise OutboxError(f"Không có việc gửi số {job_id} trong hàng đợi.", code="outbox_job_not_found")
        return _job(row)

    def jobs(self, states: tuple[str, ...] = ()) -> list[OutboxJob]:
        sql = "SELECT * FROM outbox_jobs"
        if states:
            sql += f" WHERE state IN ({','.join('?' * len(states))})"
        return [_job(r) for r in self.db.connection().execute(sql + " ORDER BY id", states)]

    def latest_for(self, dossier_ref: str) -> OutboxJob | None:
        """The dossier's latest submission (its progress reports are not filings)."""
        row = (
            self.db.connection()
            .execute(
                "SELECT * FROM outbox_jobs WHERE dossier_ref = ? AND kind = ? ORDER BY id DESC LIMIT 1",
                (dossier_ref, KIND_SUBMISSION),
            )
            .fetchone()
        )
        return _job(row) if row else None

    def wait_settled(self, job_id: int, timeout_s: float, poll_s: float = 0.05) -> OutboxJob:
        """Block until the job is sent, needs attention or is cancelled, or the time is up."""
        deadline = time.monotonic() + timeout_s
        job = self.get(job_id)
        while job.state not in SETTLED_STATES and time.monotonic() < deadline:
            time.sleep(poll_s)
            job = self.get(job_id)
        return job

    def add_listener(self, listener: Callable[[OutboxJob], None]) -> None:
        """Called (on the thread that changed it) after each state change of a job."""
        self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[OutboxJob], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    # -- what the worker does ------------------------------------------------------------

    def recover(self) -> list[int]:
        """Queue again the jobs left `sending` by a crash; they keep their idempotency key."""
        with self.db.transaction() as conn:
            ids = [r["id"] for r in conn.execute("SELECT id FROM outbox_jobs WHERE state = 'sending'")]
            conn.execute(
                "UPDATE outbox_jobs SET state = 'queued', next_attempt_at = NULL, updated_at = ?"
                " WHERE state = 'sending'",
                (utc_now(),),
            )
        for job_id in ids:
            log.info("outbox job %s was interrupted while sending; resuming with the same key", job_id)
        return ids

    def next_due(self) -> tuple[OutboxJob | None, float]:
        """The oldest job waiting to be sent and how many seconds until it is due (FIFO)."""
        row = (
            self.db.connection()
            .execute("SELECT * FROM outbox_jobs WHERE state IN ('queued', 'failed') ORDER BY id LIMIT 1")
            .fetchone()
        )
        if row is None:
            return None, 0.0
        job = _job(row)
        wait = _parse_ts(job.next_attempt_at) - time.time() if job.next_attempt_at else 0.0
        return job, max(0.0, wait)

    def claim(self, job_id: int) -> OutboxJob | None:
        """Mark the job `sending` (committed before any byte leaves); None if it changed meanwhile."""
        now = utc_now()
        with self.db.transaction() as conn:
            cur = conn.execute(
                "UPDATE outbox_jobs SET state = 'sending', attempts = attempts + 1, last_attempt_at = ?,"
                " updated_at = ? WHERE id = ? AND state IN ('queued', 'failed')",
                (now, now, job_id),
            )
        return self._changed(job_id) if cur.rowcount == 1 else None

    def _payload(self, job: OutboxJob) -> str:
        row = (
            self.db.connection().execute("SELECT payload FROM outbox_jobs WHERE id = ?", (job.id,)).fetchone()
        )
        return self._unseal_text(row["payload"], job.idempotency_key)

    def request_of(self, job: OutboxJob) -> SubmissionRequest:
        return SubmissionRequest.from_dict(json.loads(self._payload(job)))

    def progress_of(self, job: OutboxJob) -> ProgressUpdate:
        return ProgressUpdate.from_dict(json.loads(self._payload(job)))

    def queue_progress_in(self, conn: sqlite3.Connection, dossier_ref: str, **change: Any) -> int | None:
        """A filed dossier's status change, reported through this outbox (`progress.queue_progress_in`,
        same transaction as the change); call `announce(job_id)` after the commit when not None."""
        return queue_progress_in(conn, self.events, self._seal_text, dossier_ref, **change)

    def record_progress_sent(self, job: OutboxJob, *, applicable: bool = True) -> OutboxJob:
        """The portal took the progress report (or the adapter has no progress sync: not applicable)."""
        update = self.progress_of(job)
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE outbox_jobs SET state = 'sent', last_error = NULL, next_attempt_at = NULL,"
                " updated_at = ? WHERE id = ?",
                (utc_now(), job.id),
            )
            self.events.append(
                "progress_reported",
                dossier_ref=job.dossier_ref,
                payload={
                    "status": update.status,
                    "portal_code": update.dossier_code,
                    "job_id": job.id,
                    "attempts": job.attempts,
                    "applicable": applicable,
                },
                conn=conn,
            )
        return self._changed(job.id)

    def opener(self, job: OutboxJob) -> Callable[[ComponentUpload], IO[bytes]]:
        """Opens a component's signed PDF: from the encrypted workspace, else from its path."""
        from counter_app.portal.client import open_plain_file

        def open_component(component: ComponentUpload) -> IO[bytes]:
            if component.workspace_name and self._workspace is not None:
                try:
                    # Decrypted once into memory (AES-GCM opens whole blobs) and streamed from there.
                    return io.BytesIO(self._workspace.read(job.dossier_ref, component.workspace_name))
                except KnownError as exc:
                    raise ComponentFileError(exc.message, exc.hint) from exc
            return open_plain_file(component)

        return open_component

    def record_sent(self, job: OutboxJob, result: SubmissionResult, channel: int) -> OutboxJob:
        """The portal's acceptance: the job `sent`, `submitted`, and the dossier (when the workflow
        created one) `filed`, all in one transaction (`counter_app.dossier_moves.file_accepted`)."""
        now = utc_now()
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE outbox_jobs SET state = 'sent', result = ?, last_error = NULL, next_attempt_at = NULL,"
                " updated_at = ? WHERE id = ?",
                (json.dumps(result.to_dict(), ensure_ascii=False), now, job.id),
            )
            waited_ms = int((time.time() - _parse_ts(job.created_at)) * 1000)
            self.events.append(
                "submitted",
                dossier_ref=job.dossier_ref,
                duration_ms=waited_ms,
                payload={
                    "portal_code": result.dossier_code,
                    "appointment_date": result.appointment_date,
                    "channel": channel,
                    "received_at": result.received_at,
                    "job_id": job.id,
                    "attempts": job.attempts,
                    "replayed": result.replayed,
                },
                conn=conn,
            )
            # The dossier row (when the workflow created one) is filed in the same commit.
            file_accepted(
                conn,
                self.events,
                Repository(self.db, self._key),
                job.dossier_ref,
                portal_code=result.dossier_code,
                appointment_date=result.appointment_date,
                received_at=result.received_at,
                channel=channel,
            )
        return self._changed(job.id)

    def record_failure(self, job: OutboxJob, error: KnownError, retry_in_s: float | None) -> OutboxJob:
        """`retry_in_s` None stops the job as needs_attention; otherwise it is retried later."""
        retryable = retry_in_s is not None
        state = "failed" if retryable else "needs_attention"
        next_at = _ts(time.time() + retry_in_s) if retry_in_s is not None else None
        detail = (
            error.as_dict()
            if isinstance(error, PortalError)
            else {"code": error.code, "message": error.message}
        )
        if error.hint:
            detail["hint"] = error.hint
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE outbox_jobs SET state = ?, next_attempt_at = ?, last_error = ?, updated_at = ?"
                " WHERE id = ? AND state = 'sending'",
                (state, next_at, json.dumps(detail, ensure_ascii=False), utc_now(), job.id),
            )
            self.events.append(
                _EVENTS[job.kind]["failed"],
                dossier_ref=job.dossier_ref,
                payload={
                    "reason": error.code,
                    "retryable": retryable,
                    "message": error.message,
                    "job_id": job.id,
                    "attempt": job.attempts,
                    "status": getattr(error, "status", None),
                },
                conn=conn,
            )
        return self._changed(job.id)

    # -- internals ------------------------------------------------------------------------

    def _changed(self, job_id: int) -> OutboxJob:
        job = self.get(job_id)
        for listener in list(self._listeners):
            try:
                listener(job)
            except Exception:  # a listener's bug must not lose the job's state change
                log.exception("outbox listener failed")
        return job

    def _seal(self, request: SubmissionRequest, key: str) -> str:
        return self._seal_text(json.dumps(request.to_dict(), ensure_ascii=False), key)

    def _seal_text(self, text: str, key: str) -> str:
        if self._key is None:
            return text
        blob = self._key.seal(text.encode("utf-8"), f"outbox:{key}")
        return _SEALED_PREFIX + base64.b64encode(blob).decode("ascii")

    def _unseal_text(self, stored: str, key: str) -> str:
        if stored.startswith(_SEALED_PREFIX):
            if self._key is None:
                raise OutboxError(
                    "Hồ sơ trong hàng đợi đã được mã hóa nhưng không có khóa dữ liệu để mở.",
                    "Mở ứng dụng bằng đúng thư mục dữ liệu của máy này.",
                    code="outbox_sealed",
                )
            text = self._key.open(base64.b64decode(stored[len(_SEALED_PREFIX) :]), f"outbox:{key}").decode(
                "utf-8"
            )
        else:
            text = stored
        return text
