"""The portal client against the sandbox portal over real loopback HTTP: the contract, both ends."""

from __future__ import annotations

import datetime as dt
import re
import threading
import tracemalloc
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from counter_app.portal.auth import OAuth2ClientCredentials
from counter_app.portal.client import PortalClient
from counter_app.portal.errors import (
    PortalAuthError,
    PortalBadResponse,
    PortalError,
    PortalRejected,
    PortalTLSError,
)
from sandbox.app import SandboxSettings
from sandbox.server import SandboxHandle, start_in_thread
from tests.integration.test_portal_support import OFFICE, birth_request, sandbox_dossiers

CODE_RE = re.compile(r"^" + re.escape(OFFICE) + r"-\d{6}-\d{4}$")


@pytest.fixture
def sandbox() -> Iterator[SandboxHandle]:
    handle = start_in_thread()
    yield handle
    handle.stop()


@pytest.fixture
def client(sandbox: SandboxHandle) -> Iterator[PortalClient]:
    with PortalClient(sandbox.url, timeout_s=10) as portal:
        yield portal


def test_submit_returns_code_and_appointment_and_a_repeat_returns_the_same(client, sandbox, tmp_path):
    request = birth_request(tmp_path, "HS-0001")
    first = client.submit(request, "key-A")
    again = client.submit(request, "key-A")
    assert CODE_RE.match(first.dossier_code), first.dossier_code
    today_vn = dt.datetime.now(dt.timezone(dt.timedelta(hours=7))).strftime("%y%m%d")
    assert first.dossier_code.split("-")[1] == today_vn
    assert dt.date.fromisoformat(first.appointment_date).weekday() < 5
    assert not first.replayed and again.replayed
    assert (again.dossier_code, again.appointment_date) == (first.dossier_code, first.appointment_date)
    stored = sandbox_dossiers(sandbox.url)
    assert [d["dossier_code"] for d in stored] == [first.dossier_code]
    assert stored[0]["replays"] == 1
    status = client.status(first.dossier_code)
    assert status.status == "received" and status.appointment_date == first.appointment_date


def test_second_dossier_of_the_day_gets_the_next_serial(client, tmp_path):
    first = client.submit(birth_request(tmp_path / "a", "HS-1"), "k1")
    second = client.submit(birth_request(tmp_path / "b", "HS-2"), "k2")
    assert int(second.dossier_code[-4:]) == int(first.dossier_code[-4:]) + 1


@pytest.mark.parametrize(
    ("change", "portal_code", "words"),
    [
        ({"procedure_code": "9.999999"}, "unknown_procedure", "không có trong danh mục"),
        ("drop_required", "component_missing", "Thiếu thành phần hồ sơ bắt buộc"),
        ("bad_checksum", "checksum_mismatch", "sai mã băm"),
    ],
)
def test_rejections_carry_the_portals_message(client, sandbox, tmp_path, change, portal_code, words):
    request = birth_request(tmp_path, "HS-BAD")
    if change == "drop_required":
        request = birth_request(tmp_path, "HS-BAD", components=request.components[:1])
    elif change == "bad_checksum":
        broken = request.components[0].__class__(**{**request.components[0].to_dict(), "sha256": "0" * 64})
        request = birth_request(tmp_path, "HS-BAD", components=(broken, request.components[1]))
    else:
        request = birth_request(tmp_path, "HS-BAD", **change)
    with pytest.raises(PortalRejected) as caught:
        client.submit(request, "key-bad")
    assert caught.value.portal_code == portal_code
    assert words in caught.value.message
    assert sandbox_dossiers(sandbox.url) == []


def test_oversized_file_is_refused_with_413(tmp_path):
    handle = start_in_thread(settings=SandboxSettings(max_file_bytes=50_000))
    try:
        with PortalClient(handle.url, timeout_s=10) as portal, pytest.raises(PortalRejected) as caught:
            portal.submit(birth_request(tmp_path, "HS-BIG", size=80_000), "key-big")
        assert caught.value.status == 413 and "vượt quá dung lượng" in caught.value.message
        assert caught.value.portal_code == "file_too_large"
    finally:
        handle.stop()


