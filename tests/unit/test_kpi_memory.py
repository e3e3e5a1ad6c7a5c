"""A collector's in-memory summary equals each counter's own figures, office by office."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from counter_app import kpi
from counter_app.events import iter_events
from counter_app.storage.db import Database
from counter_app.sync import event_to_wire
from tests.synthetic_events import random_specs, write
from tests.unit.test_kpi_indicators import NOV, office_specs


@pytest.mark.parametrize("by", ["day", "month", "procedure", "officer", "office", "total"])
def test_summary_of_the_log_equals_the_incremental_tables(tmp_path: Path, by: str) -> None:
    db = Database(tmp_path / "k.sqlite3")
    write(db, random_specs(150, first_day=date(2026, 10, 20), days=25, seed=4))
    window = (date(2026, 11, 1), date(2026, 11, 10))
    expected = [r.as_dict() for r in kpi.compute(db, *window, by=by)]
    assert [r.as_dict() for r in kpi.summarize(iter_events(db), *window, by=by)] == expected


def test_two_offices_with_the_same_local_refs_are_kept_apart(tmp_path: Path) -> None:
    wire = []
    for office in ("000.00.01.H31", "000.00.02.H31"):
        db = Database(tmp_path / f"{office}.sqlite3")
        specs = office_specs()
        for spec in specs:
            spec.office = office
        write(db, specs)
        rows = db.connection().execute("SELECT * FROM events ORDER BY seq").fetchall()
        wire.extend(event_to_wire(row) for row in rows)
    offices = {r.group: r for r in kpi.summarize(wire, *NOV, by="office")}
    assert sorted(offices) == ["000.00.01.H31", "000.00.02.H31"]
    assert all((r.received, r.online, r.on_time) == (5, 3, 2) for r in offices.values())
    [total] = kpi.summarize(wire, *NOV, by="total")
    assert (total.received, total.online_rate, total.median_intake_s) == (10, pytest.approx(0.6), 600)
