"""Which portal to talk to: the configured one, or the sandbox started in-process (demo mode).

With no `portal.url` configured the application runs in demo mode (architecture.md, "The
embedded default"): the sandbox portal is started on loopback in this process and the client
points at it, so demo and training never touch a real portal. The entry point plugs the sandbox
in (`counter_app.embedded`): the core never imports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from counter_app.portal.adapters import PortalAdapter, open_adapter


@dataclass
class PortalConnection:
    client: PortalAdapter  # the adapter `portal.adapter` names (`reference` by default)
    url: str
    sandbox: Any = None  # the in-process sandbox's handle, when demo mode started one

    @property
    def is_sandbox(self) -> bool:
        return self.sandbox is not None

    def close(self) -> None:
        self.client.close()
        if self.sandbox is not None:
            self.sandbox.stop()
            self.sandbox = None

    def __enter__(self) -> PortalConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


DEMO_PORTAL_STATE = "sandbox-portal.sqlite3"  # the stand-in portal's state, in the data folder


def connect_portal(ctx: Any, url: str | None = None, *, timeout_s: float | None = None) -> PortalConnection:
    """A client for `url`, else `portal.url`, else a sandbox started on loopback (demo mode)."""
    # Training mode never reaches the real portal, whatever portal.url says.
    target = url or ("" if ctx.config.training_mode else ctx.config.get("portal.url"))
    if target:
        return PortalConnection(open_adapter(ctx.config, target, timeout_s=timeout_s), target)
    from counter_app.embedded import start_sandbox

    # Kept in the data folder: dossier serials and idempotency keys must survive a restart of the
    # application, or a job resumed after a crash would be filed again under a repeated code.
    # Demos and training can let the sandbox move dossiers along by itself (processing, result).
    handle = start_sandbox(
        ctx.paths.data_dir / DEMO_PORTAL_STATE,
        auto_progress_s=float(ctx.config.get("portal.demo_auto_progress_s")),
        calendar_overrides=str(ctx.config.get("calendar.overrides")),
    )
    # The in-process stand-in speaks the reference contract, whatever adapter is configured.
    return PortalConnection(
        open_adapter(ctx.config, handle.url, name="reference", timeout_s=timeout_s), handle.url, handle
    )
