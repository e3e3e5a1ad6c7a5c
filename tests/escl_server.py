"""A small conforming eSCL (AirScan) scanner over loopback, for tests.

    with EsclServer(adf_sheets=3) as server:
        client_url = server.url            # http://127.0.0.1:<port>/eSCL
        server.busy_posts = 2              # the next 2 POST ScanJobs answer 503
        server.jam_after = 1               # after 1 page the feeder jams (NextDocument 404, AdfJam)

Implements ScannerCapabilities, ScannerStatus, POST ScanJobs (201 + Location), NextDocument
(200 image, 404 when done, 503 while "warming up"), and DELETE of a job. The Location header
deliberately names a host that does not exist, so a client that trusts it fails the tests.
Everything it hears is kept in `requests` as (method, path) for assertions.
"""

from __future__ import annotations

import datetime
import io
import ssl
import threading
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

NS = {"scan": "http://schemas.hp.com/imaging/escl/2011/05/03", "pwg": "http://www.pwg.org/schemas/2010/12/sm"}
UNTRUSTED_HOST = "scanner.invalid"

_INPUT_CAPS = """
<scan:MinWidth>16</scan:MinWidth><scan:MaxWidth>2550</scan:MaxWidth>
<scan:MinHeight>32</scan:MinHeight><scan:MaxHeight>3508</scan:MaxHeight>
<scan:MaxScanRegions>1</scan:MaxScanRegions>
<scan:SettingProfiles><scan:SettingProfile>
  <scan:ColorModes><scan:ColorMode>RGB24</scan:ColorMode><scan:ColorMode>Grayscale8</scan:ColorMode>
    <scan:ColorMode>BlackAndWhite1</scan:ColorMode></scan:ColorModes>
  <scan:DocumentFormats><pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat>
    <pwg:DocumentFormat>image/png</pwg:DocumentFormat>
    <scan:DocumentFormatExt>image/jpeg</scan:DocumentFormatExt></scan:DocumentFormats>
  <scan:SupportedResolutions><scan:DiscreteResolutions>
    {resolutions}
  </scan:DiscreteResolutions></scan:SupportedResolutions>
</scan:SettingProfile></scan:SettingProfiles>
<scan:SupportedIntents><scan:Intent>Document</scan:Intent><scan:Intent>Photo</scan:Intent></scan:SupportedIntents>
"""
RESOLUTIONS = (75, 100, 150, 200, 300, 600)


def capabilities_xml() -> bytes:
    res = "".join(
        f"<scan:DiscreteResolution><scan:XResolution>{r}</scan:XResolution>"
        f"<scan:YResolution>{r}</scan:YResolution></scan:DiscreteResolution>"
        for r in RESOLUTIONS
    )
    caps = _INPUT_CAPS.format(resolutions=res)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerCapabilities xmlns:scan="{NS["scan"]}" xmlns:pwg="{NS["pwg"]}">
  <pwg:Version>2.63</pwg:Version>
  <pwg:MakeAndModel>Loopback eSCL Test Scanner</pwg:MakeAndModel>
  <pwg:SerialNumber>TEST-0001</pwg:SerialNumber>
  <scan:UUID>4509a320-00a0-008f-00b6-002507510eca</scan:UUID>
  <scan:Platen><scan:PlatenInputCaps>{caps}</scan:PlatenInputCaps></scan:Platen>
  <scan:Adf><scan:AdfSimplexInputCaps>{caps}</scan:AdfSimplexInputCaps>
    <scan:FeederCapacity>50</scan:FeederCapacity>
    <scan:AdfOptions><scan:AdfOption>DetectPaperLoaded</scan:AdfOption></scan:AdfOptions></scan:Adf>
</scan:ScannerCapabilities>""".encode()


@dataclass
class Job:
    source: str
    mode: str
    dpi: int
    width: int
    height: int
    fmt: str
    delivered: int = 0
    done: bool = False


@dataclass
class EsclServerState:
    adf_sheets: int = 3
    busy_posts: int = 0
    warming_up: int = 0  # NextDocument answers 503 this many times first
    jam_after: int | None = None
    drop_after: int | None = None  # close the connection instead of sending page drop_after+1
    adf_state: str = "ScannerAdfLoaded"
    jobs: dict[str, Job] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)
    settings_seen: list[bytes] = field(default_factory=list)


def _text(root: ET.Element, path: str, default: str) -> str:
    node = root.find(path, NS)
    return node.text.strip() if node is not None and node.text else default


def render(job: Job, number: int) -> bytes:
    width = max(1, round(job.width / 300 * job.dpi))
    height = max(1, round(job.height / 300 * job.dpi))
    image = Image.new("RGB", (width, height), (250, 250, 245))
    draw = ImageDraw.Draw(image)
    draw.rectangle((width // 10, height // 10, width // 3, height // 6), fill=(200, 30, 40))
    draw.text((width // 10, height // 4), f"Trang {number}", fill=(20, 20, 20))
    if job.mode == "Grayscale8":
        image = image.convert("L")
    elif job.mode == "BlackAndWhite1":
        image = image.convert("1")
    buffer = io.BytesIO()
    image.save(buffer, "PNG" if job.fmt == "image/png" else "JPEG", dpi=(job.dpi, job.dpi))
    return buffer.getvalue()


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output quiet

    def _send(
        self, code: int, body: bytes = b"", ctype: str = "text/xml", headers: dict | None = None
    ) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        state = self.server.state
        with self.server.lock:
            state.requests.append(("GET", self.path))
        if self.path == "/eSCL/ScannerCapabilities":
            return self._send(200, capabilities_xml())
        if self.path == "/eSCL/ScannerStatus":
            busy = any(not j.done for j in state.jobs.values())
            body = f"""<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerStatus xmlns:scan="{NS["scan"]}" xmlns:pwg="{NS["pwg"]}">
  <pwg:Version>2.63</pwg:Version><pwg:State>{"Processing" if busy else "Idle"}</pwg:State>
  <scan:AdfState>{state.adf_state}</scan:AdfState>
