"""The sandbox portal's rules: appointment dates, dossier code serials, fault specs, the KPI collector."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from sandbox.faults import FaultSpec
from sandbox.server import start_in_thread
from sandbox.store import VN_TZ, SandboxStore


def test_dossier_codes_count_per_office_and_day():
    store = SandboxStore()
    day1 = dt.datetime(2023, 5, 9, 9, 30, tzinfo=VN_TZ)
    with store.transaction() as conn:
        codes = [store.next_code(conn, "000.00.01.H31", day1) for _ in range(4)]
        other = store.next_code(conn, "000.00.02.H31", day1)
        next_day = store.next_code(conn, "000.00.01.H31", day1 + dt.timedelta(days=1))
    assert codes[-1] == "000.00.01.H31-230509-0004"
    assert other == "000.00.02.H31-230509-0001"
    assert next_day == "000.00.01.H31-230510-0001"


def test_fault_spec_parsing():
    spec = FaultSpec.parse("latency_ms=200, error_rate=0.1,throttle_rate=0.05,seed=3")
    assert (spec.latency_ms, spec.error_rate, spec.throttle_rate, spec.seed) == (200.0, 0.1, 0.05, 3)
    assert FaultSpec.parse("") == FaultSpec()
    for bad in ("nonsense=1", "error_rate", "error_rate=2", "error_rate=0.6,drop_rate=0.6"):
        with pytest.raises(ValueError):
            FaultSpec.parse(bad)


def test_injected_errors_and_throttling_reach_the_client():
    handle = start_in_thread(faults=FaultSpec(throttle_rate=1.0, retry_after_s=2.5))
    with httpx.Client(base_url=handle.url) as http:
        throttled = http.get("/api/v1/capabilities")
        assert throttled.status_code == 429 and throttled.headers["retry-after"] == "2.5"
        assert http.get("/sandbox/dossiers").status_code == 200, "inspection is never faulted"
        http.put("/sandbox/faults", json={"throttle_rate": 0.0, "error_rate": 1.0})
        failed = http.get("/api/v1/capabilities")
        assert failed.status_code == 503 and failed.json()["error"]["code"] == "sandbox_fault"
        counts = http.get("/sandbox/faults").json()["counts"]
        assert counts["throttle"] == 1 and counts["error"] == 1
    handle.stop()


def _event(seq: int) -> dict:
    return {
        "event_id": f"e-{seq}",
        "seq": seq,
        "ts": "2026-11-25T01:00:00.000+00:00",
        "kind": "submitted",
        "office_code": "000.00.01.H31",
        "officer": "demo",
        "dossier_ref": f"HS-{seq}",
        "duration_ms": 10,
        "payload": {"portal_code": "x", "appointment_date": "2026-11-25", "channel": 2},
        "prev_hash": "0" * 64,
        "hash": "1" * 64,
    }


def test_collector_is_idempotent_by_event_id():
    handle = start_in_thread()
    with httpx.Client(base_url=handle.url) as http:
        batch = {"office_code": "000.00.01.H31", "events": [_event(1), _event(2), _event(3)]}
        assert http.post("/collector/events", json=batch).json() == {
            "accepted": 3,
            "duplicates": 0,
            "last_seq": 3,
        }
        batch["events"].append(_event(4))
        assert http.post("/collector/events", json=batch).json() == {
            "accepted": 1,
            "duplicates": 3,
            "last_seq": 4,
        }
        summary = http.get("/collector/summary").json()
        assert summary["events"] == 4 and summary["by_kind"] == {"submitted": 4}
        assert summary["offices"]["000.00.01.H31"]["last_seq"] == 4
        bad = http.post("/collector/events", json={"events": [{"event_id": "x"}]})
        assert bad.status_code == 422 and bad.json()["error"]["field"] == "events[0].seq"
    handle.stop()


def test_state_file_keeps_dossiers_and_keys_across_restarts(tmp_path):
    from counter_app.portal.client import PortalClient
    from tests.integration.test_portal_support import birth_request

    state = tmp_path / "sandbox.sqlite3"
    request = birth_request(tmp_path / "pdf", "HS-KEEP")
    handle = start_in_thread(state_path=state)
    with PortalClient(handle.url) as client:
        first = client.submit(request, "keep-1")
    handle.stop()
    handle = start_in_thread(state_path=state)
    with PortalClient(handle.url) as client:
        again = client.submit(request, "keep-1")
        second = client.submit(birth_request(tmp_path / "pdf2", "HS-NEXT"), "keep-2")
    handle.stop()
    assert again.replayed and again.dossier_code == first.dossier_code
    assert second.dossier_code.endswith("-0002")
