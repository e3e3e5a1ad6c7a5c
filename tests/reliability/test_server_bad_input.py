"""Finding 8: the portal stand-in and the KPI collector answer 4xx, never 500, to bad bodies.

The campaign got HTTP 500 with a traceback for `metadata=[]`, `null`, `"abc"`, `components: [1,2]`,
non-UTF-8 metadata and JSON nested 100,000 deep, on `/api/v1/dossiers` and `/collector/events`;
the collector read a 300 MB body whole, and a 200 MB metadata part was read before the 422.
Each case runs over loopback HTTP against the real server, with the collector on SQLite and on a
real PostgreSQL server; Hypothesis then throws bounded random bodies at the same routes.
"""

from __future__ import annotations

import contextlib
import json
import select
import socket
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal_contract.models import API_PREFIX
from sandbox.app import SandboxSettings
from sandbox.limits import MB, BodyLimits
from sandbox.server import SandboxHandle, start_in_thread
from tests.integration.test_portal_support import birth_request

EVENTS = "/collector/events"
DOSSIERS = f"{API_PREFIX}/dossiers"
DEEP = 100_000
GOOD_EVENT = {"event_id": "e-1", "seq": 1, "ts": "2026-12-07T08:00:00+07:00", "kind": "dossier_received",
              "office_code": "XA-01"}  # fmt: skip


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(request: pytest.FixtureRequest) -> Iterator[SandboxHandle]:
    url = (
        "sqlite://"
        if request.param == "sqlite"
        else request.getfixturevalue("postgres_server").new_database()
    )
    handle = start_in_thread(collector_db=url)
    yield handle
    handle.stop()


@pytest.fixture(scope="module")
def http(server: SandboxHandle) -> Iterator[httpx.Client]:
    """A client of the collector, on each backend."""
    with httpx.Client(base_url=server.url, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def portal() -> Iterator[SandboxHandle]:
    """The portal routes store nothing in the collector: one server is enough for them."""
    handle = start_in_thread()
    yield handle
    handle.stop()


@pytest.fixture(scope="module")
def portal_http(portal: SandboxHandle) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=portal.url, timeout=30) as client:
        yield client


def _metadata_form(metadata: bytes | str, *, as_file: bool = False) -> dict:
    if as_file:
        return {"files": {"metadata": ("metadata.json", metadata, "application/json")}}
    return {"files": {"x": ("x.pdf", b"%PDF-1.7", "application/pdf")}, "data": {"metadata": metadata}}


def _submit(http: httpx.Client, **form: object) -> httpx.Response:
    return http.post(DOSSIERS, headers={"Idempotency-Key": "k-bad"}, **form)


def _assert_refused(response: httpx.Response, status: int | None = None) -> dict:
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:300])
    if status is not None:
        assert response.status_code == status, response.text[:300]
    return response.json()["error"]


@pytest.mark.parametrize(
    "metadata", ["[]", "null", '"abc"', "42", '{"components": [1, 2]}', "{", '{"applicant": []}'],
)  # fmt: skip
def test_bad_metadata_is_a_4xx(portal_http, metadata) -> None:
    _assert_refused(_submit(portal_http, **_metadata_form(metadata)))
    _assert_refused(_submit(portal_http, **_metadata_form(metadata, as_file=True)))


def test_components_that_are_not_objects_are_a_422(portal_http, tmp_path) -> None:
    metadata = birth_request(tmp_path, "HS-1").wire()
    metadata["components"] = [1, 2]
    error = _assert_refused(_submit(portal_http, **_metadata_form(json.dumps(metadata))), 422)
    assert error["field"].startswith("components")


def test_non_utf8_metadata_is_a_400(portal_http) -> None:
    _assert_refused(_submit(portal_http, **_metadata_form(b'{"office_code": "\xff\xfe"}', as_file=True)), 400)


@pytest.mark.parametrize("route", [EVENTS, DOSSIERS])
def test_json_nested_100000_deep_is_refused_before_parsing(http, route) -> None:
    deep = "[" * DEEP + "]" * DEEP
    if route == EVENTS:
        response = http.post(EVENTS, content=deep.encode(), headers={"content-type": "application/json"})
    else:
        response = _submit(http, **_metadata_form(deep, as_file=True))
    assert _assert_refused(response, 400)["code"] == "json_too_deep"


