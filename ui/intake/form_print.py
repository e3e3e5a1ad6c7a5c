"""Printing and saving a counter form's PDF from the intake screens (the receipt page and the
Mẫu 02 / 03 dialog): the page is rendered off the UI thread, then painted on the printer.

A form counts as handed over only once the printer took the page or the file the officer chose
was written: `print_pdf` and `save_to` call `handed(output, message)` (output "printer" or
"file") only then, so the receipt page records "Đã in phiếu tiếp nhận" truthfully. With no printer
installed Qt can only print to a file, and would offer `print.pdf` in the home folder: the data
folder's receipts folder is offered instead.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QFileDialog, QWidget

if TYPE_CHECKING:
    from ui.intake.host import IntakeHost

PRINT_DPI = 300
Handed = Callable[[str, str], None]  # (output "printer" | "file", message for the status line)


class FormPrinter(QObject):
    def __init__(self, section: IntakeHost) -> None:
        super().__init__(section)
        self.section = section

    def default_path(self, name: str) -> Path:
        """Where a form printed or saved to a file goes unless the officer picks another place."""
        return Path(self.section.ctx.paths.receipts) / name

    def print_pdf(self, parent: QWidget, pdf: bytes, name: str, handed: Handed | None = None) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        configured = str(self.section.ctx.config.get("receipt.printer"))
        if configured:
            printer.setPrinterName(configured)
        printer.setDocName(name)
        if not QPrinterInfo.availablePrinters():
            target = self.default_path(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            printer.setOutputFileName(str(target))
        dialog = QPrintDialog(printer, parent)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        self.section.run(
            self.section.service.render_page_png,
            lambda png: self._printed(printer, png, handed),
            self.tr("Đang chuẩn bị in…"),
            pdf=pdf,
            dpi=PRINT_DPI,
        )

    def _printed(self, printer: Any, png: bytes, handed: Handed | None) -> None:
        if not paint(printer, png):
            self.section.strip.idle(self.tr("Máy in không nhận phiếu; chưa ghi nhận là đã in."))
            return
        if printer.outputFileName():
            output, message = (
                "file",
                self.tr("Đã in phiếu ra tệp {path}.").format(path=printer.outputFileName()),
            )
        else:
            output, message = (
                "printer",
                self.tr("Đã gửi phiếu tới máy in {name}.").format(name=printer.printerName()),
            )
        if handed is not None:
            handed(output, message)
        else:
            self.section.strip.idle(message)

    def save_to(self, path: str, pdf: bytes) -> None:
        self.section.run(
            save,
            lambda _p: self.section.strip.idle(self.tr("Đã lưu phiếu vào {path}.").format(path=path)),
            self.tr("Đang lưu phiếu…"),
            path=path,
            data=pdf,
        )

    def choose_path(self, parent: QWidget, name: str) -> str:
        """The file the officer picks for a form (empty when cancelled)."""
        path, _ = QFileDialog.getSaveFileName(
            parent, self.tr("Lưu phiếu"), str(self.default_path(name)), self.tr("Tệp PDF (*.pdf)")
        )
        return path

    def choose_save(self, parent: QWidget, pdf: bytes, name: str) -> None:
        path = self.choose_path(parent, name)
        if path:
            self.save_to(path, pdf)


def paint(printer: Any, png: bytes) -> bool:
    """The page painted on `printer`; False when the printer did not take it."""
    pixmap = QPixmap()
    if not pixmap.loadFromData(png):
        return False
    painter = QPainter(printer)
    page = painter.viewport()
    scaled = pixmap.size().scaled(page.size(), Qt.AspectRatioMode.KeepAspectRatio)
    painter.setViewport(page.x(), page.y(), scaled.width(), scaled.height())
    painter.setWindow(pixmap.rect())
    painter.drawPixmap(0, 0, pixmap)
    return painter.end()


def save(path: str, data: bytes) -> str:
    from common.atomic import atomic_write_bytes

    return str(atomic_write_bytes(Path(path), data))
