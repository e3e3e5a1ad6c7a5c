"""The SQLite database: WAL, schema versions in `PRAGMA user_version`, migrations, backups.

`user_version` holds `major << 16 | minor`. A file from a newer *major* version is refused
untouched; a newer *minor* only added things, so it is opened as is. Before any migration
of an existing file a consistent copy is taken with SQLite's backup API, and each
migration runs in one transaction, so a failure leaves the previous version intact.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import pkgutil
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from common import clock
from counter_app.errors import DatabaseTooNewError, StorageError
from counter_app.storage import faults

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Migration:
    version: tuple[int, int]
    name: str
    sql: str


def encode_version(version: tuple[int, int]) -> int:
    return (version[0] << 16) | version[1]


def decode_version(value: int) -> tuple[int, int]:
    return value >> 16, value & 0xFFFF


def load_migrations() -> list[Migration]:
    from counter_app.storage import schema

    found: list[Migration] = []
    for info in pkgutil.iter_modules(schema.__path__):
        if info.name.startswith("m"):
            module: ModuleType = importlib.import_module(f"{schema.__name__}.{info.name}")
            found.append(Migration(tuple(module.VERSION), info.name, module.SQL))
    found.sort(key=lambda m: m.version)
    return found


MIGRATIONS = load_migrations()
CURRENT_VERSION = MIGRATIONS[-1].version


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN/COMMIT ourselves so transactions are explicit and short.
    conn = sqlite3.connect(str(path), timeout=15, isolation_level=None, check_same_thread=True)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 15000")
    return conn


def backup_copy(conn: sqlite3.Connection, path: Path, version: tuple[int, int]) -> Path:
    stamp = clock.utc_now().strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.v{version[0]}.{version[1]}-{stamp}.bak")
    dest = sqlite3.connect(str(target))
    try:
        conn.backup(dest)
    finally:
        dest.close()
    log.info("database backed up to %s before migrating", target)
    return target


def check_not_too_new(found: tuple[int, int]) -> None:
    if found[0] > CURRENT_VERSION[0]:
        raise DatabaseTooNewError(
            f"Cơ sở dữ liệu được tạo bởi phiên bản mới hơn (lược đồ {found[0]}.{found[1]}); "
            f"phiên bản này chỉ hiểu lược đồ {CURRENT_VERSION[0]}.x.",
            "Hãy cài phiên bản ứng dụng mới nhất. Tệp dữ liệu không bị thay đổi.",
        )


def _applied(conn: sqlite3.Connection, found: tuple[int, int]) -> set[str]:
    """Names of the migrations already in this file.

    Recorded by name, not only by version: two additive minors written in parallel may land
    in either order, and a file already at 1.3 must still receive a 1.2 that landed later.
    Files from before the record existed are taken to hold every migration up to `found`.
    """
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
    ).fetchone()
    if has_table:
        return {row[0] for row in conn.execute("SELECT name FROM schema_migrations")}
    return {m.name for m in MIGRATIONS if m.version <= found}


def migrate(conn: sqlite3.Connection, path: Path | None = None) -> tuple[int, int]:
    """Apply every migration this file lacks; returns the version found before."""
    found = decode_version(conn.execute("PRAGMA user_version").fetchone()[0])
    check_not_too_new(found)
    applied = _applied(conn, found)
    pending = [m for m in MIGRATIONS if m.name not in applied]
    if not pending:
        return found
    if found != (0, 0) and path is not None:
        backup_copy(conn, path, found)
    version = found
    for migration in pending:
        version = max(version, migration.version)
        try:
            conn.executescript(
                "BEGIN IMMEDIATE;\n" + migration.sql + "\nCREATE TABLE IF NOT EXISTS schema_migrations"
                " (name TEXT PRIMARY KEY, version TEXT NOT NULL, applied_at TEXT NOT NULL);\n"
                + "".join(
                    f"INSERT OR IGNORE INTO schema_migrations VALUES ('{name}', '', '{utc_now()}');\n"
                    for name in sorted(applied)
                )
                + f"INSERT INTO schema_migrations VALUES ('{migration.name}',"
                f" '{migration.version[0]}.{migration.version[1]}', '{utc_now()}');\n"
                + f"PRAGMA user_version = {encode_version(version)};\nCOMMIT;"
            )
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            fault = faults.from_sqlite_error(exc, path or Path("."))
            if fault.code in ("disk_full", "database_read_only"):
                raise fault from exc
            raise StorageError(
                f"Nâng cấp cơ sở dữ liệu thất bại ở bước {migration.name}: {exc}",
                "Dữ liệu vẫn ở phiên bản cũ và có bản sao lưu bên cạnh tệp; hãy báo bộ phận CNTT.",
                code="migration_failed",
            ) from exc
        applied.add(migration.name)
        log.info("database migrated with %s (schema now %s.%s)", migration.name, *version)
    return found


class Database:
    """One database file; one connection per thread (sqlite3 connections are not shareable).

    Opening runs SQLite's quick integrity check: a damaged file is kept open read-only
    (`read_only`, the reason in `problem`) so what it holds can still be looked at, and every
    transaction on it is refused, so no new dossier goes into it. A full disk or a read-only
    file is a known error of its own (`faults.py`), not a hint to restore a backup.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self.read_only = False
        self.problem: StorageError | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise (faults.from_os_error(exc, self.path) or exc) from exc
        if self.path.exists() and not (faults.writable(self.path) and faults.writable(self.path.parent)):
            raise faults.read_only(self.path)
        try:
            conn = self.connection()
            # Refuse a newer file before anything (even the WAL switch) writes to it.
            check_not_too_new(decode_version(conn.execute("PRAGMA user_version").fetchone()[0]))
            integrity = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
            if integrity != "ok":
                self._open_read_only(integrity)
            else:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.Error as exc:
            self.close()
            raise faults.from_sqlite_error(exc, self.path) from exc
        except DatabaseTooNewError:
            self.close()
            raise
        if self.read_only:
            self.found_version = decode_version(conn.execute("PRAGMA user_version").fetchone()[0])
        else:
            self.found_version = migrate(conn, self.path)

    def _open_read_only(self, integrity: str) -> None:
        log.error("database %s failed its integrity check: %s", self.path, integrity)
        self.read_only = True
        detail = "; ".join(line for line in integrity.splitlines() if not line.startswith("***"))
        self.problem = faults.corrupt(self.path, detail, read_only=True)
        for conn in self._all:
            conn.execute("PRAGMA query_only = ON")

    def integrity_check(self) -> str:
        """SQLite's full `integrity_check` (slow on a big file: `doctor` runs it, not the start)."""
        rows = self.connection().execute("PRAGMA integrity_check(20)").fetchall()
        return "; ".join(str(r[0]) for r in rows)

    def connection(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = _connect(self.path)
            if self.read_only:
                conn.execute("PRAGMA query_only = ON")
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    @property
    def version(self) -> tuple[int, int]:
        return decode_version(self.connection().execute("PRAGMA user_version").fetchone()[0])

    def transaction(self) -> _Transaction:
        if self.problem is not None:  # a fresh error each time: one instance would gather tracebacks
            raise StorageError(self.problem.message, self.problem.hint, code=self.problem.code)
        return _Transaction(self.connection(), self.path)

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                try:
                    conn.close()
                except sqlite3.ProgrammingError:
                    pass  # created in another thread that already ended
            self._all.clear()
        self._local = threading.local()


class _Transaction:
    """`with db.transaction() as conn:` — BEGIN IMMEDIATE … COMMIT, rollback on error."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    def __enter__(self) -> sqlite3.Connection:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            fault = faults.as_known_error(exc, self.path)
            if fault is None:
                raise
            raise fault from exc
        return self.conn

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        try:
            if exc_type is None:
                self.conn.execute("COMMIT")
                return
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
        except sqlite3.Error as failure:
            if self.conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):  # the failure below says what happened
                    self.conn.execute("ROLLBACK")
            fault = faults.as_known_error(failure, self.path)
            if fault is None:
                raise
            raise fault from failure
        # A full disk or a damaged page met inside the block is a known error, not a traceback;
        # anything else (a constraint, a wrong query) stays what it is: a bug to see.
        if isinstance(exc, sqlite3.Error):
            fault = faults.as_known_error(exc, self.path)
            if fault is not None:
                raise fault from exc


def utc_now() -> str:
    return clock.utc_stamp()
