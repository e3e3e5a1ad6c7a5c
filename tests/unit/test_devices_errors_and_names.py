"""Device errors the officer reads, and how drivers' own names map onto ours."""

from __future__ import annotations

import inspect

import pytest

import scanner.errors as errors
from common.errors import is_known_error
from scanner.devices.sane_backend import map_status, mode_key, native_names, source_key
from scanner.devices.types import Capabilities, ScanSettings
from scanner.errors import DeviceDisconnectedError, DeviceError, PaperJamError, UnsupportedSettingError

DEVICE_ERRORS = [
    cls for _, cls in inspect.getmembers(errors, inspect.isclass) if issubclass(cls, DeviceError)
]
VIETNAMESE = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


@pytest.mark.parametrize("cls", DEVICE_ERRORS, ids=lambda c: c.__name__)
def test_every_device_error_speaks_vietnamese_and_says_what_to_do(cls):
    error = cls()
    assert is_known_error(error)
    assert error.code and error.code == error.code.lower() and " " not in error.code
    assert VIETNAMESE & set(error.message.lower()), error.message
    assert VIETNAMESE & set(error.hint.lower()), error.hint
    assert error.as_dict()["message"] == error.message


def test_error_codes_are_unique():
    codes = [cls.code for cls in DEVICE_ERRORS]
    assert len(codes) == len(set(codes))


def test_disconnected_error_remembers_pages_already_received():
    error = DeviceDisconnectedError(pages_received=4)
    assert error.pages_received == 4 and "đã nhận" in error.hint


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Flatbed", "flatbed"),
        ("FlatBed", "flatbed"),
        ("ADF", "adf"),
        ("ADF Front", "adf"),
        ("Automatic Document Feeder", "adf"),
        ("Automatic Document Feeder(left aligned)", "adf"),
        ("Automatic Document Feeder(left aligned,Duplex)", "duplex"),
        ("ADF Duplex", "duplex"),
        ("Transparency Adapter", None),
    ],
)
def test_sane_source_names(name, key):
    assert source_key(name) == key


def test_sane_mode_names_prefer_plain_modes_over_variants():
    brother = ["Black & White", "Gray[Error Diffusion]", "True Gray", "24bit Color", "24bit Color[Fast]"]
    assert native_names(brother, mode_key) == {
        "bw": "Black & White",
        "gray": "True Gray",
        "color": "24bit Color",
    }
    assert native_names(["Lineart", "Halftone", "Gray", "Color"], mode_key)["bw"] == "Lineart"


def test_sane_status_texts_map_to_typed_errors():
    assert isinstance(map_status("Document feeder jammed"), PaperJamError)
    lost = map_status("Error during device I/O", pages_received=2)
    assert isinstance(lost, DeviceDisconnectedError) and lost.pages_received == 2
    denied = map_status("Access to resource has been denied")
    assert denied.code == "device_access_denied"
    other = map_status("Something new")
    assert type(other) is DeviceError and "Something new" in other.message


def test_capabilities_refuse_with_the_offered_choices():
    caps = Capabilities(sources=("flatbed",), modes=("gray", "bw"), resolutions=(150, 300))
    with pytest.raises(UnsupportedSettingError) as caught:
        caps.validate(ScanSettings(source="adf", mode="gray", dpi=300))
    assert "mặt kính" in caught.value.hint
    with pytest.raises(UnsupportedSettingError) as caught:
        caps.validate(ScanSettings(source="flatbed", mode="color", dpi=300))
    assert "xám" in caught.value.hint
    with pytest.raises(UnsupportedSettingError) as caught:
        caps.validate(ScanSettings(source="flatbed", mode="gray", dpi=200))
    assert "150, 300" in caught.value.hint


def test_settings_reject_nonsense_and_know_page_limits():
    with pytest.raises(UnsupportedSettingError):
        ScanSettings(dpi=0)
    with pytest.raises(UnsupportedSettingError):
        ScanSettings(max_pages=0)
    assert ScanSettings(source="flatbed").page_limit == 1
    assert ScanSettings(source="camera").page_limit == 1
    assert ScanSettings(source="adf").page_limit is None
    assert ScanSettings(source="adf", max_pages=5).page_limit == 5
