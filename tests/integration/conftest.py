"""Fixtures for the collector's two storage backends: SQLite and a real PostgreSQL server."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.postgres import PostgresServer, missing_reason


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    reason = missing_reason()
    if reason is not None:
        if os.environ.get("CI") == "true":  # CI installs PostgreSQL: its absence there is a failure
            pytest.fail(f"PostgreSQL is required in CI: {reason}")
        pytest.skip(reason)
    server = PostgresServer()
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def collector_db(request: pytest.FixtureRequest) -> str:
    """A collector database URL: in memory for SQLite, a fresh database on the test server for PostgreSQL."""
    if request.param == "sqlite":
        return "sqlite://"
    return request.getfixturevalue("postgres_server").new_database()
