"""Decision 766 points from events, against figures worked out by hand.

Four dossiers received on 2 Dec 2026 (office clock), appointment 3 days later:
  A canbo1, P1 (toàn trình), filed online, result issued electronically, finished after 2 days,
    2 components attached, identified by QR, rated "rất hài lòng".
  B canbo1, P1, filed online, no result yet, 2 components (1 reused), rated "không hài lòng".
  C canbo2, P2 (một phần), fee 50 000 paid online, filed online, result, finished after 5 days
    (late), 1 of 2 components left unattached, typed by hand, rating skipped.
  D canbo2, P3 (toàn trình), fee 20 000 paid in cash, filed in person, supplement requested
    twice, finished after 1 day (before the appointment, but late by the >1 supplement rule),
    1 component attached, rated "hài lòng".
By hand (default targets: 1.4 100 %, 2.1 95 %, 3.1 80 %, 3.5 50 %, 3.6 50 %, 4.1 80 %,
4.4 80 %, 5.1 90 %; the Decision's own: 3.3 50 %, 4.2 80 %, 4.3 80 %):
  1.4 synced 4/4 -> 6;  2.1 on time 1/3 (A) -> 1/3 × 20 ÷ 0.95 = 7.0175
  3.1 procedures offered toàn trình 2/3 (P1, P3) -> 0.6667 × 2 ÷ 0.8 = 1.6667
  3.3 fully online A (× 1.4), partly online B and C: 3.4/4 = 0.85 -> 6
  3.5 fee procedures with an online payment 1/2 (P2 of P2, P3) -> 3;  3.6 1/2 -> 5
  4.1 e-results 2/3 (A, C) -> 0.6667 × 4 ÷ 0.8 = 3.3333
  4.2 finished with every component and the result attached 1/3 (A; C lacks a component, D its
    result; B is not finished) -> 0.3333 × 8 ÷ 0.8 = 3.3333
  4.3 reused 1/4 -> 0.25 × 6 ÷ 0.8 = 1.875;  4.4 from the card 3/4 -> 1.875
  5.1 satisfied 2 of 3 ratings (C skipped) -> 0.6667 × 6 ÷ 0.9 = 4.4444
  groups 6 | 7.0175 | 15.6667 | 10.4167 | 4.4444; total 43.5453 of 68 computable (32 province).
"""

from __future__ import annotations

import json
import os
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from counter_app import kpi
from counter_app.cli import main
from counter_app.config import Config, load_config
from counter_app.context import AppContext
from counter_app.errors import ConfigError
from counter_app.kpi import periods
from counter_app.storage.db import Database
from tests.synthetic_events import LOCAL, DossierSpec, write

T0 = datetime(2026, 12, 2, 9, 0, tzinfo=LOCAL)
DEC = periods.parse("2026-12")


def specs() -> list[DossierSpec]:
    return [
        DossierSpec(
            "A", T0, "canbo1", procedure="P1", result=True, finished_after_days=2, rating="very_satisfied"
        ),
        DossierSpec(
            "B", T0 + timedelta(minutes=20), "canbo1", procedure="P1", reused=1, rating="unsatisfied"
        ),
        DossierSpec(
            "C",
            T0 + timedelta(minutes=40),
            "canbo2",
            procedure="P2",
            online_level="mot_phan",
            fee=50_000,
            paid_online=True,
            unattached=1,
            result=True,
            finished_after_days=5,
            identify_method="manual",
            rating="skipped",
        ),
        DossierSpec(
            "D",
            T0 + timedelta(minutes=60),
            "canbo2",
            procedure="P3",
            portal_channel=1,
            fee=20_000,
            components=1,
            supplements=2,
            finished_after_days=1,
            rating="satisfied",
        ),
    ]


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = Database(tmp_path / "score.sqlite3")
    write(database, specs())
    return database


@pytest.fixture
def config() -> Config:
    return load_config()


