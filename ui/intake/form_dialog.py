"""The form handed to the citizen when the dossier leaves the happy path: Mẫu 02 (request to
supplement) or Mẫu 03 (refusal), made by the core when the officer confirmed; shown here to be
printed or saved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout

from ui import shortcuts
from ui.intake.form_print import FormPrinter

if TYPE_CHECKING:
    from counter_app.intake.outcomes import IssuedForm
    from ui.intake.host import IntakeHost


class FormDialog(QDialog):
    def __init__(self, section: IntakeHost, issued: IssuedForm) -> None:
        super().__init__(section)
        self.issued = issued
        self.printer = FormPrinter(section)
        self.setWindowTitle(self.tr("{name} (Mẫu {form})").format(name=issued.name, form=issued.form))
        text = QLabel(
            self.tr("Đã lập <b>{name}</b> cho hồ sơ {ref}. In và trao cho công dân.").format(
                name=issued.name, ref=issued.local_ref
            )
        )
        text.setWordWrap(True)
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        pixmap = QPixmap()
        if issued.preview_png and pixmap.loadFromData(issued.preview_png):
            self.preview.setPixmap(pixmap)
        scroll = QScrollArea()
        scroll.setWidget(self.preview)
        scroll.setWidgetResizable(True)
        self.print_button = QPushButton(self.tr("&In phiếu…"))
        shortcuts.press_at_once(self.print_button, shortcuts.PRINT.keys)
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(lambda: self.printer.print_pdf(self, issued.pdf))
        self.save_button = QPushButton(self.tr("&Lưu tệp PDF…"))
        self.save_button.clicked.connect(
            lambda: self.printer.choose_save(self, issued.pdf, f"{issued.local_ref}-mau-{issued.form}.pdf")
        )
        close = QPushButton(self.tr("Đó&ng"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.print_button, self.save_button, close):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(buttons)
        layout.addWidget(scroll, 1)
        self.resize(640, 700)
