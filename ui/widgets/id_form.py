"""The citizen's fields in the ID capture: filled by a read, or typed by hand, checked per field.

A read fills the fields and shows the parser's warnings beside the field each concerns. Typing
re-checks the form with `ui.widgets.id_fields.check_fields` (the same checks as a QR payload):
errors (red, they block "Xác nhận") and warnings (amber) appear under their field. Enter in any
field, or the button, confirms: `confirmed(CitizenId)` is emitted only when nothing blocks.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.citizen import FEMALE, MALE, CitizenId
from ui.widgets import id_fields as F

_ERROR_STYLE = "color: #a40000;"
_WARNING_STYLE = "color: #8a5a00;"


class IdForm(QWidget):
    confirmed = Signal(object)  # CitizenId

    def __init__(self, parent: QWidget | None = None, *, mnemonics: bool = True) -> None:
        """`mnemonics=False`: a second form on the same screen leaves the Alt+letters to the first."""
        super().__init__(parent)
        self._filling = False
        self.edits: dict[str, QLineEdit] = {}
        self.notes: dict[str, QLabel] = {}
        self.id_number = self._line(F.ID_NUMBER, self.tr("12 chữ số"), r"[0-9]{0,12}")
        self.old_id = self._line(F.OLD_ID, self.tr("9 hoặc 12 chữ số, không bắt buộc"), r"[0-9]{0,12}")
        self.full_name = self._line(F.NAME, self.tr("như trên thẻ"))
        self.date_of_birth = self._line(F.BIRTH, self.tr("ngày/tháng/năm"))
        self.sex = QComboBox()
        self.sex.addItems(["", MALE, FEMALE])
        self.sex.currentIndexChanged.connect(self._changed)
        self.notes[F.SEX] = self._note()
        self.address = self._line(F.ADDRESS, self.tr("nơi thường trú"))
        self.issue_date = self._line(F.ISSUE, self.tr("ngày/tháng/năm"))
        self.confirm = QPushButton(self.tr("&Xác nhận công dân"))
        self.confirm.setToolTip(self.tr("Dùng thông tin này cho hồ sơ (Enter)"))
        self.confirm.clicked.connect(self.submit)

        form = QFormLayout()
        rows = (
            (self.tr("Số CCCD / định &danh:"), F.ID_NUMBER, self.id_number),
            (self.tr("Số CMND c&ũ:"), F.OLD_ID, self.old_id),
            (self.tr("&Họ và tên:"), F.NAME, self.full_name),
            (self.tr("Ngày &sinh:"), F.BIRTH, self.date_of_birth),
            (self.tr("&Giới tính:"), F.SEX, self.sex),
            (self.tr("Nơi thường t&rú:"), F.ADDRESS, self.address),
            (self.tr("Ngày &cấp:"), F.ISSUE, self.issue_date),
        )
        for label, key, editor in rows:
            if not mnemonics:
                label = label.replace("&", "")
            cell = QWidget()
            box = QVBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(1)
            box.addWidget(editor)
            box.addWidget(self.notes[key])
            form.addRow(label, cell)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.confirm)
        layout.addStretch(1)

    def _note(self) -> QLabel:
        note = QLabel()
        note.setWordWrap(True)
        note.hide()
        return note

    def _line(self, key: str, placeholder: str, pattern: str | None = None) -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        if pattern:
            edit.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), edit))
        edit.textChanged.connect(self._changed)
        edit.returnPressed.connect(self.submit)
        self.edits[key] = edit
        self.notes[key] = self._note()
        return edit

    # -- data --------------------------------------------------------------------------------------

    def values(self) -> dict[str, str]:
        values = {key: edit.text() for key, edit in self.edits.items()}
        values[F.SEX] = self.sex.currentText()
        return values

    def fill(self, citizen: CitizenId) -> None:
        """Show a citizen read from a card, with the parser's warnings under their fields."""
        self._filling = True
        try:
            for key, text in F.values_of(citizen).items():
                if key == F.SEX:
                    self.sex.setCurrentText(text)
                else:
                    self.edits[key].setText(text)
        finally:
            self._filling = False
        self.show_problems({}, F.warnings_by_field(citizen.warnings))

    def clear(self) -> None:
        self._filling = True
        try:
            for edit in self.edits.values():
                edit.clear()
            self.sex.setCurrentIndex(0)
        finally:
            self._filling = False
        self.show_problems({}, {})

    def check(self) -> F.FieldCheck:
        return F.check_fields(self.values())

    def submit(self) -> None:
        """Confirm the form as typed (Enter): emitted only when no field blocks."""
        result = self.check()
        self.show_problems(result.errors, result.warnings)
        if result.ok and result.citizen is not None:
            self.confirmed.emit(result.citizen)
        else:
            first = next((k for k in F.FIELDS if result.errors.get(k)), None)
            if first is not None:
                (self.sex if first == F.SEX else self.edits[first]).setFocus()

    # -- showing -----------------------------------------------------------------------------------

    def _changed(self) -> None:
        if self._filling:
            return
        result = self.check()
        # While typing, "missing" is not yet a mistake: only fields with text get a message.
        values = self.values()
        errors = {k: v for k, v in result.errors.items() if values.get(k, "").strip()}
        self.show_problems(errors, result.warnings if values[F.ID_NUMBER] else {})

    def show_problems(self, errors: dict[str, list[str]], warnings: dict[str, list[str]]) -> None:
        for key, note in self.notes.items():
            lines = [f"✗ {m}" for m in errors.get(key, [])]
            lines += [f"⚠ {m}" for m in warnings.get(key, [])]
            note.setStyleSheet(_ERROR_STYLE if errors.get(key) else _WARNING_STYLE)
            note.setText("\n".join(lines))
            note.setVisible(bool(lines))