def test_unknown_dossier_status_is_a_clear_rejection(client):
    with pytest.raises(PortalRejected) as caught:
        client.status("000.00.01.H31-990101-9999")
    assert caught.value.status == 404 and "Không tìm thấy hồ sơ" in caught.value.message


def test_large_pdfs_are_streamed_not_held_in_memory(client, sandbox, tmp_path):
    size = 8 * 1024 * 1024
    request = birth_request(tmp_path, "HS-LARGE", size=size)
    tracemalloc.start()
    try:
        # The sandbox runs in this process too; only the client thread's allocations matter, and
        # the server spools uploads to temporary files, so the whole peak stays well under one file.
        result = client.submit(request, "key-large")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert CODE_RE.match(result.dossier_code)
    stored = sandbox_dossiers(sandbox.url)[0]["components"]
    assert [c["size"] for c in stored] == [c.size for c in request.components]
    assert peak < size // 2, f"peak {peak} bytes for two files of {size} bytes"


def test_oauth2_client_credentials():
    handle = start_in_thread(settings=SandboxSettings(client_id="office-1", client_secret="s3cret"))
    try:
        with PortalClient(handle.url) as anonymous, pytest.raises(PortalAuthError):
            anonymous.capabilities()
        wrong = OAuth2ClientCredentials(f"{handle.url}/oauth/token", "office-1", "wrong")
        with PortalClient(handle.url, auth=wrong) as bad, pytest.raises(PortalAuthError) as caught:
            bad.capabilities()
        assert caught.value.status == 401
        right = OAuth2ClientCredentials(f"{handle.url}/oauth/token", "office-1", "s3cret")
        with PortalClient(handle.url, auth=right) as good:
            assert good.capabilities().create_account is True
            assert good.find_account("001203004568").found
    finally:
        handle.stop()


def _self_signed(folder: Path) -> tuple[str, str]:
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "sandbox.test")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return str(cert_path), str(key_path)


def test_tls_is_checked_against_the_configured_ca_bundle(tmp_path):
    cert, key = _self_signed(tmp_path)
    handle = start_in_thread(tls=(cert, key))
    try:
        assert handle.url.startswith("https://")
        with PortalClient(handle.url, timeout_s=5) as system_trust, pytest.raises(PortalTLSError) as caught:
            system_trust.capabilities()
        assert caught.value.code == "portal_tls_failed" and "TLS" in caught.value.message
        with PortalClient(handle.url, timeout_s=5, ca_bundle=cert) as pinned:
            assert pinned.capabilities().api_version == "1.0"
    finally:
        handle.stop()


class _MalformedHandler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        length = int(self.headers.get("content-length", 0))
        self.rfile.read(length)
        body = b"<html><body>Gateway maintenance</body></html>"
        self.send_response(201)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_a_malformed_answer_is_a_known_error(tmp_path):
    """A stand-in for a broken integration layer: a 201 whose body is an HTML page."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _MalformedHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        with PortalClient(url, timeout_s=5) as portal, pytest.raises(PortalBadResponse) as caught:
            portal.submit(birth_request(tmp_path, "HS-HTML"), "key-html")
        assert "không đúng định dạng" in caught.value.message
    finally:
        server.shutdown()
        server.server_close()


def test_office_authenticated_by_client_certificate(tmp_path):
    """Mutual TLS: the portal only talks to an office presenting a certificate from its CA."""
    cert, key = _self_signed(tmp_path)
    handle = start_in_thread(tls=(cert, key), client_ca=cert)
    try:
        with (
            PortalClient(handle.url, timeout_s=5, ca_bundle=cert) as anonymous,
            pytest.raises(PortalError) as caught,
        ):
            anonymous.capabilities()
        assert caught.value.code in ("portal_tls_failed", "portal_down")
        with PortalClient(handle.url, timeout_s=5, ca_bundle=cert, cert=(cert, key)) as office:
            assert office.capabilities().api_version == "1.0"
    finally:
        handle.stop()


def test_demo_mode_starts_the_sandbox_in_process():
    from counter_app.context import AppContext
    from counter_app.portal.connect import connect_portal

    ctx = AppContext.open()
    try:
        assert ctx.demo_mode
        with connect_portal(ctx) as portal:
            assert portal.is_sandbox and portal.url.startswith("http://127.0.0.1:")
            assert portal.client.capabilities().create_account
    finally:
        ctx.close()
