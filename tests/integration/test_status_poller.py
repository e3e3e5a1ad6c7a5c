"""The back office's progress reaches the KPI: a dossier filed over loopback into the real sandbox
is moved by the trainer endpoint, the status poller logs it once, and the indicators count it.

Real peers only: the sandbox portal over HTTP, the real SQLite database and event log, the
workflow and the outbox as the counter runs them.
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from datetime import time as dtime
from typing import Any

import httpx
import pytest
from PIL import Image

from counter_app import kpi
from counter_app.citizen import parse_citizen_payload
from counter_app.context import AppContext
from counter_app.dossier import ComponentStatus, PageMeta
from counter_app.events import iter_events, verify
from counter_app.intake.filing import submission_for
from counter_app.portal.client import PortalClient
from counter_app.portal.outbox import Outbox
from counter_app.portal.status_poller import StatusPoller
from counter_app.portal.worker import Backoff, OutboxWorker
from counter_app.workflow import Workflow
from sandbox.faults import FaultSpec
from sandbox.server import SandboxHandle, start_in_thread
from sandbox.store import VN_TZ
from tests.integration.test_portal_support import birth_request

CITIZEN = parse_citizen_payload(
    "079190000001||Nguyễn Thị Thử Nghiệm|15081990|Nữ|Số 12 Lê Lợi, Phường Mẫu|15082021"
)
TWO_DAYS = timedelta(days=2)
PROGRESS_KINDS = ("status_changed", "result_attached", "dossier_finished")


@pytest.fixture
def sandbox() -> Iterator[SandboxHandle]:
    handle = start_in_thread()
    yield handle
    handle.stop()


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (60, 85), "white").save(buf, "PNG", dpi=(200, 200))
    return buf.getvalue()


def file_with_workflow(ctx: AppContext, client: PortalClient) -> tuple[str, str]:
    """A walk-in birth registration digitised, signed, filed by the outbox and given its receipt."""
    wf = Workflow(ctx)
    d = wf.start()
    wf.identify(d, CITIZEN, method="qr_camera")
    wf.choose_procedure(d, "1.001193")
    for key in ("to_khai_khai_sinh", "giay_chung_sinh"):
        wf.add_page(d, key, _png(), PageMeta(60, 85, 200, "color"))
    wf.complete_capture(d)
    for c in d.components:
        if c.status is ComponentStatus.CAPTURED:
            wf.attach_pdf(d, c.key, b"%PDF-1.7 " + c.key.encode())
    wf.complete_pdfs(d)
    for c in d.components:
        if c.status is ComponentStatus.DIGITIZED:
            wf.attach_signed(d, c.key, b"%PDF-1.7 signed " + c.key.encode())
    wf.complete_signing(d, level="B-B", signer="Cán bộ Thử Nghiệm")
    outbox = Outbox(ctx.db, ctx.events, data_key=ctx.data_key, workspace=ctx.workspace)
    job = outbox.enqueue_submission(d.local_ref, submission_for(wf, d))
    wf.queue(d, job_id=job.id, idempotency_key=job.idempotency_key)
    sent = OutboxWorker(outbox, client).send_one(job)
    assert sent is not None and sent.state == "sent", sent
    d = wf.open(d.local_ref)
    wf.record_receipt(d, b"%PDF-1.7 receipt", output="printer")
    return d.local_ref, str(sent.portal_code)


def file_with_outbox(ctx: AppContext, client: PortalClient, ref: str, folder: Any) -> str:
    """A dossier filed through the outbox only (no workflow row), as a headless filing may be."""
    outbox = Outbox(ctx.db, ctx.events)
    job = outbox.enqueue_submission(ref, birth_request(folder, ref))
    sent = OutboxWorker(outbox, client).send_one(job)
    assert sent is not None and sent.state == "sent", sent
    return str(sent.portal_code)


def move(url: str, code: str, status: str, at: datetime, **extra: Any) -> dict[str, Any]:
    answer = httpx.post(
        f"{url}/sandbox/dossiers/{code}/status",
        json={"status": status, "at": at.isoformat(), **extra},
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def play_back_office(
    url: str, client: PortalClient, code: str, finish_after_appointment: timedelta
) -> datetime:
    """processing → waiting_citizen for two days → processing → finished `finish_after_appointment`
    after the end of the appointment day (never before the waiting ended); returns finished_at."""
    status = client.status(code)
    received = datetime.fromisoformat(status.received_at)
    appointment_end = datetime.combine(date.fromisoformat(status.appointment_date), dtime.max, VN_TZ)
    move(url, code, "processing", received + timedelta(seconds=1))
    waiting_from = received + timedelta(seconds=2)
    move(url, code, "waiting_citizen", waiting_from, note="Thiếu bản sao giấy chứng sinh")
    move(url, code, "processing", waiting_from + TWO_DAYS)
    finished = max(waiting_from + TWO_DAYS + timedelta(seconds=1), appointment_end + finish_after_appointment)
    finished = finished.replace(microsecond=0)
    move(url, code, "finished", finished)
    return finished


def progress_events(ctx: AppContext, ref: str) -> list[Any]:
    return [e for e in iter_events(ctx.db, kinds=PROGRESS_KINDS) if e.dossier_ref == ref]


def total(ctx: AppContext) -> kpi.KpiRow:
    [row] = kpi.compute(ctx.db, by="total")
    return row


def test_finished_dossiers_are_logged_once_and_counted_on_time_or_late(sandbox, ctx, tmp_path):
    client = PortalClient(sandbox.url)
    on_time_ref, on_time_code = file_with_workflow(ctx, client)
    late_code = file_with_outbox(ctx, client, "HS-LATE", tmp_path / "late")
    before = total(ctx)
    # The workflow's dossier digitised its components; the one put straight in the outbox logged none.
    assert (before.received, before.digitized, before.finished, before.on_time) == (2, 1, 0, 0)

    poller = StatusPoller(ctx.db, ctx.events, client)
    assert poller.poll_once(force=True).changes == []  # still "received": nothing to log

    # Finished a day after the appointment, but the citizen owed papers for two days: on time.
    finished_at = play_back_office(sandbox.url, client, on_time_code, timedelta(days=1))
    # Finished two days and an hour after the appointment with the same two days' wait: late.
    play_back_office(sandbox.url, client, late_code, TWO_DAYS + timedelta(hours=1))

    first = poller.poll_once(force=True)
    assert first.polled == 2 and not first.portal_down and first.errors == []
    assert {c.dossier: c.events for c in first.changes} == {
        on_time_ref: ("status_changed", "result_attached", "dossier_finished"),
        "HS-LATE": ("status_changed", "result_attached", "dossier_finished"),
    }
    assert poller.poll_once(force=True).polled == 0  # finished dossiers are not asked about again

    # A restart: a new poller on a newly opened database, and the same answer delivered again.
    ctx.close()
    reopened = AppContext.open()
    try:
        again = StatusPoller(reopened.db, reopened.events, client)
        assert again.poll_once(force=True).to_dict()["changed"] == 0
        assert again.record(on_time_ref, client.status(on_time_code)) is None
        events = progress_events(reopened, on_time_ref)
        kinds = [e.kind for e in events]
        assert kinds.count("result_attached") == 1 and kinds.count("dossier_finished") == 1
        portal_moves = [
            (e.payload["from_state"], e.payload["to_state"])
            for e in events
            if e.kind == "status_changed" and e.payload.get("source") == "portal"
        ]
        assert portal_moves == [("received", "finished")]  # the round saw only the latest status
        [finished] = [e for e in events if e.kind == "dossier_finished"]
        assert finished.payload["waiting_citizen_s"] == TWO_DAYS.total_seconds()
        assert datetime.fromisoformat(finished.payload["finished_at"]) == finished_at
        assert "Thiếu" not in str([e.payload for e in events])  # the back office's note stays out
        row = total(reopened)
        assert (row.finished, row.on_time, row.e_result) == (2, 1, 2)  # both results attached (4.1)
        assert row.on_time_rate == 0.5
        assert verify(reopened.db)["ok"]
    finally:
        reopened.close()
        client.close()


def test_each_step_of_the_back_office_is_logged_as_it_is_seen(sandbox, ctx, tmp_path):
    client = PortalClient(sandbox.url)
    code = file_with_outbox(ctx, client, "HS-STEPS", tmp_path)
    poller = StatusPoller(ctx.db, ctx.events, client)
    received = datetime.fromisoformat(client.status(code).received_at)
    seen = []
    for offset, status in enumerate(("processing", "waiting_citizen", "processing", "result_ready"), start=1):
        move(sandbox.url, code, status, received + timedelta(hours=offset))
        [change] = poller.poll_once(force=True).changes
        seen.append((change.from_status, change.to_status, change.events))
    assert seen == [
        ("received", "processing", ("status_changed",)),
        ("processing", "waiting_citizen", ("status_changed",)),
        ("waiting_citizen", "processing", ("status_changed",)),
        ("processing", "result_ready", ("status_changed", "result_attached")),
    ]
    move(sandbox.url, code, "finished", received + timedelta(hours=9))
    [change] = poller.poll_once(force=True).changes
    assert change.events == ("status_changed", "dossier_finished")  # the result was logged already
    [finished] = [e for e in progress_events(ctx, "HS-STEPS") if e.kind == "dossier_finished"]
    assert finished.payload["waiting_citizen_s"] == 3600.0
    client.close()


def test_a_round_while_the_portal_is_down_changes_nothing_and_raises_nothing(ctx, tmp_path):
    handle = start_in_thread()
    client = PortalClient(handle.url, timeout_s=2)
    code = file_with_outbox(ctx, client, "HS-DOWN", tmp_path)
    move(handle.url, code, "finished", datetime.now(VN_TZ) + timedelta(minutes=1))
    handle.stop()  # the portal goes away: connections are refused
    before = [e.seq for e in iter_events(ctx.db)]
    poller = StatusPoller(ctx.db, ctx.events, client, interval_s=0.0, tick_s=0.05)
    down = poller.poll_once(force=True)
    assert down.portal_down and down.polled == 0 and down.changes == []
    assert down.errors[0]["code"] == "portal_down" and "cổng" in down.errors[0]["message"]
    poller.start()  # the thread survives the outage and backs off
    time.sleep(0.3)
    assert poller.running
    poller.stop()
    assert not poller.running
    assert [e.seq for e in iter_events(ctx.db)] == before
    client.close()


def test_the_background_thread_logs_the_finish_without_being_asked(sandbox, ctx, tmp_path):
    client = PortalClient(sandbox.url)
    code = file_with_outbox(ctx, client, "HS-THREAD", tmp_path)
    move(sandbox.url, code, "finished", datetime.now(VN_TZ) + timedelta(minutes=1), result_attached=False)
    poller = StatusPoller(ctx.db, ctx.events, client, interval_s=0.0, tick_s=0.05).start()
    try:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and not progress_events(ctx, "HS-THREAD"):
            time.sleep(0.05)
    finally:
        poller.stop()
    kinds = [e.kind for e in progress_events(ctx, "HS-THREAD")]
    # Finished with the result handed over on paper only: finished, but no e-result (4.1).
    assert kinds == ["status_changed", "dossier_finished"]
    client.close()


class Clock:
    """The poller's clock, moved by the test: minutes between rounds without waiting them."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


