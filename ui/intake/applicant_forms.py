"""The applicant's own fields on the citizen step, one small form per kind that is not the card
holder at the counter: the organisation (tax code checked as it is typed), the state agency, the
foreigner (the passport's two MRZ lines, parsed and shown), and the individual a representative
files for (the ID card's fields, with the card's checks).

Each form answers `applicant()` with the core's `Applicant` (`counter_app.applicant`, the same
checks the intake service applies) or raises its known error, whose message the form has already
shown under the field it concerns. Enter in a field emits `confirmed`.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import QFontDatabase, QKeyEvent, QKeySequence, QRegularExpressionValidator, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app import applicant as A
from counter_app.applicant import Applicant, ApplicantError
from counter_app.errors import error_dict, is_known_error
from ui import shortcuts
from ui.tasks import Task, TaskRunner
from ui.widgets import id_fields as F
from ui.widgets.id_form import IdForm

if TYPE_CHECKING:
    from counter_app.intake.passport_image import PassportRead

_ERROR_STYLE = "color: #a40000;"
_OK_STYLE = "color: #1b5e20;"
TAX_CODE_DIGITS = 10  # the check digit is the 10th: a shorter code is still being typed


def _note() -> QLabel:
    note = QLabel()
    note.setWordWrap(True)
    note.hide()
    return note


def _say(note: QLabel, text: str, *, ok: bool = False) -> None:
    note.setStyleSheet(_OK_STYLE if ok else _ERROR_STYLE)
    note.setText(text)
    note.setVisible(bool(text))


def _problem(exc: ApplicantError) -> str:
    return "✗ " + exc.message + (f"\n{exc.hint}" if exc.hint else "")


class KindForm(QWidget):
    confirmed = Signal()

    def applicant(self) -> Applicant:
        raise NotImplementedError

    def first_field(self) -> QWidget:
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def is_empty(self) -> bool:
        """Nothing typed yet: a card read first is the representative's, not a reason for red."""
        raise NotImplementedError

    def show_applicant(self, applicant: Applicant) -> None:
        """Fill the form from a stored dossier's applicant."""
        raise NotImplementedError


