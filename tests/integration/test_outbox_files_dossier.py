"""The outbox files the dossier itself: drained by a process with no window and no `Workflow.open`
(`counter-app outbox run`), the database shows the dossier `filed` with the portal's code, one
`submitted` event and one move to `filed`, the event chain intact. Killed mid-send, the dossier
stays truthfully `queued` until the restarted process gets the portal's (replayed) answer.

Real peers: `counter-app outbox run` as a separate process (killed with SIGKILL), the sandbox
portal over loopback, the application's own data folder and database.
"""

from __future__ import annotations

import json
import time
from datetime import timedelta

import pytest

from common import clock
from counter_app.context import AppContext
from counter_app.dossier import DossierState
from counter_app.events import iter_events, verify
from counter_app.kpi.steps import step_times
from counter_app.portal.client import PortalClient
from counter_app.portal.outbox import Outbox
from counter_app.portal.worker import OutboxWorker
from counter_app.workflow import Workflow
from sandbox.faults import FaultSpec
from sandbox.server import start_in_thread
from tests.integration.test_outbox_restart import _outbox_run
from tests.integration.test_portal_support import birth_request, sandbox_dossiers
from tests.unit.test_workflow import signed

S = DossierState


def _queued_dossier(tmp_path) -> tuple[str, int]:
    """A signed dossier put in the outbox the way the window does; the context closed after."""
    ctx = AppContext.open()
    try:
        wf = Workflow(ctx)
        dossier = signed(wf)
        outbox = Outbox(ctx.db, ctx.events, data_key=ctx.data_key, workspace=ctx.workspace)
        job = outbox.enqueue_submission(dossier.local_ref, birth_request(tmp_path, dossier.local_ref))
        wf.queue(dossier, job_id=job.id, idempotency_key=job.idempotency_key)
        assert dossier.state is S.QUEUED
        return dossier.local_ref, job.id
    finally:
        ctx.close()


def _stored(ref: str) -> tuple[dict, list]:
    """The dossier row and its events as read straight from the database (no workflow)."""
    ctx = AppContext.open()
    try:
        row = ctx.db.connection().execute("SELECT * FROM dossiers WHERE local_ref = ?", (ref,)).fetchone()
        return dict(row), [e for e in iter_events(ctx.db) if e.dossier_ref == ref]
    finally:
        ctx.close()


def _filed_moves(events: list) -> list:
    return [e for e in events if e.kind == "status_changed" and e.payload["to_state"] == "filed"]


def _drain(url: str) -> dict:
    proc = _outbox_run(url, "--timeout-s", "5", "--until-empty", "--for", "60")
    out, err = proc.communicate(timeout=90)
    assert proc.returncode == 0, err
    return json.loads(out.strip().splitlines()[-1])


def test_outbox_run_alone_files_the_queued_dossier(tmp_path):
    ref, _job_id = _queued_dossier(tmp_path)
    handle = start_in_thread()
    try:
        assert _drain(handle.url)["sent"] == 1
        [stored] = sandbox_dossiers(handle.url)
    finally:
        handle.stop()

    row, events = _stored(ref)
    assert row["state"] == S.FILED.value
    assert row["portal_code"] == stored["dossier_code"]
    assert row["appointment_date"] and row["received_at"]
    submitted = [e for e in events if e.kind == "submitted"]
    assert len(submitted) == 1 and submitted[0].payload["portal_code"] == stored["dossier_code"]
    [move] = _filed_moves(events)
    assert move.payload["from_state"] == "queued" and move.duration_ms is not None
    assert [e.kind for e in events][-2:] == ["submitted", "status_changed"]  # one commit, in order
    ctx = AppContext.open()
    try:
        assert verify(ctx.db)["ok"]
        # The time spent waiting for the portal is folded into the KPI step times like any state.
        day = clock.today()
        kinds = {s.kind for s in step_times(ctx.db, day - timedelta(days=1), day + timedelta(days=1))}
        assert "status_changed:queued" in kinds
    finally:
        ctx.close()


