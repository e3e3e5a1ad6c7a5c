"""Sync upstream: the local event log pushed to the KPI collector (at least once, idempotent)."""

from counter_app.sync.pusher import (
    EventPusher,
    SyncResult,
    SyncStatus,
    backoff_delay,
    event_to_wire,
    sync_status,
)
from counter_app.sync.worker import SyncWorker

__all__ = [
    "EventPusher",
    "SyncResult",
    "SyncStatus",
    "SyncWorker",
    "backoff_delay",
    "event_to_wire",
    "sync_status",
]
