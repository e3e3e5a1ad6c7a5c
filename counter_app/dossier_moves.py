"""A dossier's state moves inside the caller's transaction: the workflow's steps and the outbox's
recording of the portal's answer both go through here, so a move writes the same row and the
same `status_changed` event (the KPI step times fold it) whoever makes it.

`file_accepted` is the move the outbox makes when the portal accepts a submission: it runs in
the transaction that marks the job `sent` and writes `submitted`, so whichever process drains
the outbox (the window, `counter-app outbox`, the headless intake), the dossier is `filed` the
moment the answer is stored, and never `queued` with a portal code after a crash.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from datetime import datetime
from typing import Any

from counter_app.dossier import FILED_STATES, TRANSITIONS, Dossier, DossierState, WorkflowError
from counter_app.events import EventLog
from counter_app.read_models import state_label
from counter_app.repository import Repository
from counter_app.storage.db import utc_now

log = logging.getLogger(__name__)

S = DossierState


def ms_between(start: str, end: str) -> int:
    delta = datetime.fromisoformat(end) - datetime.fromisoformat(start)
    return max(0, int(delta.total_seconds() * 1000))


def move_dossier(
    conn: sqlite3.Connection,
    events: EventLog,
    repo: Repository,
    dossier: Dossier,
    to: DossierState,
    *,
    reason: str | None = None,
    **columns: Any,
) -> None:
    """Store the move (and `columns`) and its `status_changed` event, timed by the state left."""
    if to not in TRANSITIONS[dossier.state]:
        raise WorkflowError(
            f"Hồ sơ {dossier.local_ref} đang ở bước «{state_label(dossier.state)}», không chuyển sang «{state_label(to)}» được.",
            "Hoàn thành bước hiện tại trước, hoặc mở lại hồ sơ từ danh sách hồ sơ hôm nay.",
            code="transition_not_allowed",
        )
    now = utc_now()
    spent = ms_between(dossier.state_entered_at, now)
    details = {**dossier.details, "state_entered_at": now}
    repo.update_dossier(conn, dossier, state=to, details=details, **columns)
    payload: dict[str, Any] = {"from_state": dossier.state.value, "to_state": to.value}
    if reason:
        payload["reason"] = reason
    events.append(
        "status_changed", dossier_ref=dossier.local_ref, duration_ms=spent, payload=payload, conn=conn
    )
    dossier.state = to
    dossier.details = details


def file_accepted(
    conn: sqlite3.Connection,
    events: EventLog,
    repo: Repository,
    local_ref: str,
    *,
    portal_code: str,
    appointment_date: str | None,
    received_at: str | None,
    channel: int | None = None,
) -> Dossier | None:
    """The portal accepted the dossier `local_ref`: a queued dossier moves to `filed` with the
    portal's code and appointment. Idempotent: a filed dossier is left as it is. A dossier not
    queued yet (the answer came between the outbox's commit and the workflow's `queue`) learns
    the code and is filed by `queue`; one withdrawn meanwhile only learns the code. None when no
    dossier row has that reference (a job enqueued by hand)."""
    if conn.execute("SELECT 1 FROM dossiers WHERE local_ref = ?", (local_ref,)).fetchone() is None:
        return None
    dossier = repo.load(local_ref, conn)
    columns: dict[str, Any] = {"portal_code": portal_code, "appointment_date": appointment_date}
    if dossier.state not in FILED_STATES:
        _compare_appointment(conn, events, dossier, appointment_date)
    if channel is not None:
        columns["channel"] = channel
    if dossier.state in FILED_STATES:
        if dossier.portal_code != portal_code:
            log.warning(
                "dossier %s: portal code %s differs from %s", local_ref, portal_code, dossier.portal_code
            )
        return dossier
    if dossier.state is S.QUEUED:
        move_dossier(conn, events, repo, dossier, S.FILED, received_at=received_at or utc_now(), **columns)
    else:
        log.info("dossier %s accepted by the portal while %s", local_ref, dossier.state.value)
        repo.update_dossier(conn, dossier, details=dossier.details, **columns)
    return dossier


def _compare_appointment(
    conn: sqlite3.Connection, events: EventLog, dossier: Dossier, portal_date: str | None
) -> None:
    """The portal's appointment against the counter's: a different day is kept on the dossier (the
    receipt page shows it to the officer) and recorded as `appointment_mismatch`."""
    local = dossier.local_appointment
    if local is None or not portal_date or local.date().isoformat() == portal_date[:10]:
        return
    mismatch = {"local_date": local.date().isoformat(), "portal_date": portal_date[:10]}
    dossier.details = {**dossier.details, "appointment_mismatch": mismatch}
    events.append("appointment_mismatch", dossier_ref=dossier.local_ref, payload=mismatch, conn=conn)


def accepted_job(conn: sqlite3.Connection, job_id: int) -> dict[str, Any] | None:
    """The portal's answer stored on the outbox job (`SubmissionResult.to_dict()`), if it was sent."""
    row = conn.execute("SELECT state, result FROM outbox_jobs WHERE id = ?", (job_id,)).fetchone()
    if row is None or row["state"] != "sent" or not row["result"]:
        return None
    return json.loads(row["result"])
