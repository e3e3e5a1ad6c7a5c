"""eSCL client against a conforming eSCL server running over loopback (tests/escl_server.py).

Capabilities, a 3-page ADF job, 503 retries, cancel (DELETE), a Location header naming a host
that does not exist (the client must keep talking to the address it was given), jams and a
dropped connection mid-batch (the pages already received are kept on disk).
"""

from __future__ import annotations

import threading

import cv2
import pytest

from scanner.devices.escl import EsclBackend
from scanner.devices.escl_discovery import scanner_from_service
from scanner.devices.escl_xml import parse_capabilities
from scanner.devices.sink import PageSink
from scanner.devices.types import ScanSettings
from scanner.errors import (
    DeviceBusyError,
    DeviceDisconnectedError,
    FeederEmptyError,
    NoDeviceError,
    PaperJamError,
    ScanCancelledError,
    UnsupportedSettingError,
)
from tests.escl_server import EsclServer, capabilities_xml


@pytest.fixture
def server():
    with EsclServer(adf_sheets=3) as running:
        yield running


@pytest.fixture
def backend(server):
    return EsclBackend(manual_urls=[server.url], discover=False, retry_delay=0.01)


@pytest.fixture
def device(backend, server):
    return backend.device_from_id(server.url)


def test_manual_address_is_listed_and_capabilities_are_read(backend, device, server):
    assert [d.id for d in backend.list_devices()] == [f"escl:{server.url}"]
    caps = backend.capabilities(device)
    assert caps.sources == ("flatbed", "adf")
    assert caps.modes == ("color", "gray", "bw")
    assert caps.resolutions == (75, 100, 150, 200, 300, 600)
    assert caps.max_width_mm == pytest.approx(215.9) and caps.max_height_mm == pytest.approx(297.0, abs=0.1)


def test_three_page_adf_job_to_disk(backend, device, server, tmp_path):
    saved = PageSink(tmp_path).drain(backend.scan(device, ScanSettings(source="adf", mode="color", dpi=100)))
    assert [s.page for s in saved] == [1, 2, 3]
    for item in saved:
        decoded = cv2.imread(str(item.path))
        assert decoded.shape == (round(3508 / 3), round(2480 / 3), 3)  # A4 at 100 dpi
    next_docs = [p for m, p in server.requests if p.endswith("/NextDocument")]
    assert len(next_docs) == 4  # three pages, then 404 ends the job
    assert all(p.startswith("/eSCL/ScanJobs/") for _, p in server.requests if "ScanJobs/" in p)
    assert b"<pwg:InputSource>Feeder</pwg:InputSource>" in server.settings_seen[0]
    assert b"<scan:ColorMode>RGB24</scan:ColorMode>" in server.settings_seen[0]


def test_503_on_post_and_next_document_is_retried(backend, device, server, tmp_path):
    server.busy_posts = 2
    server.warming_up = 2
    saved = PageSink(tmp_path).drain(backend.scan(device, ScanSettings(source="adf", mode="gray", dpi=75)))
    assert len(saved) == 3
    assert [m for m, p in server.requests if p == "/eSCL/ScanJobs"] == ["POST"] * 3


def test_scanner_busy_too_long_is_a_busy_error(device, server):
    server.busy_posts = 100
    backend = EsclBackend(discover=False, retry_delay=0.001)
    with pytest.raises(DeviceBusyError):
        backend.scan(device, ScanSettings(source="adf", dpi=75))


def test_cancel_deletes_the_job(backend, device, server, tmp_path):
    cancel = threading.Event()
    sink = PageSink(tmp_path, on_saved=lambda saved: cancel.set())
    with pytest.raises(ScanCancelledError):
        sink.drain(backend.scan(device, ScanSettings(source="adf", dpi=75), cancel=cancel))
    assert len(sink.saved) == 1
    deletes = [p for m, p in server.requests if m == "DELETE"]
    assert len(deletes) == 1 and deletes[0].startswith("/eSCL/ScanJobs/")


def test_page_limit_stops_and_frees_the_scanner(backend, device, server):
    pages = list(backend.scan(device, ScanSettings(source="adf", dpi=75, max_pages=2)))
    assert len(pages) == 2
    assert [m for m, _ in server.requests].count("DELETE") == 1


def test_flatbed_gives_one_page_in_bw(backend, device, server):
    pages = list(backend.scan(device, ScanSettings(source="flatbed", mode="bw", dpi=75)))
    assert len(pages) == 1 and pages[0].image.mode == "1"
    assert b"<pwg:DocumentFormat>image/png</pwg:DocumentFormat>" in server.settings_seen[0]


def test_jam_mid_batch_keeps_pages_and_reports_the_jam(backend, device, server, tmp_path):
    server.jam_after = 1
    with pytest.raises(PaperJamError) as caught:
        PageSink(tmp_path).drain(backend.scan(device, ScanSettings(source="adf", dpi=75)))
    assert [s.page for s in caught.value.saved_pages] == [1]
    assert caught.value.message == "Kẹt giấy trong khay nạp."


def test_dropped_connection_mid_batch_keeps_pages(backend, device, server, tmp_path):
    server.drop_after = 2
    with pytest.raises(DeviceDisconnectedError) as caught:
        PageSink(tmp_path).drain(backend.scan(device, ScanSettings(source="adf", dpi=75)))
    assert caught.value.pages_received == 2
    assert len(list(tmp_path.glob("page-*.png"))) == 2


def test_empty_feeder_is_reported_before_any_page(backend, device, server):
    server.adf_sheets = 0
    with pytest.raises(FeederEmptyError):
        backend.scan(device, ScanSettings(source="adf", dpi=75))


def test_unsupported_resolution_is_refused(backend, device):
    with pytest.raises(UnsupportedSettingError):
        backend.scan(device, ScanSettings(source="adf", dpi=1200))


def test_unreachable_scanner_is_no_device():
    backend = EsclBackend(discover=False)
    with EsclServer() as gone:
        url = gone.url
    with pytest.raises(NoDeviceError):
        backend.capabilities(backend.device_from_id(url))


def test_capabilities_parser_reads_the_fixture_document():
    caps = parse_capabilities(capabilities_xml())
    assert caps.make_and_model == "Loopback eSCL Test Scanner"
    assert "image/png" in caps.formats and "BlackAndWhite1" in caps.native_modes


def test_mdns_service_becomes_an_escl_url():
    """Built from a local ServiceInfo: no multicast is sent (this sandbox allows loopback only)."""
    from zeroconf import ServiceInfo

    info = ServiceInfo(
        "_uscan._tcp.local.",
        "Office Scanner._uscan._tcp.local.",
        addresses=[bytes([127, 0, 0, 1])],
        port=8080,
        properties={"rs": "eSCL", "ty": "Máy quét tầng 1"},
    )
    found = scanner_from_service(info)
    assert found is not None
    assert found.url == "http://127.0.0.1:8080/eSCL" and found.name == "Máy quét tầng 1"


def test_https_scanner_with_a_self_signed_certificate(tmp_path):
    with EsclServer(adf_sheets=2, tls_dir=tmp_path) as secure:
        assert secure.url.startswith("https://127.0.0.1:")
        backend = EsclBackend(discover=False, retry_delay=0.01)
        pages = list(backend.scan(backend.device_from_id(secure.url), ScanSettings(source="adf", dpi=75)))
    assert len(pages) == 2
