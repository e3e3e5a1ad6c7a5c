"""TWAIN and WIA backends: capability, setting and error MAPPING, with fakes.

No TWAIN data source and no WIA device exist on this Linux machine (both are Windows driver
stacks), so these tests drive the backends through stand-ins shaped like pytwain's module and
WIA's COM automation objects. What they check is our side: what we read, what we write, how
driver errors become the officer's messages, and that pages already received are kept.
"""

from __future__ import annotations

import io
import types
from typing import Any

import pytest
from PIL import Image

from scanner.devices import twain_backend as tw
from scanner.devices import wia_backend as wia
from scanner.devices.sink import PageSink
from scanner.devices.types import ScanSettings
from scanner.errors import (
    CoverOpenError,
    DeviceBusyError,
    DeviceDisconnectedError,
    FeederEmptyError,
    NoDeviceError,
    PaperJamError,
    ScanCancelledError,
    UnsupportedSettingError,
)


def png_bytes(color: tuple[int, int, int] = (200, 30, 40), size: tuple[int, int] = (85, 110)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


def bmp_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (85, 110), (10, 120, 200)).save(buffer, "BMP")
    return buffer.getvalue()


# ---------------------------------------------------------------- TWAIN stand-in (pytwain-shaped)


class TwainError(Exception):
    pass


def twain_exc(name: str) -> type[Exception]:
    return type(name, (TwainError,), {})


class FakeSource:
    def __init__(self, caps: dict[int, Any], transfers: list[Any]) -> None:
        self.caps = caps
        self.transfers = list(transfers)
        self.writes: list[tuple[int, int, Any]] = []
        self.closed = False

    def get_capability(self, cap: int) -> Any:
        if cap not in self.caps:
            raise twain_exc("CapUnsupported")()
        return self.caps[cap]

    def set_capability(self, cap: int, kind: int, value: Any) -> None:
        self.writes.append((cap, kind, value))

    def set_image_layout(self, frame: tuple[float, float, float, float]) -> None:
        self.layout = frame

    def request_acquire(self, show_ui: bool, modal_ui: bool) -> None:
        assert show_ui is False  # the counter never shows the driver's own dialog

    def xfer_image_natively(self) -> tuple[bytes, int]:
        item = self.transfers.pop(0)
        if isinstance(item, Exception):
            raise item
        return bmp_bytes(), len(self.transfers) if item == "page" else int(item)

    def close(self) -> None:
        self.closed = True


def fake_twain(source: FakeSource, names: tuple[str, ...] = ("Canon DR-C225 TWAIN",)) -> Any:
    class SourceManager:
        def __init__(self, parent: Any) -> None:
            self.source_list = list(names)

        def open_source(self, name: str) -> FakeSource:
            if name not in names:
                raise twain_exc("NoDataSourceError")()
            return source

        def close(self) -> None:
            pass

    return types.SimpleNamespace(SourceManager=SourceManager, dib_to_bm_file=lambda handle: handle)


TWAIN_CAPS = {
    tw.CAP_FEEDERENABLED: (tw.TWTY_BOOL, (0, 0, [False, True])),
    tw.CAP_DUPLEX: (tw.TWTY_UINT16, 1),
    tw.ICAP_PIXELTYPE: (tw.TWTY_UINT16, (2, 2, [tw.TWPT_BW, tw.TWPT_GRAY, tw.TWPT_RGB])),
    tw.ICAP_XRESOLUTION: (tw.TWTY_FIX32, (3, 3, [100.0, 150.0, 200.0, 300.0, 600.0])),
    tw.ICAP_PHYSICALWIDTH: (tw.TWTY_FIX32, 8.5),
    tw.ICAP_PHYSICALHEIGHT: (tw.TWTY_FIX32, 14.0),
    tw.CAP_FEEDERLOADED: (tw.TWTY_BOOL, True),
}


