"""The collector's storage: one schema on SQLite (default) or PostgreSQL, chosen by a URL.

`sqlite://` (memory), `sqlite:///relative.db`, `sqlite:////absolute/path.db` or a plain file
path keep the events in SQLite; `postgresql://user@host:port/db` (libpq's URL, so
`?host=/socket/dir` and `?sslmode=` work too) keeps them in PostgreSQL for a province that
outgrew one file. The SQL is written once with `?` placeholders; a `Dialect` holds what
differs (the driver's placeholder, the text type that sorts byte-wise on both), so the two
backends answer every query identically.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any

from common.errors import KnownError
from portal_contract.events import GENESIS_HASH, event_digest  # the counter's own chain rule, not a copy

ENV_URL = "COUNTER_APP_COLLECTOR_DB"

RunMany = Callable[[str, Sequence[Sequence[Any]]], int]


@dataclass(frozen=True)
class Dialect:
    name: str
    placeholder: str
    # PostgreSQL sorts TEXT by the database's locale unless told otherwise; "C" is SQLite's byte order.
    text: str


SQLITE = Dialect("sqlite", "?", "TEXT")
POSTGRESQL = Dialect("postgresql", "%s", 'TEXT COLLATE "C"')

DDL = (
    """CREATE TABLE IF NOT EXISTS collector_events (
    event_id     {text} PRIMARY KEY,
    office_code  {text} NOT NULL,
    seq          BIGINT NOT NULL,
    kind         {text} NOT NULL,
    ts           {text} NOT NULL,
    body         {text} NOT NULL,
    received_at  {text} NOT NULL
)""",
    "CREATE INDEX IF NOT EXISTS collector_office ON collector_events(office_code, seq)",
)

INSERT = (
    "INSERT INTO collector_events (event_id, office_code, seq, kind, ts, body, received_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING"
)


class CollectorStoreError(KnownError):
    code = "collector_db"


class CollectorUnavailable(CollectorStoreError):
    """The database went away while serving: the sender keeps its events and retries."""

    code = "collector_db_unavailable"


class CollectorStore:
    """Events received from the counters, idempotent by `event_id`; one connection behind a lock."""

    dialect: Dialect = SQLITE

    def __init__(self, url: str) -> None:
        self.url = url
        self._lock = threading.RLock()
        self._conn: Any = None
        with self._lock:
            self._connect()
            with self._transaction() as run_many:
                for statement in DDL:
                    run_many(statement.format(text=self.dialect.text), [()])

    # -- what each backend provides ---------------------------------------------------------------

    def _connect(self) -> None:
        raise NotImplementedError

    def _transaction(self) -> AbstractContextManager[RunMany]:
        """A write transaction; yields `run_many(sql, rows) -> rows changed`."""
        raise NotImplementedError

    def _fetch(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def _sql(self, sql: str) -> str:
        return sql.replace("?", self.dialect.placeholder)

    # -- the interface ----------------------------------------------------------------------------

    def insert_batch(self, events: Sequence[dict[str, Any]], received_at: str) -> int:
        """Store the events not held yet (by `event_id`); returns how many were new."""
        rows = [
            (
                e["event_id"],
                e["office_code"],
                e["seq"],
                e["kind"],
                e["ts"],
                json.dumps(e, ensure_ascii=False),
                received_at,
            )
            for e in events
        ]
        with self._lock, self._transaction() as run_many:
            return run_many(INSERT, rows)

    def last_seq(self, office_code: str) -> int:
        rows = self._query("SELECT MAX(seq) FROM collector_events WHERE office_code = ?", (office_code,))
        return int(rows[0][0] or 0)

    def summary(self, office: str | None = None) -> dict[str, Any]:
        where, params = ("WHERE office_code = ?", (office,)) if office else ("", ())
        offices = {
            code: {"events": n, "last_seq": last_seq, "last_ts": last_ts}
            for code, n, last_seq, last_ts in self._query(
                "SELECT office_code, COUNT(*), MAX(seq), MAX(ts)"
                f" FROM collector_events {where} GROUP BY office_code ORDER BY office_code",
                params,
            )
        }
        by_kind = {
            kind: n
            for kind, n in self._query(
                f"SELECT kind, COUNT(*) FROM collector_events {where} GROUP BY kind ORDER BY kind", params
            )
        }
        return {"events": sum(o["events"] for o in offices.values()), "offices": offices, "by_kind": by_kind}

    def events(self, office: str | None = None) -> list[dict[str, Any]]:
        """Every event held (or one office's), as the counter sent it, in (office, seq) order."""
        where, params = ("WHERE office_code = ?", (office,)) if office else ("", ())
        rows = self._query(f"SELECT body FROM collector_events {where} ORDER BY office_code, seq", params)
        return [json.loads(body) for (body,) in rows]

    def verify_chain(self, office: str) -> dict[str, Any]:
        """Walk one office's hash chain as received: `{"office", "ok", "events", "first_bad"}`.

        `first_bad` names the first seq that is missing (not received yet, or lost), links to
        the wrong previous hash, or whose content no longer matches its hash.
        """
        expected_prev, expected_seq, first_bad = GENESIS_HASH, 1, None
        events = self.events(office)
        for event in events:
            if event["seq"] != expected_seq:
                first_bad = {"seq": expected_seq, "reason": "missing"}
                break
            digest = event_digest(
                expected_prev,
                event["event_id"],
                event["ts"],
                event["kind"],
                event["office_code"],
                event.get("officer") or "",
                event.get("dossier_ref"),
                event.get("duration_ms"),
                event.get("payload_text", ""),
            )
            if event.get("prev_hash") != expected_prev:
                first_bad = {"seq": expected_seq, "reason": "chain_broken"}
                break
            if digest != event.get("hash"):
                first_bad = {"seq": expected_seq, "reason": "modified"}
                break
            expected_prev, expected_seq = event["hash"], expected_seq + 1
        return {"office": office, "ok": first_bad is None, "events": len(events), "first_bad": first_bad}

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._fetch(self._sql(sql), params)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


class SQLiteCollectorStore(CollectorStore):
    dialect = SQLITE

    def __init__(self, url: str, path: str) -> None:
        self.path = path
        super().__init__(url)

    def _connect(self) -> None:
        try:
            self._conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        except sqlite3.Error as exc:
            raise CollectorStoreError(
                f"Không mở được tệp dữ liệu thống kê {self.path}: {exc}",
                "Kiểm tra đường dẫn và quyền ghi của thư mục.",
            ) from exc
        if self.path != ":memory:":
            self._conn.execute("PRAGMA journal_mode = WAL")

    @contextmanager
    def _transaction(self) -> Iterator[RunMany]:
        def run_many(sql: str, rows: Sequence[Sequence[Any]]) -> int:
            return self._conn.executemany(self._sql(sql), rows).rowcount

        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield run_many
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def _fetch(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        return self._conn.execute(sql, params).fetchall()


class PostgresCollectorStore(CollectorStore):
    dialect = POSTGRESQL

    def _connect(self) -> None:
        try:
            import psycopg
        except ImportError as exc:
            raise CollectorStoreError(
                "Thiếu thư viện kết nối PostgreSQL (psycopg).",
                "Cài đặt: pip install 'mot-cua-so[postgresql]', hoặc dùng SQLite (--collector-db sqlite:///...).",
            ) from exc
        self._errors = (psycopg.OperationalError, psycopg.InterfaceError)
        try:
            self._conn = psycopg.connect(self.url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise CollectorStoreError(
                f"Không kết nối được cơ sở dữ liệu thống kê PostgreSQL: {exc}".strip(),
                "Kiểm tra địa chỉ, cổng, tên cơ sở dữ liệu và quyền của tài khoản trong --collector-db.",
            ) from exc

    def _live(self) -> Any:
        # A restarted database server breaks the connection: open a new one for the next request.
        if self._conn is None or self._conn.closed or self._conn.broken:
            self._connect()
        return self._conn

    @contextmanager
    def _transaction(self) -> Iterator[RunMany]:
        conn = self._live()

        def run_many(sql: str, rows: Sequence[Sequence[Any]]) -> int:
            with conn.cursor() as cur:
                cur.executemany(self._sql(sql), rows)  # pipelined: one round trip per batch
                return cur.rowcount

        try:
            with conn.transaction():
                yield run_many
        except self._errors as exc:
            raise _unavailable(exc) from exc

    def _fetch(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        try:
            return self._live().execute(sql, params).fetchall()
        except self._errors as exc:
            raise _unavailable(exc) from exc


def _unavailable(exc: Exception) -> CollectorUnavailable:
    return CollectorUnavailable(
        f"Mất kết nối tới cơ sở dữ liệu thống kê: {exc}".strip(),
        "Sự kiện vẫn được giữ ở máy trạm và sẽ được gửi lại; kiểm tra máy chủ PostgreSQL.",
    )


def sqlite_path(url: str) -> str:
    """`sqlite://` → memory; `sqlite:///rel.db` → rel.db; `sqlite:////abs.db` → /abs.db."""
    rest = url[len("sqlite://") :]
    if rest in ("", "/", "/:memory:"):
        return ":memory:"
    return rest[1:] if rest.startswith("/") else rest


def open_collector_store(url: str) -> CollectorStore:
    """The store a URL names; anything without a scheme is an SQLite file path."""
    url = url.strip()
    if url.startswith(("postgresql://", "postgres://")):
        return PostgresCollectorStore(url)
    if url.startswith("sqlite://"):
        return SQLiteCollectorStore(url, sqlite_path(url))
    if "://" in url:
        raise CollectorStoreError(
            f"Không hỗ trợ loại cơ sở dữ liệu thống kê «{url.split('://', 1)[0]}».",
            "Dùng sqlite:///đường/dẫn.db hoặc postgresql://tài_khoản@máy:cổng/tên_csdl.",
        )
    return SQLiteCollectorStore(f"sqlite:///{url}", url or ":memory:")
