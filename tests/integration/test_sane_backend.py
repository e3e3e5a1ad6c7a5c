"""SANE backend against SANE's real `test` backend (a virtual frontend-tester device).

SANE_CONFIG_DIR points at a folder written here: `dll.conf` loads only `test`, and `test.conf`
raises `geometry_max` so an A4 page fits. The test backend's feeder runs empty after 10 pages
and its `read-return-value` option forces jammed / no documents / cover open / I/O error.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import cv2
import pytest

sane_backend = pytest.importorskip("scanner.devices.sane_backend")
pytest.importorskip("sane", reason="python-sane is not installed")

from common.errors import is_known_error  # noqa: E402
from scanner.devices.sink import PageSink  # noqa: E402
from scanner.devices.types import ScanSettings  # noqa: E402
from scanner.errors import (  # noqa: E402
    CoverOpenError,
    DeviceDisconnectedError,
    FeederEmptyError,
    PaperJamError,
    ScanCancelledError,
    UnsupportedSettingError,
)

SYSTEM_TEST_CONF = Path("/etc/sane.d/test.conf")

TEST_CONF = """\
number_of_devices 2
mode Gray
depth 8
resolution_min 1.0
resolution_max 1200.0
resolution_quant 1.0
resolution 50.0
test-picture "Solid black"
read-status-code "Default"
geometry_min 0.0
geometry_max 300.0
geometry_quant 1.0
tl_x 0.0
tl_y 0.0
br_x 80.0
br_y 100.0
"""


def write_sane_config(folder: Path) -> Path:
    """The SANE configuration folder used by these tests and by the scan CLI tests."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dll.conf").write_text("test\n")
    (folder / "test.conf").write_text(TEST_CONF)
    return folder


