"""Tiếp nhận: the intake section, a keyboard-first stepper over one dossier.

1 Công dân → 2 Thủ tục → 3 Thành phần → 4 Ký số & nộp → 5 Phiếu tiếp nhận. The section holds the
dossier being worked on and runs every step through the TaskRunner (`run`): the pages call the
intake service's actions (`counter_app.intake.IntakeService`, the same the headless intake
runs) on a worker, and the returned `Dossier` replaces the shown one. Everything is stored by the workflow at each step, so
«Tiếp tục hồ sơ» reopens any unfinished dossier of today where it was (`Workflow.open`); its
list comes from `counter_app.read_models.resumable_dossiers`, loaded on a worker.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import logging
import sys
from collections import deque
from collections.abc import Callable
from typing import Any, NamedTuple

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from common.progress import Update
from counter_app.context import AppContext
from counter_app.dossier import Dossier, DossierState
from counter_app.errors import is_known_error
from counter_app.intake.service import IntakeService
from counter_app.read_models import NamedDossier, resumable_dossiers, state_label
from ui import shortcuts
from ui.intake.citizen_page import CitizenPage
from ui.intake.components_page import ComponentsPage
from ui.intake.exits import DossierExits
from ui.intake.procedure_page import ProcedurePage
from ui.intake.receipt_page import ReceiptPage
from ui.intake.resume_offer import ResumeOffer
from ui.intake.submit_page import SubmitPage
from ui.intake.task_strip import TaskStrip
from ui.tasks import Task, TaskRunner
from ui.widgets.guarded import GuardedButton
from ui.widgets.step_scroll import ScrollingPageStack

log = logging.getLogger(__name__)

S = DossierState
STEP_TITLES = ("Công dân", "Thủ tục", "Thành phần", "Ký số & nộp", "Phiếu tiếp nhận")
_STEP_OF_STATE = {
    S.DRAFT: 0,
    S.CITIZEN_IDENTIFIED: 1,
    S.PROCEDURE_CHOSEN: 2,
    S.COMPONENTS_CAPTURED: 2,
    S.NEEDS_SUPPLEMENT: 2,
    S.PDFS_BUILT: 3,
    S.SIGNED: 3,
    S.QUEUED: 4,
    S.FILED: 4,
    S.RECEIPT_PRINTED: 4,
    S.CANCELLED: 0,
}


class _Waiting(NamedTuple):
    """A background step asked for while another runs: how to start it, how to let it go."""

    start: Callable[[], Task | None]
    drop: Callable[[], None]


def _forwarding(progress: Callable[[Any], None], on_item: Callable[[Any], None]) -> Callable[[Any], None]:
    def forward(update: Any) -> None:
        if update.text or update.fraction is not None:
            progress(update)
        if update.item is not None:
            on_item(update.item)

    return forward


def _call(step: Callable[..., Any], kwargs: dict[str, Any], progress: Any, cancel: Any) -> Any:
    """Hand `progress` and `cancel` only to the steps that take them."""
    accepted = inspect.signature(step).parameters
    extra = {name: value for name, value in (("progress", progress), ("cancel", cancel)) if name in accepted}
    return step(**kwargs, **extra)


def step_of_state(state: DossierState) -> int:
    return _STEP_OF_STATE[state]


def step_of(dossier: Dossier | None) -> int:
    """The furthest screen the dossier's state allows (where a reopened dossier lands)."""
    return 0 if dossier is None else step_of_state(dossier.state)


