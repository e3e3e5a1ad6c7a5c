"""A throw-away PostgreSQL server for tests: `initdb` into a temporary folder, a Unix socket only.

The binaries are found on PATH, then in Debian's `/usr/lib/postgresql/<version>/bin`.
PostgreSQL refuses to run as root, so as root the server runs as the `postgres` system user
(created by Debian's package) from a folder that user owns. No TCP port is opened
(`listen_addresses=''`): clients connect through the socket in that folder.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

_TOOLS = ("initdb", "pg_ctl")


def find_bindir() -> Path | None:
    """The folder holding initdb and pg_ctl, or None when PostgreSQL is not installed."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name.split(".")[0])
    )
    for folder in reversed(candidates):
        if all((Path(folder) / tool).is_file() for tool in _TOOLS):
            return Path(folder)
    return None


def missing_reason() -> str | None:
    """Why a PostgreSQL test cannot run here, or None when it can."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install -e '.[dev]')"
    if find_bindir() is None:
        return "PostgreSQL server binaries (initdb, pg_ctl) not found: apt-get install postgresql"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' system user to run the server as"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    def __init__(self) -> None:
        bindir = find_bindir()
        assert bindir is not None, missing_reason()
        self.bindir = bindir
        # Not under pytest's tmp folder: that one is private to root, and the server may run as postgres.
        self.base = Path(tempfile.mkdtemp(prefix="collector-pg-"))
        self.port = _free_port()
        self._as: list[str] = []
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.base, user.pw_uid, user.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]
        self._names = itertools.count(1)

    def _run(self, *args: str) -> None:
        subprocess.run([*self._as, *args], check=True, capture_output=True, text=True, timeout=120)

    def start(self) -> PostgresServer:
        data = self.base / "data"
        initdb = [
            str(self.bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
        ]
        try:
            # A natural-language collation (ICU, PostgreSQL 15+): text then sorts unlike SQLite's
            # bytes unless the collector's schema says otherwise, which the tests should see.
            self._run(*initdb, "--locale=C.UTF-8", "--locale-provider=icu", "--icu-locale=en-US")
        except subprocess.CalledProcessError:
            shutil.rmtree(data, ignore_errors=True)
            self._run(*initdb, "--locale=C")
        options = f"-k {self.base} -p {self.port} -c listen_addresses='' -c fsync=off"
        try:
            self._run(
                str(self.bindir / "pg_ctl"), "-D", str(data), "-o", options,
                "-l", str(self.base / "server.log"), "-w", "-t", "60", "start",
            )  # fmt: skip
        except subprocess.CalledProcessError as exc:
            log = (self.base / "server.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"PostgreSQL did not start: {exc.stderr}\n{log}") from exc
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@/{database}?host={self.base}&port={self.port}"

    def new_database(self) -> str:
        """A fresh, empty database; returns its URL."""
        import psycopg

        name = f"collector_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def restart(self) -> None:
        """Stop and start the server: every open connection is broken."""
        data = self.base / "data"
        self._run(
            str(self.bindir / "pg_ctl"), "-D", str(data), "-l", str(self.base / "server.log"),
            "-m", "fast", "-w", "-t", "60", "restart",
        )  # fmt: skip

    def stop(self) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.base / "data"), "-m", "immediate", "stop")
        except subprocess.CalledProcessError:
            pass  # never started, or already gone: the folder goes anyway
        finally:
            shutil.rmtree(self.base, ignore_errors=True)