@pytest.fixture(scope="module", autouse=True)
def sane_test_config(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    if not Path("/usr/lib/x86_64-linux-gnu/sane/libsane-test.so.1").exists() and not shutil.which(
        "scanimage"
    ):
        pytest.skip("SANE test backend (libsane-common / sane-utils) is not installed")
    folder = write_sane_config(tmp_path_factory.mktemp("sane"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SANE_CONFIG_DIR", str(folder))
        sane_backend.reset_sane()
        yield folder
        sane_backend.reset_sane()


@pytest.fixture
def backend() -> sane_backend.SaneBackend:
    return sane_backend.SaneBackend()


@pytest.fixture
def device(backend: sane_backend.SaneBackend):
    device = backend.device_from_id("test:0")
    yield device
    # The test backend keeps option values between opens, as many real drivers do: undo faults by
    # closing libsane (its next start resets every option). A reset *scan* here could hang in
    # sane_read after a cancelled batch, holding the whole suite.
    sane_backend.reset_sane()


def test_lists_the_virtual_scanners(backend):
    devices = backend.list_devices()
    assert [d.id for d in devices] == ["sane:test:0", "sane:test:1"]
    assert all(d.kind == "scanner" and d.backend == "sane" for d in devices)


def test_capabilities_offer_feeder_modes_dpi_and_a4(backend, device):
    caps = backend.capabilities(device)
    assert caps.sources == ("flatbed", "adf")
    assert caps.modes == ("color", "gray", "bw")
    assert {200, 300, 600} <= set(caps.resolutions)
    assert caps.max_width_mm == 300.0 and caps.max_height_mm == 300.0


@pytest.mark.parametrize(
    ("mode", "dpi", "channels"),
    [("color", 100, 3), ("gray", 150, 1), ("color", 200, 3), ("bw", 75, 1)],
)
def test_flatbed_page_has_a4_size_at_the_asked_resolution(backend, device, tmp_path, mode, dpi, channels):
    settings = ScanSettings(
        source="flatbed", mode=mode, dpi=dpi, device_options={"test-picture": "Color pattern"}
    )
    saved = PageSink(tmp_path).drain(backend.scan(device, settings))
    assert len(saved) == 1
    decoded = cv2.imread(str(saved[0].path), cv2.IMREAD_UNCHANGED)  # independent decoder
    height, width = decoded.shape[:2]
    assert abs(width - round(210 / 25.4 * dpi)) <= 2
    assert abs(height - round(297 / 25.4 * dpi)) <= 2
    assert (1 if decoded.ndim == 2 else decoded.shape[2]) == channels
    if mode == "color":
        assert decoded.reshape(-1, 3).std(axis=0).max() > 10  # the colour pattern came through
    if mode == "bw":
        assert set(decoded.ravel().tolist()) <= {0, 1, 255}


def test_adf_batch_of_ten_then_feeder_runs_empty(backend, device, tmp_path):
    seen: list[tuple[int, float]] = []
    pages = backend.scan(
        device,
        ScanSettings(source="adf", mode="gray", dpi=50),
        progress=lambda page, fraction: seen.append((page, fraction)),
    )
    saved = PageSink(tmp_path).drain(pages)
    assert [s.page for s in saved] == list(range(1, 11))
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"page-{n:04d}.png" for n in range(1, 11)]
    assert (10, 1.0) in seen


def test_page_is_on_disk_before_the_next_is_requested(backend, device, tmp_path):
    on_disk_when_requested: list[int] = []
    pages = backend.scan(device, ScanSettings(source="adf", mode="gray", dpi=50, max_pages=4))

    def wrapped():
        for page in pages:
            yield page
            on_disk_when_requested.append(len(list(tmp_path.glob("page-*.png"))))

    PageSink(tmp_path).drain(wrapped())
    assert on_disk_when_requested == [1, 2, 3, 4]


@pytest.mark.parametrize(
    ("status", "error"),
    [
        ("SANE_STATUS_JAMMED", PaperJamError),
        ("SANE_STATUS_NO_DOCS", FeederEmptyError),
        ("SANE_STATUS_COVER_OPEN", CoverOpenError),
        ("SANE_STATUS_IO_ERROR", DeviceDisconnectedError),
    ],
)
def test_forced_device_errors_become_known_errors(backend, device, tmp_path, status, error):
    settings = ScanSettings(source="adf", mode="gray", dpi=50, device_options={"read-return-value": status})
    with pytest.raises(error) as caught:
        PageSink(tmp_path).drain(backend.scan(device, settings))
    assert is_known_error(caught.value)
    assert caught.value.message and caught.value.hint  # Vietnamese words for the officer
    assert list(tmp_path.iterdir()) == []


def test_disconnect_mid_batch_keeps_pages_already_received(backend, device, tmp_path):
    def pull_cable_after_third(saved) -> None:
        if saved.page == 3:
            backend.live_handle(device).read_return_value = "SANE_STATUS_IO_ERROR"

    sink = PageSink(tmp_path, on_saved=pull_cable_after_third)
    with pytest.raises(DeviceDisconnectedError) as caught:
        sink.drain(backend.scan(device, ScanSettings(source="adf", mode="gray", dpi=50)))
    assert caught.value.pages_received == 3
    assert [s.page for s in caught.value.saved_pages] == [1, 2, 3]
    for path in sorted(tmp_path.glob("page-*.png")):
        assert cv2.imread(str(path)) is not None  # every kept page is whole


def test_cancel_during_a_page_stops_the_scan(backend, device, tmp_path):
    cancel = threading.Event()

    def cancel_midway(page: int, fraction: float) -> None:
        if page == 2 and 0.0 < fraction < 1.0:
            cancel.set()

    pages = backend.scan(
        device, ScanSettings(source="adf", mode="color", dpi=150), progress=cancel_midway, cancel=cancel
    )
    with pytest.raises(ScanCancelledError):
        PageSink(tmp_path).drain(pages)
    assert [p.name for p in tmp_path.glob("page-*.png")] == ["page-0001.png"]


def test_unsupported_setting_is_refused_before_scanning(backend, device):
    with pytest.raises(UnsupportedSettingError) as caught:
        backend.scan(device, ScanSettings(source="duplex", mode="gray", dpi=50))
    assert "khay nạp hai mặt" in caught.value.message


def test_unknown_device_is_no_device(backend):
    from scanner.errors import NoDeviceError

    with pytest.raises(NoDeviceError):
        backend.capabilities(backend.device_from_id("test:7"))


def test_cancel_from_another_thread_stops_a_slow_page_promptly(backend, device, tmp_path):
    """The officer presses Cancel while the scanner is still reading a page (UI thread vs worker)."""
    cancel = threading.Event()
    slow = {"read-delay": True, "read-delay-duration": 30000}  # ~4 s for this page uncancelled
    pages = backend.scan(
        device, ScanSettings(source="flatbed", mode="color", dpi=150, device_options=slow), cancel=cancel
    )
    timer = threading.Timer(0.3, cancel.set)
    timer.start()
    started = time.monotonic()
    with pytest.raises(ScanCancelledError):
        PageSink(tmp_path).drain(pages)
    assert time.monotonic() - started < 2.0
    assert list(tmp_path.iterdir()) == []


def _sigpipe_ignored() -> bool:
    """Read the process's ignored-signal mask from the kernel, not from Python's bookkeeping."""
    import signal

    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("SigIgn:"):
            return bool(int(line.split()[1], 16) & (1 << (signal.SIGPIPE - 1)))
    raise AssertionError("no SigIgn line in /proc/self/status")


def test_sigpipe_stays_ignored_after_a_scan(backend, device, tmp_path):
    """SANE's reader thread resets SIGPIPE to "terminate" during a scan; after one, a write to a
    socket whose peer hung up (outbox, demo portal) must still be a BrokenPipeError, not the end
    of the application."""
    import socket

    settings = ScanSettings(source="flatbed", mode="gray", dpi=75)
    assert len(PageSink(tmp_path).drain(backend.scan(device, settings))) == 1
    assert _sigpipe_ignored()
    left, right = socket.socketpair()
    right.close()
    with pytest.raises(BrokenPipeError), left:
        for _ in range(64):  # the first send may still be buffered
            left.send(b"x" * 65536)