def test_answer_before_the_queued_step_is_stored_still_files_the_dossier(tmp_path):
    """The worker may send the job between the outbox's commit and the workflow's `queue`."""
    ctx = AppContext.open()
    handle = start_in_thread()
    try:
        wf = Workflow(ctx)
        dossier = signed(wf)
        outbox = Outbox(ctx.db, ctx.events, data_key=ctx.data_key, workspace=ctx.workspace)
        job = outbox.enqueue_submission(dossier.local_ref, birth_request(tmp_path, dossier.local_ref))
        client = PortalClient(handle.url, timeout_s=5)
        try:
            sent = OutboxWorker(outbox, client).send_one(job)
        finally:
            client.close()
        assert sent is not None and sent.state == "sent"
        assert wf.repo.load(dossier.local_ref).state is S.SIGNED  # not queued yet: left as it was
        wf.queue(dossier, job_id=job.id, idempotency_key=job.idempotency_key)
        assert dossier.state is S.FILED and dossier.portal_code == sent.portal_code
        events = [e for e in iter_events(ctx.db) if e.dossier_ref == dossier.local_ref]
        assert [m.payload["from_state"] for m in _filed_moves(events)] == ["queued"]
        assert verify(ctx.db)["ok"]
    finally:
        handle.stop()
        ctx.close()


@pytest.mark.slow
def test_killed_mid_send_the_dossier_stays_queued_then_is_filed_once(tmp_path):
    ref, job_id = _queued_dossier(tmp_path)
    handle = start_in_thread(faults=FaultSpec(lost_response_rate=1.0, hang_s=60))
    try:
        proc = _outbox_run(handle.url, "--timeout-s", "30")
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and len(sandbox_dossiers(handle.url)) != 1:
                time.sleep(0.1)
            assert len(sandbox_dossiers(handle.url)) == 1, "the portal never stored the dossier"
        finally:
            proc.kill()
            proc.wait(10)
        row, events = _stored(ref)
        # The portal has it, the counter never heard back: the truth is "queued", no code yet.
        assert row["state"] == S.QUEUED.value and row["portal_code"] is None
        assert not [e for e in events if e.kind == "submitted"]

        handle.set_faults(FaultSpec())
        assert _drain(handle.url)["sent"] == 1
        [stored] = sandbox_dossiers(handle.url)
        assert stored["replays"] == 1  # the same idempotency key: not filed twice
    finally:
        handle.stop()
    row, events = _stored(ref)
    assert row["state"] == S.FILED.value and row["portal_code"] == stored["dossier_code"]
    assert len([e for e in events if e.kind == "submitted"]) == 1
    assert len(_filed_moves(events)) == 1
    ctx = AppContext.open()
    try:
        assert Outbox(ctx.db, ctx.events).get(job_id).idempotency_key == stored["idempotency_key"]
        assert verify(ctx.db)["ok"]
    finally:
        ctx.close()


def test_queuing_is_one_transaction_with_the_outbox_job(tmp_path):
    """A failure between writing the job and recording `queued` (a crash, a power cut) leaves
    neither: the dossier is still `signed` with nothing in the outbox, and filing again works."""
    ctx = AppContext.open()
    try:
        wf = Workflow(ctx)
        dossier = signed(wf)
        outbox = Outbox(ctx.db, ctx.events, data_key=ctx.data_key, workspace=ctx.workspace)
        request = birth_request(tmp_path, dossier.local_ref)

        def enqueue_then_fail(conn):
            outbox.enqueue_in(conn, dossier.local_ref, request)
            raise OSError("power cut")

        with pytest.raises(OSError):
            wf.queue(dossier, enqueue=enqueue_then_fail)
        assert wf.open(dossier.local_ref).state is S.SIGNED
        assert outbox.latest_for(dossier.local_ref) is None
        assert not [e for e in iter_events(ctx.db) if e.kind == "submission_queued"]

        created: list[tuple[int, str]] = []

        def enqueue(conn):
            created.append(outbox.enqueue_in(conn, dossier.local_ref, request))
            return created[-1]

        wf.queue(dossier, enqueue=enqueue)
        (job_id, key) = created[0]
        assert dossier.state is S.QUEUED and dossier.details["outbox_job"] == job_id
        job = outbox.announce(job_id)
        assert job.state == "queued" and job.idempotency_key == key
        wf.queue(dossier, enqueue=lambda conn: pytest.fail("queued twice"))  # a retry: already recorded
        assert verify(ctx.db)["ok"]
    finally:
        ctx.close()
