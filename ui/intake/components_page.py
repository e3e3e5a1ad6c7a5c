"""Step 3, Thành phần: the procedure's components as a checklist; per component its pages
(thumbnails), scanning or file import, reuse of an earlier signed copy, "not provided",
"original seen"; then one PDF per component, built off the UI thread with progress and Stop."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.dossier import EDITABLE_STATES, Component, ComponentStatus, Dossier
from ui.intake import steps

if TYPE_CHECKING:
    from ui.intake.section import IntakeSection

CS = ComponentStatus
FILE_FILTER = "Ảnh hoặc PDF (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)"


def _scan_panel(section: IntakeSection) -> QWidget | None:
    """The scan panel (scanners, camera, clean-up), written in parallel: the demo device and file
    import here until it lands."""
    try:
        from ui.widgets.scan_panel import ScanPanel
    except ImportError:
        return None
    return ScanPanel(section.ctx, section.tasks)


def kb(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


class ComponentsPage(QWidget):
    def __init__(self, section: IntakeSection) -> None:
        super().__init__()
        self.section = section
        self.reusable: dict[str, Any] = {}
        self.sizes: dict[str, int] = {}
        self.checklist = QListWidget()
        self.checklist.setMinimumWidth(320)
        self.checklist.currentRowChanged.connect(self._component_selected)
        self.heading = QLabel()
        self.heading.setWordWrap(True)

        self.panel = _scan_panel(section)
        if self.panel is not None:
            self.panel.pages_changed.connect(lambda _key: self.reload())  # type: ignore[attr-defined]
        self.scan = QPushButton(self.tr("&Quét (máy trình diễn)"))
        self.scan.setToolTip(self.tr("Quét các trang mẫu của máy trình diễn vào thành phần này (F5)"))
        self.scan.setShortcut(QKeySequence("F5"))
        self.scan.clicked.connect(self.scan_demo)
        self.import_button = QPushButton(self.tr("&Nhập từ tệp…"))
        self.import_button.setToolTip(self.tr("Thêm trang từ ảnh hoặc tệp PDF (Ctrl+O)"))
        self.import_button.setShortcut(QKeySequence("Ctrl+O"))
        self.import_button.clicked.connect(self._choose_files)
        self.reuse = QPushButton(self.tr("Tái &sử dụng"))
        self.reuse.clicked.connect(self.reuse_selected)
        self.not_provided = QPushButton(self.tr("&Không cung cấp"))
        self.not_provided.setToolTip(self.tr("Công dân không nộp thành phần này"))
        self.not_provided.clicked.connect(self.mark_not_provided)
        self.original_seen = QCheckBox(self.tr("Đã xem &bản chính"))
        self.original_seen.clicked.connect(self._original_seen)

        self.pages = QListWidget()
        self.pages.setViewMode(QListView.ViewMode.IconMode)
        self.pages.setIconSize(QSize(steps.THUMB_PX, steps.THUMB_PX))
        self.pages.setResizeMode(QListView.ResizeMode.Adjust)
        self.pages.setMovement(QListView.Movement.Static)
        self.remove = QPushButton(self.tr("&Xóa trang"))
        self.remove.setToolTip(self.tr("Xóa trang đang chọn (Delete)"))
        self.remove.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        self.remove.clicked.connect(self.remove_page)

        self.facts = QLabel()
        self.build = QPushButton(self.tr("Tạo &PDF cho hồ sơ"))
        self.build.setToolTip(self.tr("Kết thúc quét và tạo PDF cho từng thành phần (Ctrl+B)"))
        self.build.setShortcut(QKeySequence("Ctrl+B"))
        self.build.clicked.connect(self.build_pdfs)

        actions = QHBoxLayout()
        if self.panel is None:
            actions.addWidget(self.scan)
        actions.addWidget(self.import_button)
        actions.addWidget(self.reuse)
        actions.addWidget(self.not_provided)
        actions.addWidget(self.original_seen)
        actions.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.heading)
        if self.panel is not None:
            right.addWidget(self.panel)
        right.addLayout(actions)
        right.addWidget(self.pages, 1)
        right.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignLeft)
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
        self.reusable = {}
        if dossier is not None and dossier.procedure_code:
            self.reusable = {c.key: c for c in self.section.wf.reusable_components(dossier)}
            for component in dossier.components:
                item = QListWidgetItem(self._line(component))
                item.setData(Qt.ItemDataRole.UserRole, component.key)
                self.checklist.addItem(item)
        self.checklist.blockSignals(False)
        keys = [self.checklist.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.checklist.count())]
        self.checklist.setCurrentRow(keys.index(key) if key in keys else (0 if keys else -1))
        self._component_selected()
        pending = (
            [c.name for c in dossier.components if c.required and c.status is CS.PENDING] if dossier else []
        )
        self.facts.setText(
            self.tr("Còn thiếu {n} thành phần bắt buộc.").format(n=len(pending)) if pending else ""
        )
        self.build.setEnabled(bool(dossier and dossier.procedure_code) and not pending and self._editable())

    def _line(self, component: Component) -> str:
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
        for widget in (self.scan, self.import_button, self.original_seen):
            widget.setEnabled(editable)
        self.pages.clear()
        if component is None:
            self.heading.clear()
            self.reuse.setEnabled(False)
            self.not_provided.setEnabled(False)
            self.remove.setEnabled(False)
            return
        spec = self.section.wf.procedure_of(self.section.dossier).component(component.key)  # type: ignore[arg-type]
        self.heading.setText(
            f"<h3>{component.name}</h3>{self.tr('Giấy tờ nộp')}: {self.tr(spec.paper_form_label)}"
            f"{' · ' + self.tr('bắt buộc') if component.required else ''}"
            f"{' · ' + spec.note if spec.note else ''}"
        )
        source = self.reusable.get(component.key)
        self.reuse.setEnabled(editable and source is not None and component.status is not CS.REUSED)
        self.reuse.setToolTip(
            self.tr("Dùng lại bản đã ký trong hồ sơ {ref} ({pages} trang)").format(
                ref=source.dossier_ref, pages=source.pages
            )
            if source
            else self.tr("Công dân chưa có bản đã ký của giấy tờ này")
        )
        self.not_provided.setEnabled(
            editable and not component.pages and component.status is not CS.NOT_PROVIDED
        )
        self.remove.setEnabled(editable and bool(component.pages))
        self.original_seen.setChecked(component.original_seen)
        if self.panel is not None:
            self.panel.set_target(self.section.wf, self.section.dossier, component.key)  # type: ignore[attr-defined]
        if component.pages:
            self.section.tasks.run(
                steps.thumbnails,
                on_result=lambda thumbs, key=component.key: self._show_thumbnails(key, thumbs),
                on_error=self.section.show_error,
                wf=self.section.wf,
                local_ref=self.section.dossier.local_ref,  # type: ignore[union-attr]
                component_key=component.key,
            )

    def _show_thumbnails(self, key: str, thumbs: list[tuple[int, bytes]]) -> None:
        if key != self.current_key():
            return  # the officer moved on to another component meanwhile
        self.pages.clear()
        for seq, png in thumbs:
            pixmap = QPixmap()
            pixmap.loadFromData(png)
            item = QListWidgetItem(pixmap, self.tr("Trang {n}").format(n=seq))
            item.setData(Qt.ItemDataRole.UserRole, seq)
            self.pages.addItem(item)
        if self.pages.count():
            self.pages.setCurrentRow(self.pages.count() - 1)

    def entered(self) -> None:
        self.checklist.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- actions ------------------------------------------------------------------------------------

    def reload(self) -> None:
        dossier = self.section.dossier
        if dossier is not None:
            self.section.run(
                steps.open_dossier,
                self.section.dossier_changed,
                self.tr("Đang tải lại hồ sơ…"),
                wf=self.section.wf,
                local_ref=dossier.local_ref,
            )

    def _run_on_component(self, fn: Any, text: str, cancellable: bool = False, **kwargs: Any) -> None:
        key = self.current_key()
        dossier = self.section.dossier
        if key is None or dossier is None:
            return
        self.section.run(
            fn,
            self.section.dossier_changed,
            text,
            cancellable=cancellable,
            wf=self.section.wf,
            local_ref=dossier.local_ref,
            component_key=key,
            **kwargs,
        )

    def scan_demo(self) -> None:
        self._run_on_component(steps.scan_demo, self.tr("Đang quét từ máy trình diễn…"), cancellable=True)

    def _choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Chọn ảnh hoặc tệp PDF"), "", self.tr(FILE_FILTER)
        )
        if paths:
            self.import_paths(paths)

    def import_paths(self, paths: list[str]) -> None:
        self._run_on_component(
            steps.import_files, self.tr("Đang nhập trang từ tệp…"), cancellable=True, paths=list(paths)
        )

    def reuse_selected(self) -> None:
        key = self.current_key()
        source = self.reusable.get(key or "")
        if source is not None:
            self._run_on_component(
                self._reuse_step, self.tr("Đang tái sử dụng giấy tờ đã ký…"), source_id=source.component_id
            )

    def _reuse_step(self, wf: Any, local_ref: str, component_key: str, source_id: int) -> Dossier:
        dossier = wf.open(local_ref)
        wf.reuse_component(dossier, component_key, source_id)
        return dossier

    def mark_not_provided(self) -> None:
        self._run_on_component(self._not_provided_step, self.tr("Đang ghi nhận…"))

    def _not_provided_step(self, wf: Any, local_ref: str, component_key: str) -> Dossier:
        dossier = wf.open(local_ref)
        wf.mark_not_provided(dossier, component_key)
        return dossier

    def _original_seen(self, checked: bool) -> None:
        self._run_on_component(self._seen_step, self.tr("Đang ghi nhận…"), seen=checked)

    def _seen_step(self, wf: Any, local_ref: str, component_key: str, seen: bool) -> Dossier:
        dossier = wf.repo.load(local_ref)
        wf.mark_original_seen(dossier, component_key, seen)
        return dossier

    def remove_page(self) -> None:
        item = self.pages.currentItem()
        if item is not None:
            self._run_on_component(
                steps.remove_page, self.tr("Đang xóa trang…"), seq=int(item.data(Qt.ItemDataRole.UserRole))
            )

    def build_pdfs(self) -> None:
        dossier = self.section.dossier
        if dossier is None or not self.build.isEnabled():
            return
        self.section.run(
            steps.build_pdfs,
            self._built,
            self.tr("Đang tạo các tệp PDF…"),
            cancellable=True,
            wf=self.section.wf,
            local_ref=dossier.local_ref,
        )

    def _built(self, dossier: Dossier) -> None:
        self.section.dossier_changed(dossier)
        self.section.go(3)
