"""`counter-app workdays` prints {"from", "days", "due"} by the office calendar (docs/cli.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from counter_app.cli import main
from counter_app.paths import app_paths


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["workdays", *args]) == 0
    [line] = capsys.readouterr().out.splitlines()
    return json.loads(line)


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        ("2026-04-28", "3", "2026-05-05"),  # 30/4 and 1/5
        ("2026-09-01", "1", "2026-09-04"),  # 1/9 and 2/9
        ("2027-02-04", "3", "2027-02-16"),  # Tết 2027
        ("2026-04-24", "1", "2026-04-28"),  # Giỗ Tổ 2026 (Sunday 26/4, observed Monday 27/4)
        ("2027-04-15", "1", "2027-04-19"),  # Giỗ Tổ 2027 (Friday 16/4)
        ("2026-04-29T14:59", "0", "2026-04-29"),
        ("2026-04-29T15:01", "0", "2026-05-04"),  # the 15:00 rule
    ],
)
def test_workdays_prints_the_due_date(
    capsys: pytest.CaptureFixture[str], start: str, days: str, due: str
) -> None:
    assert _run(capsys, "--from", start, "--days", days) == {"from": start, "days": int(days), "due": due}


def test_online_dossiers_get_the_catalogue_shorter_limit(capsys: pytest.CaptureFixture[str]) -> None:
    at_counter = _run(capsys, "--from", "2026-04-21", "--procedure", "1.004873")
    online = _run(capsys, "--from", "2026-04-21", "--procedure", "1.004873", "--online")
    assert (at_counter["days"], at_counter["due"]) == (3, "2026-04-24")
    assert (online["days"], online["due"]) == (2, "2026-04-23")


def test_the_configured_override_file_is_used(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    overrides = tmp_path / "lich-nghi.toml"
    overrides.write_text("[2026]\nworking_days = [2026-05-01]\n", encoding="utf-8")
    machine = app_paths().machine_config
    machine.parent.mkdir(parents=True, exist_ok=True)
    machine.write_text(f"[calendar]\noverrides = '{overrides}'\n", encoding="utf-8")
    assert _run(capsys, "--from", "2026-04-29", "--days", "1")["due"] == "2026-05-01"


@pytest.mark.parametrize(
    "args", [["--from", "29/04/2026", "--days", "1"], ["--from", "2026-04-29", "--days", "-1"]]
)
def test_bad_input_is_a_known_error(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    assert main(["workdays", *args]) == 2
    assert json.loads(capsys.readouterr().err)["error"]["code"] == "workdays_bad_input"