@pytest.mark.parametrize(
    "body",
    [b"[]", b"null", b'"abc"', b'{"events": [1, 2]}', b'{"events": {}}', b"\xff\xfe", b'{"events": [null]}',
     json.dumps({"events": [{**GOOD_EVENT, "seq": 2**70}]}).encode(),
     json.dumps({"events": [{**GOOD_EVENT, "event_id": "nul\u0000"}]}).encode(),
     b'{"events": [{"event_id": "\\ud800", "seq": 1, "ts": "t", "kind": "k", "office_code": "o"}]}',
     json.dumps({"events": [{**GOOD_EVENT, "payload": [1]}]}).encode(),
     json.dumps({"events": [], "office_code": 5}).encode()],
)  # fmt: skip
def test_bad_event_batches_are_a_4xx(http, body) -> None:
    _assert_refused(http.post(EVENTS, content=body, headers={"content-type": "application/json"}))


def test_bad_query_parameters_are_a_4xx(http) -> None:
    _assert_refused(http.get("/collector/chain", params={"office": "a\u0000b"}))
    _assert_refused(http.get("/collector/summary", params={"office": "x" * 5000}))


def _send_until_answered(url: str, head: bytes, chunk: bytes, most: int) -> tuple[bytes, int]:
    """Send `head` then `chunk` after `chunk` until the server answers (or `most` bytes went);
    returns (the status line, how many body bytes were sent)."""
    parts = urlsplit(url)
    sent, answer = 0, b""
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as sock:
        sock.sendall(head)
        deadline = time.monotonic() + 60
        while not answer and time.monotonic() < deadline:
            readable, writable, _ = select.select([sock], [sock] if sent < most else [], [], 1)
            try:
                if readable:
                    answer = sock.recv(4096) or b"(closed)"
                elif writable:
                    sent += sock.send(chunk)
            except (BrokenPipeError, ConnectionResetError):
                sock.settimeout(5)
                with contextlib.suppress(OSError):
                    answer = sock.recv(4096)
                break
    return answer.split(b"\r\n", 1)[0], sent


def test_a_300_mb_event_body_is_refused_without_reading_it(server) -> None:
    host = urlsplit(server.url).netloc
    head = (
        f"POST {EVENTS} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {300 * 1024 * 1024}\r\n\r\n"
    ).encode()
    status, sent = _send_until_answered(server.url, head, b" " * 65536, 300 * 1024 * 1024)
    assert b" 413 " in status
    assert sent < 32 * 1024 * 1024  # refused from the header, not after 300 MB


def test_a_streamed_body_is_refused_as_soon_as_it_passes_the_limit(server) -> None:
    host = urlsplit(server.url).netloc
    head = (
        f"POST {EVENTS} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
    ).encode()
    piece = b" " * 65536
    status, sent = _send_until_answered(
        server.url, head, b"%x\r\n%s\r\n" % (len(piece), piece), 300 * 1024 * 1024
    )
    assert b" 413 " in status
    assert sent < 64 * 1024 * 1024  # the 16 MB limit, plus what the socket buffers held


def test_a_200_mb_metadata_part_is_refused_early(portal) -> None:
    host = urlsplit(portal.url).netloc
    boundary = "ranh-gioi"
    head = (
        f"POST {DOSSIERS} HTTP/1.1\r\nHost: {host}\r\nIdempotency-Key: k-big\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\nTransfer-Encoding: chunked\r\n\r\n"
    ).encode()
    part_head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="metadata"; filename="m.json"\r\n'
        "Content-Type: application/json\r\n\r\n["
    ).encode()
    head += b"%x\r\n%s\r\n" % (len(part_head), part_head)
    piece = b"1," * 32768
    status, sent = _send_until_answered(
        portal.url, head, b"%x\r\n%s\r\n" % (len(piece), piece), 200 * 1024 * 1024
    )
    assert b" 413 " in status
    assert sent < 48 * 1024 * 1024  # the 1 MB metadata limit, plus socket buffers


