"""Configuration layers: defaults, machine file with IT locks, user file; bad files never stop start-up."""

from __future__ import annotations

from pathlib import Path

import pytest

from counter_app.config import OPTIONS, load_config
from counter_app.errors import ConfigError
from counter_app.paths import app_paths


def _machine(text: str) -> Path:
    path = app_paths().machine_config
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _user(text: str) -> Path:
    path = app_paths().user_config
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_every_option_has_a_vietnamese_label_and_a_typed_default() -> None:
    keys = [o.key for o in OPTIONS]
    assert len(keys) == len(set(keys)), "each option is declared once"
    for option in OPTIONS:
        assert option.label_vi and option.label_en
        assert isinstance(option.default, option.type)


def test_defaults_mean_demo_mode() -> None:
    config = load_config()
    assert config.demo_mode
    assert config.origin("portal.url") == "default"


def test_user_overrides_machine_unless_locked() -> None:
    _machine(
        '[office]\ncode = "000.00.01.H31"\nname = "UBND xã A"\n[scanner]\ndpi = 200\n'
        '[lock]\noptions = ["office.code"]\n'
    )
    _user('[office]\ncode = "HACKED"\n[scanner]\ndpi = 400\n')
    config = load_config()
    assert config.get("office.code") == "000.00.01.H31"
    assert config.origin("office.code") == "machine"
    assert config.get("scanner.dpi") == 400
    assert config.origin("scanner.dpi") == "user"
    assert any(i.option == "office.code" for i in config.issues)
    with pytest.raises(ConfigError) as info:
        config.set_user("office.code", "X")
    assert info.value.code == "config_locked"


def test_broken_file_names_the_file_and_falls_back_to_defaults() -> None:
    path = _user("[scanner\ndpi = = 3")
    config = load_config()
    assert config.get("scanner.dpi") == 300
    assert config.issues and config.issues[0].file == str(path)
    assert "Không đọc được" in config.issues[0].message


def test_bad_value_names_the_option_and_keeps_the_default() -> None:
    _user('[scanner]\ndpi = "many"\nmode = "sepia"\n[nonsense]\nx = 1\n')
    config = load_config()
    assert config.get("scanner.dpi") == 300
    assert config.get("scanner.mode") == "color"
    flagged = {i.option for i in config.issues}
    assert {"scanner.dpi", "scanner.mode", "nonsense.x"} <= flagged


def test_set_user_persists_and_reloads() -> None:
    config = load_config()
    config.set_user("pdf.ocr", False)
    config.set_user("signing.module_paths", ["/usr/lib/softhsm/libsofthsm2.so"])
    again = load_config()
    assert again.get("pdf.ocr") is False
    assert again.get("signing.module_paths") == ["/usr/lib/softhsm/libsofthsm2.so"]
    assert again.origin("pdf.ocr") == "user"


def test_secrets_are_masked_in_the_description() -> None:
    _machine('[portal]\nclient_secret = "s3cr3t"\n')
    rows = {r["key"]: r for r in load_config().describe()}
    assert rows["portal.client_secret"]["value"] == "••••••"


def test_supervisor_scope_follows_the_os_account_listed_by_it() -> None:
    from counter_app.context import AppContext, os_account

    _machine(
        f'[office]\nsupervisor_accounts = ["{os_account().upper()}"]\n[lock]\noptions = ["office.supervisor_accounts"]\n'
    )
    ctx = AppContext.open()
    assert ctx.config.get("officer.role") == "officer"
    assert ctx.is_supervisor, (
        "the logged-in account is a listed supervisor (names compared case-insensitively)"
    )
    _machine('[office]\nsupervisor_accounts = ["someone-else"]\n')
    assert not AppContext.open().is_supervisor


def test_a_bad_url_or_a_missing_file_names_the_option_and_says_why(tmp_path) -> None:
    cert = tmp_path / "may-tram.pem"
    cert.write_text("-----BEGIN CERTIFICATE-----\n", encoding="utf-8")
    path = _user(
        '[portal]\nurl = "not a url"\nca_bundle = "/khong/co/ca.pem"\n'
        f'client_cert = "{cert.as_posix()}"\n'
        '[collector]\nurl = "ftp://thong-ke.example.vn"\n'
        '[signing]\ntsa_url = "https://tsa.example.vn/tsa"\n'
    )
    config = load_config()
    issues = {i.option: i for i in config.issues}
    assert set(issues) == {"portal.url", "portal.ca_bundle", "collector.url"}
    assert all(i.file == str(path) for i in issues.values())
    assert "'not a url' không phải địa chỉ web" in issues["portal.url"].message
    assert "không có tệp '/khong/co/ca.pem'" in issues["portal.ca_bundle"].message
    assert config.get("portal.url") == "" and config.demo_mode
    assert [i.option for i in config.issues_behind_demo()] == ["portal.url"]
    assert config.get("portal.client_cert") == cert.as_posix()
    assert config.get("signing.tsa_url") == "https://tsa.example.vn/tsa"


def test_garbage_in_the_file_is_said_in_vietnamese_with_the_place() -> None:
    _user("đây không phải toml\x00")
    config = load_config()
    (issue,) = config.issues
    assert issue.option == "*" and "dòng 1" in issue.message and "Expected" not in issue.message
    assert config.issues_behind_demo() == [issue]
