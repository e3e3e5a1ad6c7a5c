"""Shared test set-up: every test gets its own data, config and log folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ui.entry import plug_in_sandbox

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# In-process commands and demo mode run as under the `counter-app` entry point: with the sandbox.
plug_in_sandbox()

SHARED_DIR = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Redirect data/config/logs and the machine-wide config into a fresh temp folder."""
    base = tmp_path_factory.mktemp("appdata")
    monkeypatch.setenv("COUNTER_APP_DATA_DIR", str(base))
    monkeypatch.setenv("COUNTER_APP_MACHINE_CONFIG", str(base / "machine" / "config.toml"))
    monkeypatch.setenv("COUNTER_APP_NO_DIALOGS", "1")
    # Never probe the machine's real SANE configuration or multicast for scanners from a
    # test: its network backends broadcast. Only the SANE `test` backend is visible.
    monkeypatch.setenv("COUNTER_APP_NO_DISCOVERY", "1")
    if not os.environ.get("SANE_CONFIG_DIR"):  # a module may have set its own test-only folder
        monkeypatch.setenv("SANE_CONFIG_DIR", str(_sane_test_config(tmp_path_factory)))
    return base


def _sane_test_config(factory: pytest.TempPathFactory) -> Path:
    folder = factory.getbasetemp() / "sane-test-config"
    if not (folder / "dll.conf").exists():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "dll.conf").write_text("test\n")
    return folder


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED_DIR.is_dir():
        pytest.skip("../shared is absent (data for this test lives beside the checkout)")
    return SHARED_DIR
