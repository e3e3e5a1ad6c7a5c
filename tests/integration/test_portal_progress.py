"""A filed dossier's later status changes reach the national sync as `CapNhatTienDoHoSoMC`,
through the outbox, exactly once, through faults; other adapters queue nothing.

Real peers: the application's own data folder and database, the workflow and the outbox worker
in this process, the DVCQG stand-in over loopback HTTP with the sandbox's fault injector (5xx
and answers lost after the work was done), the status poller against the same stand-in.
"""

from __future__ import annotations

from pathlib import Path

import httpx

from counter_app.context import AppContext
from counter_app.dossier import DossierState
from counter_app.events import iter_events
from counter_app.portal.adapters import open_adapter
from counter_app.portal.outbox import Outbox
from counter_app.portal.progress import KIND_PROGRESS
from counter_app.portal.status_poller import StatusPoller
from counter_app.portal.worker import Backoff, OutboxWorker
from counter_app.workflow import Workflow
from sandbox.faults import FaultSpec
from sandbox.server import start_in_thread
from tests.integration.test_portal_support import birth_request
from tests.unit.test_workflow import signed

S = DossierState
FAULTS = FaultSpec(error_rate=0.3, lost_response_rate=0.1, hang_s=0.2, seed=7)


def use_adapter(data_dir: Path, name: str) -> None:
    (data_dir / "config").mkdir(exist_ok=True)
    (data_dir / "config" / "config.toml").write_text(f'[portal]\nadapter = "{name}"\n', encoding="utf-8")


class Counter:
    """The counter's context, outbox and worker on one portal (what the window runs)."""

    def __init__(self, url: str) -> None:
        self.ctx = AppContext.open()
        self.wf = Workflow(self.ctx)
        self.outbox = Outbox(
            self.ctx.db, self.ctx.events, data_key=self.ctx.data_key, workspace=self.ctx.workspace
        )
        self.client = open_adapter(self.ctx.config, url, timeout_s=5)
        self.worker = OutboxWorker(
            self.outbox, self.client, backoff=Backoff(base_s=0.05, max_s=0.3), idle_poll_s=0.1
        ).start()

    def filed(self, tmp_path: Path):
        dossier = signed(self.wf)
        job = self.outbox.enqueue_submission(dossier.local_ref, birth_request(tmp_path, dossier.local_ref))
        self.wf.queue(dossier, job_id=job.id, idempotency_key=job.idempotency_key)
        assert self.outbox.wait_settled(job.id, timeout_s=60).state == "sent"
        dossier = self.wf.repo.load(dossier.local_ref)
        assert dossier.state is S.FILED and dossier.portal_code
        return dossier

    def progress_jobs(self):
        return [job for job in self.outbox.jobs() if job.kind == KIND_PROGRESS]

    def settle_progress(self):
        return [self.outbox.wait_settled(job.id, timeout_s=60) for job in self.progress_jobs()]

    def close(self) -> None:
        self.worker.stop(timeout_s=10)
        self.client.close()
        self.ctx.close()


def received(url: str) -> dict:
    return httpx.get(f"{url}/sandbox/progress", timeout=10).json()


def test_a_supplement_and_a_back_office_result_each_reach_the_national_sync_once(tmp_path, isolated_dirs):
    use_adapter(isolated_dirs, "dvcqg")
    handle = start_in_thread(flavour="dvcqg", faults=FAULTS)
    counter = Counter(handle.url)
    try:
        dossier = counter.filed(tmp_path)
        counter.wf.request_supplement(dossier, "Thiếu bản chính giấy chứng sinh")
        (job,) = counter.settle_progress()
        assert job.state == "sent" and job.idempotency_key.startswith(f"progress:{dossier.local_ref}:")
        update = counter.outbox.progress_of(job)
        first = received(handle.url)

        # The poller reads back what the counter reported: nothing is queued again (echo rule).
        handle.set_faults(FaultSpec())
        poller = StatusPoller(counter.ctx.db, counter.ctx.events, counter.client)
        assert poller.poll_once(force=True).changes[0].to_status == "waiting_citizen"
        assert len(counter.progress_jobs()) == 1
        # The back office moves it on the national portal: reported once, however often polled.
        httpx.post(f"{handle.url}/sandbox/dossiers/{dossier.portal_code}/status", json={"TrangThaiHoSo": "9"})
        poller.poll_once(force=True)
        poller.poll_once(force=True)
        handle.set_faults(FAULTS)
        jobs = counter.settle_progress()
        counts = dict(handle.portal.asgi.counts)
        second = received(handle.url)
    finally:
        counter.close()
        handle.stop()
    assert [j.state for j in jobs] == ["sent", "sent"]
    assert counts["error"] > 0  # the faults did happen
    (step,) = first["progress"]
    assert step["MaHoSo"] == dossier.portal_code and step["TrangThai"] == "5"  # waiting_citizen, mapped
    assert step["NguoiXuLy"] == "Cán bộ Demo" and step["NoiDungXuLy"] == "Thiếu bản chính giấy chứng sinh"
    assert step["ThoiDiemXuLy"] == update.at[:19].replace("-", "").replace("T", "").replace(":", "")
    assert set(step) >= {"ChucDanh", "PhongBanXuLy", "NgayBatDau", "NgayKetThucTheoQuyDinh"}
    assert [(s["MaHoSo"], s["TrangThai"]) for s in second["progress"]] == [
        (dossier.portal_code, "5"),
        (dossier.portal_code, "9"),
    ]


