"""The spec's rules for leaving files out of the bundle, and its symbol stripping (build_spec/bundle_filters.py)."""

from __future__ import annotations

import ctypes
import shutil
import struct
import sys
import sysconfig
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "build_spec"))
import bundle_filters

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("strip") is None or shutil.which("readelf") is None,
    reason="ELF tools (binutils strip/readelf) on Linux only",
)


@pytest.mark.parametrize(
    ("dest", "unused"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", True),
        ("PySide6\\plugins\\platforms\\qwindows.dll", False),
        ("PySide6\\plugins\\platforms\\qdirect2d.dll", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", True),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", False),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", False),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", True),
        ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", False),
        ("PySide6/Qt/translations/qtbase_de.qm", True),
        ("PySide6/Qt/translations/qtbase_en.qm", False),
        ("PySide6\\translations\\qtbase_vi.qm", False),
        ("resources/i18n/en.qm", False),
        ("cv2/cv2.abi3.so", False),
    ],
)
def test_unused_qt_files(dest: str, unused: bool) -> None:
    assert bundle_filters.is_unused_qt_file(dest) is unused


def test_prune_drops_what_only_the_dropped_files_needed() -> None:
    binaries = [
        (name, f"/src/{name}", "BINARY")
        for name in (
            "plugins/libqvnc.so",
            "QtCore.abi3.so",
            "libQt6Network.so.6",
            "libQt6Core.so.6",
            "_sane.so",
            "libsane.so.1",
            "libxml2.so.2",
            "libz.so.1",
        )
    ]
    needed = {
        "plugins/libqvnc.so": {"libQt6Network.so.6", "libQt6Core.so.6"},
        "QtCore.abi3.so": {"libQt6Core.so.6"},
        "libQt6Network.so.6": {"libQt6Core.so.6", "libz.so.1"},
        "libQt6Core.so.6": {"libz.so.1"},
        "_sane.so": {"libsane.so.1"},
        "libsane.so.1": {"libxml2.so.2", "libz.so.1"},
    }
    kept, removed = bundle_filters.prune_binaries(binaries, ["plugins/libqvnc.so", "libsane.so.1"], needed)
    assert removed == ["libQt6Network.so.6", "libsane.so.1", "libxml2.so.2", "plugins/libqvnc.so"]
    # libz: needed by libsane too, but also by Qt Core, which the kept binding needs.
    assert [e[0] for e in kept] == ["QtCore.abi3.so", "libQt6Core.so.6", "_sane.so", "libz.so.1"]


def _shared_library_with_symbols() -> Path:
    """libpython of this interpreter when it is a shared build with a symbol table, else skip."""
    libdir, name = sysconfig.get_config_var("LIBDIR"), sysconfig.get_config_var("INSTSONAME")
    path = Path(libdir or "") / (name or "")
    if not name or not path.is_file():
        pytest.skip("this Python has no shared libpython to strip")
    return path


@linux_only
def test_strip_copy_is_smaller_and_still_loads(tmp_path: Path) -> None:
    source = _shared_library_with_symbols()
    stripped = Path(bundle_filters.strip_copy(str(source), tmp_path / "cache"))
    if stripped == source:
        pytest.skip(f"{source.name} has no symbols to strip")
    assert stripped.stat().st_size < source.stat().st_size
    assert bundle_filters.elf_loads_aligned(stripped)
    ctypes.CDLL(str(stripped))  # the dynamic loader accepts the stripped copy
    assert bundle_filters.elf_needed(str(stripped)) == bundle_filters.elf_needed(str(source))


@linux_only
def test_vendored_libraries_are_not_stripped(tmp_path: Path) -> None:
    vendored = tmp_path / "numpy.libs" / "libexample.so"
    vendored.parent.mkdir()
    shutil.copy2(_shared_library_with_symbols(), vendored)
    assert bundle_filters.strip_copy(str(vendored), tmp_path / "cache") == str(vendored)


@linux_only
def test_alignment_check_agrees_with_the_dynamic_loader(tmp_path: Path) -> None:
    broken = tmp_path / "libbroken.so"
    data = bytearray(_shared_library_with_symbols().read_bytes())
    (phoff,) = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    for i in range(phnum):
        at = phoff + i * phentsize
        if struct.unpack_from("<I", data, at)[0] == 1 and struct.unpack_from("<Q", data, at + 8)[0] > 0:
            # Shift a later PT_LOAD's file offset by one byte, as a bad rewrite would.
            struct.pack_into("<Q", data, at + 8, struct.unpack_from("<Q", data, at + 8)[0] + 1)
            break
    broken.write_bytes(bytes(data))
    assert bundle_filters.elf_loads_aligned(broken) is False
    with pytest.raises(OSError, match="aligned"):
        ctypes.CDLL(str(broken))
