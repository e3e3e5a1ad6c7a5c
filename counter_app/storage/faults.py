"""Database and disk faults told apart, each as a known error saying what to do.

A full disk, a read-only file or file system, and a corrupt database look alike from a stack
trace (`disk I/O error`), but IT must act differently: free space, fix permissions or the
mount, or restore a backup. Only corruption is sent to the backups.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

from counter_app.errors import StorageError

# Below this much free space an I/O error on the data folder is taken to be the full disk.
_NEARLY_FULL_BYTES = 1024 * 1024

_READ_ONLY_CODES = {"SQLITE_READONLY", "SQLITE_PERM", "SQLITE_AUTH"}


def disk_full(folder: Path, detail: str = "") -> StorageError:
    return StorageError(
        f"Ổ đĩa chứa thư mục dữ liệu đã đầy{f' ({detail})' if detail else ''}: {folder}",
        "Giải phóng dung lượng trên ổ đĩa này (xóa tệp tạm, chuyển tệp khác đi) rồi làm lại thao tác. "
        "Dữ liệu đã lưu không bị hỏng; không cần khôi phục bản sao lưu.",
        code="disk_full",
    )


def read_only(path: Path, detail: str = "", code: str = "database_read_only") -> StorageError:
    return StorageError(
        f"Không ghi được vào {path}: tệp hoặc ổ đĩa chỉ cho phép đọc{f' ({detail})' if detail else ''}.",
        "Kiểm tra quyền ghi của tài khoản Windows/Linux trên thư mục dữ liệu và rằng ổ đĩa không bị gắn ở "
        "chế độ chỉ đọc; liên hệ bộ phận CNTT. Dữ liệu không bị hỏng.",
        code=code,
    )


def corrupt(path: Path, detail: str, *, read_only: bool = False) -> StorageError:
    opened = " Ứng dụng chỉ mở để xem, không nhận hồ sơ mới vào tệp này." if read_only else ""
    return StorageError(
        f"Cơ sở dữ liệu bị hỏng ({detail}): {path}.{opened}",
        "Đóng ứng dụng, sao chép cả thư mục dữ liệu sang nơi khác, rồi khôi phục tệp từ bản sao lưu (*.bak) "
        "bên cạnh tệp hoặc báo bộ phận CNTT.",
        code="database_corrupt",
    )


def _free_bytes(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def writable(path: Path) -> bool:
    """Whether `path` (or, when it does not exist yet, its folder) can be written; EROFS counts."""
    target = path if path.exists() else path.parent
    return os.access(target, os.W_OK)


def from_os_error(exc: OSError, path: Path | None = None) -> StorageError | None:
    """The known error for an OS failure of the data folder, or None when it is something else."""
    where = Path(exc.filename) if exc.filename else (path or Path("."))
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return disk_full(where.parent if where.suffix else where, exc.strerror or "")
    if exc.errno == errno.EROFS:
        return read_only(where, exc.strerror or "", "disk_read_only")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return read_only(where, exc.strerror or "", "permission_denied")
    return None


def from_sqlite_error(exc: sqlite3.Error, path: Path) -> StorageError:
    """The known error for a failed database operation on the file at `path`."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    if name.startswith("SQLITE_FULL") or "database or disk is full" in text:
        return disk_full(path.parent, text)
    if name.startswith("SQLITE_NOTADB") or "not a database" in text:
        return StorageError(
            f"Không mở được cơ sở dữ liệu {path}: {text}",
            "Tệp không phải cơ sở dữ liệu của ứng dụng hoặc đã hỏng; khôi phục từ bản sao lưu (*.bak) bên cạnh tệp.",
            code="database_unreadable",
        )
    if "Could not decode to UTF-8" in text or "malformed" in text or name.startswith("SQLITE_CORRUPT"):
        return corrupt(path, text)
    if any(name.startswith(c) for c in _READ_ONLY_CODES) or "readonly" in text:
        return read_only(path, text)
    if name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN")) or "disk I/O error" in text:
        # An I/O error says nothing about which: the disk tells (with 0 bytes left SQLite cannot
        # even create its WAL index and reports "disk I/O error").
        free = _free_bytes(path.parent)
        if free is not None and free < _NEARLY_FULL_BYTES:
            return disk_full(path.parent, text)
        if not writable(path) or not writable(path.parent):
            return read_only(path, text)
        return StorageError(
            f"Lỗi đọc/ghi ổ đĩa khi dùng cơ sở dữ liệu {path}: {text}",
            "Kiểm tra ổ đĩa (cáp, ổ mạng, phần mềm diệt virus khóa tệp) rồi làm lại; nếu lỗi còn, báo bộ phận CNTT.",
            code="database_io_error",
        )
    return StorageError(
        f"Thao tác với cơ sở dữ liệu thất bại: {text}",
        "Làm lại thao tác; nếu lỗi còn, chạy «counter-app doctor» và gửi kết quả cho bộ phận CNTT.",
        code="database_error",
    )


def as_known_error(exc: BaseException, database: Path) -> StorageError | None:
    """The known error a database or data-folder failure stands for (the CLI's last resort)."""
    if isinstance(exc, sqlite3.Error):
        fault = from_sqlite_error(exc, database)
        return None if fault.code == "database_error" else fault  # e.g. a wrong query: a bug
    if isinstance(exc, OSError):
        return from_os_error(exc, database)
    return None


def check_not_emptied(database: Path, workspaces: Path) -> None:
    """Refuse an empty (0-byte) database beside dossier workspaces instead of re-creating it.

    SQLite takes a 0-byte file as a new database, so a truncated file would silently start
    over and orphan every workspace.
    """
    try:
        emptied = database.exists() and database.stat().st_size == 0
        wal = database.with_name(database.name + "-wal")
        if emptied and wal.exists() and wal.stat().st_size > 0:
            return  # a WAL not yet checkpointed still holds the content
        if emptied and workspaces.is_dir() and any(True for _ in workspaces.rglob("*.enc")):
            raise StorageError(
                f"Tệp cơ sở dữ liệu {database} trống (0 byte) trong khi thư mục hồ sơ {workspaces} vẫn còn dữ liệu.",
                "Không mở để tránh tạo cơ sở dữ liệu mới làm mất liên kết với các hồ sơ cũ. Khôi phục tệp "
                "cơ sở dữ liệu từ bản sao lưu (*.bak) hoặc báo bộ phận CNTT.",
                code="database_emptied",
            )
    except OSError as exc:
        raise from_os_error(exc, database) or exc from exc
