"""What the officer sees in the queue: rejected jobs stop with the portal's message, can be fixed and
resent with the same key, or cancelled; nothing is ever left in `sending`. Real sandbox over
loopback, real SQLite files.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from counter_app.context import AppContext
from counter_app.events import iter_events
from counter_app.portal.client import PortalClient
from counter_app.portal.outbox import Outbox, OutboxError
from counter_app.portal.worker import Backoff, OutboxWorker
from sandbox.faults import FaultSpec
from sandbox.server import SandboxHandle, start_in_thread
from tests.integration.test_portal_support import birth_request, open_outbox, sandbox_dossiers


@pytest.fixture
def sandbox() -> Iterator[SandboxHandle]:
    handle = start_in_thread()
    yield handle
    handle.stop()


@pytest.fixture
def queue(sandbox, tmp_path):
    db, _events, outbox = open_outbox(tmp_path / "counter.sqlite3")
    client = PortalClient(sandbox.url, timeout_s=5)
    worker = OutboxWorker(outbox, client, backoff=Backoff(base_s=0.05, max_s=0.2), idle_poll_s=0.1).start()
    yield outbox, worker
    worker.stop()
    client.close()
    db.close()


def test_a_rejected_job_needs_attention_then_is_fixed_and_sent_with_the_same_key(queue, sandbox, tmp_path):
    outbox, _ = queue
    bad = birth_request(tmp_path / "a", "HS-FIX", procedure_code="9.000000")
    job = outbox.wait_settled(outbox.enqueue_submission("HS-FIX", bad).id, 15)
    assert job.state == "needs_attention" and job.state_label == "Cần xử lý"
    assert "không có trong danh mục" in job.last_error["message"]
    assert job.last_error["portal_code"] == "unknown_procedure"
    assert sandbox_dossiers(sandbox.url) == []

    fixed = birth_request(tmp_path / "a", "HS-FIX")
    resent = outbox.wait_settled(outbox.retry(job.id, fixed).id, 15)
    assert resent.state == "sent" and resent.idempotency_key == job.idempotency_key
    assert [d["local_ref"] for d in sandbox_dossiers(sandbox.url)] == ["HS-FIX"]
    failed = [e.payload for e in iter_events(outbox.db, kinds=("submission_failed",))]
    assert failed[0]["reason"] == "portal_rejected" and failed[0]["retryable"] is False


def test_a_missing_local_file_stops_the_job_with_our_message(queue, tmp_path):
    outbox, _ = queue
    request = birth_request(tmp_path / "b", "HS-GONE")
    (tmp_path / "b" / "giay_chung_sinh.pdf").unlink()
    job = outbox.wait_settled(outbox.enqueue_submission("HS-GONE", request).id, 15)
    assert job.state == "needs_attention"
    assert job.last_error["code"] == "component_file_missing"
    assert "Không đọc được tệp" in job.last_error["message"]


def test_portal_down_keeps_retrying_then_sends_when_it_is_back(tmp_path):
    handle = start_in_thread(faults=FaultSpec(error_rate=1.0))
    db, _events, outbox = open_outbox(tmp_path / "c.sqlite3")
    client = PortalClient(handle.url, timeout_s=5)
    worker = OutboxWorker(outbox, client, backoff=Backoff(base_s=0.05, max_s=0.1), idle_poll_s=0.1).start()
    try:
        job = outbox.enqueue_submission("HS-DOWN", birth_request(tmp_path / "c", "HS-DOWN"))
        failing = outbox.wait_settled(job.id, 1.0)
        assert failing.state in ("failed", "sending", "queued") and failing.attempts >= 1
        seen = outbox.get(job.id)
        assert seen.last_error is None or seen.last_error["code"] == "portal_down"
        handle.set_faults(FaultSpec())
        sent = outbox.wait_settled(job.id, 10)
        assert sent.state == "sent" and sent.attempts >= 2
    finally:
        worker.stop()
        client.close()
        handle.stop()
        db.close()


def test_cancel_and_retry_rules(tmp_path):
    db, _events, outbox = open_outbox(tmp_path / "d.sqlite3")
    try:
        job = outbox.enqueue_submission("HS-C", birth_request(tmp_path / "d", "HS-C"))
        cancelled = outbox.cancel(job.id)
        assert cancelled.state == "cancelled"
        with pytest.raises(OutboxError) as caught:
            outbox.cancel(job.id)
        assert caught.value.code == "outbox_cannot_cancel"
        assert outbox.retry(job.id).state == "queued"
        claimed = outbox.claim(job.id)
        assert claimed is not None and claimed.state == "sending"
        with pytest.raises(OutboxError):
            outbox.cancel(job.id)
        assert outbox.recover() == [job.id]
        assert outbox.get(job.id).state == "queued"
        assert outbox.get(job.id).idempotency_key == job.idempotency_key
    finally:
        db.close()


def test_the_stored_request_is_sealed_when_a_data_key_is_given(tmp_path):
    ctx = AppContext.open()
    try:
        outbox = Outbox(ctx.db, ctx.events, data_key=ctx.data_key)
        request = birth_request(tmp_path, "HS-SEAL")
        job = outbox.enqueue_submission("HS-SEAL", request)
        raw = (
            ctx.db.connection()
            .execute("SELECT payload FROM outbox_jobs WHERE id = ?", (job.id,))
            .fetchone()[0]
        )
        assert request.applicant.full_name not in raw and request.applicant.id_number not in raw
        assert outbox.request_of(job) == request
        queued = next(iter_events(ctx.db, kinds=("submission_queued",)))
        assert request.applicant.id_number not in str(queued.payload)
    finally:
        ctx.close()


@pytest.mark.parametrize("peer", ["malformed", "tls"])
def test_a_broken_peer_ends_the_job_in_needs_attention_not_in_sending(tmp_path, peer):
    """Malformed answers (an HTML page from a broken gateway) and TLS failures stop the job with our message."""
    from http.server import ThreadingHTTPServer

    from tests.integration.test_portal_contract import _MalformedHandler, _self_signed

    server = handle = None
    if peer == "malformed":
        server = ThreadingHTTPServer(("127.0.0.1", 0), _MalformedHandler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}"
    else:
        handle = start_in_thread(tls=_self_signed(tmp_path))
        url = handle.url
    db, _events, outbox = open_outbox(tmp_path / "e.sqlite3")
    client = PortalClient(url, timeout_s=5)
    worker = OutboxWorker(outbox, client, backoff=Backoff(base_s=0.05, max_s=0.1), idle_poll_s=0.1).start()
    try:
        job = outbox.wait_settled(
            outbox.enqueue_submission("HS-P", birth_request(tmp_path / "e", "HS-P")).id, 15
        )
        assert job.state == "needs_attention"
        expected = {"malformed": "portal_bad_response", "tls": "portal_tls_failed"}[peer]
        assert job.last_error["code"] == expected and job.last_error["message"]
        assert not outbox.jobs(("sending",))
    finally:
        worker.stop()
        client.close()
        db.close()
        if server is not None:
            server.shutdown()
            server.server_close()
        if handle is not None:
            handle.stop()
