"""The embedded default's stand-in portal, plugged in by the entry point.

With no portal configured, demo and training modes file to the sandbox portal started on loopback
in this process (architecture.md, "The embedded default"), and `counter-app sync` sends to the
sandbox's collector. The core never imports `sandbox`: the entry point (`ui.entry`), which may
import everything, installs here how to start it and the `counter-app sandbox` subcommand.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from counter_app.errors import KnownError

# `register(subparsers, add_common)`, as each `counter_app/cli/cmd_*.py` module exposes.
CommandRegistrar = Callable[[argparse._SubParsersAction, Callable], None]


class RunningSandbox(Protocol):
    """A sandbox serving on loopback: its base URL, and how to stop it."""

    @property
    def url(self) -> str: ...

    def stop(self) -> None: ...


class SandboxStarter(Protocol):
    def __call__(
        self, state_path: Path, *, auto_progress_s: float = 0.0, calendar_overrides: str = ""
    ) -> RunningSandbox:
        """Serve the sandbox portal and collector with their state in `state_path`; demos may
        let the sandbox move filed dossiers along every `auto_progress_s` seconds. Appointments
        follow the office calendar with the counter's override file `calendar_overrides`."""
        ...


class SandboxUnavailableError(KnownError):
    code = "demo_portal_unavailable"
    default_message = "Không có cổng dịch vụ công thử nghiệm để chạy chế độ demo."
    default_hint = (
        "Chạy ứng dụng bằng lệnh counter-app, hoặc đặt địa chỉ cổng thật (portal.url) trong cấu hình."
    )


# Forgets one citizen in the stand-in portal's state file: (state path, local refs, ID number).
DemoPortalEraser = Callable[[Path, Sequence[str], str], int]

_starter: SandboxStarter | None = None
_eraser: DemoPortalEraser | None = None
_commands: tuple[CommandRegistrar, ...] = ()


def install_sandbox(starter: SandboxStarter, commands: Sequence[CommandRegistrar] = ()) -> None:
    """Called once by the entry point (and the tests' set-up) before any command runs."""
    global _starter, _commands
    _starter, _commands = starter, tuple(commands)


def start_sandbox(
    state_path: Path, *, auto_progress_s: float = 0.0, calendar_overrides: str = ""
) -> RunningSandbox:
    if _starter is None:
        raise SandboxUnavailableError()
    return _starter(state_path, auto_progress_s=auto_progress_s, calendar_overrides=calendar_overrides)


def install_demo_portal_eraser(eraser: DemoPortalEraser) -> None:
    global _eraser
    _eraser = eraser


def forget_in_demo_portal(state_path: Path, local_refs: Sequence[str], id_number: str) -> int:
    """A citizen erased at a demo or training counter is erased from its stand-in portal too:
    that portal's state lives in the same data folder. 0 when there is none."""
    if _eraser is None or not state_path.is_file():
        return 0
    return _eraser(state_path, local_refs, id_number)


def extra_commands() -> tuple[CommandRegistrar, ...]:
    """Subcommands the entry point adds to the core's (`counter-app sandbox`)."""
    return _commands