def test_every_indicator_matches_the_hand_worked_example(db: Database, config: Config) -> None:
    card = kpi.score(db, config, DEC.first, DEC.last, period=DEC.label)
    expected = {
        "1.4": (4, 4, 6.0),
        "2.1": (1, 3, 20 / 3 / 0.95),
        "3.1": (2, 3, 2 / 3 * 2 / 0.8),
        "3.3": (3.4, 4, 6.0),
        "3.5": (1, 2, 3.0),
        "3.6": (1, 2, 5.0),
        "4.1": (2, 3, 2 / 3 * 4 / 0.8),
        "4.2": (1, 3, 1 / 3 * 8 / 0.8),
        "4.3": (1, 4, 1.875),
        "4.4": (3, 4, 1.875),
        "5.1": (2, 3, 2 / 3 * 6 / 0.9),
    }
    for code, (numerator, denominator, earned) in expected.items():
        got = card.indicator(code)
        assert (got.numerator, got.denominator) == (pytest.approx(numerator), denominator), code
        assert got.points == pytest.approx(earned), code
        assert got.computable
    assert [round(g.points, 4) for g in card.groups] == [6.0, 7.0175, 15.6667, 10.4167, 4.4444]
    assert [g.max_points for g in card.groups] == [18, 20, 22, 22, 18]
    assert card.total_points == pytest.approx(43.5453, abs=1e-3)
    assert card.max_points_computable == 68
    assert card.max_points_province == 32
    province = [i.code for i in card.indicators if not i.computable]
    assert province == ["1.1", "1.2", "1.3", "3.2", "3.4", "4.5", "5.2", "5.3"]
    assert all(card.indicator(code).points is None for code in province)  # not computable, never 0


def test_the_full_online_weight_is_configuration(db: Database, config: Config) -> None:
    config.values["kpi.online_full_weight"] = 1.0
    card = kpi.score(db, config, DEC.first, DEC.last)
    assert card.indicator("3.3").numerator == pytest.approx(3.0)  # A + B + C, unweighted


def test_fully_online_needs_the_e_result(tmp_path: Path, config: Config) -> None:
    """Filed online for a toàn trình procedure but the result is not electronic: partly online."""
    db = Database(tmp_path / "k.sqlite3")
    write(db, [DossierSpec("E", T0, finished_after_days=1, result=False)])
    [row] = kpi.compute(db, DEC.first, DEC.last, by="total")
    assert (row.full_online, row.partly_online) == (0, 1)
    assert kpi.score(db, config, DEC.first, DEC.last).indicator("3.3").numerator == pytest.approx(1.0)


def test_one_supplement_request_keeps_a_dossier_on_time(tmp_path: Path, config: Config) -> None:
    db = Database(tmp_path / "k.sqlite3")
    write(
        db,
        [
            DossierSpec("S1", T0, supplements=1, finished_after_days=1),
            DossierSpec("S2", T0, supplements=2, finished_after_days=1),
        ],
    )
    [row] = kpi.compute(db, DEC.first, DEC.last, by="total")
    assert (row.finished, row.on_time) == (2, 1)


def test_no_dossiers_scores_nothing_and_says_so(tmp_path: Path, config: Config) -> None:
    card = kpi.score(Database(tmp_path / "empty.sqlite3"), config, DEC.first, DEC.last, period=DEC.label)
    assert card.total_points == 0 and card.max_points_computable == 0
    assert all(i.points is None and i.rate is None for i in card.indicators)
    assert [g.max_points for g in card.groups] == [18, 20, 22, 22, 18]


def test_per_officer_and_per_procedure(db: Database, config: Config) -> None:
    mine = kpi.score(db, config, DEC.first, DEC.last, officer="canbo1")
    assert (mine.indicator("3.3").numerator, mine.indicator("3.3").denominator) == (
        pytest.approx(2.0),
        2,
    )  # 1.4 + 1 capped at 2
    assert mine.indicator("5.1").rate == pytest.approx(0.5)
    p1 = kpi.score(db, config, DEC.first, DEC.last, procedure="P1")
    assert p1.indicator("4.3").rate == pytest.approx(0.5)


