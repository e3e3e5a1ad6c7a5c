"""Page edits of the scan panel: reorder, rotate, delete, insert, re-scan one page, and camera stills.

One edit at a time runs on a TaskRunner worker (the intake service's page actions); stills arriving meanwhile wait in a
queue, so pages are stored in the order they were captured. Mixed into `ScanPanel`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from shiboken6 import isValid

from counter_app.intake import scanning
from ui.tasks import Task
from ui.widgets.scan_camera import CameraStill
from ui.widgets.scan_settings import MIN_STANDARD_DPI

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from counter_app.intake.service import IntakeService
    from ui.tasks import TaskRunner
    from ui.widgets.scan_settings import ScanSettingsBar
    from ui.widgets.scan_thumbnails import ThumbnailStrip


class PageEdits:
    # Provided by ScanPanel.
    tasks: TaskRunner
    service: IntakeService | None
    local_ref: str | None
    component_key: str | None
    strip: ThumbnailStrip
    settings: ScanSettingsBar
    pages_changed: SignalInstance

    if TYPE_CHECKING:  # only for the type checker: defining them here would hide QWidget.tr

        def tr(self, text: str) -> str: ...
        def say(self, text: str, error: bool = False) -> None: ...
        def show_error(self, exc: BaseException) -> None: ...
        def refresh_enabled(self) -> None: ...
        def reload_pages(self, select_seq: int | None = None) -> None: ...
        def bound(self) -> bool: ...
        def busy(self) -> bool: ...
        def _page_selected(self, *_args: object) -> None: ...

    def init_page_edits(self) -> None:
        self._edits: Task | None = None
        self._stills: list[CameraStill] = []
        self._thumbs: dict[str, bytes] = {}  # page key -> thumbnail PNG
        self._previews: dict[str, bytes] = {}  # page key -> preview JPEG, as stored pages arrived
        self._key_of_seq: dict[int, str] = {}  # the component shown: its pages' keys
        self._place: tuple[int | None, int | None] = (None, None)  # (insert position, seq re-scanned)
        self._preview_seq: int | None = None

    def run_task(self, fn: Callable[..., Any], **kwargs: Any) -> Task:
        """`tasks.run`, with callbacks dropped once the panel is gone (a result can outlive it)."""
        for name in ("on_result", "on_error", "on_progress"):
            callback = kwargs.get(name)
            if callback is not None:
                kwargs[name] = self._while_alive(callback)
        return self.tasks.run(fn, **kwargs)

    def _while_alive(self, callback: Callable[[Any], Any]) -> Callable[[Any], None]:
        def call(value: Any) -> None:
            if isValid(self):
                callback(value)

        return call

    def connect_page_edits(self) -> None:
        self.strip.currentItemChanged.connect(self._page_selected)
        self.strip.order_changed.connect(self.reorder)
        self.strip.rotate_requested.connect(self.rotate)
        self.strip.delete_requested.connect(self.delete)
        self.strip.rescan_requested.connect(self.rescan)
        self.strip.insert_requested.connect(self.insert_at)

    # -- where the next pages go -----------------------------------------------------------------------

    def forget_placement(self) -> None:
        self._place = (None, None)

    def take_placement(self) -> tuple[int | None, int | None]:
        place, self._place = self._place, (None, None)
        return place

    def rescan(self, seq: int) -> None:
        self._place = (None, seq)
        self.say(self.tr("Đặt lại trang vào máy rồi bấm «Quét» (F5): trang mới thay đúng chỗ trang cũ."))

    def insert_at(self, position: int) -> None:
        self._place = (position, None)
        self.say(
            self.tr("Đặt trang cần chèn vào máy rồi bấm «Quét» (F5): trang mới vào trước trang {n}.").format(
                n=position + 1
            )
        )

    # -- edits -----------------------------------------------------------------------------------------

    def _edit(self, action: str, text: str, **kwargs: Any) -> None:
        """Run the intake service's page action `action` on the bound component."""
        if self.busy() or not self.bound() or self.service is None:
            return
        self.say(text)
        key = self.component_key or ""
        self._edits = self.run_task(
            getattr(self.service, action),
            on_result=lambda result: self._edited(key, result),
            on_error=self._edit_failed,
            local_ref=self.local_ref,
            component_key=self.component_key,
            **kwargs,
        )
        self.refresh_enabled()

    def _edited(self, key: str, result: Any) -> None:
        self._edits = None
        if isinstance(result, scanning.BatchResult):
            text = self.tr("Đã chụp và lưu 1 trang.")
            if result.blank:
                text += " " + self.tr("Trang có vẻ để trắng (viền đỏ): kiểm tra lại.")
            low = result.photo_dpi is not None and result.photo_dpi < MIN_STANDARD_DPI
            if low:
                text += " " + self.tr(
                    "Ảnh chụp chỉ đạt khoảng {dpi} dpi, dưới chuẩn 200 dpi: đưa camera lại gần hơn, "
                    "dùng camera độ phân giải cao hơn, hoặc quét bằng máy quét."
                ).format(dpi=result.photo_dpi)
            self.say(text, error=low)
            select = result.saved[-1] if result.saved else None
        else:
            self.say(self.tr("Đã cập nhật các trang."))
            select = None
        self.refresh_enabled()
        self.reload_pages(select)
        self.pages_changed.emit(key)
        self._store_next_still()

    def _edit_failed(self, exc: BaseException) -> None:
        self._edits = None
        self.show_error(exc)
        self.refresh_enabled()
        self.reload_pages()
        self._store_next_still()

    def reorder(self, order: list[int]) -> None:
        self._edit("reorder_pages", self.tr("Đang sắp xếp lại các trang…"), order=order)

    def rotate(self, seq: int) -> None:
        self._edit("rotate_page", self.tr("Đang xoay trang…"), seq=seq)

    def delete(self, seq: int) -> None:
        self._edit("remove_page", self.tr("Đang xóa trang…"), seq=seq)

    # -- camera stills ---------------------------------------------------------------------------------

    def store_still(self, still: CameraStill) -> None:
        if not self.bound():
            self.say(self.tr("Chọn một thành phần hồ sơ trước khi chụp."), error=True)
            return
        self._stills.append(still)
        self._store_next_still()

    def _store_next_still(self) -> None:
        if self.busy() or not self._stills or not self.bound():
            return
        still = self._stills.pop(0)
        place_at, replace = self.take_placement()
        self._edit(
            "store_still",
            self.tr("Đang làm sạch và lưu ảnh chụp…"),
            bgr=still.image,
            dpi=self.settings.dpi(),
            corners=still.corners,
            place_at=place_at,
            replace=replace,
        )