def test_small_batches_and_at_most_one_question_per_dossier_per_interval(sandbox, ctx, tmp_path):
    client = PortalClient(sandbox.url)
    refs = [f"HS-BATCH-{i}" for i in range(3)]
    for ref in refs:
        file_with_outbox(ctx, client, ref, tmp_path / ref)
    clock = Clock()
    poller = StatusPoller(ctx.db, ctx.events, client, interval_s=600, batch_size=2, clock=clock)
    asked = sandbox.portal.asgi.counts
    start = asked["requests"]
    assert poller.poll_once().polled == 0  # just filed: the back office has not started yet
    clock.now += 601
    assert [poller.poll_once().polled for _ in range(3)] == [2, 1, 0]
    clock.now += 300
    assert poller.poll_once().polled == 0  # asked five minutes ago: not again yet
    clock.now += 301
    assert poller.poll_once().polled == 2
    assert asked["requests"] - start == 5
    client.close()


def test_the_poller_backs_off_while_the_portal_fails_and_catches_up_after(sandbox, ctx, tmp_path):
    client = PortalClient(sandbox.url)
    code = file_with_outbox(ctx, client, "HS-BACKOFF", tmp_path)
    move(sandbox.url, code, "finished", datetime.now(VN_TZ) + timedelta(minutes=1))
    sandbox.set_faults(FaultSpec(error_rate=1.0))  # every answer is a 503
    asked = sandbox.portal.asgi.counts
    poller = StatusPoller(
        ctx.db, ctx.events, client, interval_s=0.0, tick_s=0.02, backoff=Backoff(base_s=0.4, jitter=0.0)
    ).start()
    try:
        time.sleep(1.0)
        # Without backoff a 20 ms tick would have asked ~50 times; 0.4 s then 0.8 s allows 2-3.
        assert 1 <= asked["error"] <= 3 and progress_events(ctx, "HS-BACKOFF") == []
        sandbox.set_faults(FaultSpec())
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and len(progress_events(ctx, "HS-BACKOFF")) < 3:
            time.sleep(0.05)
    finally:
        poller.stop()
    assert [e.kind for e in progress_events(ctx, "HS-BACKOFF")] == list(PROGRESS_KINDS)
    client.close()


def test_a_dossier_cancelled_on_the_portal_is_logged_once_and_left_alone(sandbox, ctx, tmp_path):
    client = PortalClient(sandbox.url)
    code = file_with_outbox(ctx, client, "HS-WITHDRAWN", tmp_path)
    move(
        sandbox.url, code, "cancelled", datetime.now(VN_TZ) + timedelta(minutes=1), note="Công dân rút hồ sơ"
    )
    poller = StatusPoller(ctx.db, ctx.events, client)
    [change] = poller.poll_once(force=True).changes
    assert (change.to_status, change.events) == ("cancelled", ("status_changed",))
    assert poller.poll_once().polled == 0 and poller.poll_once(force=True).changes == []
    assert [e.kind for e in progress_events(ctx, "HS-WITHDRAWN")] == ["status_changed"]
    [row] = kpi.compute(ctx.db, by="total")
    assert (row.received, row.finished) == (1, 0)  # filed, so received; never finished
    client.close()
