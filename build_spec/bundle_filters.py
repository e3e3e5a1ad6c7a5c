"""What the spec leaves out of the one-folder bundle, and the Linux-only stripping of debug symbols.

Kept apart from counter_app.spec so the rules can be read (and tested) as plain Python. Each
rule says why the file is not needed; the frozen `--self-test` proves the bundle still works.
"""

from __future__ import annotations

import hashlib
import shutil
import struct
import subprocess
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

# (destination, source, typecode) entries of PyInstaller's TOC lists.
Entry = tuple[str, str, str]

# Qt plugin folders the application never loads on Windows 10/11 or a Linux desktop.
DROPPED_QT_PLUGIN_DIRS = {
    # EGLFS/linuxfb/VNC kiosk back-ends and their helpers: a counter PC runs a desktop session.
    "egldeviceintegrations",
    "generic",  # evdev/TUIO input, used only by eglfs/linuxfb
    # QNetworkInformation and Qt's TLS back-ends: networking goes through httpx, not QtNetwork.
    "networkinformation",
    "tls",
    # QML tooling and Designer plugins: the UI is Qt Widgets written in Python.
    "qmltooling",
    "qmllint",
    "designer",
}
# Platform plugins kept: xcb and wayland (Linux desktops), windows, offscreen (the headless
# self-test of installers and CI). The others (eglfs, linuxfb, vnc, minimal, direct2d, vkkhrdisplay)
# are embedded or experimental back-ends. Styles (plugins/styles) are not touched.
KEPT_QT_PLATFORMS = ("qxcb", "qwayland", "qwindows", "qoffscreen")
# Platform themes: the GTK3 theme pulls GTK's cairo/pango/gdk-pixbuf stack from the build machine
# next to the target's own GTK (a version mix); without it Qt uses its own Fusion dialogs.
# xdgdesktopportal (Flatpak/portal file dialogs) is tiny and kept.
DROPPED_QT_THEMES = ("qgtk3",)
# Qt's own translations: PySide6 ships none for Vietnamese; English is the second language.
KEPT_QT_TRANSLATIONS = ("_en.qm", "_vi.qm")

# Linux: libraries left to the target system instead of copying the build machine's.
# libsane.so.1 comes in the same Debian/Ubuntu package (libsane1) as the SANE drivers it loads
# from /usr/lib/*/sane: a bundled copy would drive the target's drivers with another version of
# the frontend library and brings its own libxml2 + ICU (~35 MB). Without libsane1 the SANE
# backend says it is unavailable, as it does in a source install.
LEFT_TO_SYSTEM = ("libsane.so",)


def _posix(dest: str) -> PurePosixPath:
    return PurePosixPath(dest.replace("\\", "/"))


def is_unused_qt_file(dest: str) -> bool:
    """A Qt plugin or translation under PySide6/ that the application never loads."""
    path = _posix(dest)
    parts = path.parts
    if not parts or parts[0] != "PySide6":
        return False
    if "translations" in parts and path.suffix == ".qm":
        return not path.name.endswith(KEPT_QT_TRANSLATIONS)
    if "plugins" not in parts:
        return False
    folder = parts[parts.index("plugins") + 1] if parts.index("plugins") + 1 < len(parts) else ""
    stem = path.name.removeprefix("lib").split(".")[0]
    if folder in DROPPED_QT_PLUGIN_DIRS:
        return True
    if folder == "platforms":
        return not stem.startswith(KEPT_QT_PLATFORMS)
    if folder == "platformthemes":
        return stem.startswith(DROPPED_QT_THEMES)
    return False


def is_left_to_system(dest: str) -> bool:
    return _posix(dest).name.startswith(LEFT_TO_SYSTEM)


def elf_needed(path: str) -> set[str]:
    """DT_NEEDED names of an ELF file (readelf, from binutils like strip)."""
    out = subprocess.run(["readelf", "-d", "-W", path], capture_output=True, text=True, check=False).stdout
    return {line.split("[", 1)[1].split("]", 1)[0] for line in out.splitlines() if "(NEEDED)" in line}


