"""The same indicators from events held in memory: for a collector that gathers many offices.

A collector (the sandbox's, or a province's on PostgreSQL) stores the events it received as
sent by `counter_app.sync` (`event_to_wire`); `summarize` folds them with the very rules the
counter uses, so the province's figures and each counter's agree by construction.
"""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from counter_app.events import Event
from counter_app.kpi.dossier import fold
from counter_app.kpi.indicators import GROUPINGS, KpiQueryError, KpiRow, percentile

_KEY_INDEX = {"office": 1, "officer": 2, "procedure": 3}


def event_from_wire(data: Mapping[str, Any]) -> Event:
    payload = data.get("payload")
    if payload is None:
        payload = json.loads(data.get("payload_text") or "{}")
    return Event(
        int(data["seq"]),
        str(data["event_id"]),
        str(data["ts"]),
        str(data["kind"]),
        str(data["office_code"]),
        str(data.get("officer") or ""),
        data.get("dossier_ref"),
        data.get("duration_ms"),
        dict(payload),
        str(data.get("prev_hash") or ""),
        str(data.get("hash") or ""),
    )


def _group(key: tuple[str, str, str, str], by: str) -> str:
    if by == "total":
        return "total"
    if by == "month":
        return key[0][:7]
    if by == "day":
        return key[0]
    return key[_KEY_INDEX[by]]


def summarize(
    events: Iterable[Event | Mapping[str, Any]],
    start: date | None = None,
    end: date | None = None,
    by: str = "office",
) -> list[KpiRow]:
    """Indicator rows per group from events in memory (each office's events in its own seq order).

    Dossiers are keyed by (office, dossier_ref): local references are only unique per counter.
    """
    if by not in GROUPINGS:
        raise KpiQueryError(f"Không có cách nhóm «{by}».", f"Chọn một trong: {', '.join(GROUPINGS)}.")
    parsed = [e if isinstance(e, Event) else event_from_wire(e) for e in events]
    parsed.sort(key=lambda e: (e.office_code, e.seq))
    by_office: dict[str, list[Event]] = defaultdict(list)
    for event in parsed:
        by_office[event.office_code].append(event)
    low, high = (start.isoformat() if start else ""), (end.isoformat() if end else "9999")
    rows: dict[str, KpiRow] = {}
    intakes: dict[str, list[float]] = defaultdict(list)
    for office_events in by_office.values():
        for state in fold(office_events).values():
            for key, counts in state.contribution().items():
                if not low <= key[0] <= high:
                    continue
                row = rows.setdefault(_group(key, by), KpiRow(_group(key, by)))
                for name, value in counts.items():
                    setattr(row, name, getattr(row, name) + value)
            received = state.received_day()
            seconds = state.intake_seconds()
            if received and seconds is not None and low <= received <= high:
                key = (received, state.office_code, state.officer, state.procedure_code)
                intakes[_group(key, by)].append(seconds)
    for group, times in intakes.items():
        rows[group].median_intake_s = statistics.median(times)
        rows[group].p90_intake_s = percentile(times, 0.9)
    return [rows[g] for g in sorted(rows)]


def indicator_rows(
    events: list[dict[str, Any]], start: date | None, end: date | None, by: str
) -> list[dict[str, Any]]:
    """`summarize` as the collector answers it (JSON rows, the CLI's shape): the rules the entry
    point gives the sandbox's collector, which may not import the counter itself."""
    return [row.as_cli() for row in summarize(events, start, end, by=by)]