</scan:ScannerStatus>""".encode()
            return self._send(200, body)
        parts = self.path.strip("/").split("/")
        if len(parts) == 4 and parts[:2] == ["eSCL", "ScanJobs"] and parts[3] == "NextDocument":
            return self._next_document(parts[2])
        return self._send(404)

    def _next_document(self, job_id: str) -> None:
        state = self.server.state
        with self.server.lock:
            job = state.jobs.get(job_id)
            if job is None or job.done:
                return self._send(404)
            if state.warming_up > 0:
                state.warming_up -= 1
                return self._send(503, headers={"Retry-After": "0"})
            if state.drop_after is not None and job.delivered >= state.drop_after:
                self.close_connection = True
                self.connection.shutdown(2)
                return None
            jammed = state.jam_after is not None and job.delivered >= state.jam_after
            feeder_empty = job.source == "Feeder" and state.adf_sheets <= 0
            platen_done = job.source == "Platen" and job.delivered >= 1
            if jammed or feeder_empty or platen_done:
                job.done = True
                if jammed:
                    state.adf_state = "ScannerAdfJam"
                elif feeder_empty:
                    state.adf_state = "ScannerAdfEmpty"
                return self._send(404)
            job.delivered += 1
            if job.source == "Feeder":
                state.adf_sheets -= 1
            number = job.delivered
        return self._send(200, render(job, number), ctype=job.fmt)

    def do_POST(self) -> None:
        state = self.server.state
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with self.server.lock:
            state.requests.append(("POST", self.path))
            if self.path != "/eSCL/ScanJobs":
                return self._send(404)
            if state.busy_posts > 0:
                state.busy_posts -= 1
                return self._send(503, headers={"Retry-After": "0"})
            state.settings_seen.append(body)
            root = ET.fromstring(body)
            source = _text(root, "pwg:InputSource", "Platen")
            if source == "Feeder" and state.adf_sheets <= 0:
                state.adf_state = "ScannerAdfEmpty"
                return self._send(409)
            job_id = str(uuid.uuid4())
            state.jobs[job_id] = Job(
                source=source,
                mode=_text(root, "scan:ColorMode", "RGB24"),
                dpi=int(_text(root, "scan:XResolution", "300")),
                width=int(_text(root, ".//pwg:Width", "2480")),
                height=int(_text(root, ".//pwg:Height", "3508")),
                fmt=_text(root, "pwg:DocumentFormat", "image/jpeg"),
            )
        # A device that believes it is called something else: the client must ignore this host.
        location = f"http://{UNTRUSTED_HOST}:{self.server.server_port}/eSCL/ScanJobs/{job_id}"
        return self._send(201, headers={"Location": location})

    def do_DELETE(self) -> None:
        state = self.server.state
        with self.server.lock:
            state.requests.append(("DELETE", self.path))
            job_id = self.path.rstrip("/").split("/")[-1]
            job = state.jobs.get(job_id)
            if job is None:
                return self._send(404)
            job.done = True
        return self._send(200)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, state: EsclServerState) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.state = state
        self.lock = threading.Lock()

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # dropped connections are deliberate (drop_after)


def self_signed_context(folder: Path) -> ssl.SSLContext:
    """A TLS context with a fresh self-signed certificate, as network scanners ship them."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "EPSON1A2B3C.local")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "scanner.crt", folder / "scanner.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    return context


class EsclServer:
    """Runs on 127.0.0.1 with a free port; attributes of `state` are the knobs.

    `tls_dir` serves HTTPS with a self-signed certificate written there (as `_uscans._tcp` devices do).
    """

    def __init__(self, *, tls_dir: Path | None = None, **state: Any) -> None:
        self.state = EsclServerState(**state)
        self._server = _Server(self.state)
        self._scheme = "http"
        if tls_dir is not None:
            context = self_signed_context(tls_dir)
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
            self._scheme = "https"
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        return f"{self._scheme}://127.0.0.1:{self._server.server_port}/eSCL"

    def __getattr__(self, name: str) -> Any:
        return getattr(self.__dict__["state"], name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in {"state", "_server", "_thread", "_scheme"}:
            object.__setattr__(self, name, value)
        else:
            setattr(self.state, name, value)

    def __enter__(self) -> EsclServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