def prune_binaries(
    binaries: list[Entry], dropped: Iterable[str], needed: dict[str, set[str]]
) -> tuple[list[Entry], list[str]]:
    """Drop `dropped` and every library that only they needed; keep anything else still needs.

    `needed` maps each destination to the library names it links against. A library reached
    from a dropped file is kept when a kept file (extension module, plugin, library) reaches it
    too, other than through a dropped file. Returns the kept entries and the removed destinations.
    """
    by_name: dict[str, list[str]] = {}
    for dest, _src, _kind in binaries:
        by_name.setdefault(_posix(dest).name, []).append(dest)

    def closure(start: Iterable[str], barrier: frozenset[str] = frozenset()) -> set[str]:
        seen: set[str] = set()
        stack = list(start)
        while stack:
            dest = stack.pop()
            if dest in seen or dest in barrier:
                continue
            seen.add(dest)
            for name in needed.get(dest, ()):
                stack.extend(by_name.get(name, ()))
        return seen

    dropped = frozenset(dropped)
    reached_from_dropped = closure(dropped)
    # A kept file linking a dropped one (the SANE module and libsane) finds it on the system.
    kept = closure((d for d, _src, _kind in binaries if d not in reached_from_dropped), barrier=dropped)
    removed = reached_from_dropped - kept
    return [e for e in binaries if e[0] not in removed], sorted(removed)


def elf_loads_aligned(path: Path) -> bool:
    """Whether the dynamic loader accepts the file's PT_LOAD segments (offset ≡ address mod align).

    `strip` rewriting a library that auditwheel already patched with patchelf can break this
    ("ELF load command address/offset not page-aligned"); such a library keeps its symbols.
    """
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:  # 64-bit little-endian only
        return False
    (phoff,) = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    for i in range(phnum):
        p_type, _flags, p_offset, p_vaddr, _paddr, _filesz, _memsz, p_align = struct.unpack_from(
            "<IIQQQQQQ", data, phoff + i * phentsize
        )
        if p_type == 1 and p_align > 1 and (p_vaddr - p_offset) % p_align:
            return False
    return True


def strip_copy(src: str, cache: Path) -> str:
    """A copy of `src` without its symbol table and debug sections, or `src` when that does not help.

    Libraries vendored by auditwheel (in a `<package>.libs` folder) are left alone: they were
    patched with patchelf and are already stripped where it matters.
    """
    source = Path(src)
    if any(part.endswith(".libs") for part in source.parts) or shutil.which("strip") is None:
        return src
    stat = source.stat()
    key = hashlib.sha1(f"{source.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    out = cache / key / source.name
    if not out.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_suffix(out.suffix + ".tmp")
        shutil.copy2(source, tmp)
        done = subprocess.run(["strip", "--strip-unneeded", str(tmp)], capture_output=True, check=False)
        if done.returncode != 0 or not elf_loads_aligned(tmp) or tmp.stat().st_size >= stat.st_size:
            shutil.copy2(source, tmp)  # keep the original bytes; the cache remembers the decision
        tmp.replace(out)
    return str(out) if out.stat().st_size < stat.st_size else src


# What only the opencv-python wheel brings: its cv2/ loader package (with the FFmpeg plug-in DLL on
# Windows) and the libraries auditwheel/delvewheel vendored beside it (FFmpeg, codecs, OpenBLAS).
WHEEL_OPENCV_FOLDERS = ("cv2", "opencv_python_headless.libs", "opencv_python.libs")


def wheel_opencv_files(entries: Iterable[Entry], minimal_folder: str) -> list[str]:
    """Entries that came from the OpenCV wheel although the minimal module replaces it.

    Python modules are named by dotted name (`cv2.typing`), files by destination path; the one
    cv2 extension module allowed is the file from `minimal_folder`.
    """
    minimal = Path(minimal_folder).resolve()
    found = []
    for dest, src, kind in entries:
        if kind == "PYMODULE":
            if dest == "cv2" or dest.startswith("cv2."):
                found.append(dest)
            continue
        path = _posix(dest)
        from_wheel_folder = len(path.parts) > 1 and path.parts[0] in WHEEL_OPENCV_FOLDERS
        other_cv2 = (
            len(path.parts) == 1 and path.name.startswith("cv2") and Path(src).resolve().parent != minimal
        )
        if from_wheel_folder or other_cv2 or path.name.startswith("opencv_videoio_ffmpeg"):
            found.append(dest)
    return found
