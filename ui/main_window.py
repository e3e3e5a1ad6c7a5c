"""The main window: four sections on the left, the section on the right, the status bar below."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app import APP_DISPLAY_NAME, __version__
from counter_app.context import AppContext
from ui import shortcuts
from ui.intake import IntakeSection
from ui.intake.resume_offer import closing_note
from ui.pages.dashboard import DashboardSection
from ui.pages.diagnostics import DiagnosticsSection
from ui.pages.today import TodaySection
from ui.status_bar import CounterStatusBar
from ui.tasks import TaskRunner
from ui.widgets.config_banner import ConfigBanner
from ui.window_fit import default_size


class MainWindow(QMainWindow):
    def __init__(
        self, ctx: AppContext, tasks: TaskRunner | None = None, *, ask_before_closing: bool = False
    ) -> None:
        """`ask_before_closing`: closing with a dossier open says where it is kept and lets the officer
        stay (the application sets it; tests and automation close without a dialog)."""
        super().__init__()
        self.ask_before_closing = ask_before_closing
        self.ctx = ctx
        self.tasks = tasks or TaskRunner(self)
        title = f"{APP_DISPLAY_NAME} {__version__} — {ctx.config.get('office.name')}"
        if ctx.config.training_mode:
            title += " " + self.tr("[CHẾ ĐỘ ĐÀO TẠO — không nộp lên cổng thật]")
        elif ctx.demo_mode:
            title += " " + self.tr("[CHẾ ĐỘ DEMO]")
        self.setWindowTitle(title)

        self.nav = QListWidget()
        self.nav.setObjectName("sectionNav")
        self.stack = QStackedWidget()

        self.intake = IntakeSection(ctx, self.tasks, services=lambda: getattr(self, "services", None))
        self.today = TodaySection(ctx, self.tasks, catalog=self.intake.wf.catalog)
        self.dashboard = DashboardSection(ctx, self.tasks)
        self.diagnostics = DiagnosticsSection(ctx, self.tasks)
        self.sections: list[tuple[str, QWidget]] = [
            (self.tr("Tiếp nhận"), self.intake),
            (self.tr("Hồ sơ hôm nay"), self.today),
            (self.tr("Thống kê"), self.dashboard),
            (self.tr("Cài đặt & chẩn đoán"), self.diagnostics),
        ]
        for index, (label, widget) in enumerate(self.sections, start=1):
            self.nav.addItem(f"{index}  {label}")
            self.stack.addWidget(widget)
            action = QAction(label, self)
            action.setShortcut(QKeySequence(f"Ctrl+{index}"))
            action.triggered.connect(lambda _checked=False, i=index - 1: self.show_section(i))
            self.addAction(action)
        self.nav.currentRowChanged.connect(self._section_changed)
        # As wide as its labels, not a fixed 220 px: at 125 % on 1366×768 every pixel goes to the steps.
        self.nav.setFixedWidth(self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 12)

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.banner = ConfigBanner(ctx.config)
        self.banner.details_requested.connect(self.show_config_problems)
        outer.addWidget(self.banner)
        layout = QHBoxLayout()
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        outer.addLayout(layout, 1)
        self.setCentralWidget(central)

        self.status = CounterStatusBar(ctx)
        self.setStatusBar(self.status)
        self.guidance: Any = None
        self.token_watcher: Any = None
        guidance = QAction(self.tr("Màn hình hướng dẫn công dân"), self)
        guidance.setShortcut(QKeySequence("Ctrl+G"))
        guidance.triggered.connect(self.open_guidance)
        self.addAction(guidance)
        help_action = QAction(self.tr("Phím tắt"), self)
        help_action.setShortcut(QKeySequence(shortcuts.HELP.keys))
        help_action.triggered.connect(self.show_shortcuts)
        self.addAction(help_action)
        self.shortcut_list: Any = None
        self.intake.step_changed.connect(self._follow_intake)
        self.today.open_requested.connect(self.continue_dossier)
        self.nav.setCurrentRow(0)
        self.nav.setFocus(Qt.FocusReason.OtherFocusReason)
        screen = self.screen() or QGuiApplication.primaryScreen()
        self.resize(default_size(screen.availableGeometry()))
        self.intake.resume_offer.look()  # an intake interrupted earlier today is offered at once

    def show_shortcuts(self) -> None:
        """F1: the list of every shortcut (not modal: it may stay open beside the intake)."""
        from ui.widgets.shortcut_list import ShortcutList

        self.shortcut_list = ShortcutList(self)
        self.shortcut_list.show()

    def show_config_problems(self) -> None:
        self.show_section(self.stack.indexOf(self.diagnostics))
        self.diagnostics.show_options()

    def show_section(self, index: int) -> None:
        self.nav.setCurrentRow(index)

    def open_guidance(self) -> None:
        """Ctrl+G: the citizen-facing screen (second monitor when there is one; on a single one, never
        over this window unless asked again)."""
        from ui.guidance_notice import NoticeGuidanceWindow

        self.guidance = NoticeGuidanceWindow.open_for(self)
        self._follow_intake()
        if self.guidance.behind and not self.guidance.isFullScreen():
            self.statusBar().showMessage(
                self.tr(
                    "Chỉ có một màn hình: màn hình hướng dẫn nằm sau cửa sổ này. "
                    "Ctrl+G lần nữa để cho công dân xem, Esc để quay lại."
                )
            )

    def _follow_intake(self) -> None:
        if self.guidance is not None:
            from ui.intake.guidance_link import follow

            follow(self.intake, self.guidance)

    def continue_dossier(self, local_ref: str) -> None:
        self.show_section(0)
        self.intake.open_dossier(local_ref)

    def _section_changed(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        widget = self.stack.currentWidget()
        if widget is self.today:
            self.today.refresh()
        elif widget is self.dashboard:
            self.dashboard.refresh()
        else:
            self.today.outbox.timer.stop()

    def _confirm_close(self, note: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Đóng chương trình"), note, parent=self)
        close = box.addButton(self.tr("Đóng, làm tiếp sau"), QMessageBox.ButtonRole.AcceptRole)
        stay = box.addButton(self.tr("Ở lại"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)
        box.exec()
        return box.clickedButton() is close

    def start_background_checks(self) -> None:
        """Status-bar facts come from the doctor; portal, outbox and sync start; all off the UI thread."""
        from counter_app.doctor import run_doctor
        from counter_app.services import BackgroundServices

        self.tasks.run(run_doctor, ctx=self.ctx, on_result=self._report_ready, on_error=lambda _e: None)
        from ui.widgets.sign_watch import TokenWatcher

        self.token_watcher = TokenWatcher(self.ctx, self.tasks, self)
        self.token_watcher.tokens_changed.connect(self.status.set_tokens)
        self.token_watcher.start()
        self.services = BackgroundServices(self.ctx)
        self.tasks.run(self.services.start, on_result=self._services_ready, on_error=self._services_failed)

    def _warm_up_intake(self) -> None:
        """Once the start-up checks are over, the intake's later steps load their libraries
        (signing, PDF, receipt) on a thread of their own while the window waits for its first
        citizen: the first intake of the day then does not share the PC's cores with them."""
        self.intake.service.warm_up(demo=self.ctx.demo_mode)

    def _services_ready(self, services: Any) -> None:
        self._warm_up_intake()
        for part, message in services.errors.items():
            self.statusBar().showMessage(
                self.tr("Không khởi động được {part}: {m}").format(part=part, m=message)
            )

    def _services_failed(self, exc: BaseException) -> None:
        from counter_app.errors import error_dict

        self._warm_up_intake()  # the intake works without the portal (the outbox waits)

        self.statusBar().showMessage(self.tr("Dịch vụ nền lỗi: {m}").format(m=error_dict(exc)["message"]))

    def _report_ready(self, report: dict[str, Any]) -> None:
        self.status.update_from_report(report)
        self.diagnostics.show_report(report)

    def closeEvent(self, event: QCloseEvent) -> None:
        # The officer closing the window is told where the open dossier stays and how it comes back.
        # A window already hidden (closed once, or never shown) is being torn down: nobody to ask.
        note = closing_note(self.intake) if self.ask_before_closing and self.isVisible() else None
        if note is not None and not self._confirm_close(note):
            event.ignore()
            return
        self.tasks.wait(5_000)
        super().closeEvent(event)
