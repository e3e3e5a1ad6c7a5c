"""Fault soak: many submissions through a portal that errs, drops, hangs, throttles and loses answers.

Real peers: the sandbox portal over loopback HTTP and a real SQLite file. The worker is also
stopped and started again several times during the run. Afterwards the sandbox must hold each
dossier exactly once and the outbox must show every job sent with the portal's code.
"""

from __future__ import annotations

import time
from collections import Counter

import pytest

from counter_app.events import iter_events, verify
from counter_app.portal.client import PortalClient
from counter_app.portal.worker import Backoff, OutboxWorker
from sandbox.faults import FaultSpec
from sandbox.server import start_in_thread
from tests.integration.test_portal_support import birth_request, open_outbox, sandbox_dossiers

JOBS = 50
FAULTS = FaultSpec(
    latency_ms=5,
    error_rate=0.08,
    drop_rate=0.06,
    timeout_rate=0.05,
    throttle_rate=0.06,
    lost_response_rate=0.05,
    retry_after_s=0.2,
    hang_s=1.2,
    seed=7,
)


@pytest.mark.slow
def test_fifty_jobs_under_faults_are_filed_exactly_once(tmp_path):
    handle = start_in_thread(faults=FAULTS)
    db, _events, outbox = open_outbox(tmp_path / "counter.sqlite3")
    client = PortalClient(handle.url, timeout_s=0.8, connect_timeout_s=0.8)
    backoff = Backoff(base_s=0.02, max_s=0.3)
    try:
        jobs = [
            outbox.enqueue_submission(
                f"HS-{i:04d}", birth_request(tmp_path / f"d{i}", f"HS-{i:04d}", size=3000)
            )
            for i in range(JOBS)
        ]
        started = time.monotonic()
        deadline = started + 120
        restarts = 0
        while time.monotonic() < deadline:
            worker = OutboxWorker(outbox, client, backoff=backoff, idle_poll_s=0.2).start()
            time.sleep(1.5)
            worker.stop()
            restarts += 1
            if not outbox.jobs(("queued", "sending", "failed")):
                break
        elapsed = time.monotonic() - started
        final = [outbox.get(j.id) for j in jobs]
        assert Counter(j.state for j in final) == {"sent": JOBS}, [
            j.to_dict() for j in final if j.state != "sent"
        ]
        stored = sandbox_dossiers(handle.url)
        by_ref = Counter(d["local_ref"] for d in stored)
        assert len(stored) == JOBS, f"{len(stored)} dossiers stored for {JOBS} jobs"
        assert set(by_ref.values()) == {1}, "a dossier was filed twice"
        codes = {d["local_ref"]: d["dossier_code"] for d in stored}
        assert all(codes[j.dossier_ref] == j.portal_code for j in final)
        counts = handle.portal.asgi.counts
        assert counts["lost"] > 0 and counts["timeout"] > 0 and counts["throttle"] > 0 and counts["drop"] > 0
        assert sum(1 for d in stored if d["replays"]) >= 1, "no lost answer was recovered by a replay"
        submitted = list(iter_events(db, kinds=("submitted",)))
        assert len(submitted) == JOBS and {e.payload["channel"] for e in submitted} == {2}
        assert verify(db)["ok"]
        assert restarts >= 2
        assert elapsed < 120
    finally:
        client.close()
        handle.stop()
        db.close()
