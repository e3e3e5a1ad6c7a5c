"""The scan panel: pick a device and its settings, scan pages (one, or an ADF batch with progress and
Cancel) or capture them with a live camera, then arrange them in the thumbnails strip.

Embedded by the intake screen: `ScanPanel(ctx, tasks)`, `set_target(workflow, dossier, key)` binds it
to one component, `pages_changed(key)` says the component's pages changed. Devices, scanning, clean-up
and storing run on TaskRunner workers (`scan_jobs`, `scan_camera.run_preview`); this widget only shows.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.dossier import Dossier
from counter_app.workflow import Workflow
from scanner.devices import BackendRegistry, Capabilities, DeviceInfo, ScanSettings, default_registry
from ui.tasks import Task, TaskRunner
from ui.widgets import scan_jobs
from ui.widgets.scan_camera import CameraControl, CameraFrame, CameraStill, CameraView, run_preview
from ui.widgets.scan_settings import ScanSettingsBar
from ui.widgets.scan_thumbnails import KEYS_HELP, PagePreview, ThumbnailStrip

log = logging.getLogger(__name__)


class ScanPanel(QWidget):
    pages_changed = Signal(str)

    def __init__(
        self,
        ctx: Any,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        registry: BackendRegistry | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = tasks
        self.registry = registry or default_registry()
        self.wf: Workflow | None = None
        self.local_ref: str | None = None
        self.component_key: str | None = None
        self.batch: Task | None = None
        self.camera_task: Task | None = None
        self.camera_control = CameraControl()
        self._edits: Task | None = None
        self._stills: list[CameraStill] = []
        self._thumbs: dict[str, bytes] = {}  # page key -> thumbnail PNG
        self._place: tuple[int | None, int | None] = (None, None)  # (insert position, seq re-scanned)
        self._preview_seq: int | None = None

        self.settings = ScanSettingsBar(ctx, self)
        self.settings.device_changed.connect(self._device_changed)
        self.settings.refresh_requested.connect(self.refresh_devices)

        self.scan_button = QPushButton(self.tr("&Quét"))
        self.scan_button.setToolTip(
            self.tr("Quét vào thành phần đang chọn (F5); với camera: chụp ngay (Space)")
        )
        self.scan_button.clicked.connect(self.scan)
        self.cancel_button = QPushButton(self.tr("&Hủy"))
        self.cancel_button.setToolTip(self.tr("Dừng lượt quét (Esc); các trang đã nhận vẫn được giữ"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.auto_capture = QCheckBox(self.tr("Tự chụp khi trang đứng &yên"))
        self.auto_capture.setChecked(True)
        self.auto_capture.setToolTip(self.tr("Chụp một lần khi khung trang đứng yên khoảng 1 giây"))
        self.auto_capture.toggled.connect(self._auto_toggled)
        self.reset_outline = QPushButton(self.tr("&Nhận khung lại"))
        self.reset_outline.setToolTip(self.tr("Bỏ các góc đã kéo tay, để máy tự nhận khung trang"))
        self.reset_outline.clicked.connect(self._reset_outline)
        QShortcut(QKeySequence("F5"), self, self.scan, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.preview = PagePreview()
        self.camera = CameraView()
        self.camera.capture_requested.connect(self.scan)
        self.camera.corners_edited.connect(self._corners_edited)
        self.view = QStackedWidget()
        self.view.addWidget(self.preview)
        self.view.addWidget(self.camera)

        self.strip = ThumbnailStrip()
        self.strip.currentItemChanged.connect(self._page_selected)
        self.strip.order_changed.connect(self.reorder)
        self.strip.rotate_requested.connect(self.rotate)
        self.strip.delete_requested.connect(self.delete)
        self.strip.rescan_requested.connect(self.rescan)
        self.strip.insert_requested.connect(self.insert_at)
        self.page_buttons = []
        for text, tip, slot in (
            (
                self.tr("X&oay 90°"),
                self.tr("Xoay trang đang chọn 90° theo chiều kim đồng hồ (R)"),
                self._rotate_current,
            ),
            (
                self.tr("Xóa trang"),
                self.tr("Xóa trang đang chọn (Delete trong dải trang)"),
                self._delete_current,
            ),
            (
                self.tr("Chèn trang"),
                self.tr("Quét thêm trang vào trước trang đang chọn (Insert)"),
                self._insert_current,
            ),
            (
                self.tr("Quét &lại trang"),
                self.tr("Quét lại trang đang chọn, thay vào đúng chỗ (Ctrl+Enter)"),
                self._rescan_current,
            ),
            ("◀", self.tr("Chuyển trang sang trái (Ctrl+←)"), lambda: self.strip.move_current(-1)),
            ("▶", self.tr("Chuyển trang sang phải (Ctrl+→)"), lambda: self.strip.move_current(1)),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            self.page_buttons.append(button)
        keys = QLabel(self.tr(KEYS_HELP))
        keys.setWordWrap(True)
        keys.setStyleSheet("color: palette(mid);")

        run_row = QHBoxLayout()
        run_row.addWidget(self.scan_button)
        run_row.addWidget(self.cancel_button)
        run_row.addWidget(self.progress, 1)
        run_row.addWidget(self.auto_capture)
        run_row.addWidget(self.reset_outline)
        page_row = QHBoxLayout()
        for button in self.page_buttons:
            page_row.addWidget(button)
        page_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.settings)
        layout.addLayout(run_row)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.strip)
        layout.addLayout(page_row)
        layout.addWidget(keys)
        self._show_camera_controls(False)
        self._refresh_enabled()
        self.refresh_devices()

    # -- binding ---------------------------------------------------------------------------------------

    def set_target(self, workflow: Workflow, dossier: Dossier | None, component_key: str | None) -> None:
        """Scan into `component_key` of `dossier` from now on (None: nothing to scan into)."""
        changed = dossier is None or (dossier.local_ref, component_key) != (
            self.local_ref,
            self.component_key,
        )
        self.wf = workflow
        self.local_ref = dossier.local_ref if dossier is not None else None
        self.component_key = component_key if dossier is not None else None
        if changed:
            self._place = (None, None)
            self.strip.clear()
            self.preview.clear_page(self.tr("Chưa có trang nào. Đặt giấy vào máy rồi bấm «Quét» (F5)."))
        self._refresh_enabled()
        self.reload_pages()

    def reload_pages(self, select_seq: int | None = None) -> None:
        if self.wf is None or self.local_ref is None or self.component_key is None:
            return
        key = self.component_key
        self.tasks.run(
            scan_jobs.thumbnails,
            on_result=lambda thumbs: self._show_thumbs(key, thumbs, select_seq),
            on_error=self._show_error,
            wf=self.wf,
            local_ref=self.local_ref,
            component_key=key,
            known=frozenset(self._thumbs),
        )

    def _show_thumbs(self, key: str, thumbs: list[scan_jobs.PageThumb], select_seq: int | None) -> None:
        if key != self.component_key:
            return  # the officer moved to another component meanwhile
        for thumb in thumbs:
            if thumb.png:
                self._thumbs[thumb.key] = thumb.png
        full = [scan_jobs.PageThumb(t.seq, t.blank, t.key, self._thumbs.get(t.key, b"")) for t in thumbs]
        self.strip.show_pages(full, select_seq if select_seq is not None else self.strip.current_seq())
        if not thumbs:
            self.preview.clear_page(self.tr("Chưa có trang nào. Đặt giấy vào máy rồi bấm «Quét» (F5)."))
        self._refresh_enabled()

    # -- devices ---------------------------------------------------------------------------------------

    def refresh_devices(self) -> None:
        self.settings.listing_started()
        self.tasks.run(
            scan_jobs.list_devices,
            on_result=self.settings.show_listing,
            on_error=self._show_error,
            registry=self.registry,
        )

    def _device_changed(self, device: DeviceInfo | None) -> None:
        self.stop_camera()
        if device is None:
            self._show_camera_controls(False)
            self._refresh_enabled()
            return
        self.tasks.run(
            scan_jobs.device_capabilities,
            on_result=lambda caps, d=device: self._capabilities(d, caps),
            on_error=self._capabilities_failed,
            registry=self.registry,
            device_id=device.id,
        )

    def _capabilities(self, device: DeviceInfo, caps: Capabilities) -> None:
        if self.settings.device() != device:
            return
        self.settings.show_capabilities(caps)
        is_camera = device.kind == "camera"
        self._show_camera_controls(is_camera)
        if is_camera and self.isVisible():
            self.start_camera()
        self._refresh_enabled()

    def _capabilities_failed(self, exc: BaseException) -> None:
        self.settings.show_capabilities(None)
        self._show_error(exc)
        self._refresh_enabled()

    # -- scanning --------------------------------------------------------------------------------------

    def scanning(self) -> bool:
        return self.batch is not None

    def scan(self) -> None:
        if not self.scan_button.isEnabled():
            return
        device = self.settings.device()
        if device is None or self.wf is None or self.local_ref is None or self.component_key is None:
            return
        if device.kind == "camera":
            self.camera_control.request_still()
            self.status.setText(self.tr("Đang chụp…"))
            return
        settings = self.settings.scan_settings()
        if settings is None:
            return
        place_at, replace = self._place
        self._place = (None, None)
        if replace is not None:
            settings = ScanSettings(settings.source, settings.mode, settings.dpi, 1, settings.page_size_mm)
        self._received = 0
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Đang quét…"))
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Trang 1: %p%"))
        self.progress.show()
        self.batch = self.tasks.run(
            scan_jobs.scan_batch,
            on_result=self._batch_done,
            on_error=self._batch_failed,
            on_progress=self._batch_progress,
            with_cancel=True,
            wf=self.wf,
            registry=self.registry,
            local_ref=self.local_ref,
            component_key=self.component_key,
            device_id=device.id,
            settings=settings,
            place_at=place_at,
            replace=replace,
        )
        self._refresh_enabled()

    def cancel(self) -> None:
        if self.batch is not None:
            self.batch.cancel()
            self.status.setText(self.tr("Đang dừng… (các trang đã nhận vẫn được giữ)"))
            self.cancel_button.setEnabled(False)

    def _batch_progress(self, event: Any) -> None:
        if isinstance(event, scan_jobs.Received):
            self.progress.setFormat(self.tr("Trang {n}: %p%").format(n=event.number))
            self.progress.setValue(round(event.fraction * 100))
        elif isinstance(event, scan_jobs.Saved):
            self._received += 1
            self.status.setText(self.tr("Đã lưu {n} trang vào hồ sơ.").format(n=self._received))
            self.strip.add_arrived(event.png, event.blank, self.tr("Trang mới {n}").format(n=self._received))

    def _batch_done(self, result: scan_jobs.BatchResult) -> None:
        self.batch = None
        self.progress.hide()
        saved = len(result.saved)
        text = self.tr("Đã quét {n} trang.").format(n=saved)
        if result.blank:
            text += " " + self.tr("{n} trang có vẻ để trắng (viền đỏ): kiểm tra rồi xóa nếu đúng.").format(
                n=len(result.blank)
            )
        self.status.setStyleSheet("")
        if result.cancelled:
            text = self.tr("Đã hủy lượt quét; giữ {n} trang đã nhận.").format(n=saved)
        if result.error is not None:
            text = self.tr("{message} Đã giữ {n} trang nhận được trước lỗi. {hint}").format(
                message=result.error.message, n=saved, hint=result.error.hint
            )
            self.status.setStyleSheet("color: #b00000;")
        self.status.setText(text)
        self._refresh_enabled()
        self.reload_pages(result.saved[-1] if result.saved else None)
        if saved:
            self.pages_changed.emit(self.component_key or "")

    def _batch_failed(self, exc: BaseException) -> None:
        self.batch = None
        self.progress.hide()
        self._show_error(exc)
        self._refresh_enabled()
        self.reload_pages()

    def _show_error(self, exc: BaseException) -> None:
        if getattr(exc, "known", False):
            message, hint = getattr(exc, "message", str(exc)), getattr(exc, "hint", "")
            self.status.setText(f"{message} {hint}".strip())
        else:
            log.error("scan panel task failed", exc_info=(type(exc), exc, exc.__traceback__))
            self.status.setText(
                self.tr("Lỗi không mong đợi: {e}. Xem nhật ký trong mục «Chẩn đoán».").format(e=exc)
            )
        self.status.setStyleSheet("color: #b00000;")

    # -- camera ----------------------------------------------------------------------------------------

    def _show_camera_controls(self, on: bool) -> None:
        self.view.setCurrentWidget(self.camera if on else self.preview)
        self.auto_capture.setVisible(on)
        self.reset_outline.setVisible(on)

    def start_camera(self) -> None:
        device = self.settings.device()
        if self.camera_task is not None or device is None or device.kind != "camera":
            return
        self.camera.reset()
        self.camera_control = CameraControl()
        self.camera_control.auto_capture = self.auto_capture.isChecked()
        self.camera_task = self.tasks.run(
            run_preview,
            on_result=self._camera_ended,
            on_error=self._camera_failed,
            on_progress=self._camera_event,
            with_cancel=True,
            registry=self.registry,
            device_id=device.id,
            control=self.camera_control,
        )

    def stop_camera(self) -> None:
        if self.camera_task is not None:
            self.camera_task.cancel()
            self.camera_task = None

    def _camera_event(self, event: Any) -> None:
        if isinstance(event, CameraFrame):
            self.camera.show_frame(event)
        elif isinstance(event, CameraStill):
            if self.camera.manual and self.camera.corners is not None:
                from ui.widgets.scan_camera import scale_corners

                h, w = event.image.shape[:2]
                corners = scale_corners(self.camera.corners, event.frame_size, (w, h))
                event = CameraStill(event.image, corners, event.frame_size, event.auto)
            self._stills.append(event)
            self._store_next_still()

    def _store_next_still(self) -> None:
        if self._edits is not None or not self._stills or self.wf is None or self.local_ref is None:
            return
        still = self._stills.pop(0)
        place_at, replace = self._place
        self._place = (None, None)
        self.status.setText(self.tr("Đang làm sạch và lưu ảnh chụp…"))
        self._edits = self.tasks.run(
            scan_jobs.store_still,
            on_result=self._still_stored,
            on_error=self._edit_failed,
            wf=self.wf,
            local_ref=self.local_ref,
            component_key=self.component_key,
            bgr=still.image,
            dpi=self.settings.dpi(),
            corners=still.corners,
            place_at=place_at,
            replace=replace,
        )

    def _still_stored(self, result: scan_jobs.BatchResult) -> None:
        self._edits = None
        text = self.tr("Đã chụp và lưu 1 trang.")
        if result.blank:
            text += " " + self.tr("Trang có vẻ để trắng (viền đỏ): kiểm tra lại.")
        self.status.setStyleSheet("")
        self.status.setText(text)
        self.reload_pages(result.saved[-1] if result.saved else None)
        self.pages_changed.emit(self.component_key or "")
        self._store_next_still()

    def _camera_ended(self, _shown: int) -> None:
        self.camera_task = None

    def _camera_failed(self, exc: BaseException) -> None:
        self.camera_task = None
        self._show_error(exc)

    def _auto_toggled(self, on: bool) -> None:
        self.camera_control.auto_capture = on and not self.camera.manual

    def _corners_edited(self) -> None:
        self.camera_control.auto_capture = False  # the officer is correcting: capture on Space only
        self.status.setText(self.tr("Đã chỉnh khung bằng tay: bấm Space để chụp."))

    def _reset_outline(self) -> None:
        self.camera.manual = False
        self.camera_control.auto_capture = self.auto_capture.isChecked()

    # -- page edits ------------------------------------------------------------------------------------

    def _edit(self, fn: Any, text: str, **kwargs: Any) -> None:
        if self._edits is not None or self.batch is not None or self.wf is None or self.local_ref is None:
            return
        self.status.setStyleSheet("")
        self.status.setText(text)
        self._edits = self.tasks.run(
            fn,
            on_result=self._edited,
            on_error=self._edit_failed,
            wf=self.wf,
            local_ref=self.local_ref,
            component_key=self.component_key,
            **kwargs,
        )
        self._refresh_enabled()

    def _edited(self, _dossier: Dossier) -> None:
        self._edits = None
        self.status.setText(self.tr("Đã cập nhật các trang."))
        self._refresh_enabled()
        self.reload_pages()
        self.pages_changed.emit(self.component_key or "")
        self._store_next_still()

    def _edit_failed(self, exc: BaseException) -> None:
        self._edits = None
        self._show_error(exc)
        self._refresh_enabled()
        self.reload_pages()
        self._store_next_still()

    def reorder(self, order: list[int]) -> None:
        self._edit(scan_jobs.reorder_pages, self.tr("Đang sắp xếp lại các trang…"), order=order)

    def rotate(self, seq: int) -> None:
        self._edit(scan_jobs.rotate_page, self.tr("Đang xoay trang…"), seq=seq)

    def delete(self, seq: int) -> None:
        self._edit(scan_jobs.remove_page, self.tr("Đang xóa trang…"), seq=seq)

    def rescan(self, seq: int) -> None:
        self._place = (None, seq)
        self.status.setText(self.tr("Đặt lại trang vào máy rồi bấm «Quét» (F5): trang mới thay đúng chỗ."))

    def insert_at(self, position: int) -> None:
        self._place = (position, None)
        self.status.setText(
            self.tr("Đặt trang cần chèn vào máy rồi bấm «Quét» (F5): trang mới vào trước trang {n}.").format(
                n=position + 1
            )
        )

    def _rotate_current(self) -> None:
        if (seq := self.strip.current_seq()) is not None:
            self.rotate(seq)

    def _delete_current(self) -> None:
        if (seq := self.strip.current_seq()) is not None:
            self.delete(seq)

    def _rescan_current(self) -> None:
        if (seq := self.strip.current_seq()) is not None:
            self.rescan(seq)

    def _insert_current(self) -> None:
        self.insert_at(max(0, self.strip.currentRow()))

    def _page_selected(self, *_args: object) -> None:
        seq = self.strip.current_seq()
        self._refresh_enabled()
        if seq is None or self.wf is None or self.local_ref is None or self.component_key is None:
            return
        blank = bool(self.strip.currentItem().data(Qt.ItemDataRole.UserRole + 1))
        self._preview_seq = seq
        self.tasks.run(
            scan_jobs.page_png,
            on_result=lambda png, s=seq: self._show_preview(s, png, blank),
            on_error=self._show_error,
            wf=self.wf,
            local_ref=self.local_ref,
            component_key=self.component_key,
            seq=seq,
        )

    def _show_preview(self, seq: int, png: bytes, blank: bool) -> None:
        if seq == self._preview_seq:
            self.preview.show_png(png, blank)

    # -- state -----------------------------------------------------------------------------------------

    def _refresh_enabled(self) -> None:
        bound = self.wf is not None and self.local_ref is not None and self.component_key is not None
        idle = self.batch is None and self._edits is None
        ready = self.settings.ready()
        self.scan_button.setEnabled(bound and idle and ready)
        self.cancel_button.setEnabled(self.batch is not None)
        self.settings.setEnabled(self.batch is None)
        has_page = self.strip.current_seq() is not None
        for button in self.page_buttons:
            button.setEnabled(bound and idle and has_page)
        self.strip.setEnabled(bound and idle)

    def event(self, event: QEvent) -> bool:
        # Esc cancels our batch, taking the key before the window's own Esc shortcuts see it.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.batch is not None
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.batch is not None:
            self.cancel()
        else:
            super().keyPressEvent(event)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        device = self.settings.device()
        if device is not None and device.kind == "camera" and self.settings.ready():
            self.start_camera()

    def hideEvent(self, event: Any) -> None:
        self.stop_camera()
        super().hideEvent(event)

    def closeEvent(self, event: Any) -> None:
        self.stop_camera()
        if self.batch is not None:
            self.batch.cancel()
        super().closeEvent(event)


__all__ = ["ScanPanel"]
