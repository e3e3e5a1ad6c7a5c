"""Where the application keeps its data, configuration and logs.

platformdirs gives the per-user folders; `--data-dir` or COUNTER_APP_DATA_DIR puts all
three under one base folder (tests, portable installs). The machine-wide configuration
lives where the installer writes it: ProgramData on Windows, /etc on Linux;
COUNTER_APP_MACHINE_CONFIG points elsewhere (tests).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

ENV_DATA_DIR = "COUNTER_APP_DATA_DIR"
ENV_MACHINE_CONFIG = "COUNTER_APP_MACHINE_CONFIG"
_APP = "counter-app"
_AUTHOR = "MotCuaSo"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    config_dir: Path
    log_dir: Path
    machine_config: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "counter.sqlite3"

    @property
    def workspaces(self) -> Path:
        return self.data_dir / "workspaces"

    @property
    def user_config(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def receipts(self) -> Path:
        """Receipts the headless intake saves: inside the data folder, never the working folder."""
        return self.data_dir / "receipts"

    @property
    def crash_dir(self) -> Path:
        return self.log_dir / "crashes"

    @property
    def key_file(self) -> Path:
        return self.data_dir / "keys" / "data.key"

    def ensure(self) -> AppPaths:
        for folder in (self.data_dir, self.config_dir, self.log_dir):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def apply_data_dir_override(data_dir: str | None) -> None:
    """`--data-dir` wins over the environment; recorded there so child code sees one answer."""
    if data_dir:
        os.environ[ENV_DATA_DIR] = str(Path(data_dir).expanduser().resolve())


def default_machine_config() -> Path:
    override = os.environ.get(ENV_MACHINE_CONFIG)
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData"))
        return base / _AUTHOR / _APP / "config.toml"
    return Path("/etc") / _APP / "config.toml"


def app_paths() -> AppPaths:
    base = os.environ.get(ENV_DATA_DIR)
    if base:
        root = Path(base)
        return AppPaths(root, root / "config", root / "logs", default_machine_config())
    return AppPaths(
        data_dir=Path(platformdirs.user_data_dir(_APP, _AUTHOR)),
        config_dir=Path(platformdirs.user_config_dir(_APP, _AUTHOR)),
        log_dir=Path(platformdirs.user_log_dir(_APP, _AUTHOR)),
        machine_config=default_machine_config(),
    )
