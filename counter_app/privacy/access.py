"""The access log: who viewed, reprinted, exported or erased which dossier, and when.

Each is an event (`dossier_viewed`, `form_printed` with `reprint: true` — written by
`counter_app.forms.printing` for every reprint of a counter form — `citizen_exported`,
`citizen_erased`, `dossier_purged`) in the hash-chained log, so it is covered by `counter-app audit verify` and
cannot be quietly removed; the officer and time are the event's own columns. The supervisor's
view lists them (`access_log`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from common import clock
from counter_app.events import EventLog, iter_events
from counter_app.storage.db import Database

ACCESS_KINDS = ("dossier_viewed", "form_printed", "citizen_exported", "citizen_erased", "dossier_purged")
ACCESS_LABELS = {
    "dossier_viewed": "Xem hồ sơ",
    "form_printed": "In lại phiếu",
    "citizen_exported": "Trích xuất dữ liệu công dân",
    "citizen_erased": "Xóa dữ liệu công dân",
    "dossier_purged": "Xóa theo thời hạn lưu",
}


@dataclass(frozen=True)
class AccessEntry:
    seq: int
    when: datetime  # in the office's time
    kind: str
    officer: str
    dossiers: tuple[str, ...]
    reason: str = ""  # dossier_purged: retention | erasure

    @property
    def label(self) -> str:
        if self.kind == "dossier_purged" and self.reason == "erasure":
            return "Xóa theo yêu cầu công dân"
        return ACCESS_LABELS[self.kind]


def record_view(events: EventLog, local_ref: str) -> None:
    events.append("dossier_viewed", dossier_ref=local_ref)


def access_log(db: Database, *, limit: int = 500) -> list[AccessEntry]:
    """The newest `limit` entries, newest first."""
    entries = []
    for event in iter_events(db, kinds=ACCESS_KINDS):
        if event.kind == "form_printed" and not event.payload.get("reprint"):
            continue  # a form's first print (Mẫu 02, 03, 06) is the intake's work, not an access
        refs = (event.dossier_ref,) if event.dossier_ref else tuple(event.payload.get("dossiers", ()))
        when = clock.local(datetime.fromisoformat(event.ts))
        reason = str(event.payload.get("reason", ""))
        entries.append(AccessEntry(event.seq, when, event.kind, event.officer, refs, reason))
    return entries[::-1][:limit]
