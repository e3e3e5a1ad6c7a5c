"""`docs/portal-api.yaml` and the sandbox agree: every documented operation is served, every served
operation is documented, and real answers over loopback validate against the documented schemas
(a small JSON-schema subset validator stands in for schemathesis, which is not installed here).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from counter_app.portal.client import PortalClient
from portal_contract.models import IDEMPOTENCY_HEADER
from sandbox.app import SandboxPortal
from sandbox.server import SandboxHandle, start_in_thread
from tests.integration.test_portal_support import birth_request

yaml = pytest.importorskip("yaml", reason="PyYAML is needed to read the OpenAPI file")
SPEC = yaml.safe_load((Path(__file__).resolve().parents[2] / "docs" / "portal-api.yaml").read_text("utf-8"))
_TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
}


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = SPEC
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def validate(value: Any, schema: dict[str, Any], where: str = "$") -> None:
    schema = _resolve(schema)
    if value is None:
        assert schema.get("nullable"), f"{where}: null not allowed"
        return
    kind = schema.get("type")
    if kind:
        ok = isinstance(value, _TYPES[kind]) and not (
            kind in ("integer", "number") and isinstance(value, bool)
        )
        assert ok, f"{where}: expected {kind}, got {type(value).__name__}"
    if "enum" in schema:
        assert value in schema["enum"], f"{where}: {value!r} not in {schema['enum']}"
    if "pattern" in schema:
        assert re.search(schema["pattern"], value), f"{where}: {value!r} does not match {schema['pattern']}"
    if isinstance(value, dict):
        for name in schema.get("required", []):
            assert name in value, f"{where}: missing {name}"
        properties = schema.get("properties", {})
        for name, item in value.items():
            if name in properties:
                validate(item, properties[name], f"{where}.{name}")
            elif isinstance(schema.get("additionalProperties"), dict):
                validate(item, schema["additionalProperties"], f"{where}.{name}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            validate(item, schema["items"], f"{where}[{index}]")


def check(response: httpx.Response, path: str, method: str) -> dict[str, Any]:
    operation = SPEC["paths"][path][method]
    documented = operation["responses"].get(str(response.status_code))
    assert documented is not None, f"{method.upper()} {path} answered undocumented {response.status_code}"
    schema = _resolve(documented)["content"]["application/json"]["schema"]
    body = response.json()
    validate(body, schema, f"{method.upper()} {path} {response.status_code}")
    return body


def test_every_documented_operation_is_served_and_vice_versa():
    served = {
        (route.path, method.lower())
        for route in SandboxPortal().starlette.routes
        for method in (route.methods or ()) - {"HEAD"}
        if route.path != "/health"
    }
    documented = {(path, method) for path, item in SPEC["paths"].items() for method in item}
    assert documented <= served, f"documented but not served: {documented - served}"
    contract = {(p, m) for p, m in served if not p.startswith("/sandbox/")}
    assert contract <= documented, f"served but not documented: {contract - documented}"


@pytest.fixture
def sandbox() -> Iterator[SandboxHandle]:
    handle = start_in_thread()
    yield handle
    handle.stop()


def test_answers_follow_the_documented_schemas(sandbox, tmp_path):
    url = sandbox.url
    with httpx.Client(base_url=url, timeout=10) as http:
        check(http.post("/oauth/token", data={"grant_type": "client_credentials"}), "/oauth/token", "post")
        check(http.post("/oauth/token", data={"grant_type": "password"}), "/oauth/token", "post")
        check(http.get("/api/v1/capabilities"), "/api/v1/capabilities", "get")
        for id_number in ("001203004567", "001203004568", "12"):
            check(
                http.post("/api/v1/accounts/lookup", json={"id_number": id_number}),
                "/api/v1/accounts/lookup",
                "post",
            )
        account = {"applicant": {"id_number": "001203004567", "full_name": "Võ Thị Mẫu"}, "consent": True}
        for key in ("a1", "a2"):
            check(
                http.post("/api/v1/accounts", json=account, headers={IDEMPOTENCY_HEADER: key}),
                "/api/v1/accounts",
                "post",
            )
        check(
            http.post(
                "/api/v1/accounts", json={**account, "consent": False}, headers={IDEMPOTENCY_HEADER: "a3"}
            ),
            "/api/v1/accounts",
            "post",
        )
        check(http.post("/api/v1/accounts", json=account), "/api/v1/accounts", "post")
        http.put("/sandbox/settings", json={"allow_create_account": False})
        check(
            http.post("/api/v1/accounts", json=account, headers={IDEMPOTENCY_HEADER: "a4"}),
            "/api/v1/accounts",
            "post",
        )

        check(
            http.post("/api/v1/dossiers", json={}, headers={IDEMPOTENCY_HEADER: "d0"}),
            "/api/v1/dossiers",
            "post",
        )
        check(http.post("/api/v1/dossiers", files={"x": ("a", b"b")}), "/api/v1/dossiers", "post")
        request = birth_request(tmp_path, "HS-OAS")
        metadata = json.dumps(request.wire()).encode()
        files = [("metadata", (None, metadata, "application/json"))] + [
            (f"file{i}", (c.file_name, Path(c.path or "").read_bytes(), "application/pdf"))
            for i, c in enumerate(request.components)
        ]
        created = check(
            http.post("/api/v1/dossiers", files=files, headers={IDEMPOTENCY_HEADER: "d1"}),
            "/api/v1/dossiers",
            "post",
        )
        replay = http.post("/api/v1/dossiers", files=files, headers={IDEMPOTENCY_HEADER: "d1"})
        assert (
            replay.headers["Idempotent-Replayed"] == "true"
            and check(replay, "/api/v1/dossiers", "post") == created
        )
        other = birth_request(tmp_path, "HS-OTHER")
        conflict = [("metadata", (None, json.dumps(other.wire()).encode(), "application/json")), *files[1:]]
        assert (
            http.post("/api/v1/dossiers", files=conflict, headers={IDEMPOTENCY_HEADER: "d1"}).status_code
            == 409
        )
        check(http.get(f"/api/v1/dossiers/{created['dossier_code']}"), "/api/v1/dossiers/{code}", "get")
        check(http.get("/api/v1/dossiers/none-000000-0000"), "/api/v1/dossiers/{code}", "get")

        event = {
            "event_id": "e1",
            "seq": 1,
            "ts": "2026-11-25T00:00:00+00:00",
            "kind": "submitted",
            "office_code": "X",
        }
        check(http.post("/collector/events", json={"events": [event]}), "/collector/events", "post")
        check(http.post("/collector/events", json={"events": [{"seq": "one"}]}), "/collector/events", "post")
        check(http.get("/collector/summary"), "/collector/summary", "get")
        chain = check(http.get("/collector/chain", params={"office": "X"}), "/collector/chain", "get")
        assert chain["first_bad"] == {"seq": 1, "reason": "chain_broken"}  # no hashes in this event
        check(http.get("/collector/chain"), "/collector/chain", "get")
        check(http.get("/sandbox/dossiers"), "/sandbox/dossiers", "get")
        check(http.put("/sandbox/faults", json={"latency_ms": 1}), "/sandbox/faults", "put")
        check(http.get("/sandbox/faults"), "/sandbox/faults", "get")
    with PortalClient(url) as client:
        assert client.status(created["dossier_code"]).dossier_code == created["dossier_code"]
