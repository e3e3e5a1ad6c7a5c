"""The calendar options: the yearly override file and the return hour, checked when the config loads."""

from __future__ import annotations

from pathlib import Path

from counter_app.config import load_config
from counter_app.paths import app_paths


def _machine(text: str) -> Path:
    path = app_paths().machine_config
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_override_file_is_taken(tmp_path: Path) -> None:
    overrides = tmp_path / "lich-nghi.toml"
    overrides.write_text("[2027]\ndays_off = [2027-02-03]\n", encoding="utf-8")
    _machine(f"[calendar]\noverrides = '{overrides}'\nreturn_time = \"14:30\"\n")
    config = load_config()
    assert config.get("calendar.overrides") == str(overrides)
    assert config.get("calendar.return_time") == "14:30"
    assert config.issues == []


def test_a_bad_override_file_is_reported_with_the_config_file_and_option(tmp_path: Path) -> None:
    overrides = tmp_path / "lich-nghi.toml"
    overrides.write_text("[2027]\ndays_off = [2026-12-31]\n", encoding="utf-8")
    machine = _machine(f"[calendar]\noverrides = '{overrides}'\nreturn_time = \"4 giờ\"\n")
    config = load_config()
    assert config.get("calendar.overrides") == ""  # the computed calendar alone, not a broken one
    assert config.get("calendar.return_time") == "16:00"
    issues = {i.option: i for i in config.issues}
    assert issues["calendar.overrides"].file == str(machine)
    assert str(overrides) in issues["calendar.overrides"].message
    assert "không thuộc năm 2027" in issues["calendar.overrides"].message
    assert "HH:MM" in issues["calendar.return_time"].message


def test_a_missing_override_file_is_reported(tmp_path: Path) -> None:
    _machine(f"[calendar]\noverrides = '{tmp_path / 'none.toml'}'\n")
    config = load_config()
    assert "Không tìm thấy" in next(i.message for i in config.issues if i.option == "calendar.overrides")
