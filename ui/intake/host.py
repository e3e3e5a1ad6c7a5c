"""What an intake page may use of the section that holds it.

The pages are made by `IntakeSection` and call back into it; naming that as a protocol here,
rather than importing the section, keeps the pages from importing the module that imports them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from counter_app.context import AppContext
    from counter_app.dossier import Dossier
    from counter_app.intake.service import IntakeService
    from counter_app.workflow import Workflow
    from ui.intake.task_strip import TaskStrip
    from ui.tasks import Task, TaskRunner


class IntakeHost(Protocol):
    ctx: AppContext
    tasks: TaskRunner
    service: IntakeService
    wf: Workflow  # the catalog and the dossier's procedure, read on the UI thread
    strip: TaskStrip
    dossier: Dossier | None

    @property
    def busy(self) -> bool: ...

    @property
    def waiting(self) -> int: ...

    def run(
        self,
        fn: Callable[..., Any],
        on_result: Callable[[Any], None],
        text: str,
        *,
        cancellable: bool = False,
        serial: bool = False,
        background: bool = False,
        on_error: Callable[[BaseException], None] | None = None,
        on_item: Callable[[Any], None] | None = None,
        on_drop: Callable[[], None] | None = None,
        **kwargs: Any,
    ) -> Task | None: ...

    def show_error(self, exc: BaseException) -> None: ...

    def say(self, text: str) -> None: ...

    def refresh_actions(self) -> None: ...

    def dossier_changed(self, dossier: Dossier) -> None: ...

    def new_dossier(self) -> None: ...

    def go(self, index: int) -> None: ...
