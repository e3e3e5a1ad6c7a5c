"""A loopback RFC 3161 timestamp authority for the B-T tests: `openssl ts -reply` behind HTTP.

OpenSSL answers the requests, so the timestamp tokens are produced independently of pyHanko.
Also serves the test CA's CRL at /ca.crl (for B-LT) and counts requests per path.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID

from tests.softhsm import TestCa

_CONFIG = """\
[ tsa ]
default_tsa = tsa_config

[ tsa_config ]
dir = {folder}
serial = $dir/serial
crypto_device = builtin
signer_cert = $dir/tsa.pem
certs = $dir/chain.pem
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.1
other_policies = 1.3.6.1.4.1.99999.2
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
"""


class LoopbackTsa:
    def __init__(self, folder: Path, ca: TestCa, crl_der: bytes | None = None) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        cert = ca.issue(
            key.public_key(), "TSA Thử Nghiệm", extended_usage=[ExtendedKeyUsageOID.TIME_STAMPING]
        )
        (folder / "tsa.key").write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
        (folder / "tsa.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        (folder / "chain.pem").write_bytes(
            cert.public_bytes(serialization.Encoding.PEM) + ca.cert.public_bytes(serialization.Encoding.PEM)
        )
        (folder / "serial").write_text("01\n")
        (folder / "tsa.cnf").write_text(_CONFIG.format(folder=folder))
        self.crl_der = crl_der
        self.requests: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/tsa"

    def reply(self, query: bytes) -> bytes:
        # openssl ts keeps its serial in a file: one request at a time.
        with self._lock:
            query_file = self.folder / "query.tsq"
            reply_file = self.folder / "reply.tsr"
            query_file.write_bytes(query)
            subprocess.run(
                ["openssl", "ts", "-reply", "-config", str(self.folder / "tsa.cnf"), "-queryfile", str(query_file),
                 "-out", str(reply_file)],
                check=True, capture_output=True, timeout=30,
            )  # fmt: skip
            return reply_file.read_bytes()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        tsa = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                tsa.requests[self.path] += 1
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if self.path != "/tsa" or self.headers.get("Content-Type") != "application/timestamp-query":
                    self.send_error(400)
                    return
                self._send(tsa.reply(body), "application/timestamp-reply")

            def do_GET(self) -> None:
                tsa.requests[self.path] += 1
                if self.path == "/ca.crl" and tsa.crl_der is not None:
                    self._send(tsa.crl_der, "application/pkix-crl")
                else:
                    self.send_error(404)

            def _send(self, data: bytes, content_type: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: object) -> None:
                return None

        return Handler

    @property
    def base_url(self) -> str:
        return self.url.rsplit("/", 1)[0]

    def start(self) -> None:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@contextmanager
def running_tsa(folder: Path, ca: TestCa, crl_der: bytes | None = None) -> Iterator[LoopbackTsa]:
    if shutil.which("openssl") is None:
        import pytest

        pytest.skip("openssl is not installed (needed for the loopback TSA)")
    tsa = LoopbackTsa(folder, ca, crl_der)
    tsa.start()
    try:
        yield tsa
    finally:
        tsa.stop()
