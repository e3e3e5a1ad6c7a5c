"""Find eSCL scanners on the local network by mDNS (`_uscan._tcp`, `_uscans._tcp` for HTTPS).

The TXT record's `rs` gives the resource path (usually `eSCL`), `ty` the model name. Addresses
typed in by IT staff are handled by the backend itself; discovery only adds to them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

SERVICE_TYPES = ("_uscan._tcp.local.", "_uscans._tcp.local.")


@dataclass(frozen=True)
class FoundScanner:
    url: str
    name: str


def _txt(properties: dict[bytes, bytes | None], key: str) -> str:
    value = properties.get(key.encode())
    return value.decode("utf-8", "replace") if value else ""


def scanner_from_service(info: Any) -> FoundScanner | None:
    """Build the eSCL base URL from a resolved zeroconf `ServiceInfo`."""
    addresses = info.parsed_scoped_addresses()
    if not addresses or not info.port:
        return None
    host = addresses[0]
    if ":" in host:
        host = f"[{host}]"
    scheme = "https" if info.type.startswith("_uscans.") else "http"
    resource = _txt(info.properties, "rs").strip("/") or "eSCL"
    name = _txt(info.properties, "ty") or info.name.split(".")[0]
    return FoundScanner(url=f"{scheme}://{host}:{info.port}/{resource}", name=name)


def discover(timeout: float = 2.0) -> list[FoundScanner]:
    """Browse for `timeout` seconds; an HTTPS announcement wins over HTTP for the same device."""
    from zeroconf import ServiceBrowser, ServiceInfo, ServiceStateChange, Zeroconf

    zc = Zeroconf()
    pending: list[tuple[str, str]] = []

    def on_change(zeroconf: Zeroconf, service_type: str, name: str, state_change: ServiceStateChange) -> None:
        if state_change is ServiceStateChange.Added:
            pending.append((service_type, name))

    try:
        browsers = [ServiceBrowser(zc, t, handlers=[on_change]) for t in SERVICE_TYPES]
        time.sleep(timeout)
        found: dict[str, FoundScanner] = {}
        for service_type, name in list(pending):
            info = ServiceInfo(service_type, name)
            if not info.request(zc, 1000):
                continue
            scanner = scanner_from_service(info)
            if scanner is not None:
                key = name.split(".")[0]
                if key not in found or scanner.url.startswith("https"):
                    found[key] = scanner
        for browser in browsers:
            browser.cancel()
        return list(found.values())
    finally:
        zc.close()
