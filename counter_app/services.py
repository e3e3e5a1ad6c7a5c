"""Background services of a running counter: the portal connection, the outbox worker, the
status poller (the back office's progress on filed dossiers), sync, retention (the purge of
local personal data past its period, at start and each office day).

The window starts them once, off the UI thread, and stops them on exit. In demo mode the
portal is the sandbox started in-process on loopback, and the KPI collector is the same
sandbox, so the whole flow (file, receive the code, sync the log) works with no network.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from counter_app.context import AppContext

log = logging.getLogger(__name__)


@dataclass
class BackgroundServices:
    ctx: AppContext
    portal: Any = None  # counter_app.portal.connect.PortalConnection
    outbox: Any = None  # counter_app.portal.outbox.Outbox
    outbox_worker: Any = None
    status_poller: Any = None  # counter_app.portal.status_poller.StatusPoller
    sync_worker: Any = None
    retention: Any = None  # counter_app.privacy.purge.RetentionWorker
    errors: dict[str, str] = field(default_factory=dict)

    def start(self) -> BackgroundServices:
        """Start what can start; a part that fails is recorded and the others still run."""
        from counter_app.errors import error_dict
        from counter_app.portal.connect import connect_portal
        from counter_app.portal.outbox import Outbox
        from counter_app.portal.worker import OutboxWorker

        ctx = self.ctx
        try:
            from counter_app.privacy.purge import RetentionWorker

            self.retention = RetentionWorker(ctx).start()
        except Exception as exc:
            log.exception("retention did not start")
            self.errors["retention"] = error_dict(exc)["message"]
        try:
            self.portal = connect_portal(ctx)
            self.outbox = Outbox(ctx.db, ctx.events, data_key=ctx.data_key, workspace=ctx.workspace)
            self.outbox_worker = OutboxWorker(self.outbox, self.portal.client).start()
            from counter_app.portal.status_poller import StatusPoller

            self.status_poller = StatusPoller.from_config(ctx.config, ctx.db, ctx.events, self.portal.client)
            self.status_poller.start()
        except Exception as exc:
            log.exception("portal services did not start")
            self.errors["portal"] = error_dict(exc)["message"]
        collector = ctx.config.get("collector.url") or (self.portal.url if self.portal is not None else "")
        if collector:
            try:
                from counter_app.sync import EventPusher, SyncWorker

                pusher = EventPusher(
                    ctx.db,
                    collector,
                    office_code=ctx.config.get("office.code"),
                    timeout_s=ctx.config.get("portal.timeout_s"),
                    verify=ctx.config.get("portal.ca_bundle") or True,
                )
                self.sync_worker = SyncWorker(pusher, ctx.config.get("sync.interval_s"))
                self.sync_worker.start()
            except Exception as exc:
                log.exception("sync did not start")
                self.errors["sync"] = error_dict(exc)["message"]
        return self

    def stop(self) -> None:
        if self.retention is not None:
            self.retention.stop()
            self.retention = None
        if self.sync_worker is not None:
            self.sync_worker.stop(timeout=5)
            self.sync_worker.pusher.close()
            self.sync_worker = None
        if self.status_poller is not None:
            self.status_poller.stop(timeout_s=10)
            self.status_poller = None
        if self.outbox_worker is not None:
            self.outbox_worker.stop(timeout_s=10)
            self.outbox_worker = None
        if self.portal is not None:
            self.portal.close()
            self.portal = None
