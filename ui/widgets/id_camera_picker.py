"""Which camera the ID capture uses, when the counter has more than one (laptop + document camera).

The list comes from the webcam backend off the UI thread (on Windows it opens each camera to see
if it exists, which takes seconds). The picker stays hidden while there is one camera or none.
Choosing a camera emits `chosen(native_id)`; the widget remembers a numbered camera in the user's
`camera.index` option.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from ui.tasks import TaskRunner


def _list_cameras(current: str) -> list[tuple[str, str]]:
    from scanner.devices.webcam import WebcamBackend, is_file_source

    extra = [current] if is_file_source(current) or "://" in current else []
    return [(d.native_id, d.name) for d in WebcamBackend(extra_sources=extra).list_devices()]


class CameraPicker(QComboBox):
    chosen = Signal(str)  # native id: a camera number, a file or a stream URL

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.setToolTip(self.tr("Chọn camera dùng để đọc thẻ"))
        self.hide()
        self._listed = False
        self.activated.connect(lambda index: self.chosen.emit(str(self.itemData(index))))

    def refresh(self, current: str) -> None:
        """List the cameras once (off the UI thread); `current` is selected when found."""
        if self._listed:
            return
        self._listed = True
        self.tasks.run(
            _list_cameras, on_result=lambda found: self._show(found, current), context=self, current=current
        )

    def _show(self, cameras: list[tuple[str, str]], current: str) -> None:
        self.clear()
        for native_id, name in cameras:
            self.addItem(name, native_id)
        index = self.findData(current)
        if index >= 0:
            self.setCurrentIndex(index)
        self.setVisible(self.count() > 1)

    @staticmethod
    def remember(ctx: Any, native_id: str) -> None:
        """Keep a numbered camera as the user's choice (files and URLs are for this session only)."""
        if native_id.isdigit():
            ctx.config.set_user("camera.index", int(native_id))
