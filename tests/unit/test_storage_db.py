"""The database file: WAL, schema versions, migrations from real old files, refusal of newer ones."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from counter_app.errors import DatabaseTooNewError, StorageError
from counter_app.events import verify
from counter_app.storage import db as dbmod
from counter_app.storage.db import CURRENT_VERSION, Database, encode_version

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "db"


def test_new_database_is_wal_at_current_version(tmp_path: Path) -> None:
    db = Database(tmp_path / "c.sqlite3")
    assert db.version == CURRENT_VERSION
    assert db.connection().execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in db.connection().execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {
        "offices",
        "officers",
        "citizens",
        "dossiers",
        "components",
        "pages",
        "events",
        "outbox_jobs",
        "sync_cursor",
    } <= tables
    db.close()


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("schema-*.sqlite3")))
def test_committed_fixture_of_each_released_schema_migrates_with_backup(tmp_path: Path, fixture: str) -> None:
    path = tmp_path / "old.sqlite3"
    shutil.copy(FIXTURES / fixture, path)
    db = Database(path)
    assert db.version == CURRENT_VERSION
    # Rows written by the old release are still there and the event chain still verifies.
    assert db.connection().execute("SELECT local_ref FROM dossiers").fetchone()[0] == "LOC-20251001-0001"
    assert verify(db)["ok"] is True
    db.close()
    if db.found_version != CURRENT_VERSION:
        backups = list(tmp_path.glob("old.sqlite3.v*.bak"))
        assert len(backups) == 1
        assert sqlite3.connect(backups[0]).execute("PRAGMA user_version").fetchone()[0] == encode_version(
            db.found_version
        )


def test_database_from_newer_major_version_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE future_things (x)")
    conn.execute(f"PRAGMA user_version = {encode_version((CURRENT_VERSION[0] + 1, 0))}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNewError) as info:
        Database(path)
    assert "phiên bản mới hơn" in info.value.message
    assert path.read_bytes() == before


def test_newer_minor_version_opens_as_is(tmp_path: Path) -> None:
    path = tmp_path / "minor.sqlite3"
    Database(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {encode_version((CURRENT_VERSION[0], CURRENT_VERSION[1] + 5))}")
    conn.commit()
    conn.close()
    db = Database(path)
    assert db.version == (CURRENT_VERSION[0], CURRENT_VERSION[1] + 5)
    db.close()


def test_failed_migration_leaves_previous_version_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.sqlite3"
    shutil.copy(FIXTURES / "schema-1.0.sqlite3", path)
    broken = dbmod.Migration(
        (CURRENT_VERSION[0], CURRENT_VERSION[1] + 1),
        "m9999_broken",
        "CREATE TABLE half_done (x);\nTHIS IS NOT SQL;",
    )
    monkeypatch.setattr(dbmod, "MIGRATIONS", [*dbmod.MIGRATIONS, broken])
    monkeypatch.setattr(dbmod, "CURRENT_VERSION", broken.version)
    with pytest.raises(StorageError) as info:
        Database(path)
    assert info.value.code == "migration_failed"
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0
    assert conn.execute("PRAGMA user_version").fetchone()[0] == encode_version(CURRENT_VERSION)
    assert list(tmp_path.glob("c.sqlite3.v*.bak")), "a backup is taken before migrating"


def test_garbage_file_gives_a_known_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StorageError) as info:
        Database(path)
    assert info.value.code == "database_unreadable"


def test_a_minor_that_lands_after_a_higher_one_is_still_applied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parallel branches: a file at 1.3 must still get a 1.2 written later."""
    path = tmp_path / "c.sqlite3"
    Database(path).close()
    late = dbmod.Migration(
        (CURRENT_VERSION[0], max(1, CURRENT_VERSION[1] - 1)), "m0003_late", "CREATE TABLE late_arrival (x);"
    )
    monkeypatch.setattr(dbmod, "MIGRATIONS", sorted([*dbmod.MIGRATIONS, late], key=lambda m: m.version))
    db = Database(path)
    conn = db.connection()
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'late_arrival'").fetchone()[0] == 1
    assert db.version == CURRENT_VERSION, "the version never goes down"
    names = {r[0] for r in conn.execute("SELECT name FROM schema_migrations")}
    assert "m0003_late" in names and "m0001_initial" in names
    db.close()
    again = Database(path)  # nothing left to apply: no second backup, no error
    assert again.found_version == CURRENT_VERSION
    again.close()