def twain_setup(transfers: list[Any], caps: dict[int, Any] | None = None) -> tuple[Any, Any, FakeSource]:
    source = FakeSource(dict(TWAIN_CAPS if caps is None else caps), transfers)
    backend = tw.TwainBackend(twain_module=fake_twain(source))
    return backend, backend.list_devices()[0], source


def test_twain_capabilities_from_enumerations():
    backend, device, _ = twain_setup([])
    caps = backend.capabilities(device)
    assert caps.sources == ("flatbed", "adf", "duplex")
    assert caps.modes == ("color", "gray", "bw")
    assert caps.resolutions == (100, 150, 200, 300, 600)
    assert caps.max_width_mm == pytest.approx(215.9) and caps.max_height_mm == pytest.approx(355.6)


def test_twain_capabilities_from_a_range_and_missing_caps():
    caps = tw.capabilities_from_twain(
        lambda cap: (
            {"MinValue": 50, "MaxValue": 1200, "StepSize": 1, "DefaultValue": 300, "CurrentValue": 300}
            if cap == tw.ICAP_XRESOLUTION
            else (_ for _ in ()).throw(twain_exc("CapUnsupported")())
        )
    )
    assert caps.sources == ("flatbed",) and caps.modes == ("color",)
    assert caps.resolution_range == (50, 1200) and caps.accepts_dpi(333)


def test_twain_settings_written_in_order():
    writes = tw.settings_to_twain(ScanSettings(source="duplex", mode="gray", dpi=200))
    assert writes == [
        (tw.ICAP_UNITS, tw.TWTY_UINT16, tw.TWUN_INCHES),
        (tw.CAP_FEEDERENABLED, tw.TWTY_BOOL, True),
        (tw.CAP_DUPLEXENABLED, tw.TWTY_BOOL, True),
        (tw.ICAP_PIXELTYPE, tw.TWTY_UINT16, tw.TWPT_GRAY),
        (tw.ICAP_XRESOLUTION, tw.TWTY_FIX32, 200.0),
        (tw.ICAP_YRESOLUTION, tw.TWTY_FIX32, 200.0),
        (tw.CAP_XFERCOUNT, tw.TWTY_INT16, -1),
    ]


def test_twain_feeder_batch_until_no_pages_remain(tmp_path):
    backend, device, source = twain_setup(["page", "page", "page"])
    saved = PageSink(tmp_path).drain(backend.scan(device, ScanSettings(source="adf", mode="color", dpi=300)))
    assert [s.page for s in saved] == [1, 2, 3]
    assert saved[0].mode == "color" and saved[0].dpi == 300
    assert source.layout == (0.0, 0.0, 8.268, 11.693)  # A4 in inches
    assert source.closed


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("PaperJam", PaperJamError),
        ("PaperDoubleFeedError", PaperJamError),
        ("CheckDeviceOnlineError", DeviceDisconnectedError),
        ("DSTransferCancelled", ScanCancelledError),
        ("MaxConnectionsError", DeviceBusyError),
    ],
)
def test_twain_errors_mid_batch_keep_pages(tmp_path, name, error):
    backend, device, source = twain_setup(["page", twain_exc(name)()])
    with pytest.raises(error) as caught:
        PageSink(tmp_path).drain(backend.scan(device, ScanSettings(source="adf", dpi=300)))
    assert [s.page for s in caught.value.saved_pages] == [1]
    assert caught.value.message and caught.value.hint
    if error is DeviceDisconnectedError:
        assert caught.value.pages_received == 1
    assert source.closed


def test_twain_empty_feeder_and_unsupported_setting():
    caps = dict(TWAIN_CAPS)
    caps[tw.CAP_FEEDERLOADED] = (tw.TWTY_BOOL, False)
    backend, device, _ = twain_setup([], caps)
    with pytest.raises(FeederEmptyError):
        backend.scan(device, ScanSettings(source="adf", dpi=300))
    with pytest.raises(UnsupportedSettingError):
        backend.scan(device, ScanSettings(source="flatbed", dpi=1200))


