"""The incremental daily aggregates always equal a fold of the whole log from scratch."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from counter_app import kpi
from counter_app.events import EventLog, iter_events
from counter_app.kpi import aggregate
from counter_app.kpi.dossier import COUNTERS, fold
from counter_app.storage.db import Database
from tests.synthetic_events import append_rows, dossier_events, random_specs


def _daily_from_tables(db: Database) -> dict[tuple[str, ...], tuple[int, ...]]:
    cols = ", ".join(COUNTERS)
    out = {}
    for row in db.connection().execute(
        f"SELECT day, office_code, officer, procedure_code, {cols} FROM kpi_daily"
    ):
        values = tuple(row[4:])
        if any(values):
            out[tuple(row[:4])] = values
    return out


def _daily_from_scratch(db: Database) -> dict[tuple[str, ...], tuple[int, ...]]:
    sums: dict[tuple[str, ...], dict[str, int]] = defaultdict(dict)
    for state in fold(iter_events(db)).values():
        for key, counts in state.contribution().items():
            for name, value in counts.items():
                sums[key][name] = sums[key].get(name, 0) + value
    out = {}
    for key, counts in sums.items():
        values = tuple(counts.get(c, 0) for c in COUNTERS)
        if any(values):
            out[key] = values
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_refresh_in_random_slices_equals_full_fold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    monkeypatch.setattr(aggregate, "CHUNK", 37)  # many chunks, dossiers split across them
    db = Database(tmp_path / "k.sqlite3")
    rows = [
        r
        for spec in random_specs(120, first_day=date(2026, 10, 20), days=20, seed=seed)
        for r in dossier_events(spec)
    ]
    rows.sort(key=lambda r: r[0])
    rnd = random.Random(seed)
    position = 0
    while position < len(rows):
        step = rnd.randint(1, 400)
        append_rows(db, rows[position : position + step])
        position += step
        if rnd.random() < 0.6:
            kpi.refresh(db)
    kpi.refresh(db)
    assert _daily_from_tables(db) == _daily_from_scratch(db)
    incremental = [r.as_dict() for r in kpi.compute(db, by="officer")]
    kpi.rebuild(db)
    assert [r.as_dict() for r in kpi.compute(db, by="officer")] == incremental


def test_refresh_without_new_events_does_nothing(tmp_path: Path) -> None:
    db = Database(tmp_path / "k.sqlite3")
    log = EventLog(db, "000.00.01.H31", "canbo1")
    log.append("dossier_created", dossier_ref="X1", payload={"channel": 1})
    log.append("officer_login")
    assert kpi.refresh(db) == 2
    assert kpi.refresh(db) == 0
    assert kpi.compute(db, by="total") == []  # created, never received
