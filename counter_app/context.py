"""The application context: paths, configuration, database, data key, workspace, event log.

One object that the CLI commands and the window both open, so that every entry point sees
the same data folder the same way. Opening is cheap and lazy where it can be.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cached_property

from counter_app.config import Config, load_config
from counter_app.events import EventLog
from counter_app.paths import AppPaths, app_paths
from counter_app.storage.crypto import DataKey
from counter_app.storage.db import Database, utc_now
from counter_app.storage.faults import check_not_emptied
from counter_app.storage.key_guard import open_data_key
from counter_app.storage.workspace import Workspace

log = logging.getLogger(__name__)


def os_account() -> str:
    """The logged-in OS account name (without a Windows domain prefix)."""
    import getpass

    try:
        return getpass.getuser().rsplit("\\", 1)[-1]
    except (KeyError, OSError):  # no passwd entry (containers) or no login name
        return ""


@dataclass
class AppContext:
    paths: AppPaths
    config: Config
    _data_key: DataKey | None = field(default=None, init=False, repr=False)

    @classmethod
    def open(cls, paths: AppPaths | None = None) -> AppContext:
        paths = (paths or app_paths()).ensure()
        config = load_config(paths)
        for issue in config.issues:
            log.warning("config: %s [%s] %s", issue.file, issue.option, issue.message)
        return cls(paths=paths, config=config)

    @cached_property
    def db(self) -> Database:
        """The database, opened only together with the data key that sealed it (`key_guard`)."""
        check_not_emptied(self.paths.database, self.paths.workspaces)
        db = Database(self.paths.database)
        try:
            self._data_key = open_data_key(
                db, self.paths.key_file, self.paths.workspaces, self.config.get("security.key_protection")
            )
            if not db.read_only:
                self._register_office(db)
        except BaseException:
            db.close()
            raise
        return db

    @property
    def data_key(self) -> DataKey:
        if self._data_key is None:
            self.db  # noqa: B018 - opening the database opens (and checks) its key
        assert self._data_key is not None
        return self._data_key

    @cached_property
    def workspace(self) -> Workspace:
        workspace = Workspace(self.paths.workspaces, self.data_key)
        workspace.remove_stray_temp_files()
        return workspace

    @cached_property
    def events(self) -> EventLog:
        return EventLog(self.db, self.config.get("office.code"), self.config.get("officer.username"))

    @property
    def is_supervisor(self) -> bool:
        """Supervisors (and IT) see every officer's figures; an officer sees their own.

        The role comes from the configuration, or from the OS account: IT lists the supervisors'
        Windows/Linux accounts in the machine file (lockable), so a shared counter PC shows each
        person what their login allows without another password.
        """
        if self.config.get("officer.role") in ("supervisor", "it"):
            return True
        accounts = {a.casefold() for a in self.config.get("office.supervisor_accounts")}
        return bool(accounts) and os_account().casefold() in accounts

    @property
    def demo_mode(self) -> bool:
        return self.config.demo_mode

    def _register_office(self, db: Database) -> None:
        # The configured office and officer exist as rows so dossiers can refer to them.
        now = utc_now()
        office = self.config.get("office.code")
        with db.transaction() as conn:
            conn.execute(
                "INSERT INTO offices (code, name, created_at) VALUES (?, ?, ?)"
                " ON CONFLICT(code) DO UPDATE SET name = excluded.name",
                (office, self.config.get("office.name"), now),
            )
            conn.execute(
                "INSERT INTO officers (office_code, username, full_name, role, created_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT(username) DO UPDATE SET"
                " full_name = excluded.full_name, office_code = excluded.office_code, role = excluded.role",
                (
                    office,
                    self.config.get("officer.username"),
                    self.config.get("officer.full_name"),
                    self.config.get("officer.role"),
                    now,
                ),
            )

    def close(self) -> None:
        if "db" in self.__dict__:
            self.db.close()