class _NamedForm(KindForm):
    """Code, name and address: the organisation's and the agency's forms."""

    def __init__(self, code_label: str, code_hint: str, code_pattern: str, what: str) -> None:
        super().__init__()
        self.code = QLineEdit()
        self.code.setPlaceholderText(code_hint)
        self.code.setValidator(QRegularExpressionValidator(QRegularExpression(code_pattern), self.code))
        self.code_note = _note()
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("như trên giấy tờ của {what}").format(what=what))
        self.address = QLineEdit()
        self.address.setPlaceholderText(self.tr("địa chỉ trụ sở"))
        self.note = _note()
        code_cell = QWidget()
        box = QVBoxLayout(code_cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        box.addWidget(self.code)
        box.addWidget(self.code_note)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(code_label, code_cell)
        form.addRow(self.tr("Tên:"), self.name)
        form.addRow(self.tr("Địa chỉ trụ sở:"), self.address)
        form.addRow(self.note)
        for edit in (self.code, self.name, self.address):
            edit.returnPressed.connect(self.confirmed)
        self.code.textChanged.connect(self._code_changed)
        self.code.editingFinished.connect(lambda: self._show_code_check(finished=True))

    def check_code(self, code: str) -> str:
        raise NotImplementedError

    def complete(self, code: str) -> bool:
        """Long enough to be judged while typing (shorter: judged when the field is left)."""
        raise NotImplementedError

    def _code_changed(self) -> None:
        self._show_code_check(finished=False)

    def _show_code_check(self, *, finished: bool) -> None:
        code = "".join(self.code.text().split())
        if not code or not (finished or self.complete(code)):
            _say(self.code_note, "")
            return
        try:
            checked = self.check_code(code)
        except ApplicantError as exc:
            _say(self.code_note, _problem(exc))
        else:
            _say(self.code_note, self.tr("✓ Hợp lệ: {code}").format(code=checked), ok=True)

    def build(self, code: str, name: str, address: str) -> Applicant:
        raise NotImplementedError

    def applicant(self) -> Applicant:
        try:
            built = self.build(self.code.text(), self.name.text(), self.address.text())
        except ApplicantError as exc:
            about_code = exc.code in ("tax_code_invalid", "agency_code_invalid")
            _say(self.code_note if about_code else self.note, _problem(exc))
            (self.code if about_code else self.name).setFocus(Qt.FocusReason.OtherFocusReason)
            raise
        _say(self.note, "")
        return built

    def fill(self, code: str, name: str, address: str) -> None:
        self.code.setText(code)
        self.name.setText(name)
        self.address.setText(address)
        _say(self.note, "")

    def is_empty(self) -> bool:
        return not any(edit.text().strip() for edit in (self.code, self.name, self.address))

    def first_field(self) -> QWidget:
        return self.code

    def clear(self) -> None:
        self.fill("", "", "")
        _say(self.code_note, "")


class OrganisationForm(_NamedForm):
    def __init__(self) -> None:
        super().__init__(
            self.tr("Mã số thuế:"),
            self.tr("10 chữ số, hoặc 10 chữ số-3 chữ số của chi nhánh"),
            r"[0-9 ]{0,12}(-[0-9]{0,3})?",
            self.tr("tổ chức"),
        )

    def check_code(self, code: str) -> str:
        return A.check_tax_code(code)

    def complete(self, code: str) -> bool:
        return len(code.split("-")[0]) >= TAX_CODE_DIGITS

    def build(self, code: str, name: str, address: str) -> Applicant:
        return A.organisation(code, name, address)

    def show_applicant(self, applicant: Applicant) -> None:
        found = applicant.organisation
        if found is not None:
            self.fill(found.tax_code, found.name, found.address)


class AgencyForm(_NamedForm):
    def __init__(self) -> None:
        super().__init__(
            self.tr("Mã cơ quan:"),
            self.tr("mã định danh (vd 000.00.01.H31) hoặc mã quan hệ ngân sách 7 số"),
            r"[0-9A-Za-z. ]{0,16}",
            self.tr("cơ quan"),
        )

    def check_code(self, code: str) -> str:
        return A.check_agency_code(code)

    def complete(self, code: str) -> bool:
        return len(code) >= 13 or (code.isdigit() and len(code) >= 7)

    def build(self, code: str, name: str, address: str) -> Applicant:
        return A.agency(code, name, address)

    def show_applicant(self, applicant: Applicant) -> None:
        found = applicant.agency
        if found is not None:
            self.fill(found.code, found.name, found.address)


class ForeignerForm(KindForm):
    """The passport's two MRZ lines, typed or pasted, or read from a photo or scan of the data page
    («Đọc trang hộ chiếu…», Ctrl+Shift+O: OCR on the task runner, Esc or «Dừng» stops it); parsed as
    they come, every field shown. Lines read from a page fill the zone as typed lines would."""

    def __init__(self, tasks: TaskRunner | None = None) -> None:
        super().__init__()
        self.tasks = tasks
        self._page_task: Task | None = None
        self.mrz = QPlainTextEdit()
        self.mrz.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.mrz.setPlaceholderText(
            self.tr("2 dòng mã MRZ cuối trang thông tin hộ chiếu (mỗi dòng 44 ký tự)")
        )
        self.mrz.setTabChangesFocus(True)
        self.mrz.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        lines = self.mrz.fontMetrics().lineSpacing() * 2
        self.mrz.setFixedHeight(lines + 2 * self.mrz.frameWidth() + 14)
        self.mrz.textChanged.connect(self._changed)
        self.mrz.installEventFilter(self)
        self.parsed = QLabel()
        self.parsed.setWordWrap(True)
        self.parsed.setTextFormat(Qt.TextFormat.RichText)
        self.note = _note()
        keys = shortcuts.shown(shortcuts.PASSPORT_PAGE.keys)
        self.read_page = QPushButton(self.tr("Đọc trang hộ chiếu… ({keys})").format(keys=keys))
        self.read_page.setToolTip(
            self.tr("Đọc 2 dòng MRZ từ ảnh chụp hoặc bản quét (ảnh, PDF) trang thông tin hộ chiếu")
        )
        self.read_page.clicked.connect(self.choose_page)
        self.read_page.setEnabled(tasks is not None)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # OCR gives no fraction done: a busy bar
        self.progress.setTextVisible(False)
        self.stop = QPushButton(self.tr("Dừng (Esc)"))
        self.stop.clicked.connect(self.cancel_page)
        busy = QHBoxLayout()
        busy.setContentsMargins(0, 0, 0, 0)
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.stop)
        self.busy = QWidget()
        self.busy.setLayout(busy)
        self.busy.hide()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Mã MRZ trên hộ chiếu:")))
        top.addStretch(1)
        top.addWidget(self.read_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.mrz)
        layout.addWidget(self.busy)
        layout.addWidget(self.note)
        layout.addWidget(self.parsed)
        self._found: Applicant | None = None
        # Only while this form is shown (a hidden widget's shortcut does not fire): no clash with
        # Ctrl+O, which opens the card image at the counter.
        for keys, slot, enabled in (
            (shortcuts.PASSPORT_PAGE.keys, self.choose_page, True),
            (shortcuts.STOP.keys, self.cancel_page, False),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
            shortcut.setEnabled(enabled)
        self._stop_shortcut = shortcut  # Esc: only while a page is read

    # -- the data page's image -------------------------------------------------------------------

    def choose_page(self) -> None:
        if self.tasks is None or self._page_task is not None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Chọn ảnh chụp hoặc bản quét trang thông tin hộ chiếu"),
            "",
            self.tr("Ảnh hoặc PDF (*.jpg *.jpeg *.png *.webp *.bmp *.tif *.tiff *.pdf)"),
        )
        if path:
            self.open_page(Path(path))

    def open_page(self, path: Path) -> None:
        """Read the MRZ from the data page at `path` off the UI thread (busy bar, «Dừng»)."""
        from counter_app.intake.passport_image import read_passport_image

        assert self.tasks is not None
        self.cancel_page()
        _say(
            self.note, self.tr("Đang đọc trang hộ chiếu «{name}»… (vài giây)").format(name=path.name), ok=True
        )
        self._reading(True)
        task: Task | None = None

        def done(read: PassportRead | None) -> None:
            if task is not self._page_task:
                return  # stopped: the officer moved on
            self._reading(False)
            if read is None:
                _say(self.note, "")
                return
            self.mrz.setPlainText("\n".join(read.lines))  # parsed and shown as typed lines are
            self.mrz.setFocus(Qt.FocusReason.OtherFocusReason)
            if self._found is not None:  # the check digits vouch for all but the names: a look
                _say(
                    self.note,
                    self.tr("✓ Đọc từ «{name}», đủ chữ số kiểm tra. So họ tên với trang hộ chiếu.").format(
                        name=path.name
                    ),
                    ok=True,
                )

        def failed(exc: BaseException) -> None:
            if task is not self._page_task:
                return
            self._reading(False)
            if not is_known_error(exc):
                raise exc  # a bug: the application's crash handler shows it
            data = error_dict(exc)
            _say(self.note, "✗ " + data["message"] + (("\n" + data["hint"]) if data.get("hint") else ""))

        task = self.tasks.run(
            read_passport_image, on_result=done, on_error=failed, with_cancel=True, context=self, path=path
        )
        self._page_task = task

    def cancel_page(self) -> None:
        if self._page_task is None:
            return
        self._page_task.cancel()
        self._reading(False)
        _say(self.note, self.tr("Đã dừng đọc trang hộ chiếu."))

    def reading_page(self) -> bool:
        return self._page_task is not None

    def _reading(self, busy: bool) -> None:
        if not busy:
            self._page_task = None
        self.busy.setVisible(busy)
        self.read_page.setEnabled(not busy and self.tasks is not None)
        self._stop_shortcut.setEnabled(busy)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter after the second line confirms: a passport has no third line to type.
        if (
            watched is self.mrz
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and len(self._lines()) >= 2
        ):
            self.confirmed.emit()
            return True
        return super().eventFilter(watched, event)

    def _lines(self) -> list[str]:
        return [line for line in self.mrz.toPlainText().splitlines() if line.strip()]

    def _changed(self) -> None:
        lines = self._lines()
        self._found = None
        self.parsed.clear()
        if len(lines) < 2 or any(len("".join(line.split())) < 44 for line in lines[:2]):
            _say(self.note, "")  # still being typed
            return
        with contextlib.suppress(ApplicantError):  # said under the zone
            self._parse()

    def _parse(self) -> Applicant:
        try:
            found = A.foreigner_from_mrz(self.mrz.toPlainText())
        except ApplicantError as exc:
            _say(self.note, _problem(exc))
            raise
        _say(self.note, self.tr("✓ Mã MRZ hợp lệ (đủ chữ số kiểm tra)."), ok=True)
        self._show(found)
        self._found = found
        return found

    def _show(self, found: Applicant) -> None:
        person = found.foreigner
        assert person is not None
        rows = (
            (self.tr("Họ và tên"), person.full_name),
            (self.tr("Số hộ chiếu"), person.passport_number),
            (self.tr("Quốc tịch"), country_name(person.nationality)),
            (self.tr("Ngày sinh"), F.format_date(person.date_of_birth)),
            (self.tr("Giới tính"), person.sex or "—"),
            (self.tr("Hộ chiếu hết hạn"), F.format_date(person.passport_expiry) or "—"),
        )
        self.parsed.setText("<br>".join(f"{label}: <b>{value}</b>" for label, value in rows))

    def applicant(self) -> Applicant:
        if self._found is not None:
            return self._found
        try:
            return self._parse()
        except ApplicantError:
            self.mrz.setFocus(Qt.FocusReason.OtherFocusReason)
            raise

    def show_applicant(self, applicant: Applicant) -> None:
        """A stored foreigner: the dossier keeps the parsed fields, not the zone as typed."""
        if applicant.foreigner is not None and applicant != self._found:
            self.mrz.clear()
            self._show(applicant)
            self._found = applicant

    def is_empty(self) -> bool:
        return not self.mrz.toPlainText().strip() and self._found is None

    def first_field(self) -> QWidget:
        return self.mrz

    def clear(self) -> None:
        self.cancel_page()
        self.mrz.clear()
        self._found = None
        self.parsed.clear()
        _say(self.note, "")


