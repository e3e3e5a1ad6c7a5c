"""Finding PKCS#11 modules without configuration, and failures that name the file and the cause."""

from __future__ import annotations

import datetime as dt
import struct
from pathlib import Path

import pytest

from common.errors import is_known_error
from signing.certs import describe_certificate
from signing.errors import ModuleLoadError, ModuleNotFoundOnDiskError
from signing.modules import binary_bits, discover_modules, load_known_modules, open_module, process_bits
from tests.softhsm import make_ca


def _pe(path: Path, machine: int) -> Path:
    """A file with just the DOS and PE headers of a Windows DLL for `machine`."""
    head = bytearray(b"MZ" + b"\0" * 62)
    struct.pack_into("<I", head, 0x3C, 64)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(head) + b"PE\0\0" + struct.pack("<H", machine) + b"\0" * 32)
    return path


def test_known_list_has_the_vietnamese_ca_modules():
    known = load_known_modules()
    names = {name for entry in known["modules"] for name in entry["windows"]}
    for expected in ("vnptca_p11_v6.dll", "vnptca_p11_v10.dll", "viettel-ca_p11.dll", "fptca_v3.dll",
                     "BkavCA.dll", "CA2_csp11.dll", "Vina-CAv10.dll", "nca_v9.dll", "eTPKCS11.dll",
                     "eps2003csp11.dll", "ngp11v211.dll", "safe-ca.dll", "easyca_csp11_v1.dll"):  # fmt: skip
        assert expected in names
    assert any(e["path"].endswith("libsofthsm2.so") for e in known["linux_paths"])
    assert any(e["path"].endswith("opensc-pkcs11.so") for e in known["linux_paths"])


def test_windows_modules_are_found_in_system32_without_configuration(tmp_path):
    system_root = tmp_path / "Windows"
    _pe(system_root / "System32" / "vnptca_p11_v8.dll", 0x8664)
    _pe(system_root / "System32" / "unrelated.dll", 0x8664)
    found = discover_modules(platform="win32", environ={"SystemRoot": str(system_root)})
    assert [(Path(c.path).name, c.vendor, c.bits) for c in found] == [("vnptca_p11_v8.dll", "VNPT-CA", 64)]


def test_configured_path_comes_first(tmp_path):
    module = _pe(tmp_path / "custom" / "token.dll", 0x8664)
    found = discover_modules([str(module)], platform="linux", known={"modules": [], "folders": {}})
    assert [(c.path, c.source) for c in found] == [(str(module), "configured")]


def test_bitness_is_read_from_pe_and_elf_headers(tmp_path):
    assert binary_bits(_pe(tmp_path / "a32.dll", 0x14C)) == 32
    assert binary_bits(_pe(tmp_path / "a64.dll", 0x8664)) == 64
    elf = tmp_path / "lib.so"
    elf.write_bytes(b"\x7fELF\x02" + b"\0" * 59)
    assert binary_bits(elf) == 64
    assert binary_bits(tmp_path / "absent.so") is None


def test_wrong_bitness_names_the_file_and_the_cause(tmp_path):
    other = 32 if process_bits() == 64 else 64
    module = _pe(tmp_path / "vnptca_p11_v6.dll", 0x14C if other == 32 else 0x8664)
    with pytest.raises(ModuleLoadError) as info:
        open_module(str(module))
    assert info.value.code == "token_module_wrong_bitness"
    assert "vnptca_p11_v6.dll" in info.value.message and f"{other}-bit" in info.value.message


def test_unloadable_module_names_the_file(tmp_path):
    broken = tmp_path / "libbroken-p11.so"
    broken.write_bytes(b"\x7fELF\x02\x01\x01" + b"\0" * 200)  # an ELF header and nothing else
    with pytest.raises(ModuleLoadError) as info:
        open_module(str(broken))
    assert "libbroken-p11.so" in info.value.message and is_known_error(info.value)


def test_missing_module_is_a_known_error(tmp_path):
    with pytest.raises(ModuleNotFoundOnDiskError):
        open_module(str(tmp_path / "none.so"))


def test_not_yet_valid_certificate_is_listed_but_not_choosable(tmp_path):
    from cryptography.hazmat.primitives.asymmetric import ec

    ca = make_ca(tmp_path)
    now = dt.datetime.now(dt.timezone.utc)
    key = ec.generate_private_key(ec.SECP256R1())
    cert = ca.issue(key.public_key(), "Đỗ Chưa Tới", not_before=now + dt.timedelta(days=3))
    info = describe_certificate(cert, b"\x07", "nhãn")
    assert info.holder == "Đỗ Chưa Tới" and info.cert_id == "07"
    assert not info.choosable and "có hiệu lực từ ngày" in info.reasons[0]


def test_without_any_token_the_module_that_failed_to_load_is_reported(tmp_path, monkeypatch):
    import signing.provider as provider

    other = 32 if process_bits() == 64 else 64
    module = _pe(tmp_path / "viettel-ca_v5.dll", 0x14C if other == 32 else 0x8664)
    # Only the configured module: the machine's own SoftHSM2/OpenSC must not answer here.
    monkeypatch.setattr(
        provider, "discover_modules", lambda configured: discover_modules(configured, known={})
    )
    with pytest.raises(ModuleLoadError) as info:
        provider.first_module_with_token([str(module)])
    assert "viettel-ca_v5.dll" in info.value.message
