"""Device picker and scan settings of the scan panel: only what the chosen device can do is offered.

The resolution defaults to the configured `scanner.dpi`, never below 200 dpi when the device allows it
(the digitisation standard, Decree 30/2020 Annex I: colour, at least 200 dpi), and says so next to it.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from counter_app.errors import ConfigError
from counter_app.intake.scanning import DeviceListing
from scanner.devices import Capabilities, DeviceInfo, ScanSettings

log = logging.getLogger(__name__)
MIN_STANDARD_DPI = 200
_C = "ScanSettingsBar"  # translation context: the labels are translated where they are shown
SOURCE_LABELS = {
    "flatbed": QT_TRANSLATE_NOOP(_C, "Mặt kính"),
    "adf": QT_TRANSLATE_NOOP(_C, "Khay nạp giấy (ADF)"),
    "duplex": QT_TRANSLATE_NOOP(_C, "Khay nạp hai mặt"),
    "camera": QT_TRANSLATE_NOOP(_C, "Camera"),
}
MODE_LABELS = {
    "color": QT_TRANSLATE_NOOP(_C, "Màu"),
    "gray": QT_TRANSLATE_NOOP(_C, "Xám"),
    "bw": QT_TRANSLATE_NOOP(_C, "Đen trắng"),
}
KIND_LABELS = {
    "scanner": QT_TRANSLATE_NOOP(_C, "Máy quét"),
    "camera": QT_TRANSLATE_NOOP(_C, "Camera"),
    "demo": QT_TRANSLATE_NOOP(_C, "Trình diễn"),
    "files": QT_TRANSLATE_NOOP(_C, "Tệp"),
}


def default_dpi(caps: Capabilities, configured: int) -> int:
    """The configured dpi if the device takes it, else the lowest offered at or above the standard."""
    if caps.accepts_dpi(configured) and configured >= MIN_STANDARD_DPI:
        return configured
    standard = [d for d in caps.resolutions if d >= MIN_STANDARD_DPI]
    if standard:
        return min(standard, key=lambda d: abs(d - max(configured, MIN_STANDARD_DPI)))
    return max(caps.resolutions)


class ScanSettingsBar(QWidget):
    device_changed = Signal(object)  # DeviceInfo or None
    refresh_requested = Signal()

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.caps: Capabilities | None = None
        self.devices = QComboBox()
        self.devices.setMinimumContentsLength(28)
        self.devices.currentIndexChanged.connect(self._device_picked)
        self.devices.activated.connect(self._remember_device)
        self.refresh = QPushButton(self.tr("Tì&m lại thiết bị"))
        self.refresh.setToolTip(self.tr("Tìm lại máy quét và camera đang cắm"))
        self.refresh.clicked.connect(self.refresh_requested)
        self.diagnostic = QLabel()
        self.diagnostic.setWordWrap(True)
        self.diagnostic.setStyleSheet("color: palette(mid);")
        self.source = QComboBox()
        self.mode = QComboBox()
        self.mode.currentIndexChanged.connect(self._colour_note)
        self.colour_note = QLabel()
        self.colour_note.setWordWrap(True)
        self.colour_note.setStyleSheet("color: #b00000;")
        self.dpi_box = QComboBox()
        self.dpi_box.currentIndexChanged.connect(self._dpi_note)
        self.dpi_note = QLabel()
        self.dpi_note.setWordWrap(True)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        device_label = QLabel(self.tr("&Thiết bị:"))
        device_label.setBuddy(self.devices)
        grid.addWidget(device_label, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.devices, 1)
        row.addWidget(self.refresh)
        grid.addLayout(row, 0, 1, 1, 5)
        # The devices found and the dpi's standard share a row: a 1366×768 screen has none to spare.
        grid.addWidget(self.diagnostic, 1, 1, 1, 2)
        for column, (text, box) in enumerate(
            (
                (self.tr("N&guồn giấy:"), self.source),
                (self.tr("&Chế độ màu:"), self.mode),
                (self.tr("Độ phân giải (&dpi):"), self.dpi_box),
            )
        ):
            label = QLabel(text)
            label.setBuddy(box)
            grid.addWidget(label, 2, column * 2, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(box, 2, column * 2 + 1)
        grid.addWidget(self.dpi_note, 1, 3, 1, 3)
        grid.addWidget(self.colour_note, 3, 1, 1, 5)
        grid.setColumnStretch(1, 1)
        self._set_choices_enabled(False)

    # -- devices ---------------------------------------------------------------------------------------

    def listing_started(self) -> None:
        self.diagnostic.setText(self.tr("Đang tìm thiết bị…"))
        self.refresh.setEnabled(False)

    def show_listing(self, listing: DeviceListing) -> None:
        self.refresh.setEnabled(True)
        previous = self.device()
        wanted = previous.id if previous else str(self.ctx.config.get("scanner.device") or "")
        self.devices.blockSignals(True)
        self.devices.clear()
        for device in listing.devices:
            kind = self.tr(KIND_LABELS.get(device.kind, device.kind))
            self.devices.addItem(f"{device.name} · {kind} ({device.id})", device)
        ids = [d.id for d in listing.devices]
        self.devices.setCurrentIndex(ids.index(wanted) if wanted in ids else (0 if ids else -1))
        self.devices.blockSignals(False)
        lines = [f"{row['name']}: {row['reason']}" for row in listing.problems]
        found = self.tr("Tìm thấy {n} thiết bị.").format(n=len(listing.devices))
        if lines:
            found += " " + self.tr("{n} loại thiết bị không dùng được (di chuột để xem lý do).").format(
                n=len(lines)
            )
        if not listing.devices:
            found = self.tr("Không tìm thấy máy quét hoặc camera. Cắm thiết bị rồi bấm «Tìm lại thiết bị».")
        self.diagnostic.setText(found)
        self.diagnostic.setToolTip("\n".join(lines))
        self.devices.setToolTip(
            "\n".join([self.tr("Loại thiết bị không dùng được:"), *lines]) if lines else ""
        )
        self._device_picked()

    def device(self) -> DeviceInfo | None:
        data = self.devices.currentData()
        return data if isinstance(data, DeviceInfo) else None

    def select_device(self, device_id: str) -> bool:
        for index in range(self.devices.count()):
            if self.devices.itemData(index).id == device_id:
                self.devices.setCurrentIndex(index)
                return True
        return False

    def _remember_device(self, *_args: object) -> None:
        """The officer chose this device: offer it first next time (unless IT fixed the default)."""
        device = self.device()
        if device is None or device.id == self.ctx.config.get("scanner.device"):
            return
        try:
            self.ctx.config.set_user("scanner.device", device.id)
        except ConfigError as exc:
            log.info("scanner.device not remembered: %s", exc.message)

    def _device_picked(self, *_args: object) -> None:
        self.caps = None
        self._set_choices_enabled(False)
        self.device_changed.emit(self.device())

    # -- capabilities ----------------------------------------------------------------------------------

    def show_capabilities(self, caps: Capabilities | None) -> None:
        self.caps = caps
        if caps is None:
            self._set_choices_enabled(False)
            self._colour_note()
            return
        keep_source = self.source.currentData()
        self._fill(self.source, [(s, self.tr(SOURCE_LABELS[s])) for s in caps.sources])
        preferred = (
            keep_source
            if keep_source in caps.sources
            else ("adf" if "adf" in caps.sources else caps.sources[0])
        )
        self.source.setCurrentIndex(list(caps.sources).index(preferred))
        self._fill(self.mode, [(m, self.tr(MODE_LABELS[m])) for m in caps.modes])
        mode = str(self.ctx.config.get("scanner.mode"))
        self.mode.setCurrentIndex(list(caps.modes).index(mode) if mode in caps.modes else 0)
        dpis = list(caps.resolutions)
        self._fill(self.dpi_box, [(d, f"{d}") for d in dpis])
        self.dpi_box.setCurrentIndex(dpis.index(default_dpi(caps, int(self.ctx.config.get("scanner.dpi")))))
        self._set_choices_enabled(True)
        self._dpi_note()
        self._colour_note()

    @staticmethod
    def _fill(box: QComboBox, items: list[tuple[Any, str]]) -> None:
        box.blockSignals(True)
        box.clear()
        for data, text in items:
            box.addItem(text, data)
        box.blockSignals(False)

    def _set_choices_enabled(self, on: bool) -> None:
        for box in (self.source, self.mode, self.dpi_box):
            box.setEnabled(on)

    def _dpi_note(self, *_args: object) -> None:
        dpi = self.dpi()
        if self.caps is None or dpi == 0:
            self.dpi_note.clear()
        elif dpi < MIN_STANDARD_DPI:
            self.dpi_note.setStyleSheet("color: #b00000;")
            self.dpi_note.setText(
                self.tr("Dưới 200 dpi: bản số hóa KHÔNG đạt chuẩn (tối thiểu 200 dpi, Nghị định 30/2020).")
            )
        else:
            self.dpi_note.setStyleSheet("color: palette(mid);")
            self.dpi_note.setText(self.tr("Đạt chuẩn số hóa: tối thiểu 200 dpi, tỉ lệ 100 %."))

    def _colour_note(self, *_args: object) -> None:
        """Digitised copies must be colour (Decree 30/2020 Annex I): say so when another mode is chosen."""
        mode = self.mode.currentData() if self.caps is not None else None
        if mode == "bw":
            self.colour_note.setText(
                self.tr(
                    "⚠ Đen trắng: bản số hóa phải là ảnh MÀU (Nghị định 30/2020); chọn «Màu» trừ khi có"
                    " hướng dẫn khác."
                )
            )
        elif mode == "gray":
            self.colour_note.setText(
                self.tr("⚠ Xám: bản số hóa phải là ảnh MÀU (Nghị định 30/2020); chọn «Màu» để đạt chuẩn.")
            )
        else:
            self.colour_note.clear()
        self.colour_note.setVisible(bool(self.colour_note.text()))

    def ready(self) -> bool:
        return self.device() is not None and self.caps is not None

    def dpi(self) -> int:
        value = self.dpi_box.currentData()
        return int(value) if value is not None else 0

    def scan_settings(self) -> ScanSettings | None:
        if self.caps is None:
            return None
        return ScanSettings(source=self.source.currentData(), mode=self.mode.currentData(), dpi=self.dpi())
