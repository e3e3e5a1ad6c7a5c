"""The citizen's phone and e-mail on the filing screen, checked as they are typed by the core's
rules (`counter_app.contact`): a bad number is said under the field at once, and a good one is
shown in its one stored form when the officer leaves the field."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from counter_app.contact import Contact, ContactError, normalize_email, normalize_phone


class ContactFields(QWidget):
    changed = Signal()  # a field changed: what the filing button allows may have changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("Di động 10 số (09…, 03…) hoặc số cố định có mã vùng"))
        self.email = QLineEdit()
        self.email.setPlaceholderText(self.tr("ten@vidu.vn (không bắt buộc)"))
        self.error = QLabel()
        self.error.setObjectName("contactError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("QLabel#contactError { color: #a40000; }")
        self.error.hide()
        for field, normalize in ((self.phone, normalize_phone), (self.email, normalize_email)):
            field.textChanged.connect(self._check)
            field.editingFinished.connect(lambda f=field, n=normalize: self._tidy(f, n))

    def clear(self) -> None:
        self.phone.clear()
        self.email.clear()

    def problem(self) -> str:
        """ "" when both fields are empty or valid, else what is wrong and how to fix it."""
        try:
            Contact.checked(self.phone.text(), self.email.text())
        except ContactError as exc:
            return f"{exc.message} {exc.hint}"
        return ""

    def contact(self) -> Contact:
        """The checked, normalised details (ContactError for a bad one)."""
        return Contact.checked(self.phone.text(), self.email.text())

    def _check(self) -> None:
        problem = self.problem()
        self.error.setText(problem)
        self.error.setVisible(bool(problem))
        self.changed.emit()

    @staticmethod
    def _tidy(field: QLineEdit, normalize: object) -> None:
        try:
            tidy = normalize(field.text())  # type: ignore[operator]
        except ContactError:
            return  # left as typed; the error stays under the field
        if tidy != field.text():
            field.setText(tidy)
