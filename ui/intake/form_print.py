"""Printing and saving a counter form's PDF from the intake screens (the receipt page and the
Mẫu 02 / 03 dialog): the page is rendered off the UI thread, then painted on the printer."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QFileDialog, QWidget

if TYPE_CHECKING:
    from ui.intake.host import IntakeHost

PRINT_DPI = 300


class FormPrinter(QObject):
    def __init__(self, section: IntakeHost) -> None:
        super().__init__(section)
        self.section = section

    def print_pdf(self, parent: QWidget, pdf: bytes) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        name = str(self.section.ctx.config.get("receipt.printer"))
        if name:
            printer.setPrinterName(name)
        dialog = QPrintDialog(printer, parent)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        self.section.run(
            self.section.service.render_page_png,
            lambda png: paint(printer, png),
            self.tr("Đang chuẩn bị in…"),
            pdf=pdf,
            dpi=PRINT_DPI,
        )

    def save_to(self, path: str, pdf: bytes) -> None:
        self.section.run(
            save,
            lambda _p: self.section.strip.idle(self.tr("Đã lưu phiếu.")),
            self.tr("Đang lưu phiếu…"),
            path=path,
            data=pdf,
        )

    def choose_save(self, parent: QWidget, pdf: bytes, name: str) -> None:
        path, _ = QFileDialog.getSaveFileName(parent, self.tr("Lưu phiếu"), name, "PDF (*.pdf)")
        if path:
            self.save_to(path, pdf)


def paint(printer: Any, png: bytes) -> None:
    pixmap = QPixmap()
    if not pixmap.loadFromData(png):
        return
    painter = QPainter(printer)
    page = painter.viewport()
    scaled = pixmap.size().scaled(page.size(), Qt.AspectRatioMode.KeepAspectRatio)
    painter.setViewport(page.x(), page.y(), scaled.width(), scaled.height())
    painter.setWindow(pixmap.rect())
    painter.drawPixmap(0, 0, pixmap)
    painter.end()


def save(path: str, data: bytes) -> str:
    from common.atomic import atomic_write_bytes

    return str(atomic_write_bytes(Path(path), data))