def test_twain_unknown_source_and_missing_dsm():
    backend, _, _ = twain_setup([])
    with pytest.raises(NoDeviceError):
        backend.capabilities(backend.device_from_id("Nonexistent"))
    error = tw.map_twain_error(twain_exc("SMLoadFileFailed")())
    assert isinstance(error, NoDeviceError) and "TWAIN" in error.message


# ---------------------------------------------------------------- WIA stand-in (COM-automation-shaped)


class FakeComError(Exception):
    """Shaped like pywintypes.com_error: (hresult, text, excepinfo, argerr); scode in excepinfo[5]."""

    def __init__(self, scode: int) -> None:
        signed = scode - (1 << 32) if scode & 0x80000000 else scode
        super().__init__(-2147352567, "Exception occurred.", (0, "WIA", "", None, 0, signed), None)


class Prop:
    def __init__(self, value: Any, subtype: int = 0, values: list[Any] | None = None, rng=None) -> None:
        self.Value = value
        self.SubType = subtype
        self.SubTypeValues = values or []
        self.SubTypeMin, self.SubTypeMax = rng or (0, 0)


class Props:
    def __init__(self, props: dict[int, Prop]) -> None:
        self.props = props

    def __call__(self, prop_id: int) -> Prop:
        if prop_id not in self.props:
            raise FakeComError(0x80070490)  # element not found
        return self.props[prop_id]


class FakeItem:
    def __init__(self, transfers: list[Any]) -> None:
        self.Properties = Props(
            {
                wia.WIA_IPA_DATATYPE: Prop(3, wia.SUBTYPE_LIST, [0, 2, 3]),
                wia.WIA_IPA_DEPTH: Prop(24),
                wia.WIA_IPS_XRES: Prop(300, wia.SUBTYPE_RANGE, rng=(75, 1200)),
                wia.WIA_IPS_YRES: Prop(300, wia.SUBTYPE_RANGE, rng=(75, 1200)),
                wia.WIA_IPS_XEXTENT: Prop(2550),
                wia.WIA_IPS_YEXTENT: Prop(3300),
            }
        )
        self.transfers = list(transfers)
        self.formats: list[str] = []

    def Transfer(self, fmt: str) -> Any:
        self.formats.append(fmt)
        item = self.transfers.pop(0) if self.transfers else FakeComError(wia.WIA_ERROR_PAPER_EMPTY)
        if isinstance(item, Exception):
            raise item
        return types.SimpleNamespace(FileData=types.SimpleNamespace(BinaryData=png_bytes()))


def fake_wia(transfers: list[Any], *, feed_ready: bool = True) -> tuple[wia.WiaBackend, Any, FakeItem]:
    item = FakeItem(transfers)
    device_props = Props(
        {
            wia.WIA_DPS_DOCUMENT_HANDLING_CAPABILITIES: Prop(wia.FEEDER | wia.FLATBED),
            wia.WIA_DPS_DOCUMENT_HANDLING_STATUS: Prop(wia.FEED_READY if feed_ready else 0),
            wia.WIA_DPS_DOCUMENT_HANDLING_SELECT: Prop(wia.FLATBED),
            wia.WIA_DPS_PAGES: Prop(1),
            wia.WIA_DPS_HORIZONTAL_BED_SIZE: Prop(8500),
            wia.WIA_DPS_VERTICAL_BED_SIZE: Prop(11690),
        }
    )
    connected = types.SimpleNamespace(Properties=device_props, Items=lambda index: item)

    def info(device_id: str, kind: int, name: str) -> Any:
        return types.SimpleNamespace(
            DeviceID=device_id,
            Type=kind,
            Properties=Props({wia.WIA_DIP_DEV_NAME: Prop(name)}),
            Connect=lambda: connected,
        )

    infos = [info("{6BDD1FC6}\\0000", 1, "HP ScanJet Pro 2500"), info("{6BDD1FC6}\\0001", 2, "Webcam")]
    collection = types.SimpleNamespace(Count=len(infos), Item=lambda i: infos[i - 1])
    backend = wia.WiaBackend(manager_factory=lambda: types.SimpleNamespace(DeviceInfos=collection))
    return backend, device_props, item


