"""The scan panel: pick a device and its settings, scan pages (one, or an ADF batch with progress and
Cancel) or capture them with a live camera, then arrange them in the thumbnails strip.

Embedded by the intake screen: `ScanPanel(ctx, tasks)`, `set_target(service, dossier, key)` binds it
to one component, `pages_changed(key)` says the component's pages changed. Devices, scanning, clean-up
and storing are the intake service's page actions (`counter_app.intake.page_actions`), run on TaskRunner workers with
`scan_camera.run_preview`; this widget only shows.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QSplitter, QVBoxLayout, QWidget

from common.progress import Update
from counter_app.dossier import Dossier
from counter_app.errors import is_known_error
from counter_app.intake import page_images, scanning
from counter_app.intake.service import IntakeService
from scanner.devices import BackendRegistry, Capabilities, DeviceInfo, ScanSettings, default_registry
from ui.tasks import Task, TaskRunner
from ui.widgets.scan_camera_pane import CameraPane
from ui.widgets.scan_page_edits import PageEdits
from ui.widgets.scan_settings import ScanSettingsBar
from ui.widgets.scan_thumbnails import BLANK_ROLE, PagePreview, PagesPane

log = logging.getLogger(__name__)
ERROR_STYLE = "color: #b00000;"


class ScanPanel(PageEdits, QWidget):
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
        self.service: IntakeService | None = None
        self.local_ref: str | None = None
        self.component_key: str | None = None
        self.batch: Task | None = None
        self._received = 0
        self._batch_key: str | None = None
        # Strip reloads asked for and shown: until they match, the strip's order may be stale.
        self._wanted = self._shown = 0
        self.init_page_edits()

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
        self.progress = QProgressBar()
        policy = self.progress.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # the buttons keep their place when the bar hides
        self.progress.setSizePolicy(policy)
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QShortcut(QKeySequence("F5"), self, self.scan, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.camera = CameraPane(tasks, self.registry)
        self.camera.view.capture_requested.connect(self.scan)
        self.camera.still_taken.connect(self.store_still)
        self.camera.failed.connect(self.show_error)
        self.camera.message.connect(self.say)
        self.camera.hide()
        self.preview = PagePreview()
        view = QSplitter(Qt.Orientation.Horizontal)
        view.addWidget(self.camera)
        view.addWidget(self.preview)
        view.setStretchFactor(0, 3)
        view.setStretchFactor(1, 2)
        self.pages = PagesPane()
        self.strip = self.pages.strip
        self.connect_page_edits()

        run_row = QHBoxLayout()
        run_row.addWidget(self.scan_button)
        run_row.addWidget(self.cancel_button)
        run_row.addWidget(self.progress, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.settings)
        layout.addLayout(run_row)
        layout.addWidget(self.status)
        layout.addWidget(view, 1)
        layout.addWidget(self.pages)
        self.refresh_enabled()
        self.refresh_devices()

    # -- binding ---------------------------------------------------------------------------------------

    def set_target(self, service: IntakeService, dossier: Dossier | None, component_key: str | None) -> None:
        """Scan into `component_key` of `dossier` from now on (None: nothing to scan into)."""
        local_ref = dossier.local_ref if dossier is not None else None
        key = component_key if local_ref is not None else None
        changed = (local_ref, key) != (self.local_ref, self.component_key)
        self.service, self.local_ref, self.component_key = service, local_ref, key
        if changed:
            self.forget_placement()
            self._stills.clear()  # stills taken for the previous component are not moved to this one
            self.strip.clear()
            self.preview.clear_page(self.tr("Chưa có trang nào. Đặt giấy vào máy rồi bấm «Quét» (F5)."))
        self.refresh_enabled()
        self.reload_pages()

    def bound(self) -> bool:
        return self.service is not None and self.local_ref is not None and self.component_key is not None

    # -- messages --------------------------------------------------------------------------------------

    def say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setText(text)

    def show_error(self, exc: BaseException) -> None:
        if is_known_error(exc):
            message, hint = getattr(exc, "message", str(exc)), getattr(exc, "hint", "")
            self.say(f"{message} {hint}".strip(), error=True)
        else:
            log.error("scan panel task failed", exc_info=(type(exc), exc, exc.__traceback__))
            self.say(
                self.tr("Lỗi không mong đợi: {e}. Xem nhật ký trong mục «Chẩn đoán».").format(e=exc), True
            )

    # -- devices ---------------------------------------------------------------------------------------

    def refresh_devices(self) -> None:
        self.settings.listing_started()
        self.run_task(
            scanning.list_devices,
            on_result=self.settings.show_listing,
            on_error=self.show_error,
            registry=self.registry,
        )

    def _device_changed(self, device: DeviceInfo | None) -> None:
        self.camera.stop()
        self.camera.setVisible(device is not None and device.kind == "camera")
        self.refresh_enabled()
        if device is not None:
            self.run_task(
                scanning.device_capabilities,
                on_result=lambda caps, d=device: self._capabilities(d, caps),
                on_error=self._capabilities_failed,
                registry=self.registry,
                device_id=device.id,
            )

    def _capabilities(self, device: DeviceInfo, caps: Capabilities) -> None:
        if self.settings.device() != device:
            return  # the officer picked another device meanwhile
        self.settings.show_capabilities(caps)
        self._start_camera_if_chosen()
        self.refresh_enabled()

    def _capabilities_failed(self, exc: BaseException) -> None:
        self.settings.show_capabilities(None)
        self.show_error(exc)
        self.refresh_enabled()

    def _start_camera_if_chosen(self) -> None:
        device = self.settings.device()
        if device is not None and device.kind == "camera" and self.settings.ready() and self.isVisible():
            self.camera.start(device.id)

    # -- scanning --------------------------------------------------------------------------------------

    def scan(self) -> None:
        device = self.settings.device()
        if not self.scan_button.isEnabled() or device is None or not self.bound():
            return
        if device.kind == "camera":
            self.camera.request_still()
            self.say(self.tr("Đang chụp…"))
            return
        settings = self.settings.scan_settings()
        if settings is None:
            return
        place_at, replace = self.take_placement()
        if replace is not None:  # a re-scan replaces exactly one page
            settings = ScanSettings(settings.source, settings.mode, settings.dpi, 1, settings.page_size_mm)
        self._received = 0
        self._batch_key = self.component_key
        self.say(self.tr("Đang quét…"))
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Trang {n}: %p%").format(n=1))
        self.progress.show()
        assert self.service is not None  # bound
        self.batch = self.run_task(
            self.service.scan,
            on_result=self._batch_done,
            on_error=self._batch_failed,
            on_progress=self._batch_progress,
            with_cancel=True,
            registry=self.registry,
            local_ref=self.local_ref,
            component_key=self.component_key,
            device_id=device.id,
            settings=settings,
            place_at=place_at,
            replace=replace,
        )
        self.refresh_enabled()

    def cancel(self) -> None:
        if self.batch is not None:
            self.batch.cancel()
            self.say(self.tr("Đang dừng… (các trang đã nhận vẫn được giữ)"))
            self.cancel_button.setEnabled(False)

    def _batch_progress(self, update: Update) -> None:
        item = update.item
        if isinstance(item, scanning.PageArriving):
            self.progress.setFormat(self.tr("Trang {n}: %p%").format(n=item.number))
            self.progress.setValue(round((update.fraction or 0) * 100))
        elif isinstance(item, scanning.PageStored):
            self.remember_page(item)
            self._received += 1
            self.say(self.tr("Đã lưu {n} trang vào hồ sơ.").format(n=self._received))
            if self._batch_key == self.component_key:  # the officer may have moved to another component
                self.strip.add_arrived(
                    item.seq, item.thumbnail, item.blank, self.tr("Trang mới {n}").format(n=self._received)
                )
                self.preview.show_image(item.preview, item.blank)

    def _batch_done(self, result: scanning.BatchResult) -> None:
        self.batch = None
        self.progress.hide()
        saved = len(result.saved)
        if result.error is not None:
            self.say(
                self.tr("{message} Đã giữ {n} trang nhận được trước lỗi. {hint}").format(
                    message=result.error.message, n=saved, hint=result.error.hint
                ),
                error=True,
            )
        elif result.cancelled:
            self.say(self.tr("Đã hủy lượt quét; giữ {n} trang đã nhận.").format(n=saved))
        else:
            text = self.tr("Đã quét {n} trang.").format(n=saved)
            if result.blank:
                text += " " + self.tr(
                    "{n} trang có vẻ để trắng (viền đỏ): kiểm tra rồi xóa nếu đúng."
                ).format(n=len(result.blank))
            self.say(text)
        self.refresh_enabled()
        self.reload_pages(result.saved[-1] if result.saved else None)
        if saved:
            self.pages_changed.emit(result.component_key)

    def _batch_failed(self, exc: BaseException) -> None:
        self.batch = None
        self.progress.hide()
        self.show_error(exc)
        self.refresh_enabled()
        self.reload_pages()

    # -- pages -----------------------------------------------------------------------------------------

    def reload_pages(self, select_seq: int | None = None) -> None:
        if not self.bound():
            return
        key = self.component_key
        self._wanted += 1
        wanted = self._wanted
        self.refresh_enabled()
        assert self.service is not None  # bound
        self.run_task(
            self.service.page_thumbnails,
            on_result=lambda thumbs: self._show_thumbs(wanted, key, thumbs, select_seq),
            on_error=lambda exc: self._thumbs_failed(wanted, exc),
            local_ref=self.local_ref,
            component_key=key,
            known=frozenset(self._thumbs),
        )

    def remember_page(self, item: scanning.PageStored) -> None:
        """A stored page's thumbnail and preview, made while its pixels were in memory (a scan
        batch or a file import): the next reload decodes nothing the page already gave."""
        if item.key:
            self._thumbs[item.key] = item.thumbnail
            if item.preview:
                self._previews[item.key] = item.preview

    def _thumbs_failed(self, wanted: int, exc: BaseException) -> None:
        if wanted == self._wanted:
            self._shown = wanted
            self.show_error(exc)
            self.refresh_enabled()

    def _show_thumbs(
        self, wanted: int, key: str | None, thumbs: list[page_images.PageThumb], select_seq: int | None
    ) -> None:
        if wanted != self._wanted or key != self.component_key:
            return  # a newer reload is under way, or the officer moved to another component
        for thumb in thumbs:
            if thumb.png:
                self._thumbs[thumb.key] = thumb.png
        self._key_of_seq = {t.seq: t.key for t in thumbs}
        full = [page_images.PageThumb(t.seq, t.blank, t.key, self._thumbs.get(t.key, b"")) for t in thumbs]
        self._shown = wanted
        self.strip.show_pages(full, select_seq if select_seq is not None else self.strip.current_seq())
        if not thumbs:
            self.preview.clear_page(self.tr("Chưa có trang nào. Đặt giấy vào máy rồi bấm «Quét» (F5)."))
        self.refresh_enabled()

    def _page_selected(self, *_args: object) -> None:
        self.refresh_enabled()
        item = self.strip.currentItem()
        seq = self.strip.current_seq()
        if seq is None or item is None or not self.bound():
            return
        blank = bool(item.data(BLANK_ROLE))
        self._preview_seq = seq
        known = self._previews.get(self._key_of_seq.get(seq, ""))
        if known:  # made when the page was stored: nothing to decode
            self.preview.show_image(known, blank)
            return
        assert self.service is not None  # bound
        self.run_task(
            self.service.page_preview,
            on_result=lambda image: seq == self._preview_seq and self.preview.show_image(image, blank),
            on_error=self.show_error,
            local_ref=self.local_ref,
            component_key=self.component_key,
            seq=seq,
        )

    # -- state -----------------------------------------------------------------------------------------

    def busy(self) -> bool:
        return self.batch is not None or self._edits is not None

    def refresh_enabled(self) -> None:
        self.scan_button.setEnabled(self.bound() and not self.busy() and self.settings.ready())
        self.cancel_button.setEnabled(self.batch is not None)
        self.settings.setEnabled(self.batch is None)
        self.pages.set_editable(self.bound() and not self.busy() and self._shown == self._wanted)

    def event(self, event: QEvent) -> bool:
        # Esc cancels our batch, taking the key before the window's own Esc shortcuts see it.
        is_key = event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
        if is_key and event.key() == Qt.Key.Key_Escape and self.batch is not None:  # type: ignore[attr-defined]
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
        self._start_camera_if_chosen()

    def hideEvent(self, event: Any) -> None:
        self.camera.stop()
        super().hideEvent(event)

    def closeEvent(self, event: Any) -> None:
        self.camera.stop()
        self.cancel()
        super().closeEvent(event)
