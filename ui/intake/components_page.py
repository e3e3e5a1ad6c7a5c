"""Step 3, Thành phần: the procedure's components as a checklist; per component the scan panel
(devices, camera, page thumbnails) bound to its pages, file import, reuse of an earlier signed
copy, "not provided", "original seen"; then one PDF per component, built off the UI thread with
progress and Stop."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from common import vi_format
from common.progress import Cancel, Progress
from counter_app.dossier import EDITABLE_STATES, Component, ComponentStatus, Dossier, DossierState
from counter_app.intake.import_line import Import
from counter_app.intake.outcomes import PageStored
from ui import shortcuts
from ui.intake.page_tools import PageTools
from ui.widgets.scan_panel import ScanPanel

if TYPE_CHECKING:
    from ui.intake.host import IntakeHost

CS = ComponentStatus
# States in which pages are being captured: a supplement asked for is still to be done.
CAPTURE_STATES = frozenset(
    {DossierState.PROCEDURE_CHOSEN, DossierState.COMPONENTS_CAPTURED, DossierState.NEEDS_SUPPLEMENT}
)
RELOAD_RETRY_MS = 200
FILE_FILTER = "Ảnh hoặc PDF (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)"


def to_supplement(dossier: Dossier) -> list[str]:
    """The components the citizen was asked to bring again, while the dossier is back in capture."""
    if dossier.state not in CAPTURE_STATES:
        return []
    return list(dossier.details.get("supplement", {}).get("missing", []))


def kb(size: int) -> str:
    return vi_format.size(size)


class ComponentsPage(QWidget):
    def __init__(self, section: IntakeHost) -> None:
        super().__init__()
        self.section = section
        self.reusable: dict[str, Any] = {}
        self._importing: dict[str, int] = {}  # component key -> imports under way or waiting
        self._reusable_of: str | None = None  # the dossier `reusable` was read for
        self._reusable_load = self._reusable_shown = 0
        self.checklist = QListWidget()
        self.checklist.setMinimumWidth(260)  # names wrap: 125 % on 1366×768 needs no sideways scroll
        self.checklist.setWordWrap(True)  # long component names wrap, whole in the tooltip too
        self.checklist.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.checklist.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.checklist.currentRowChanged.connect(self._component_selected)
        self.heading = QLabel()
        self.heading.setWordWrap(True)

        self.panel = ScanPanel(section.ctx, section.tasks)
        self.panel.pages_changed.connect(lambda _key: self.reload())
        self.tools = PageTools(self)  # the viewer, moving pages, splitting a stack
        self.import_button = QPushButton(self.tr("Nhập từ tệp…"))
        self.import_button.setToolTip(self.tr("Thêm trang từ ảnh hoặc tệp PDF (Ctrl+O)"))
        shortcuts.press_at_once(self.import_button, shortcuts.OPEN.keys)
        self.import_button.clicked.connect(self._choose_files)
        self.reuse = QPushButton(self.tr("Tái &sử dụng"))
        self.reuse.clicked.connect(self.reuse_selected)
        self.not_provided = QPushButton(self.tr("&Không cung cấp"))
        self.not_provided.setToolTip(self.tr("Công dân không nộp thành phần này"))
        self.not_provided.clicked.connect(self.mark_not_provided)
        self.original_seen = QCheckBox(self.tr("Đã xem &bản chính"))
        self.original_seen.clicked.connect(self._original_seen)

        self.facts = QLabel()
        self.facts.setWordWrap(True)  # a supplement's reason may be long
        self.facts.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)  # never clipped
        self.build = QPushButton(self.tr("Tạo &PDF cho hồ sơ"))
        self.build.setToolTip(self.tr("Kết thúc quét và tạo PDF cho từng thành phần (Ctrl+B)"))
        shortcuts.press_at_once(self.build, shortcuts.BUILD.keys)
        self.build.clicked.connect(self.build_pdfs)

        actions = QHBoxLayout()
        actions.addWidget(self.import_button)
        actions.addWidget(self.reuse)
        actions.addWidget(self.not_provided)
        actions.addWidget(self.original_seen)
        actions.addWidget(self.tools.button)
        actions.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addLayout(actions)
        right.addWidget(self.panel, 1)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Thành phần hồ sơ (✱ bắt buộc):")))
        left.addWidget(self.checklist, 1)
        left.addWidget(self.facts)
        left.addWidget(self.build)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)

    # -- showing ------------------------------------------------------------------------------------

    def show_dossier(self, dossier: Dossier | None) -> None:
        key = self.current_key()
        self.checklist.blockSignals(True)
        self.checklist.clear()
        if dossier is None or dossier.local_ref != self._reusable_of:
            self.reusable = {}  # another dossier's: the list below is loaded for this one
        self._load_reusable(dossier)
        if dossier is not None and dossier.procedure_code:
            to_fix = set(to_supplement(dossier))
            for component in dossier.components:
                item = QListWidgetItem(self._line(component, component.key in to_fix))
                item.setData(Qt.ItemDataRole.UserRole, component.key)
                item.setToolTip(component.name)
                self.checklist.addItem(item)
        keys = [self.checklist.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.checklist.count())]
        self.checklist.setCurrentRow(keys.index(key) if key in keys else (0 if keys else -1))
        self.checklist.blockSignals(False)
        self._component_selected()
        pending = (
            [c.name for c in dossier.components if c.required and c.status is CS.PENDING] if dossier else []
        )
        facts = self.tr("Còn thiếu {n} thành phần bắt buộc.").format(n=len(pending)) if pending else ""
        if dossier is not None and to_supplement(dossier):
            reason = dossier.details["supplement"]["reason"]
            facts = "\n".join(filter(None, (self.tr("⚠ Cần bổ sung: {reason}").format(reason=reason), facts)))
        if dossier is not None:
            facts = "\n".join(filter(None, (facts, *self._sanitised_lines(dossier))))
        self.facts.setText(facts)
        self.build.setEnabled(bool(dossier and dossier.procedure_code) and not pending and self._editable())

    def _sanitised_lines(self, dossier: Dossier) -> list[str]:
        """Imported PDFs that had active content taken out (`scanner.pdf.sanitize`): the officer
        sees what the signed copy no longer holds."""
        from scanner.pdf.sanitize import REMOVED_LABELS

        return [
            self.tr("🛡 Tệp «{file}» ({component}): đã gỡ {removed}.").format(
                file=entry["file"],
                component=dossier.component(entry["component_key"]).name,
                removed=", ".join(REMOVED_LABELS.get(k, k) for k in entry["removed"]),
            )
            for entry in dossier.details.get("sanitised", [])
        ]

    def _load_reusable(self, dossier: Dossier | None) -> None:
        """The citizen's signed components this procedure may reuse, read on a worker."""
        self._reusable_load += 1
        self._reusable_of = dossier.local_ref if dossier is not None else None
        if dossier is None or dossier.citizen is None or not dossier.procedure_code:
            self._reusable_shown = self._reusable_load
            return
        load = self._reusable_load
        self.section.tasks.run(
            self.section.service.reusable_components,
            on_result=lambda found: self._show_reusable(load, found),
            on_error=lambda exc: self._reusable_failed(load, exc),
            context=self,
            dossier=dossier,
        )

    @property
    def reusable_loading(self) -> bool:
        return self._reusable_load != self._reusable_shown

    def _show_reusable(self, load: int, found: dict[str, Any]) -> None:
        if load != self._reusable_load:
            return
        self._reusable_shown = load
        self.reusable = found
        component = self.current()
        self._show_reuse(component, component is not None and self._editable())

    def _reusable_failed(self, load: int, exc: BaseException) -> None:
        if load == self._reusable_load:
            self._reusable_shown = load
            self.section.show_error(exc)

    def _line(self, component: Component, to_fix: bool = False) -> str:
        mark = "✱ " if component.required else "   "
        status = {
            CS.PENDING: self.tr("chưa có"),
            CS.CAPTURED: self.tr("{n} trang đã quét").format(n=len(component.pages)),
            CS.DIGITIZED: self.tr("PDF {n} trang").format(n=len(component.pages)),
            CS.SIGNED: self.tr("PDF {n} trang, đã ký").format(n=len(component.pages)),
            CS.REUSED: self.tr("tái sử dụng bản đã ký"),
            CS.NOT_PROVIDED: self.tr("không cung cấp"),
        }[component.status]
        if component.original_seen:
            status += self.tr(" · đã xem bản chính")
        if to_fix:
            status += self.tr(" · ⚠ cần bổ sung")
        if self._importing.get(component.key):
            status += self.tr(" · ⏳ đang nhập trang…")
        if component.black_and_white_pages:
            status += self.tr(" · ⚠ {n} trang đen trắng (bản số hóa phải là ảnh màu)").format(
                n=component.black_and_white_pages
            )
        return f"{mark}{component.name}\n      {status}"

    def current_key(self) -> str | None:
        item = self.checklist.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def current(self) -> Component | None:
        key = self.current_key()
        dossier = self.section.dossier
        return None if key is None or dossier is None else dossier.component(key)

    def _editable(self) -> bool:
        dossier = self.section.dossier
        return dossier is not None and dossier.state in EDITABLE_STATES

    def _component_selected(self, _row: int = -1) -> None:
        component = self.current()
        editable = component is not None and self._editable()
        for widget in (self.import_button, self.original_seen):
            widget.setEnabled(editable)
        self.tools.button.setEnabled(component is not None)
        if component is None:
            self.heading.clear()
            self.reuse.setEnabled(False)
            self.not_provided.setEnabled(False)
            self.panel.set_target(self.section.service, None, None)
            return
        spec = self.section.wf.procedure_of(self.section.dossier).component(component.key)  # type: ignore[arg-type]
        self.heading.setText(
            f"<b>{component.name}</b> — {self.tr('Giấy tờ nộp')}: {self.tr(spec.paper_form_label)}"
            f"{' · ' + self.tr('bắt buộc') if component.required else ''}"
            f"{' · ' + spec.note if spec.note else ''}"
        )
        self._show_reuse(component, editable)
        self.not_provided.setEnabled(
            editable and not component.pages and component.status is not CS.NOT_PROVIDED
        )
        self.original_seen.setChecked(component.original_seen)
        self.panel.set_target(self.section.service, self.section.dossier if editable else None, component.key)

    def _show_reuse(self, component: Component | None, editable: bool) -> None:
        source = self.reusable.get(component.key) if component is not None else None
        self.reuse.setEnabled(
            editable and component is not None and source is not None and component.status is not CS.REUSED
        )
        self.reuse.setToolTip(
            self.tr("Dùng lại bản đã ký trong hồ sơ {ref} ({pages} trang)").format(
                ref=source.dossier_ref, pages=source.pages
            )
            if source
            else self.tr("Công dân chưa có bản đã ký của giấy tờ này")
        )

    def entered(self) -> None:
        self.checklist.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- actions ------------------------------------------------------------------------------------

    def reload(self) -> None:
        """The scan panel stored or edited pages: show the dossier as stored now."""
        if self.section.busy:
            QTimer.singleShot(RELOAD_RETRY_MS, self.reload)  # after the step under way
            return
        dossier = self.section.dossier
        if dossier is not None:
            self.section.run(
                self.section.service.open,
                self.section.dossier_changed,
                self.tr("Đang tải lại hồ sơ…"),
                local_ref=dossier.local_ref,
            )

    def _run_on_component(
        self,
        fn: Any,
        text: str,
        cancellable: bool = False,
        on_item: Any = None,
        on_drop: Any = None,
        on_over: Any = None,
        **kwargs: Any,
    ) -> bool:
        """A step on the selected component, in the background: the officer may go on to the
        next component, and what they ask meanwhile runs after it, in order. False if refused."""
        if self.panel.busy():
            return False  # one writer per component at a time: the panel is storing pages
        key = self.current_key()
        dossier = self.section.dossier
        if key is None or dossier is None:
            return False
        waiting = self.section.waiting
        over = on_over or (lambda: None)  # the step ended, one way or another

        def stored(dossier: Dossier) -> None:
            over()
            self.section.dossier_changed(dossier)

        def dropped() -> None:
            over()
            if on_drop is not None:
                on_drop()

        task = self.section.run(
            fn,
            stored,
            text,
            cancellable=cancellable,
            background=True,
            on_error=lambda _exc: over(),
            on_item=on_item,
            on_drop=dropped,
            local_ref=dossier.local_ref,
            component_key=key,
            **kwargs,
        )
        return task is not None or self.section.waiting > waiting  # started, or waits its turn

    def _choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Chọn ảnh hoặc tệp PDF"), "", self.tr(FILE_FILTER)
        )
        if paths:
            self.import_paths(paths)

    def import_paths(self, paths: list[str]) -> None:
        """The files' pages into the selected component. Behind an import under way, this one
        waits its turn; once it is next, its files are cleaned while the one before is stored
        (`import_line`)."""
        key = self.current_key()
        if key is None:
            return
        service = self.section.service
        item = service.queue_import(key, paths)  # before its step can start and take its turn
        accepted = self._run_on_component(
            self._import_step,
            self.tr("Đang nhập trang từ tệp…"),
            cancellable=True,
            on_item=self._page_stored,
            on_drop=lambda: service.drop_import(item),
            on_over=lambda: self._importing_over(key),
            item=item,
        )
        if not accepted:
            service.drop_import(item)
            return
        self._importing[key] = self._importing.get(key, 0) + 1
        self._show_line(key)

    def _importing_over(self, key: str | None) -> None:
        if key is not None and self._importing.get(key):
            self._importing[key] -= 1
            if not self._importing[key]:
                del self._importing[key]
            self._show_line(key)

    def _show_line(self, key: str | None) -> None:
        """The component's line in the checklist, as the dossier shown and its imports stand."""
        dossier = self.section.dossier
        if key is None or dossier is None:
            return
        to_fix = set(to_supplement(dossier))
        for row in range(self.checklist.count()):
            item = self.checklist.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == key:
                item.setText(self._line(dossier.component(key), key in to_fix))

    def _page_stored(self, item: Any) -> None:
        if isinstance(item, PageStored):
            self.panel.remember_page(item)

    def _import_step(
        self,
        local_ref: str,
        component_key: str,
        item: Import,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
    ) -> Dossier:
        return self.section.service.import_files(local_ref, item, progress=progress, cancel=cancel)

    def reuse_selected(self) -> None:
        key = self.current_key()
        source = self.reusable.get(key or "")
        if source is not None:
            self._run_on_component(
                self.section.service.reuse_component,
                self.tr("Đang tái sử dụng giấy tờ đã ký…"),
                source_id=source.component_id,
            )

    def mark_not_provided(self) -> None:
        self._run_on_component(self.section.service.mark_not_provided, self.tr("Đang ghi nhận…"))

    def _original_seen(self, checked: bool) -> None:
        self._run_on_component(
            self.section.service.mark_original_seen, self.tr("Đang ghi nhận…"), seen=checked
        )

    def build_pdfs(self) -> None:
        dossier = self.section.dossier
        if dossier is None or not self.build.isEnabled() or self.panel.busy():
            return  # pages still arriving from the scan panel belong in these PDFs
        self.section.run(
            self.section.service.build_pdfs,
            self._built,
            self.tr("Đang tạo các tệp PDF…"),
            cancellable=True,
            local_ref=dossier.local_ref,
        )

    def _built(self, dossier: Dossier) -> None:
        self.section.dossier_changed(dossier)
        self.section.go(3)