def test_the_change_and_its_report_are_one_commit_and_other_adapters_queue_none(tmp_path, isolated_dirs):
    """With the reference adapter (no progress sync) a supplement on a filed dossier queues
    nothing; with the national sync it queues one job, whose event shares the move's commit."""
    handle = start_in_thread()
    counter = Counter(handle.url)
    try:
        dossier = counter.filed(tmp_path)
        counter.wf.request_supplement(dossier, "Thiếu giấy tờ")
        assert counter.progress_jobs() == []
    finally:
        counter.close()
        handle.stop()

    use_adapter(isolated_dirs, "dvcqg")
    ctx = AppContext.open()
    try:
        wf = Workflow(ctx)
        dossier = wf.repo.load(dossier.local_ref)
        wf.cancel(dossier, "Công dân rút hồ sơ")  # needs_supplement -> cancelled, the portal told
        events = [e for e in iter_events(ctx.db) if e.dossier_ref == dossier.local_ref]
        outbox = Outbox(ctx.db, ctx.events, data_key=ctx.data_key)
        (job,) = [j for j in outbox.jobs() if j.kind == KIND_PROGRESS]
        stored = (
            ctx.db.connection().execute("SELECT payload FROM outbox_jobs WHERE id = ?", (job.id,)).fetchone()
        )
        update = outbox.progress_of(job)
    finally:
        ctx.close()
    move = next(e for e in events if e.kind == "status_changed" and e.payload["to_state"] == "cancelled")
    (queued,) = [e for e in events if e.kind == "progress_queued"]
    assert queued.seq == move.seq + 1  # written in the move's transaction, right after it
    assert queued.payload["status"] == "cancelled" and queued.payload["job_id"] == job.id
    assert job.idempotency_key == f"progress:{dossier.local_ref}:{move.seq}" and job.state == "queued"
    assert stored[0].startswith("sealed:")  # the officer's note is sealed like a request
    assert (update.status, update.officer, update.note) == ("cancelled", "Cán bộ Demo", "Công dân rút hồ sơ")


def test_a_report_left_from_the_national_sync_completes_as_not_applicable(isolated_dirs):
    """The configuration moved to an adapter without progress sync after a report was queued."""
    handle = start_in_thread()
    counter = Counter(handle.url)
    try:
        with counter.ctx.db.transaction() as conn:
            job_id = counter.outbox.queue_progress_in(conn, "LOCAL-1", portal_code="X-1", status="processing")
        counter.worker.wake()
        job = counter.outbox.wait_settled(job_id, timeout_s=30)
        (event,) = [e for e in iter_events(counter.ctx.db) if e.kind == "progress_reported"]
    finally:
        counter.close()
        handle.stop()
    assert job.state == "sent" and event.payload["applicable"] is False


def test_the_stand_ins_keep_their_state_across_a_restart(tmp_path, isolated_dirs):
    """Same file, same port: a resend after the restart finds the first filing and step."""
    from counter_app.config import load_config
    from counter_app.paths import app_paths
    from counter_app.portal.conformance import ConformanceKit
    from counter_app.portal.progress import ProgressUpdate
    from sandbox.catalog import load_procedures

    required = list(load_procedures()["1.001193"].required_components.items())
    for flavour in ("opencps", "dvcqg"):
        state = tmp_path / f"{flavour}.sqlite"
        handle = start_in_thread(flavour=flavour, state_path=state)
        port = int(handle.url.rsplit(":", 1)[1])
        kit = ConformanceKit(flavour, handle.url, load_config(app_paths()), required, "1.001193", timeout_s=5)
        request = kit._request()
        try:
            first = kit.adapter.submit(request, "khoa-1", kit._open)
            update = ProgressUpdate(
                first.dossier_code, "processing", "2026-03-02T09:15:00+07:00", "Cán bộ Một"
            )
            if flavour == "dvcqg":
                kit.adapter.push_progress(update, "progress:1")
            handle.stop()
            handle = start_in_thread(flavour=flavour, state_path=state, port=port)
            again = kit.adapter.submit(request, "khoa-1", kit._open)
            if flavour == "dvcqg":
                kit.adapter.push_progress(update, "progress:1")
                assert received(handle.url)["count"] == 1
            listed = httpx.get(f"{handle.url}/sandbox/dossiers", timeout=10).json()["dossiers"]
        finally:
            kit.adapter.close()
            handle.stop()
        assert again.dossier_code == first.dossier_code and again.replayed, flavour
        assert len(listed) == 1, flavour
