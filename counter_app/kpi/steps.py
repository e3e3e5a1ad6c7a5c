"""How long each intake step took (the events' `duration_ms`), per event kind, over local days.

`status_changed` is split by the state left (`status_changed:signed`, ...): its duration is the
time the dossier spent in that state.
"""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from counter_app.dossier import local_day_bounds
from counter_app.event_labels import event_label, status_label
from counter_app.events import EVENT_KINDS
from counter_app.kpi.indicators import percentile
from counter_app.storage.db import Database

STEP_NAMES_VI = {
    "citizen_identified": "Xác định công dân",
    "procedure_chosen": "Chọn thủ tục",
    "page_scanned": "Quét một trang",
    "component_digitized": "Tạo PDF một thành phần",
    "dossier_signed": "Ký số hồ sơ",
    "submission_queued": "Đưa vào hàng đợi gửi",
    "submitted": "Cổng tiếp nhận",
    "receipt_printed": "In phiếu tiếp nhận",
}


@dataclass(frozen=True)
class StepTime:
    kind: str
    name_vi: str
    count: int
    median_ms: float
    p90_ms: float


def step_times(db: Database, start: date, end: date) -> list[StepTime]:
    """Median and p90 duration per step kind for local days `start`..`end`; steps never timed are left out."""
    conn = db.connection()
    # Event timestamps are UTC ISO texts of one format, so text order is time order.
    low, high = local_day_bounds(start)[0], local_day_bounds(end)[1]
    out = []
    for kind in EVENT_KINDS:
        # One index range per kind (events_kind_ts), not a scan of the whole log.
        rows = conn.execute(
            "SELECT duration_ms, payload FROM events WHERE kind = ? AND ts >= ? AND ts < ?"
            " AND duration_ms IS NOT NULL",
            (kind, low, high),
        )
        groups: dict[str, list[float]] = defaultdict(list)
        for duration_ms, payload in rows:
            if kind == "status_changed":
                # Its duration is the time spent in the state left: one row per state.
                state = json.loads(payload).get("from_state")
                if state:
                    groups[f"{kind}:{state}"].append(float(duration_ms))
            else:
                groups[kind].append(float(duration_ms))
        for key, values in sorted(groups.items()):
            out.append(
                StepTime(
                    key, _name(key), len(values), statistics.median(values), percentile(values, 0.9) or 0.0
                )
            )
    return out


def _name(key: str) -> str:
    kind, _, state = key.partition(":")
    if state:
        return f"Ở trạng thái «{status_label(state)}»"
    return STEP_NAMES_VI.get(kind) or event_label(kind)
