"""How long a dossier's local files and citizen data stay on the counter PC, and when each goes.

A dossier's copy at the counter is a working copy: once the portal has acknowledged it (it holds
a portal code) or the dossier was cancelled, the local files and the citizen's sealed record are
kept `privacy.retention_days` more days (or the procedure's own period in
`privacy.retention_by_procedure`), counted in office days from the acknowledgement or the
cancellation. A dossier not yet acknowledged has no purge date: it is never purged. Both options
are IT's (machine file only, see `counter_app.config`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from common import clock
from counter_app.config import Config
from counter_app.dossier import FILED_STATES, DossierState
from counter_app.storage.db import Database

# Why a dossier's purge date is what it is (and the Vietnamese the supervisor reads).
ACKNOWLEDGED = "acknowledged"
CANCELLED = "cancelled"
NOT_ACKNOWLEDGED = "not_acknowledged"
BASIS_LABELS = {
    ACKNOWLEDGED: "Cổng đã tiếp nhận",
    CANCELLED: "Đã hủy",
    NOT_ACKNOWLEDGED: "Chưa được cổng tiếp nhận: không xóa",
}


@dataclass(frozen=True)
class RetentionPolicy:
    default_days: int
    by_procedure: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def from_config(cls, config: Config) -> RetentionPolicy:
        return cls(
            int(config.get("privacy.retention_days")), dict(config.get("privacy.retention_by_procedure"))
        )

    def days_for(self, procedure_code: str | None) -> int:
        return int(self.by_procedure.get(procedure_code or "", self.default_days))


@dataclass(frozen=True)
class ScheduledPurge:
    """One dossier still holding personal data, and when retention will remove it."""

    local_ref: str
    procedure_code: str | None
    state: DossierState
    basis: str  # ACKNOWLEDGED | CANCELLED | NOT_ACKNOWLEDGED
    since: date | None  # the office day of the acknowledgement or the cancellation
    purge_on: date | None  # None: never (not acknowledged)

    @property
    def basis_label(self) -> str:
        return BASIS_LABELS[self.basis]

    def due(self, today: date) -> bool:
        return self.purge_on is not None and self.purge_on <= today


def _office_day(stamp: str) -> date:
    moment = datetime.fromisoformat(stamp)
    return clock.local(moment).date()


def is_purged(details_json: str) -> bool:
    return "purged" in json.loads(details_json or "{}")


def purge_schedule(db: Database, policy: RetentionPolicy) -> list[ScheduledPurge]:
    """Every dossier whose personal data is still here, soonest purge first (never-purged last)."""
    out = []
    for row in db.connection().execute(
        "SELECT local_ref, procedure_code, state, portal_code, received_at, updated_at"
        # Purged dossiers stay as rows for ever: filtered in SQL, not parsed one by one.
        " FROM dossiers WHERE json_extract(details_json, '$.purged') IS NULL ORDER BY created_at"
    ):
        state = DossierState(row["state"])
        if state is DossierState.CANCELLED:
            basis, since = CANCELLED, _office_day(row["updated_at"])
        elif state in FILED_STATES and row["portal_code"]:
            basis, since = ACKNOWLEDGED, _office_day(row["received_at"] or row["updated_at"])
        else:
            basis, since = NOT_ACKNOWLEDGED, None
        purge_on = since + timedelta(days=policy.days_for(row["procedure_code"])) if since else None
        out.append(ScheduledPurge(row["local_ref"], row["procedure_code"], state, basis, since, purge_on))
    out.sort(key=lambda s: (s.purge_on is None, s.purge_on or date.max, s.local_ref))
    return out


def due_for_purge(db: Database, policy: RetentionPolicy, today: date | None = None) -> list[ScheduledPurge]:
    """The dossiers whose period has passed on the office's `today` (default: the office clock's)."""
    day = today or clock.today()
    return [s for s in purge_schedule(db, policy) if s.due(day)]
