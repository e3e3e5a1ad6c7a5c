"""Who the dossier is for and who is at the counter, on the citizen step (issue #25).

A bar: the applicant's kind (Alt+P: cá nhân, tổ chức, cơ quan nhà nước, người nước ngoài), «Người
nộp thay» (Alt+T) and the representative's role. Below it, `box` holds the applicant's own form
when the card at the counter is not the applicant's (`ui.intake.applicant_forms`): an
organisation or an agency (always through a representative), a foreigner (passport MRZ), or an
individual someone files for. The ID card read at the counter (QR camera F2, reader, chip F6,
typed) is then the representative's.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.applicant import Applicant, ApplicantKind, RepresentativeRole
from ui import shortcuts
from ui.intake.applicant_forms import AgencyForm, ForeignerForm, IndividualForm, KindForm, OrganisationForm
from ui.tasks import TaskRunner

K = ApplicantKind
R = RepresentativeRole
KIND_LABELS = {  # as the officer says them; the core's labels are the forms'
    K.INDIVIDUAL: QT_TRANSLATE_NOOP("ApplicantChoice", "Cá nhân"),
    K.ORGANISATION: QT_TRANSLATE_NOOP("ApplicantChoice", "Tổ chức, doanh nghiệp"),
    K.AGENCY: QT_TRANSLATE_NOOP("ApplicantChoice", "Cơ quan nhà nước"),
    K.FOREIGNER: QT_TRANSLATE_NOOP("ApplicantChoice", "Người nước ngoài"),
}
ROLES = {  # who may stand in for each kind, the likeliest first
    K.INDIVIDUAL: (R.AUTHORISED, R.GUARDIAN),
    K.FOREIGNER: (R.AUTHORISED, R.GUARDIAN),
    K.ORGANISATION: (R.STAFF, R.AUTHORISED),
    K.AGENCY: (R.STAFF, R.AUTHORISED),
}
BOX_TITLES = {
    K.INDIVIDUAL: QT_TRANSLATE_NOOP("ApplicantChoice", "Chủ hồ sơ: cá nhân được nộp thay"),
    K.ORGANISATION: QT_TRANSLATE_NOOP("ApplicantChoice", "Chủ hồ sơ: tổ chức, doanh nghiệp"),
    K.AGENCY: QT_TRANSLATE_NOOP("ApplicantChoice", "Chủ hồ sơ: cơ quan nhà nước"),
    K.FOREIGNER: QT_TRANSLATE_NOOP("ApplicantChoice", "Chủ hồ sơ: người nước ngoài (hộ chiếu)"),
}
ALWAYS_REPRESENTED = (K.ORGANISATION, K.AGENCY)


class ApplicantChoice(QWidget):
    changed = Signal()  # kind or representative changed: the page shows or hides the card capture
    confirmed = Signal()  # Enter in the applicant's form, or its button

    def __init__(self, tasks: TaskRunner | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(self.tr(label), kind.value)
        self.kind.setToolTip(
            self.tr("Người nộp hồ sơ là cá nhân, tổ chức, cơ quan hay người nước ngoài (Alt+P)")
        )
        kind_label = QLabel(self.tr("Người nộp hồ sơ:"))
        kind_label.setBuddy(self.kind)
        self.proxy = QCheckBox(self.tr("Người nộp thay"))
        self.proxy.setToolTip(self.tr("Người đến quầy nộp thay cho chủ hồ sơ (Alt+T)"))
        self.role = QComboBox()
        self.role.setToolTip(self.tr("Tư cách của người nộp thay"))
        self.role_label = QLabel(self.tr("với tư cách:"))
        self.role_label.setBuddy(self.role)

        bar = QHBoxLayout(self)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(kind_label)
        bar.addWidget(self.kind)
        bar.addSpacing(12)
        bar.addWidget(self.proxy)
        bar.addWidget(self.role_label)
        bar.addWidget(self.role)
        bar.addStretch(1)

        self.forms: dict[ApplicantKind, KindForm] = {
            K.INDIVIDUAL: IndividualForm(),
            K.ORGANISATION: OrganisationForm(),
            K.AGENCY: AgencyForm(),
            K.FOREIGNER: ForeignerForm(tasks),  # reads the passport's data page on the runner
        }
        self.stack = QStackedWidget()
        for form in self.forms.values():
            self.stack.addWidget(form)
            form.confirmed.connect(self.confirmed)
        self.hint = QLabel()  # what is still missing before the dossier can be started
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #8a5a00;")
        self.hint.hide()
        self.confirm = QPushButton(self.tr("Xác nhận chủ hồ sơ (Enter)"))
        self.confirm.clicked.connect(self.confirmed)
        self.box = QGroupBox()  # placed by the page: beside the card, not in this bar
        inner = QVBoxLayout(self.box)
        inner.setSpacing(4)
        inner.addWidget(self.stack)
        inner.addWidget(self.hint)
        inner.addWidget(self.confirm, 0, Qt.AlignmentFlag.AlignLeft)
        inner.addStretch(1)

        self._proxy_wanted = False  # «Người nộp thay» as the officer last set it
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.proxy.toggled.connect(self._proxy_toggled)
        for keys, slot in (
            (shortcuts.APPLICANT.keys, self._focus_kind),
            (shortcuts.PROXY.keys, self._toggle_proxy),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
        self._kind_changed()

    # -- what the officer chose ---------------------------------------------------------------------

    def current_kind(self) -> ApplicantKind:
        return ApplicantKind(self.kind.currentData())

    def represented(self) -> bool:
        return self.proxy.isChecked()

    def current_role(self) -> RepresentativeRole | None:
        return RepresentativeRole(self.role.currentData()) if self.represented() else None

    def needs_form(self) -> bool:
        """Whether the applicant has a form of its own (else the card at the counter is the applicant)."""
        return self.current_kind() is not K.INDIVIDUAL or self.represented()

    def needs_card(self) -> bool:
        """Whether an ID card is read at the counter: the applicant's or the representative's."""
        return self.current_kind() is not K.FOREIGNER or self.represented()

    def form(self) -> KindForm:
        return self.forms[self.current_kind()]

    def applicant(self) -> Applicant:
        """The applicant from its form (the error is shown in the form and raised)."""
        return self.form().applicant()

    # -- setting it -----------------------------------------------------------------------------------

    def set_offered(self, kinds: tuple[ApplicantKind, ...]) -> None:
        """Only these kinds in the list (those the catalogue's procedures accept)."""
        current = self.current_kind()
        self.kind.blockSignals(True)
        self.kind.clear()
        for kind in KIND_LABELS:
            if kind in kinds:
                self.kind.addItem(self.tr(KIND_LABELS[kind]), kind.value)
        index = self.kind.findData(current.value)
        self.kind.setCurrentIndex(max(0, index))
        self.kind.blockSignals(False)
        self._kind_changed()

    def set_choice(self, kind: ApplicantKind, role: RepresentativeRole | None) -> None:
        """As a stored dossier says (reopened, or shown again after identifying)."""
        self._proxy_wanted = role is not None
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind.value)))
        self.proxy.setChecked(role is not None or kind in ALWAYS_REPRESENTED)
        if role is not None:
            self.role.setCurrentIndex(max(0, self.role.findData(role.value)))

    def show_applicant(self, applicant: Applicant, role: RepresentativeRole | None) -> None:
        """A stored dossier's applicant: the kind, the role and the applicant's own form filled."""
        self.set_choice(applicant.kind, role)
        self.forms[applicant.kind].show_applicant(applicant)

    def clear(self) -> None:
        for form in self.forms.values():
            form.clear()
        self.set_choice(K.INDIVIDUAL, None)
        self.say("")

    def say(self, text: str) -> None:
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

    def set_editable(self, editable: bool) -> None:
        for widget in (self.kind, self.proxy, self.role, self.stack, self.confirm):
            widget.setEnabled(editable)
        if editable:
            self._refresh()

    # -- keeping the bar consistent -------------------------------------------------------------------

    def _focus_kind(self) -> None:
        if self.kind.isEnabled():  # ↑/↓ then change the kind at once, F4 opens the list
            self.kind.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _toggle_proxy(self) -> None:
        if self.proxy.isEnabled():
            self.proxy.toggle()

    def _proxy_toggled(self, checked: bool) -> None:
        self._proxy_wanted = checked
        self._refresh()

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        self.role.blockSignals(True)
        self.role.clear()
        for choice in ROLES[kind]:  # the likeliest role of this kind first
            self.role.addItem(self.tr(choice.label), choice.value)
        self.role.blockSignals(False)
        self.proxy.blockSignals(True)  # forced for an organisation, the officer's own choice otherwise
        self.proxy.setChecked(kind in ALWAYS_REPRESENTED or self._proxy_wanted)
        self.proxy.blockSignals(False)
        for other, form in self.forms.items():  # the box is as tall as this kind's form, not the tallest
            policy = QSizePolicy.Policy.Preferred if other is kind else QSizePolicy.Policy.Ignored
            form.setSizePolicy(policy, policy)
        self.stack.setCurrentWidget(self.forms[kind])
        self.box.setTitle(self.tr(BOX_TITLES[kind]))
        self._refresh()

    def _refresh(self) -> None:
        always = self.current_kind() in ALWAYS_REPRESENTED
        self.proxy.setEnabled(not always and self.kind.isEnabled())
        self.proxy.setToolTip(
            self.tr("Tổ chức, cơ quan luôn nộp qua người đại diện: đọc thẻ căn cước của người đến nộp.")
            if always
            else self.tr("Người đến quầy nộp thay cho chủ hồ sơ (Alt+T)")
        )
        self.role.setVisible(self.represented())
        self.role_label.setVisible(self.represented())
        self.box.setVisible(self.needs_form())
        self.say("")
        self.changed.emit()

    def focus_form(self) -> None:
        self.form().first_field().setFocus(Qt.FocusReason.OtherFocusReason)
