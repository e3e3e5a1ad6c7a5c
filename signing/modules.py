"""Finding and loading PKCS#11 modules (the .dll/.so a CA's token software installs).

The known module file names and their usual folders are data (`resources/token_modules.json`),
so IT can extend them without a release; configured paths come first. A module that fails to
load is reported with its file name and the cause, including the classic 32/64-bit mismatch.
"""

from __future__ import annotations

import json
import os
import struct
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from signing.errors import ModuleLoadError, ModuleNotFoundOnDiskError

KNOWN_MODULES_FILE = Path(__file__).resolve().parents[1] / "resources" / "token_modules.json"


@dataclass(frozen=True)
class ModuleCandidate:
    """A PKCS#11 module file found on disk (not yet loaded)."""

    path: str
    vendor: str
    source: str  # "configured" or "known"
    bits: int | None  # 32 or 64 from the file header, None when unreadable

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "vendor": self.vendor, "source": self.source, "bits": self.bits}


def _platform_key(platform: str) -> str:
    return "windows" if platform == "win32" else "linux"


def load_known_modules(path: Path = KNOWN_MODULES_FILE) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def binary_bits(path: str | os.PathLike[str]) -> int | None:
    """32 or 64 from a PE (Windows) or ELF header; None when the file is neither."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(64)
            if head[:4] == b"\x7fELF":
                return {1: 32, 2: 64}.get(head[4])
            if head[:2] == b"MZ" and len(head) >= 64:
                (pe_offset,) = struct.unpack_from("<I", head, 0x3C)
                fh.seek(pe_offset)
                pe = fh.read(6)
                if pe[:4] == b"PE\0\0":
                    (machine,) = struct.unpack_from("<H", pe, 4)
                    return {0x14C: 32, 0x8664: 64, 0xAA64: 64}.get(machine)
    except OSError:
        return None
    return None


def process_bits() -> int:
    return struct.calcsize("P") * 8


def discover_modules(
    configured: list[str] | tuple[str, ...] = (),
    *,
    platform: str = sys.platform,
    known: dict[str, Any] | None = None,
    environ: dict[str, str] | None = None,
) -> list[ModuleCandidate]:
    """Module files present on this machine: configured paths first, then the known list."""
    known = known if known is not None else load_known_modules()
    env = dict(os.environ if environ is None else environ)
    key = _platform_key(platform)
    found: list[ModuleCandidate] = []
    seen: set[str] = set()

    def add(path: str, vendor: str, source: str) -> None:
        real = os.path.normcase(os.path.realpath(path))
        if real in seen or not os.path.isfile(path):
            return
        seen.add(real)
        found.append(ModuleCandidate(path, vendor, source, binary_bits(path)))

    for path in configured:
        add(path, "", "configured")
    folders = [_expand(folder, env) for folder in known.get("folders", {}).get(key, [])]
    for entry in known.get("modules", []):
        for name in entry.get(key, []):
            for folder in folders:
                add(os.path.join(folder, name), entry["vendor"], "known")
    if key == "linux":
        for entry in known.get("linux_paths", []):
            add(entry["path"], entry["vendor"], "known")
    return found


def _expand(folder: str, env: dict[str, str]) -> str:
    defaults = {"SystemRoot": r"C:\Windows", "ProgramFiles": r"C:\Program Files"}
    for name, default in defaults.items():
        folder = folder.replace(f"%{name}%", env.get(name, default))
    # The list is written with Windows separators; normalising lets the same data be tested on Linux.
    return folder.replace("\\", os.sep)


def open_module(path: str) -> Any:
    """Load and initialise a module (python-pkcs11 `lib`), translating failures for the officer."""
    if not os.path.isfile(path):
        raise ModuleNotFoundOnDiskError(f"Không tìm thấy tệp thư viện PKCS#11: {path}")
    bits = binary_bits(path)
    if bits is not None and bits != process_bits():
        raise ModuleLoadError(
            f"Không nạp được {os.path.basename(path)}: đây là thư viện {bits}-bit, "
            f"còn ứng dụng chạy {process_bits()}-bit ({path}).",
            f"Cài bản {process_bits()}-bit của phần mềm token từ nhà cung cấp chữ ký số (CA).",
            code="token_module_wrong_bitness",
        )
    import pkcs11

    try:
        return pkcs11.lib(path)
    except Exception as exc:  # the native loader raises several unrelated types
        raise ModuleLoadError(
            f"Không nạp được thư viện {os.path.basename(path)} ({path}): {exc}",
        ) from exc
