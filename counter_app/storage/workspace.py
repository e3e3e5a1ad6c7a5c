"""The per-dossier workspace: page images and PDFs, encrypted, written atomically.

Files are addressed by a path relative to the dossier's folder; that relative path is the
encryption context, so a file copied over another one is detected when it is read.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import time
from pathlib import Path

from common.atomic import atomic_write_bytes
from counter_app.errors import StorageError
from counter_app.storage.crypto import DataKey
from counter_app.storage.faults import from_os_error

log = logging.getLogger(__name__)

SEALED_SUFFIX = ".enc"
# An atomic write's temp file (`common.atomic`) older than this was left by a killed process;
# a younger one may belong to another process writing right now (a CLI beside the window).
STRAY_TEMP_AGE_S = 15 * 60


class Workspace:
    def __init__(self, root: Path, key: DataKey) -> None:
        self.root = Path(root)
        self._key = key

    def folder(self, dossier_ref: str) -> Path:
        if not dossier_ref or "/" in dossier_ref or "\\" in dossier_ref or dossier_ref.startswith("."):
            raise StorageError(f"Mã hồ sơ nội bộ không hợp lệ: {dossier_ref!r}", code="bad_dossier_ref")
        return self.root / dossier_ref

    def _path(self, dossier_ref: str, name: str) -> Path:
        rel = Path(name)
        if rel.is_absolute() or ".." in rel.parts:
            raise StorageError(f"Tên tệp không hợp lệ trong hồ sơ: {name!r}", code="bad_file_name")
        return self.folder(dossier_ref) / (str(rel) + SEALED_SUFFIX)

    def _context(self, dossier_ref: str, name: str) -> str:
        return f"workspace:{dossier_ref}/{Path(name).as_posix()}"

    def write(self, dossier_ref: str, name: str, data: bytes) -> Path:
        """Seal and store one file; it is on disk (fsynced) when this returns."""
        path = self._path(dossier_ref, name)
        try:
            return atomic_write_bytes(path, self._key.seal(data, self._context(dossier_ref, name)))
        except OSError as exc:
            raise from_os_error(exc, path) or StorageError(
                f"Không ghi được tệp của hồ sơ: {exc.strerror or exc}",
                "Kiểm tra dung lượng ổ đĩa và quyền ghi thư mục dữ liệu.",
                code="disk_write_failed",
            ) from exc

    def read(self, dossier_ref: str, name: str) -> bytes:
        path = self._path(dossier_ref, name)
        try:
            blob = path.read_bytes()
        except FileNotFoundError as exc:
            raise StorageError(
                f"Thiếu tệp trong hồ sơ {dossier_ref}: {name}",
                "Tệp có thể đã bị xóa ngoài ứng dụng; hãy quét lại trang này.",
                code="file_missing",
            ) from exc
        return self._key.open(blob, self._context(dossier_ref, name))

    def exists(self, dossier_ref: str, name: str) -> bool:
        return self._path(dossier_ref, name).exists()

    def delete(self, dossier_ref: str, name: str) -> None:
        self._path(dossier_ref, name).unlink(missing_ok=True)

    def names(self, dossier_ref: str) -> list[str]:
        folder = self.folder(dossier_ref)
        if not folder.is_dir():
            return []
        return sorted(
            p.relative_to(folder).as_posix()[: -len(SEALED_SUFFIX)] for p in folder.rglob("*" + SEALED_SUFFIX)
        )

    def remove_dossier(self, dossier_ref: str) -> None:
        shutil.rmtree(self.folder(dossier_ref), ignore_errors=True)

    def remove_stray_temp_files(self, min_age_s: float = STRAY_TEMP_AGE_S) -> list[Path]:
        """Delete temp files a killed write left behind (`.<name>.<random>.tmp`); returns them."""
        removed: list[Path] = []
        if not self.root.is_dir():
            return removed
        # File age, not a date: compared with the file system's own timestamps.
        now = time.time()
        for path in self.root.rglob(".*.tmp"):
            with contextlib.suppress(OSError):
                if path.is_file() and now - path.stat().st_mtime >= min_age_s:
                    path.unlink()
                    removed.append(path)
        if removed:
            log.info("removed %d temporary file(s) left by an interrupted write", len(removed))
        return removed