def test_a_file_part_over_its_limit_is_refused_as_it_arrives(portal_http) -> None:
    big = b"%PDF-1.7 " + b"0" * (21 * 1024 * 1024)  # the stand-in's default is 20 MB per file
    form = {"files": {"file0": ("a.pdf", big, "application/pdf")}, "data": {"metadata": "{}"}}
    error = _assert_refused(_submit(portal_http, **form), 413)
    assert error["code"] == "file_too_large" and error["field"] == "file0"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)
events = st.fixed_dictionaries(
    {name: st.one_of(st.just(value), json_values, st.text()) for name, value in GOOD_EVENT.items()},
    optional={"payload": json_values, "duration_ms": json_values, "officer": json_values},
)
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(body=st.one_of(json_values, st.fixed_dictionaries({"events": st.lists(events, max_size=3)})))
def test_random_event_batches_never_get_a_5xx(http, body) -> None:
    response = http.post(
        EVENTS, content=json.dumps(body).encode(), headers={"content-type": "application/json"}
    )
    assert response.status_code < 500, response.text[:300]


@FUZZ
@given(raw=st.binary(max_size=200))
def test_random_bytes_never_get_a_5xx(http, raw) -> None:
    assert http.post(EVENTS, content=raw).status_code < 500
    assert _submit(http, **_metadata_form(raw, as_file=True)).status_code < 500


@FUZZ
@given(metadata=json_values, components=st.lists(json_values, max_size=3))
def test_random_metadata_never_gets_a_5xx(portal_http, metadata, components) -> None:
    document = {"office_code": "XA-01", "local_ref": "HS", "procedure_code": "1.001193",
                "applicant": metadata, "components": components}  # fmt: skip
    for candidate in (metadata, document):
        response = _submit(portal_http, **_metadata_form(json.dumps(candidate)))
        assert response.status_code < 500, response.text[:300]


JSON_ROUTES = [
    ("POST", f"{API_PREFIX}/accounts/lookup"),
    ("POST", f"{API_PREFIX}/accounts"),
    ("POST", "/sandbox/dossiers/HS-KHONG-CO/status"),
    ("PUT", "/sandbox/settings"),
    ("PUT", "/sandbox/faults"),  # last: faults it sets are reset before the next example
]


@settings(FUZZ, max_examples=25)  # five routes per example
@given(body=json_values | st.dictionaries(st.sampled_from(["id_number", "applicant", "status", "at", "note",
       "result_attached", "error_rate", "latency_ms", "allow_create_account"]), json_values, max_size=4))  # fmt: skip
def test_random_json_on_every_portal_route_never_gets_a_5xx(portal_http, body) -> None:
    for method, route in JSON_ROUTES:
        response = portal_http.request(
            method,
            route,
            content=json.dumps(body).encode(),  # Infinity included: Python's parser takes it
            headers={"Idempotency-Key": "k-fuzz", "content-type": "application/json"},
        )
        assert response.status_code < 500, (route, response.text[:300])
    portal_http.put("/sandbox/faults", json={"error_rate": 0, "latency_ms": 0, "drop_rate": 0, "timeout_rate": 0,
             "throttle_rate": 0, "lost_response_rate": 0})  # fmt: skip


def test_the_limits_are_configurable(tmp_path) -> None:
    handle = start_in_thread(
        settings=SandboxSettings(limits=BodyLimits.given(max_json_bytes=MB, max_json_depth=4))
    )
    try:
        with httpx.Client(base_url=handle.url, timeout=30) as client:
            big = json.dumps({"events": [], "pad": "x" * (2 * MB)}).encode()
            assert _assert_refused(client.post(EVENTS, content=big), 413)["code"] == "body_too_large"
            deep = json.dumps({"events": [{**GOOD_EVENT, "payload": {"a": {"b": {"c": {}}}}}]}).encode()
            assert _assert_refused(client.post(EVENTS, content=deep), 400)["code"] == "json_too_deep"
            assert (
                client.post(EVENTS, content=json.dumps({"events": [GOOD_EVENT]}).encode()).status_code == 200
            )
    finally:
        handle.stop()
