"""The event log's chain rule, shared by the counter that writes events and the collector that checks them.

Each event's hash covers the previous event's hash and the event's stored content, so an
edited, deleted or reordered event breaks the chain wherever it is verified.
"""

from __future__ import annotations

import hashlib
import json

GENESIS_HASH = "0" * 64  # the "previous hash" of an office's first event

# The stored columns the hash covers, in the order `event_digest` takes them.
HASHED_COLUMNS = (
    "prev_hash",
    "event_id",
    "ts",
    "kind",
    "office_code",
    "officer",
    "dossier_ref",
    "duration_ms",
    "payload",
)


def event_digest(
    prev_hash: str,
    event_id: str,
    ts: str,
    kind: str,
    office_code: str,
    officer: str,
    dossier_ref: str | None,
    duration_ms: int | None,
    payload_text: str,
) -> str:
    """The SHA-256 hex digest of one event, chained to `prev_hash`."""
    canonical = json.dumps(
        [prev_hash, event_id, ts, kind, office_code, officer, dossier_ref, duration_ms, payload_text],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
