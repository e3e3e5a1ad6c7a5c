"""The citizen's rating: one per dossier, no personal data in it, counted in 5.1 and by a collector."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from counter_app import kpi, satisfaction
from counter_app.events import EventLog, iter_events
from counter_app.kpi.memory import summarize
from counter_app.storage.db import Database
from tests.synthetic_events import LOCAL, OFFICE, DossierSpec, write

T0 = datetime(2026, 12, 2, 9, 0, tzinfo=LOCAL)


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = Database(tmp_path / "k.sqlite3")
    write(database, [DossierSpec("R1", T0), DossierSpec("R2", T0), DossierSpec("R3", T0)])
    return database


def test_a_rating_is_an_event_counted_once(db: Database) -> None:
    events = EventLog(db, OFFICE, "canbo1")
    satisfaction.rate(db, events, "R1", "very_satisfied", "Cán bộ nhiệt tình, gọi tôi qua 0912 345 678")
    with pytest.raises(satisfaction.RatingError) as second:
        satisfaction.rate(db, events, "R1", "unsatisfied")
    assert second.value.code == "satisfaction_already_rated"
    satisfaction.rate(db, events, "R2", "unsatisfied")
    satisfaction.skip(db, events, "R3")
    with pytest.raises(satisfaction.RatingError):
        satisfaction.skip(db, events, "R3")
    rated = [e for e in iter_events(db, kinds=("satisfaction_rated",))]
    assert rated[0].payload == {"level": "very_satisfied", "comment": "Cán bộ nhiệt tình, gọi tôi qua …"}
    [row] = kpi.compute(db, by="total")
    assert (row.rated, row.satisfied, row.rating_skipped) == (2, 1, 1)  # the skip is in no rate
    # A collector folding the synced events counts the same.
    [collected] = summarize(list(iter_events(db)), by="total")
    assert (collected.rated, collected.satisfied, collected.rating_skipped) == (2, 1, 1)


def test_a_bad_level_is_refused(db: Database) -> None:
    with pytest.raises(satisfaction.RatingError):
        satisfaction.rate(db, EventLog(db, OFFICE, "canbo1"), "R1", "so-so")


def test_comments_lose_numbers_and_addresses() -> None:
    assert satisfaction.scrub("CCCD 001203004567, mail an@example.vn  ok") == "CCCD …, mail … ok"
    assert satisfaction.scrub("Tốt, 5 phút là xong") == "Tốt, 5 phút là xong"
