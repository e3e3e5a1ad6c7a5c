"""KPI indicators from the event log, against rates computed by hand for six dossiers.

The office (all created 3 Nov 2026, 09:00 local):
  D1 canbo1 walk-in, filed online, guided, no fee, 2 components attached, result attached,
     intake 600 s, finished after 2 days (appointment +3 days): digitised, on time.
  D2 canbo1 walk-in, filed in person, not guided, fee paid online, 3 components (1 reused),
     no result, intake 900 s, finished after 5 days (appointment +3): digitised, reused, late.
  D3 canbo2 walk-in, filed online, guided, fee paid in cash, 2 components (1 not attached),
     result, intake 300 s, finished after 4 days with 2 days waiting on the citizen: on time.
  D4 canbo2 by post, never reached the portal but got a receipt, civil servant, 1 reused
     component, result, intake 1200 s: digitised, reused, postal, not a walk-in.
  D5 canbo1 cancelled before submission: not received, counts nowhere.
  D6 canbo1 walk-in, filed online, guided, 2 components + 1 declared not provided, result,
     intake 480 s: digitised.
Hand-computed: received 5; online 3 (0.6); digitised 4 (0.8: every provided component attached); reused 2 (0.4); walk-ins 4,
guided 3 (0.75); fee-bearing 2, paid online 1 (0.5); finished 3, on time 2 (2/3);
intake times 300, 480, 600, 900, 1200 -> median 600, p90 1200.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from counter_app import kpi
from counter_app.kpi.indicators import percentile
from counter_app.storage.db import Database
from tests.synthetic_events import LOCAL, DossierSpec, append_rows, dossier_events, write

T0 = datetime(2026, 11, 3, 9, 0, tzinfo=LOCAL)
NOV = (date(2026, 11, 1), date(2026, 11, 30))


def office_specs() -> list[DossierSpec]:
    def at(minutes: int) -> datetime:
        return T0 + timedelta(minutes=minutes)

    return [
        DossierSpec(
            "D1", at(0), "canbo1", guided=True, components=2, result=True, intake_s=600, finished_after_days=2
        ),
        DossierSpec(
            "D2",
            at(15),
            "canbo1",
            portal_channel=1,
            procedure="2.001019",
            fee=50_000,
            paid_online=True,
            components=3,
            reused=1,
            intake_s=900,
            finished_after_days=5,
        ),
        DossierSpec(
            "D3",
            at(30),
            "canbo2",
            guided=True,
            procedure="1.004194",
            fee=20_000,
            components=2,
            unattached=1,
            result=True,
            intake_s=300,
            finished_after_days=4,
            waiting_citizen_s=2 * 86_400,
        ),
        DossierSpec(
            "D4",
            at(45),
            "canbo2",
            channel=3,
            portal_channel=None,
            civil_servant=True,
            components=1,
            reused=1,
            result=True,
            intake_s=1200,
        ),
        DossierSpec("D5", at(60), "canbo1", guided=True, cancelled=True),
        DossierSpec(
            "D6", at(75), "canbo1", guided=True, components=2, not_provided=1, result=True, intake_s=480
        ),
    ]


@pytest.fixture
def office_db(tmp_path: Path) -> Database:
    db = Database(tmp_path / "kpi.sqlite3")
    write(db, office_specs())
    return db


def test_month_total_matches_hand_computed_rates(office_db: Database) -> None:
    [row] = kpi.compute(office_db, *NOV, by="total")
    assert (row.received, row.in_person, row.online, row.postal) == (5, 1, 3, 1)
    assert row.online_rate == pytest.approx(0.6)
    assert (row.digitized, row.digitized_rate) == (4, pytest.approx(0.8))
    assert (row.e_result, row.synced) == (2, 4)  # D1, D3 finished with their result; D4 never filed
    assert (row.reused, row.reuse_rate) == (2, pytest.approx(0.4))
    assert (row.walk_in, row.guided, row.guided_rate) == (4, 3, pytest.approx(0.75))
    assert (row.fee_bearing, row.paid_online, row.paid_online_rate) == (2, 1, pytest.approx(0.5))
    assert row.civil_servant == 1
    assert (row.finished, row.on_time, row.on_time_rate) == (3, 2, pytest.approx(2 / 3))
    assert row.median_intake_s == pytest.approx(600)
    assert row.p90_intake_s == pytest.approx(1200)


def test_by_day_counts_receipts_on_receipt_day_and_finishes_on_finish_day(office_db: Database) -> None:
    rows = {r.group: r for r in kpi.compute(office_db, *NOV, by="day")}
    assert sorted(rows) == ["2026-11-03", "2026-11-05", "2026-11-07", "2026-11-08"]
    assert (rows["2026-11-03"].received, rows["2026-11-03"].finished) == (5, 0)
    assert (rows["2026-11-05"].finished, rows["2026-11-05"].on_time) == (1, 1)  # D1
    assert (rows["2026-11-07"].finished, rows["2026-11-07"].on_time) == (1, 1)  # D3, waiting excluded
    assert (rows["2026-11-08"].finished, rows["2026-11-08"].on_time) == (1, 0)  # D2, late
    assert rows["2026-11-05"].online_rate is None  # nothing received that day: no rate, not 0 %


def test_by_officer_and_procedure(office_db: Database) -> None:
    officers = {r.group: r for r in kpi.compute(office_db, *NOV, by="officer")}
    assert (officers["canbo1"].received, officers["canbo1"].online, officers["canbo1"].digitized) == (3, 2, 3)
    assert (officers["canbo2"].received, officers["canbo2"].online, officers["canbo2"].reused) == (2, 1, 1)
    assert officers["canbo1"].median_intake_s == pytest.approx(600)  # 480, 600, 900
    procedures = {r.group: r for r in kpi.compute(office_db, *NOV, by="procedure")}
    assert procedures["1.001193"].received == 3
    assert procedures["2.001019"].paid_online_rate == pytest.approx(1.0)
    assert procedures["1.004194"].paid_online_rate == pytest.approx(0.0)
    mine = kpi.compute(office_db, *NOV, by="total", officer="canbo2")
    assert mine[0].received == 2


def test_range_outside_the_data_is_empty(office_db: Database) -> None:
    assert kpi.compute(office_db, date(2026, 10, 1), date(2026, 10, 31), by="month") == []
    [month] = kpi.compute(office_db, by="month")
    assert month.group == "2026-11"


def test_result_attached_weeks_later_corrects_the_finish_day(office_db: Database) -> None:
    before = {r.group: r for r in kpi.compute(office_db, *NOV, by="day")}["2026-11-08"]
    assert (before.finished, before.e_result) == (1, 0)  # D2 finished on paper
    late = [(T0 + timedelta(days=20), "000.00.01.H31", "canbo1", "result_attached", "D2", {}, None)]
    append_rows(office_db, late)
    after = {r.group: r for r in kpi.compute(office_db, *NOV, by="day")}["2026-11-08"]
    assert (after.finished, after.e_result) == (1, 1)  # its e-result counts where it finished


def test_cancelled_after_the_receipt_still_counts_as_received(tmp_path: Path) -> None:
    db = Database(tmp_path / "k.sqlite3")
    rows = dossier_events(DossierSpec("R1", T0))
    rows.append(
        (T0 + timedelta(hours=2), "000.00.01.H31", "canbo1", "dossier_cancelled", "R1", {"reason": "x"}, None)
    )
    append_rows(db, rows)
    assert kpi.compute(db, by="total")[0].received == 1


def test_day_is_the_local_vietnamese_day(tmp_path: Path) -> None:
    """23:50 local on 3 Nov is 16:50 UTC: the dossier belongs to 3 Nov, not to the UTC date."""
    db = Database(tmp_path / "k.sqlite3")
    write(db, [DossierSpec("L1", datetime(2026, 11, 3, 23, 40, tzinfo=LOCAL), intake_s=300)])
    assert [r.group for r in kpi.compute(db, by="day")] == ["2026-11-03"]


def test_percentile_is_nearest_rank() -> None:
    assert percentile([], 0.9) is None
    assert percentile([5.0], 0.9) == 5.0
    assert percentile([float(v) for v in range(1, 11)], 0.9) == 9.0
    assert percentile([float(v) for v in range(1, 12)], 0.9) == 10.0


def test_bad_grouping_is_a_known_error(office_db: Database) -> None:
    with pytest.raises(kpi.KpiQueryError) as info:
        kpi.compute(office_db, by="week")
    assert info.value.code == "kpi_bad_grouping"


def test_step_times_per_kind(office_db: Database) -> None:
    steps = {s.kind: s for s in kpi.step_times(office_db, *NOV)}
    # Two pages per scanned component: D1 4, D2 4 (one of three reused), D3 4, D4 0 (reused),
    # D5 4 (scanned before the citizen left), D6 4.
    assert (steps["page_scanned"].count, steps["page_scanned"].median_ms) == (20, 2500)
    assert steps["dossier_signed"].name_vi == "Ký số hồ sơ"
    assert "result_attached" not in steps  # never timed
    assert kpi.step_times(office_db, date(2026, 12, 1), date(2026, 12, 31)) == []
