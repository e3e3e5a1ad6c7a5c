"""Watch every file the Python process writes, and keep what each held, even if it is deleted.

An audit hook (PEP 578) sees each `open` for writing, each removal, rename and `rmtree`; just
before a file goes away (a temporary folder being cleaned up) its content is read and kept, so a
plaintext copy that lived for a second is still caught. Writes by native code (a PKCS#11 module
writing its own token files) are not seen: they are not dossier files.

    with WriteWatch() as watch:
        sign_components(wf, dossier)
    assert watch.files_containing(b"%PDF-") == []
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from typing import Any

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_active: list[WriteWatch] = []
_installed = False


def _hook(event: str, args: tuple[Any, ...]) -> None:
    for watch in list(_active):
        watch._event(event, args)


class WriteWatch:
    def __init__(self) -> None:
        self.written: set[str] = set()
        self.contents: dict[str, list[bytes]] = {}  # path -> every content seen
        self._local = threading.local()  # reading a file in the hook opens it too: no recursion

    def __enter__(self) -> WriteWatch:
        global _installed
        if not _installed:
            sys.addaudithook(_hook)  # hooks cannot be removed: one for the process, inert when idle
            _installed = True
        _active.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        _active.remove(self)
        for path in sorted(self.written):
            self._keep(path)

    def _event(self, event: str, args: tuple[Any, ...]) -> None:
        if getattr(self._local, "busy", False):
            return
        self._local.busy = True
        try:
            if event == "open":
                path, mode, flags = args
                if isinstance(path, int) or path is None:
                    return
                writing = any(c in (mode or "") for c in "wax+") or bool((flags or 0) & _WRITE_FLAGS)
                if writing:
                    self.written.add(os.path.abspath(os.fsdecode(path)))
            elif event in ("os.remove", "os.rename", "shutil.rmtree"):
                path, dir_fd = args[0], args[-1] if event != "os.rename" else args[2]
                if isinstance(path, int):
                    return
                if dir_fd is not None and not os.path.isabs(os.fsdecode(path)):
                    return  # inside an rmtree, already kept at the "shutil.rmtree" event
                self._keep(os.path.abspath(os.fsdecode(path)))
                if event == "os.rename" and not isinstance(args[1], int):
                    self.written.add(os.path.abspath(os.fsdecode(args[1])))  # read again at the end
        finally:
            self._local.busy = False

    def _keep(self, path: str) -> None:
        target = Path(path)
        files = [p for p in target.rglob("*") if p.is_file()] if target.is_dir() else [target]
        for file in files:
            try:
                data = file.read_bytes()
            except OSError:
                continue
            self.contents.setdefault(str(file), []).append(data)
            self.written.add(str(file))

    def files_containing(self, needle: bytes) -> list[str]:
        return sorted(path for path, seen in self.contents.items() if any(needle in data for data in seen))
