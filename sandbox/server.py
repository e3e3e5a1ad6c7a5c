"""Running the sandbox portal: in a background thread (demo mode, tests) or in the foreground (CLI).

The listening socket is bound before the server starts, so `port=0` gives a free port whose
number is known at once, and the URL printed or returned is the one that works.
"""

from __future__ import annotations

import asyncio
import os
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from sandbox.app import SandboxPortal, SandboxSettings
from sandbox.catalog import load_procedures
from sandbox.collector import Indicators
from sandbox.collector_store import ENV_URL, open_collector_store
from sandbox.dvcqg import DVCQGStandIn
from sandbox.faults import FaultSpec
from sandbox.opencps import OpenCPSStandIn
from sandbox.stand_in_state import StandInState
from sandbox.store import SandboxStore


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def _url(sock: socket.socket, scheme: str = "http") -> str:
    host, port = sock.getsockname()[:2]
    return f"{scheme}://[{host}]:{port}" if ":" in host else f"{scheme}://{host}:{port}"


def build_portal(
    *,
    faults: FaultSpec | None = None,
    state_path: Path | None = None,
    settings: SandboxSettings | None = None,
    catalog: Path | None = None,
    collector_db: str | None = None,
    indicators: Indicators | None = None,
) -> SandboxPortal:
    """`collector_db` is the collector's database URL (`collector_store.py`); without one,
    `$COUNTER_APP_COLLECTOR_DB`, else the state file (or memory) the portal uses. `indicators`
    are the KPI rules the collector's `/collector/indicators` applies (`collector.py`)."""
    url = (
        collector_db or os.environ.get(ENV_URL) or (f"sqlite:///{state_path}" if state_path else "sqlite://")
    )
    collector = open_collector_store(url)
    store = SandboxStore(str(state_path) if state_path else ":memory:")
    return SandboxPortal(
        store,
        settings=settings,
        faults=faults,
        procedures=load_procedures(catalog),
        collector=collector,
        indicators=indicators,
    )


def build_stand_in(
    flavour: str,
    *,
    faults: FaultSpec | None = None,
    catalog: Path | None = None,
    settings: SandboxSettings | None = None,
    ignore_reference: bool = False,
    state_path: Path | None = None,
) -> OpenCPSStandIn | DVCQGStandIn:
    """The stand-in of another system: `opencps` or `dvcqg` (credentials from the OAuth2 settings;
    `state_path`: a SQLite file keeping its state across restarts; `ignore_reference`: the
    deliberately wrong server that does not honour idempotency)."""
    settings = settings or SandboxSettings()
    state = StandInState(state_path)
    if flavour == "dvcqg":
        return DVCQGStandIn(
            faults=faults,
            catalog=catalog,
            username=settings.client_id,
            password=settings.client_secret,
            state=state,
            break_idempotency=ignore_reference,
        )
    return OpenCPSStandIn(
        faults=faults,
        catalog=catalog,
        username=settings.client_id,
        password=settings.client_secret,
        calendar_overrides=settings.calendar_overrides,
        ignore_reference=ignore_reference,
        state=state,
    )


def _server(
    portal: SandboxPortal | OpenCPSStandIn | DVCQGStandIn,
    tls: tuple[str, str] | None = None,
    client_ca: str | None = None,
) -> uvicorn.Server:
    config = uvicorn.Config(
        portal.asgi,
        ssl_certfile=tls[0] if tls else None,
        ssl_keyfile=tls[1] if tls else None,
        # With a client CA the office must present a certificate it issued (mutual TLS).
        ssl_ca_certs=client_ca,
        ssl_cert_reqs=ssl.CERT_REQUIRED if client_ca else ssl.CERT_NONE,
        log_level="warning",
        access_log=False,
        lifespan="off",
        # Hung fault handlers (timeouts, lost answers) must not hold the shutdown for long.
        timeout_graceful_shutdown=1,
    )
    return uvicorn.Server(config)


@dataclass
class SandboxHandle:
    url: str
    portal: SandboxPortal | OpenCPSStandIn | DVCQGStandIn
    _server: uvicorn.Server
    _thread: threading.Thread

    def set_faults(self, spec: FaultSpec) -> None:
        self.portal.asgi.spec = spec

    def stop(self, timeout_s: float = 5.0) -> None:
        self._server.should_exit = True
        self._thread.join(timeout_s)
        if self._thread.is_alive():
            self._server.force_exit = True
            self._thread.join(timeout_s)
        self.portal.stop_background()
        self.portal.close()


def start_in_thread(
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    faults: FaultSpec | None = None,
    state_path: Path | None = None,
    settings: SandboxSettings | None = None,
    catalog: Path | None = None,
    collector_db: str | None = None,
    tls: tuple[str, str] | None = None,
    client_ca: str | None = None,
    indicators: Indicators | None = None,
    ready_timeout_s: float = 10.0,
    flavour: str = "reference",
    ignore_reference: bool = False,
) -> SandboxHandle:
    """Serve the sandbox on `host:port` from a daemon thread; returns once it accepts requests.

    `tls` = (certificate PEM, key PEM) serves HTTPS, to exercise the client's CA bundle option;
    `client_ca` (a PEM) then also requires a client certificate issued by it (office auth by mTLS).
    `flavour="opencps"|"dvcqg"` serves that system's stand-in instead (`ignore_reference`: the
    deliberately wrong one that files a resend twice, for the conformance kit's own tests).
    """
    portal: SandboxPortal | OpenCPSStandIn | DVCQGStandIn
    if flavour != "reference":
        portal = build_stand_in(
            flavour,
            faults=faults,
            catalog=catalog,
            settings=settings,
            ignore_reference=ignore_reference,
            state_path=state_path,
        )
    else:
        portal = build_portal(
            faults=faults,
            state_path=state_path,
            settings=settings,
            catalog=catalog,
            collector_db=collector_db,
            indicators=indicators,
        )
    sock = _bind(host, port)
    server = _server(portal, tls, client_ca)
    thread = threading.Thread(
        target=lambda: asyncio.run(server.serve(sockets=[sock])), name="sandbox-portal", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + ready_timeout_s
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    if not server.started:
        server.should_exit = True
        raise RuntimeError("the sandbox portal did not start")
    portal.start_background()
    return SandboxHandle(_url(sock, "https" if tls else "http"), portal, server, thread)


def serve_forever(
    host: str,
    port: int,
    portal: SandboxPortal | OpenCPSStandIn | DVCQGStandIn,
    on_ready: Callable[[str], None],
) -> None:
    """Foreground server for `counter-app sandbox`; Ctrl-C (SIGINT/SIGTERM) stops it."""
    sock = _bind(host, port)
    on_ready(_url(sock))
    portal.start_background()
    try:
        _server(portal).run(sockets=[sock])
    finally:
        portal.stop_background()
