"""Shared test set-up: every test gets its own data, config and log folders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from common import clock
from counter_app.context import AppContext
from counter_app.workflow import Workflow
from tests.machine_time import machine_at
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


@pytest.fixture(autouse=True)
def office_clock_reset() -> object:
    """Each test starts on the default office clock (a test or a config may change the zone)."""
    yield
    clock.set_office_clock(clock.OfficeClock())


# The office's date turns over at 17:00 UTC. Date-dependent tests run on each side of it, on a PC
# set to UTC and on one set to Vietnam's zone; tomorrow's date, so certificates made at the real
# "now" are already valid, and the hour is the same whenever the suite runs.
_MACHINE_ZONES = ("UTC", "Asia/Ho_Chi_Minh")
_UTC_HOURS = ((16, 30), (20, 30))


@pytest.fixture(
    params=[(z, h) for z in _MACHINE_ZONES for h in _UTC_HOURS],
    ids=[f"{z.split('/')[-1]}-{h[0]:02d}h{h[1]:02d}Z" for z in _MACHINE_ZONES for h in _UTC_HOURS],
)
def any_hour(request: pytest.FixtureRequest) -> object:
    """The wall clock moved to 16:30 or 20:30 UTC (ticking on), the machine's zone set to UTC or Asia/Ho_Chi_Minh."""
    zone, (hour, minute) = request.param
    tomorrow = datetime.now(timezone.utc).date() + timedelta(days=1)
    instant = datetime(tomorrow.year, tomorrow.month, tomorrow.day, hour, minute, tzinfo=timezone.utc)
    with machine_at(zone, instant):
        yield instant


def _sane_test_config(factory: pytest.TempPathFactory) -> Path:
    folder = factory.getbasetemp() / "sane-test-config"
    if not (folder / "dll.conf").exists():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "dll.conf").write_text("test\n")
    return folder


@pytest.fixture
def ctx() -> Iterator[AppContext]:
    """The application context on the test's own data folder."""
    context = AppContext.open()
    yield context
    context.close()


@pytest.fixture
def wf(ctx: AppContext) -> Workflow:
    return Workflow(ctx)


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED_DIR.is_dir():
        pytest.skip("../shared is absent (data for this test lives beside the checkout)")
    return SHARED_DIR


@pytest.fixture(scope="module")
def card_reader(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """pcscd with the vpcd virtual reader, for one module of chip tests, then gone: a card left
    on a reader makes OpenSC's token probing (the signing step's) seconds slower for every later
    test (measured: `counter-app tokens` 4.6 s with the emulated ID card on the reader, 0.2 s
    without)."""
    from tests.virtual_emrtd import VirtualReader

    try:
        reader = VirtualReader(tmp_path_factory.mktemp("pcsc")).start()
    except PermissionError as exc:  # pcscd's socket lives in /run/pcscd: root, or a running pcscd
        pytest.skip(f"no pcscd to use: {exc}")
    yield reader
    reader.stop()


@pytest.fixture(scope="session")
def card_issuer() -> object:
    """A test CSCA and document signer that sign the virtual cards' data."""
    from tests.virtual_emrtd import Issuer

    return Issuer.create()
