"""The data key and the database must belong together: a lost key is refused, never replaced.

The database records the key's id and check value (`data_key_check`). At open:
- no key file, and the database holds a check value or any sealed data: refused
  (`data_key_missing`), nothing is written and no new key is made;
- a key whose check value differs from the recorded one: refused (`data_key_mismatch`);
- a database from before the record: the key is first proven on a sealed citizen record, then
  recorded; a fresh folder gets a new key and its record.
"""

from __future__ import annotations

import hmac
import logging
import os
import sqlite3
from pathlib import Path

from counter_app.errors import StorageError
from counter_app.storage.crypto import (
    DataKey,
    DecryptionError,
    citizen_context,
    load_data_key,
    store_data_key,
)
from counter_app.storage.db import Database, utc_now
from counter_app.storage.workspace import SEALED_SUFFIX, Workspace

log = logging.getLogger(__name__)

_RESTORE_HINT = (
    "Đặt lại đúng tệp khóa từ bản sao lưu, hoặc nhập tệp khôi phục khóa mà bộ phận CNTT đã xuất: "
    "«counter-app key import TỆP». Không xóa cơ sở dữ liệu: hồ sơ cũ chỉ mở được bằng khóa cũ."
)


def recorded_key(db: Database) -> tuple[str, str] | None:
    """(key_id, check_value) recorded in the database, or None."""
    row = db.connection().execute("SELECT key_id, check_value FROM data_key_check WHERE id = 1").fetchone()
    return (row["key_id"], row["check_value"]) if row else None


def holds_sealed_data(db: Database, workspaces: Path) -> bool:
    """Whether anything was sealed with some key: citizen records, dossiers or workspace files."""
    conn = db.connection()
    for table in ("citizens", "dossiers"):
        if conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
            return True
    return workspaces.is_dir() and any(True for _ in workspaces.rglob("*.enc"))


def missing_key(key_file: Path, key_id: str | None) -> StorageError:
    named = f" (mã khóa {key_id})" if key_id else ""
    return StorageError(
        f"Không tìm thấy tệp khóa dữ liệu {key_file}, nhưng cơ sở dữ liệu đã có hồ sơ được mã hóa bằng "
        f"khóa đó{named}. Ứng dụng không tạo khóa mới để không làm mất các hồ sơ cũ.",
        _RESTORE_HINT,
        code="data_key_missing",
    )


def mismatched_key(key_file: Path, found: str, expected: str | None) -> StorageError:
    named = f" (cần mã khóa {expected}, tệp có mã {found})" if expected else f" (tệp có mã {found})"
    return StorageError(
        f"Tệp khóa dữ liệu {key_file} không phải khóa đã mã hóa dữ liệu trong cơ sở dữ liệu này{named}.",
        _RESTORE_HINT,
        code="data_key_mismatch",
    )


def _record(db: Database, key: DataKey) -> None:
    if db.read_only:
        return  # a damaged file is not written to; the check is recorded once it is repaired
    with db.transaction() as conn:
        conn.execute(
            "INSERT OR IGNORE INTO data_key_check (id, key_id, check_value, recorded_at) VALUES (1, ?, ?, ?)",
            (key.key_id, key.check_value, utc_now()),
        )


def _proves_old_data(db: Database, key: DataKey, workspaces: Path) -> bool:
    """A database from before the record: the key must open a sealed citizen record or, when
    there is none, a sealed workspace file (if there is anything sealed at all)."""
    row = db.connection().execute("SELECT id_tag, payload_enc FROM citizens LIMIT 1").fetchone()
    try:
        if row is not None:
            key.open(bytes(row["payload_enc"]), citizen_context(row["id_tag"]))
            return True
        sealed = next(workspaces.rglob("*" + SEALED_SUFFIX), None) if workspaces.is_dir() else None
        if sealed is not None:
            relative = sealed.relative_to(workspaces).as_posix()[: -len(SEALED_SUFFIX)]
            dossier_ref, _, name = relative.partition("/")
            Workspace(workspaces, key).read(dossier_ref, name)
    except DecryptionError:
        return False
    return True


def open_data_key(db: Database, key_file: Path, workspaces: Path, protection: str = "auto") -> DataKey:
    """The data key that belongs to `db`, created only for a folder that holds no sealed data."""
    try:
        recorded = recorded_key(db)
        key = load_data_key(key_file)
        if key is None:
            if recorded is not None or holds_sealed_data(db, workspaces):
                raise missing_key(key_file, recorded[0] if recorded else None)
            key = store_data_key(key_file, DataKey(os.urandom(32)), protection)
            log.info("created a new data key %s at %s", key.key_id, key_file)
        elif recorded is not None:
            if not hmac.compare_digest(recorded[1], key.check_value):
                raise mismatched_key(key_file, key.key_id, recorded[0])
            return key
        elif not _proves_old_data(db, key, workspaces):
            raise mismatched_key(key_file, key.key_id, None)
        _record(db, key)
    except sqlite3.Error as exc:
        from counter_app.storage.faults import from_sqlite_error

        raise from_sqlite_error(exc, db.path) from exc
    return key


def install_key(
    db: Database, key_file: Path, workspaces: Path, key: DataKey, protection: str = "auto"
) -> bool:
    """Put a recovered key in place for `db`; False when that very key was already there.

    Refused when the database records another key, or when the key in place is the right one
    and the recovered one is not (importing must never make data unreadable).
    """
    recorded = recorded_key(db)
    if recorded is not None and not hmac.compare_digest(recorded[1], key.check_value):
        raise StorageError(
            f"Tệp khôi phục chứa khóa {key.key_id}, nhưng cơ sở dữ liệu này được mã hóa bằng khóa {recorded[0]}.",
            "Dùng tệp khôi phục đã xuất trên chính máy (thư mục dữ liệu) này; tệp khóa hiện có không bị thay đổi.",
            code="recovery_key_mismatch",
        )
    if recorded is None and not _proves_old_data(db, key, workspaces):
        raise mismatched_key(key_file, key.key_id, None)
    try:
        current = load_data_key(key_file)
    except StorageError:
        current = None  # a damaged key file is what the recovery file is for
    if current is not None and hmac.compare_digest(current.check_value, key.check_value):
        _record(db, key)
        return False
    if key_file.exists():
        key_file.replace(key_file.with_name(f"{key_file.name}.replaced-{utc_now().replace(':', '')}"))
    store_data_key(key_file, key, protection)
    _record(db, key)
    log.info("data key %s restored from a recovery file", key.key_id)
    return True