@pytest.mark.usefixtures("any_hour")
def test_a_dossier_straddling_midnight_at_the_month_end_counts_on_its_receipt_day(
    tmp_path: Path, config: Config
) -> None:
    """Begun 23:55 on 30 Nov (office clock), received 00:05:40 on 1 Dec: December's, on any PC."""
    db = Database(tmp_path / "k.sqlite3")
    write(db, [DossierSpec("M", datetime(2026, 11, 30, 23, 55, tzinfo=LOCAL), intake_s=600)])
    nov = periods.parse("2026-11")
    assert kpi.score(db, config, nov.first, nov.last).indicator("4.3").denominator == 0
    assert kpi.score(db, config, DEC.first, DEC.last).indicator("4.3").denominator == 1
    assert [r.group for r in kpi.compute(db, by="day")] == ["2026-12-01"]


def test_quarter_and_year_hold_the_month(db: Database, config: Config) -> None:
    month = kpi.score(db, config, DEC.first, DEC.last)
    for label in ("2026-Q4", "2026"):
        period = periods.parse(label)
        assert kpi.score(db, config, period.first, period.last).total_points == pytest.approx(
            month.total_points
        )
    assert periods.parse("2026-Q4").first == date(2026, 10, 1)
    with pytest.raises(periods.PeriodError):
        periods.parse("2026-13")


@pytest.mark.usefixtures("any_hour")
def test_cli_score_prints_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    ctx = AppContext.open()
    try:
        write(ctx.db, specs())
    finally:
        ctx.close()
    assert main(["kpi", "--score", "--month", "2026-12"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["period", "indicators", "groups", "total_points", "max_points_computable"]
    assert data["period"] == "2026-12"
    assert list(data["indicators"][0]) == [
        "code", "name", "numerator", "denominator", "rate", "threshold", "points", "max_points", "computable",
    ]  # fmt: skip
    assert [g["group"] for g in data["groups"]] == [1, 2, 3, 4, 5]
    assert data["total_points"] == pytest.approx(43.55, abs=0.01)
    assert data["max_points_computable"] == 68
    assert main(["kpi", "--score", "--month", "12/2026"]) == 2
    assert json.loads(capsys.readouterr().err)["error"]["code"] == "kpi_bad_period"


def test_targets_come_from_the_machine_file_and_it_can_lock_them(db: Database) -> None:
    """IT sets the province's satisfaction target and the 3.3 weight in the machine-wide file."""
    machine = Path(os.environ["COUNTER_APP_MACHINE_CONFIG"])
    machine.parent.mkdir(parents=True, exist_ok=True)
    machine.write_text(
        '[kpi]\ntarget_satisfied = 0.5\nonline_full_weight = 1.0\n[lock]\noptions = ["kpi.target_satisfied"]\n',
        encoding="utf-8",
    )
    config = load_config()
    card = kpi.score(db, config, DEC.first, DEC.last)
    assert card.indicator("5.1").threshold == 0.5 and card.indicator("5.1").points == 6.0  # 2/3 over 50 %
    assert card.indicator("3.3").numerator == pytest.approx(3.0)
    with pytest.raises(ConfigError) as locked:
        config.set_user("kpi.target_satisfied", 0.95)
    assert locked.value.code == "config_locked"


@pytest.mark.usefixtures("any_hour")
def test_cli_score_for_a_quarter(capsys: pytest.CaptureFixture[str]) -> None:
    ctx = AppContext.open()
    try:
        write(ctx.db, specs())
    finally:
        ctx.close()
    assert main(["kpi", "--score", "--period", "2026-Q4"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["period"] == "2026-Q4" and data["total_points"] == pytest.approx(43.55, abs=0.01)