class IndividualForm(KindForm):
    """The individual a representative (authorised person, guardian) files for: the card's fields,
    typed, with the same checks as the card at the counter."""

    def __init__(self) -> None:
        super().__init__()
        self.form = IdForm(mnemonics=False)
        self.form.confirm.hide()  # the panel confirms the applicant and the representative together
        self.form.confirmed.connect(lambda _citizen: self.confirmed.emit())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)

    def applicant(self) -> Applicant:
        result = self.form.check()
        self.form.show_problems(result.errors, result.warnings)
        if not result.ok or result.citizen is None:
            first = next(key for key in F.FIELDS if result.errors.get(key))
            (self.form.sex if first == F.SEX else self.form.edits[first]).setFocus()
            raise ApplicantError(
                self.tr("Thông tin người được nộp thay chưa đủ hoặc chưa đúng: xem các ô có chữ đỏ."),
                code="applicant_invalid",
            )
        return Applicant.individual(result.citizen)

    def first_field(self) -> QWidget:
        return self.form.id_number

    def clear(self) -> None:
        self.form.clear()

    def is_empty(self) -> bool:
        return not any(value.strip() for value in self.form.values().values())

    def show_applicant(self, applicant: Applicant) -> None:
        if applicant.citizen is not None:
            self.form.fill(applicant.citizen)


def country_name(code: str) -> str:
    """«DEU — Germany»: the ISO code as the passport prints it, and the country's name."""
    import iso3166

    country = iso3166.countries_by_alpha3.get(code)
    return f"{code} — {country.name}" if country else code