def test_wia_lists_only_scanners_and_reads_capabilities():
    backend, _, _ = fake_wia([])
    devices = backend.list_devices()
    assert [d.name for d in devices] == ["HP ScanJet Pro 2500"]
    caps = backend.capabilities(devices[0])
    assert caps.sources == ("flatbed", "adf")
    assert caps.modes == ("color", "gray", "bw")
    assert caps.resolution_range == (75, 1200) and 300 in caps.resolutions
    assert caps.max_width_mm == pytest.approx(215.9) and caps.max_height_mm == pytest.approx(296.9, abs=0.1)


def test_wia_settings_written_and_feeder_read_until_empty(tmp_path):
    backend, device_props, item = fake_wia(["page", "page"])
    device = backend.list_devices()[0]
    saved = PageSink(tmp_path).drain(backend.scan(device, ScanSettings(source="adf", mode="gray", dpi=200)))
    assert [s.page for s in saved] == [1, 2] and saved[0].mode == "gray"
    assert device_props(wia.WIA_DPS_DOCUMENT_HANDLING_SELECT).Value == wia.FEEDER
    assert device_props(wia.WIA_DPS_PAGES).Value == 0
    assert item.Properties(wia.WIA_IPA_DATATYPE).Value == wia.WIA_DATA_GRAYSCALE
    assert item.Properties(wia.WIA_IPS_XRES).Value == 200
    assert item.Properties(wia.WIA_IPS_XEXTENT).Value == round(210 / 25.4 * 200)
    assert item.formats == [wia.WIA_FORMAT_PNG] * 3  # the third answer was "paper empty": done


@pytest.mark.parametrize(
    ("code", "error"),
    [
        (0x80210002, PaperJamError),
        (0x80210016, CoverOpenError),
        (0x8021000A, DeviceDisconnectedError),
        (0x80210006, DeviceBusyError),
        (0x80210064, ScanCancelledError),
    ],
)
def test_wia_errors_mid_batch_keep_pages(tmp_path, code, error):
    backend, _, _ = fake_wia(["page", FakeComError(code)])
    with pytest.raises(error) as caught:
        PageSink(tmp_path).drain(backend.scan(backend.list_devices()[0], ScanSettings(source="adf", dpi=300)))
    assert [s.page for s in caught.value.saved_pages] == [1]


def test_wia_empty_feeder_before_the_first_page():
    backend, _, _ = fake_wia([], feed_ready=False)
    with pytest.raises(FeederEmptyError):
        backend.scan(backend.list_devices()[0], ScanSettings(source="adf", dpi=300))
    backend, _, _ = fake_wia([FakeComError(wia.WIA_ERROR_PAPER_EMPTY)])
    with pytest.raises(FeederEmptyError):
        list(backend.scan(backend.list_devices()[0], ScanSettings(source="adf", dpi=300)))


def test_wia_hresult_forms():
    assert wia.hresult_of(FakeComError(0x80210002)) == 0x80210002
    comtypes_style = Exception()
    comtypes_style.hresult = -2145320954  # type: ignore[attr-defined]
    assert wia.hresult_of(comtypes_style) == 0x80210006
    unknown = wia.map_wia_error(FakeComError(0x80211234))
    assert "0x80211234" in unknown.message


def test_windows_backends_say_why_they_are_off_here():
    import sys

    if sys.platform == "win32":
        pytest.skip("on Windows these backends may be available")
    assert "Windows" in tw.TwainBackend.unavailable_reason()
    assert "Windows" in wia.WiaBackend.unavailable_reason()