class IntakeSection(QWidget):
    step_changed = Signal()  # another screen or a stored step: the guidance window follows

    def __init__(
        self,
        ctx: AppContext,
        tasks: TaskRunner,
        services: Callable[[], Any] | None = None,
        parent: QWidget | None = None,
        *,
        hardware: bool = True,
    ) -> None:
        """`services` gives the window's running BackgroundServices (or None before they start).
        `hardware=False` leaves the camera off and looks only for configured token modules
        (tests, locked-down PCs)."""
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = tasks
        self._services = services or (lambda: None)
        self.service = IntakeService(ctx, services=self._services, screen=True)
        self.wf = self.service.wf  # read on this thread: the catalog and the dossier's procedure
        service = self.service  # not `self`: the widget is being destroyed when this runs
        self.destroyed.connect(lambda: service.close(wait=False))
        self.dossier: Dossier | None = None
        self.current: Task | None = None
        self.current_background = False  # the step under way leaves the screens usable
        self._step_text = ""  # its last line on the strip
        self._waiting: deque[_Waiting] = deque()  # background steps asked for meanwhile, in order
        self._resume_load = 0  # which opening of «Tiếp tục hồ sơ…» the list shown belongs to
        self._resume_loading = False

        self.title = QLabel()
        self.new_button = QPushButton(self.tr("Hồ sơ mới"))
        self.new_button.setToolTip(self.tr("Bắt đầu hồ sơ mới (Ctrl+N)"))
        shortcuts.press_at_once(self.new_button, shortcuts.NEW.keys)
        self.new_button.clicked.connect(self.new_dossier)
        self.resume_button = QToolButton()
        self.resume_button.setText(self.tr("Tiếp tục hồ sơ…"))
        self.resume_button.setToolTip(self.tr("Mở lại hồ sơ chưa xong của hôm nay (Ctrl+R)"))
        self.resume_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.resume_menu = QMenu(self.resume_button)
        self.resume_menu.aboutToShow.connect(self._fill_resume_menu)
        self.resume_button.setMenu(self.resume_menu)
        resume = QAction(self)
        resume.setShortcut(QKeySequence("Ctrl+R"))
        resume.triggered.connect(self.resume_button.showMenu)
        self.addAction(resume)
        self.steps_label = QLabel()
        self.steps_label.setTextFormat(Qt.TextFormat.RichText)

        self.citizen = CitizenPage(self, camera=hardware)
        self.procedure = ProcedurePage(self)
        self.components = ComponentsPage(self)
        self.submit = SubmitPage(self, include_known_tokens=hardware)
        self.receipt = ReceiptPage(self)
        self.pages: list[QWidget] = [self.citizen, self.procedure, self.components, self.submit, self.receipt]
        self.stack = ScrollingPageStack()  # a step larger than the screen scrolls
        for page in self.pages:
            self.stack.add_page(page)

        self.back = QPushButton(self.tr("‹ Quay lại"))
        self.back.setToolTip(self.tr("Bước trước (Alt+Trái)"))
        self.back.clicked.connect(lambda: self.go(self.stack.currentIndex() - 1))
        self.next = QPushButton(self.tr("Bước tiếp ›"))
        self.next.setToolTip(self.tr("Bước sau (Alt+Phải)"))
        self.next.clicked.connect(lambda: self.go(self.stack.currentIndex() + 1))
        for key, button in (("Alt+Left", self.back), ("Alt+Right", self.next)):
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(button.click)
            self.addAction(action)
        self.strip = TaskStrip()
        self.strip.stop.clicked.connect(self.cancel_current)
        self.exits = DossierExits(self)
        # Ctrl+K and Ctrl+Enter are heard on every step: refused in words when they cannot run.
        self.guards = [
            GuardedButton(
                self.submit.sign, shortcuts.SIGN, self.tr("Ký số cả lô trong một lần đăng nhập"),
                self.submit.why_not_sign, owner=self, say=self.say,
                run=lambda: self._on_submit_page(self.submit.sign_all),
            ),
            GuardedButton(
                self.submit.file, shortcuts.FILE, self.tr("Đưa hồ sơ vào hàng đợi gửi lên cổng dịch vụ công"),
                self.submit.why_not_file, owner=self, say=self.say,
                run=lambda: self._on_submit_page(self.submit.submit),
            ),
        ]  # fmt: skip
        self.submit.contact.changed.connect(self.refresh_actions)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.exits.supplement_button)
        top.addWidget(self.exits.cancel_button)
        top.addWidget(self.resume_button)
        top.addWidget(self.new_button)
        nav = QHBoxLayout()
        nav.addWidget(self.strip, 1)
        nav.addWidget(self.back)
        nav.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        layout.addLayout(top)
        self.resume_offer = ResumeOffer(self)
        layout.addWidget(self.resume_offer)
        layout.addWidget(self.steps_label)
        layout.addWidget(self.stack, 1)
        layout.addLayout(nav)
        self._refresh_chrome()

    # -- services and background work -------------------------------------------------------------

    @property
    def services(self) -> Any:
        return self._services()

    @property
    def busy(self) -> bool:
        return (self.current is not None and not self.current.done) or bool(self._waiting)

    @property
    def waiting(self) -> int:
        """Background steps asked for while another runs, waiting their turn."""
        return len(self._waiting)

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
    ) -> Task | None:
        """One step at a time, progress and Stop below; `on_item` gets what the step reports
        along the way (`Update.item`, e.g. a stored page). The screens are disabled while it
        runs, unless it is a `background` step (a page import): the officer goes on with the next
        component meanwhile, and background steps asked for meanwhile wait their turn, in order
        (`on_drop` lets go of what a waiting one holds when it is stopped before its turn).
        Any other step is refused while one runs (None)."""
        start = functools.partial(
            self._start, fn, on_result, text, cancellable, serial, background, on_error, on_item, kwargs
        )
        if not self.busy:
            return start()
        if background and (self._waiting or self.current_background):
            self._waiting.append(_Waiting(start, on_drop or (lambda: None)))
            self.strip.text.setText(self._waiting_text(self._step_text))
            self._refresh_chrome()
        return None

    def _start(
        self,
        fn: Callable[..., Any],
        on_result: Callable[[Any], None],
        text: str,
        cancellable: bool,
        serial: bool,
        background: bool,
        on_error: Callable[[BaseException], None] | None,
        on_item: Callable[[Any], None] | None,
        kwargs: dict[str, Any],
    ) -> Task | None:
        self._step_text = text
        self.strip.busy(self._waiting_text(text), cancellable)
        self.stack.setEnabled(background)
        self.current_background = background

        def done(result: Any) -> None:
            self._finished()
            on_result(result)

        def failed(exc: BaseException) -> None:
            dropped = self._drop_waiting()
            self._finished()
            self.show_error(exc)
            if dropped:
                self.strip.error.setText(
                    self.strip.error.text()
                    + "\n"
                    + self.tr("{n} lượt nhập đang chờ sau nó đã dừng: nhập lại các tệp đó.").format(n=dropped)
                )
            if on_error is not None:
                on_error(exc)

        self.current = self.tasks.run(
            _call,
            on_result=done,
            on_error=failed,
            on_progress=self._progress if on_item is None else _forwarding(self._progress, on_item),
            with_cancel=True,
            serial=serial,
            step=fn,
            kwargs=kwargs,
        )
        self._refresh_chrome()
        return self.current

    def _progress(self, update: Update) -> None:
        """The step's progress, and how many imports wait after it."""
        if update.text:
            self._step_text = update.text
            update = dataclasses.replace(update, text=self._waiting_text(update.text))
        self.strip.progress(update)

    def _waiting_text(self, text: str) -> str:
        if not self._waiting:
            return text
        return text + " " + self.tr("(còn {n} lượt chờ)").format(n=len(self._waiting))

    def _finished(self) -> None:
        self.current = None
        self.current_background = False
        if self._waiting:
            self._waiting.popleft().start()  # the next import asked for meanwhile
            return
        self.strip.idle()
        self.stack.setEnabled(True)
        self._refresh_chrome()

    def _drop_waiting(self) -> int:
        """Stop the steps waiting their turn (their files are let go); how many there were."""
        dropped = len(self._waiting)
        while self._waiting:
            self._waiting.popleft().drop()
        return dropped

    def cancel_current(self) -> None:
        """Stop (Esc): the step under way stops at its next page, and those waiting do not start."""
        dropped = self._drop_waiting()
        if self.current is not None:
            self.current.cancel()
            text = self.tr("Đang dừng…")
            if dropped:
                text += " " + self.tr("Bỏ {n} lượt nhập đang chờ.").format(n=dropped)
            self.strip.progress(Update(None, text))

    def _why_not_next(self, index: int) -> str:
        """Why «Bước tiếp» is greyed, for its tooltip ("" when it is not)."""
        if self.busy:
            return "\n" + self.tr("Đang làm việc khác của hồ sơ; chờ xong hoặc bấm «Dừng» (Esc).")
        if index < step_of(self.dossier):
            return ""
        reasons = (
            self.tr("Xác nhận công dân trước (đọc thẻ hoặc nhập tay)."),
            self.tr("Chọn thủ tục trước (Enter trên thủ tục đã chọn)."),
            self.tr("Tạo PDF cho hồ sơ trước (Ctrl+B)."),
            self.tr("Ký số (Ctrl+K) và nộp hồ sơ (Ctrl+Enter) trước."),
            self.tr("Đây là bước cuối."),
        )
        return "\n" + reasons[index]

    def say(self, text: str) -> None:
        """A refused shortcut's reason: on the intake's status line and the window's status bar."""
        self.strip.idle(text)
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 10_000)

    def _on_submit_page(self, action: Callable[[], None]) -> None:
        if self.stack.currentWidget() is not self.submit:
            self.go(self.pages.index(self.submit))
        action()

    def refresh_actions(self) -> None:
        """What the step-4 buttons allow now, and why not where they do not."""
        self.submit.refresh_reasons()
        for guard in self.guards:
            guard.refresh()

    def show_error(self, exc: BaseException) -> None:
        """A known error: message and hint below the steps. A bug: the crash handler, too."""
        self.strip.failed(exc)
        if not is_known_error(exc):
            log.error("intake step failed", exc_info=(type(exc), exc, exc.__traceback__))
            sys.excepthook(type(exc), exc, exc.__traceback__)

    # -- the dossier --------------------------------------------------------------------------------

    def step_title(self, state: DossierState) -> str:
        """«3. Thành phần»: the screen a dossier in `state` reopens on."""
        step = step_of_state(state)
        return f"{step + 1}. {self.tr(STEP_TITLES[step])}"

    def set_dossier(self, dossier: Dossier | None, *, go_to: int | None = None) -> None:
        self.dossier = dossier
        if dossier is not None:
            self.resume_offer.hide()  # a dossier is open: the offer is moot
        for page in self.pages:
            page.show_dossier(dossier)  # type: ignore[attr-defined]
        self.go(step_of(dossier) if go_to is None else go_to)

    def dossier_changed(self, dossier: Dossier) -> None:
        """A step stored something: show it everywhere, stay on the current screen."""
        self.dossier = dossier
        for page in self.pages:
            page.show_dossier(dossier)  # type: ignore[attr-defined]
        self._refresh_chrome()
        self.step_changed.emit()

    def new_dossier(self) -> None:
        if self.busy:
            return
        self.strip.error.hide()
        self.set_dossier(None)
        self.citizen.clear()

    def open_dossier(self, local_ref: str) -> None:
        self.run(
            self.service.view,
            self.set_dossier,
            self.tr("Đang mở hồ sơ {ref}…").format(ref=local_ref),
            local_ref=local_ref,
        )

    def _fill_resume_menu(self) -> None:
        """Opening «Tiếp tục hồ sơ…»: the list (SQL, citizens' names unsealed) loads on a worker."""
        self.resume_menu.clear()
        self.resume_menu.addAction(self.tr("Đang tải…")).setEnabled(False)
        self._resume_load += 1
        self._resume_loading = True
        self.tasks.run(
            resumable_dossiers,
            on_result=lambda rows, load=self._resume_load: self._show_resumable(load, rows),
            on_error=lambda exc, load=self._resume_load: self._resume_failed(load, exc),
            context=self,
            db=self.ctx.db,
            key=self.ctx.data_key,
            catalog=self.wf.catalog,
        )

    @property
    def resume_loading(self) -> bool:
        return self._resume_loading

    def _show_resumable(self, load: int, rows: list[NamedDossier]) -> None:
        if load != self._resume_load:
            return  # the menu was opened again meanwhile: that newer list is the one shown
        self._resume_loading = False
        self.resume_menu.clear()
        if not rows:
            self.resume_menu.addAction(self.tr("Không có hồ sơ nào đang dở hôm nay")).setEnabled(False)
        for entry in rows:
            action = self.resume_menu.addAction(self._resumable_text(entry))
            action.triggered.connect(lambda _c=False, ref=entry.local_ref: self.open_dossier(ref))

    def _resume_failed(self, load: int, exc: BaseException) -> None:
        if load != self._resume_load:
            return
        self._resume_loading = False
        self.resume_menu.clear()
        self.resume_menu.addAction(self.tr("Không tải được danh sách hồ sơ")).setEnabled(False)
        self.show_error(exc)

    def _resumable_text(self, entry: NamedDossier) -> str:
        row = entry.row
        parts = [f"{row.created_local:%H:%M}", row.local_ref, entry.citizen_name, entry.procedure_name]
        return "  ".join(p for p in parts if p) + f"  — {self.tr(row.state_label)}"

    # -- navigation ---------------------------------------------------------------------------------

    def go(self, index: int) -> None:
        index = max(0, min(index, step_of(self.dossier)))
        self.stack.setCurrentIndex(index)
        page = self.pages[index]
        page.entered()  # type: ignore[attr-defined]
        self._refresh_chrome()
        self.step_changed.emit()

    def _refresh_chrome(self) -> None:
        index = self.stack.currentIndex()
        parts = []
        for number, title in enumerate(STEP_TITLES):
            text = f"{number + 1}. {self.tr(title)}"
            if number == index:
                text = f"<b><u>{text}</u></b>"
            elif number > step_of(self.dossier):
                text = f"<span style='color:#888'>{text}</span>"
            parts.append(text)
        self.steps_label.setText(" › ".join(parts))
        # One line for the heading and the state: two took rows a 1366×768 screen does not have.
        heading = "<span style='font-size:x-large; font-weight:600'>{}</span>"
        if self.dossier is None:
            self.title.setText(heading.format(self.tr("Tiếp nhận hồ sơ")))
        else:
            self.title.setText(
                heading.format(f"{self.tr('Hồ sơ')} {self.dossier.local_ref}")
                + f" &nbsp; {self.tr('Trạng thái')}: {self.tr(state_label(self.dossier.state))}"
            )
        idle = not self.busy
        self.back.setEnabled(idle and index > 0)
        self.next.setEnabled(idle and index < step_of(self.dossier))
        self.next.setToolTip(self.tr("Bước sau (Alt+Phải)") + self._why_not_next(index))
        self.new_button.setEnabled(idle)
        self.resume_button.setEnabled(idle)
        self.exits.refresh()
        if hasattr(self, "guards"):  # the first refresh runs before the shortcuts are made
            self.refresh_actions()
