"""The supervisor PIN: a salted hash IT writes in the machine file, checked with a pause after wrong tries."""

from __future__ import annotations

import io
import json

import pytest

from counter_app.cli import main
from counter_app.config import load_config
from counter_app.paths import app_paths
from counter_app.supervisor_pin import PinFormatError, PinGate, check_pin, configured_hash, hash_pin


def test_the_hash_checks_the_right_pin_only() -> None:
    stored = hash_pin("482913")
    assert "482913" not in stored
    assert check_pin("482913", stored)
    assert not check_pin("482914", stored)
    assert not check_pin("", stored)
    assert hash_pin("482913") != stored  # salted: the same PIN never hashes the same twice


def test_a_damaged_hash_matches_nothing() -> None:
    stored = hash_pin("482913")
    for damaged in ("", "482913", stored.replace("scrypt", "md5"), stored[:-6], stored.replace("$", "!")):
        assert not check_pin("482913", damaged), damaged


def test_short_or_non_digit_pins_are_refused() -> None:
    for bad in ("123", "abcd", "12 34"):
        with pytest.raises(PinFormatError):
            hash_pin(bad)


def test_three_wrong_tries_pause_the_gate_even_for_the_right_pin() -> None:
    now = [1000.0]
    gate = PinGate(hash_pin("482913"), max_tries=3, pause_s=60, clock=lambda: now[0])
    assert gate.attempt("000000").tries_left == 2
    assert gate.attempt("111111").tries_left == 1
    third = gate.attempt("222222")
    assert (third.ok, third.wait_s) == (False, 60)
    now[0] += 30
    paused = gate.attempt("482913")
    assert not paused.ok and paused.wait_s == pytest.approx(30)
    now[0] += 31
    assert gate.attempt("482913").ok


def _write(path_attr: str, text: str) -> None:
    path = getattr(app_paths(), path_attr)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_only_the_machine_file_can_set_the_pin() -> None:
    stored = hash_pin("482913")
    _write("user_config", f'[office]\nsupervisor_pin = "{stored}"\n')
    assert configured_hash(load_config()) == ""  # an officer cannot give themselves a PIN
    _write(
        "machine_config",
        f'[office]\nsupervisor_pin = "{stored}"\n[lock]\noptions = ["office.supervisor_pin"]\n',
    )
    _write("user_config", '[office]\nsupervisor_pin = "scrypt:2:1:1$AAAA$AAAA"\n')
    assert configured_hash(load_config()) == stored  # locked: the user file cannot replace it


def test_cli_prints_a_hash_of_the_pin_read_from_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("482913\n"))
    assert main(["config", "hash-pin"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["option"] == "office.supervisor_pin"
    assert check_pin("482913", out["value"])
    assert f'supervisor_pin = "{out["value"]}"' in out["toml"]
    monkeypatch.setattr("sys.stdin", io.StringIO("12\n"))
    assert main(["config", "hash-pin"]) == 2
    assert json.loads(capsys.readouterr().err)["error"]["code"] == "supervisor_pin_invalid"
