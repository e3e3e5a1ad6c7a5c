"""The exits from the happy path on the intake screen: «Yêu cầu bổ sung…» (Ctrl+Shift+B) and
«Hủy hồ sơ…» (Ctrl+Shift+H), each confirmed in a dialog that asks for the reason.

Supplement: the officer ticks the components the citizen must bring again; the dossier goes back
to component capture with them marked. Cancel: the dossier leaves the intake screen. Both take an
unsent submission out of the outbox first, and are refused with the reason when the portal has
(or may have) the dossier already (`IntakeService.request_supplement` / `cancel_dossier`). The
core makes the form for the citizen (Mẫu 02 / Mẫu 03), shown afterwards to print (`FormDialog`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.dossier import ComponentStatus, Dossier, DossierState
from counter_app.intake.outcomes import AlreadyFiledError, IssuedForm, refuse_if_filed
from counter_app.read_models import state_label
from ui import shortcuts
from ui.intake.form_dialog import FormDialog

if TYPE_CHECKING:
    from ui.intake.host import IntakeHost

S = DossierState
SUPPLEMENT_STATES = frozenset(
    {S.PROCEDURE_CHOSEN, S.COMPONENTS_CAPTURED, S.PDFS_BUILT, S.SIGNED, S.QUEUED, S.FILED, S.RECEIPT_PRINTED}
)
CANCEL_STATES = frozenset(SUPPLEMENT_STATES | {S.DRAFT, S.CITIZEN_IDENTIFIED, S.NEEDS_SUPPLEMENT})


class ReasonDialog(QDialog):
    """A confirmation that cannot be given without a reason."""

    def __init__(self, parent: QWidget, title: str, text: str, confirm: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self.reason = QLineEdit()
        label = QLabel(self.tr("&Lý do (bắt buộc):"))
        label.setBuddy(self.reason)
        self.buttons = QDialogButtonBox()
        self.confirm = self.buttons.addButton(confirm, QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm.setDefault(True)  # Enter in the reason field confirms, once a reason is given
        self.buttons.addButton(self.tr("&Thôi"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self.update_confirm)
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.text)
        self.body.addWidget(label)
        self.body.addWidget(self.reason)
        self.body.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    def reason_text(self) -> str:
        return " ".join(self.reason.text().split())

    def ready(self) -> bool:
        return bool(self.reason_text())

    def update_confirm(self, *_args: object) -> None:
        self.confirm.setEnabled(self.ready())

    def accept(self) -> None:
        if self.ready():  # Enter in the reason field does not bypass the check
            super().accept()


class SupplementDialog(ReasonDialog):
    """Which components the citizen must bring again (checklist, Space ticks), and why."""

    def __init__(self, parent: QWidget, dossier: Dossier) -> None:
        # Before __init__ there is no self.tr: translate() with the class name literally, so lupdate
        # files these under the context the running dialog looks them up in.
        super().__init__(
            parent,
            QCoreApplication.translate("SupplementDialog", "Yêu cầu bổ sung hồ sơ"),
            QCoreApplication.translate(
                "SupplementDialog",
                "Đánh dấu các thành phần công dân cần bổ sung hoặc làm lại. Hồ sơ {ref} quay về bước "
                "«Thành phần»; các thành phần đánh dấu được ghi rõ để làm tiếp khi công dân quay lại.",
            ).format(ref=dossier.local_ref),
            QCoreApplication.translate("SupplementDialog", "&Yêu cầu bổ sung"),
        )
        self.components = QListWidget()
        for component in dossier.components:
            item = QListWidgetItem(component.name)
            item.setData(Qt.ItemDataRole.UserRole, component.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            missing = component.required and component.status is ComponentStatus.PENDING
            item.setCheckState(Qt.CheckState.Checked if missing else Qt.CheckState.Unchecked)
            self.components.addItem(item)
        self.components.setCurrentRow(0)
        rows = min(self.components.count(), 8)  # every component in view, without scrolling
        self.components.setMinimumHeight(rows * self.components.sizeHintForRow(0) + 6)
        self.components.itemChanged.connect(self.update_confirm)
        label = QLabel(self.tr("Thành phần cần &bổ sung:"))
        label.setBuddy(self.components)
        self.body.insertWidget(1, label)
        self.body.insertWidget(2, self.components)
        self.resize(560, self.sizeHint().height())
        self.update_confirm()

    def missing(self) -> list[str]:
        items = [self.components.item(row) for row in range(self.components.count())]
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() is Qt.CheckState.Checked]

    def ready(self) -> bool:
        return super().ready() and bool(self.missing())


class DossierExits(QObject):
    """The two buttons of the intake section's top bar and what they do."""

    def __init__(self, section: IntakeHost) -> None:
        super().__init__(section)
        self.section = section
        self.dialog: ReasonDialog | None = None
        self.form_dialog: FormDialog | None = None
        self.supplement_button = QPushButton(self.tr("Yêu cầu bổ sung…"))
        self._supplement_tip = self.tr(
            "Công dân cần bổ sung giấy tờ: ghi lý do, hồ sơ quay về bước Thành phần (Ctrl+Shift+B)"
        )
        shortcuts.press_at_once(self.supplement_button, shortcuts.SUPPLEMENT.keys)
        self.supplement_button.clicked.connect(self.ask_supplement)
        self.cancel_button = QPushButton(self.tr("Hủy hồ sơ…"))
        self._cancel_tip = self.tr("Hủy hồ sơ đang mở, có ghi lý do (Ctrl+Shift+H)")
        shortcuts.press_at_once(self.cancel_button, shortcuts.CANCEL.keys)
        self.cancel_button.clicked.connect(self.ask_cancel)
        self.refresh()

    def refresh(self) -> None:
        dossier = self.section.dossier
        state = dossier.state if dossier is not None else None
        idle = not self.section.busy
        self.supplement_button.setEnabled(idle and state in SUPPLEMENT_STATES)
        self.cancel_button.setEnabled(idle and state in CANCEL_STATES)
        for button, tip, states in (
            (self.supplement_button, self._supplement_tip, SUPPLEMENT_STATES),
            (self.cancel_button, self._cancel_tip, CANCEL_STATES),
        ):
            why = ""
            if not idle:
                why = self.tr("Đang làm việc khác của hồ sơ; chờ xong.")
            elif state is None:
                why = self.tr("Chưa có hồ sơ.")
            elif state not in states:
                why = self.tr("Không làm được ở trạng thái «{state}».").format(
                    state=self.tr(state_label(state))
                )
            button.setToolTip(tip + (f"\n{why}" if why else ""))

    def _open(self, dialog: ReasonDialog, on_accepted: object) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(on_accepted)
        dialog.open()
        dialog.reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def _refused(self, to: DossierState) -> bool:
        """A filed dossier is the portal's now: said at once, before any reason is asked."""
        dossier = self.section.dossier
        try:
            refuse_if_filed(dossier, to)  # type: ignore[arg-type]
        except AlreadyFiledError as exc:
            self.section.show_error(exc)
            return True
        return False

    # -- supplement ---------------------------------------------------------------------------------

    def ask_supplement(self) -> None:
        dossier = self.section.dossier
        if dossier is None or self.section.busy or self._refused(S.NEEDS_SUPPLEMENT):
            return
        self._open(SupplementDialog(self.section, dossier), self._supplement)

    def _supplement(self) -> None:
        dialog, dossier = self.dialog, self.section.dossier
        if not isinstance(dialog, SupplementDialog) or dossier is None:
            return
        self.section.run(
            self.section.service.request_supplement,
            self._supplemented,
            self.tr("Đang ghi nhận yêu cầu bổ sung…"),
            local_ref=dossier.local_ref,
            reason=dialog.reason_text(),
            missing=dialog.missing(),
        )

    def _supplemented(self, dossier: Dossier) -> None:
        self.section.dossier_changed(dossier)
        self.section.go(2)
        self.section.strip.idle(
            self.tr("Hồ sơ {ref} chờ công dân bổ sung; các thành phần cần bổ sung được đánh dấu ⚠.").format(
                ref=dossier.local_ref
            )
        )
        self._show_form(dossier.local_ref, "02")

    # -- the form for the citizen -----------------------------------------------------------------------

    def _show_form(self, local_ref: str, form: str) -> None:
        """Mẫu 02 / 03 read back and previewed off the UI thread, then offered to print."""
        self.section.tasks.run(
            self.section.service.issued_form,
            on_result=self._form_ready,
            on_error=self.section.show_error,
            local_ref=local_ref,
            form=form,
        )

    def _form_ready(self, issued: IssuedForm) -> None:
        if self.form_dialog is not None:
            self.form_dialog.deleteLater()
        self.form_dialog = FormDialog(self.section, issued)
        self.form_dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.form_dialog.open()

    # -- cancel -------------------------------------------------------------------------------------

    def ask_cancel(self) -> None:
        dossier = self.section.dossier
        if dossier is None or self.section.busy or self._refused(S.CANCELLED):
            return
        dialog = ReasonDialog(
            self.section,
            self.tr("Hủy hồ sơ"),
            self.tr(
                "Hủy hồ sơ {ref}? Hồ sơ rời màn hình tiếp nhận và không nộp lên cổng; nếu hồ sơ đang "
                "chờ gửi trong hàng đợi thì việc gửi cũng bị hủy. Các trang đã quét vẫn được lưu lại."
            ).format(ref=dossier.local_ref),
            self.tr("&Hủy hồ sơ"),
        )
        dialog.update_confirm()
        self._open(dialog, self._cancel)

    def _cancel(self) -> None:
        dialog, dossier = self.dialog, self.section.dossier
        if dialog is None or dossier is None:
            return
        self.section.run(
            self.section.service.cancel_dossier,
            self._cancelled,
            self.tr("Đang hủy hồ sơ…"),
            local_ref=dossier.local_ref,
            reason=dialog.reason_text(),
        )

    def _cancelled(self, dossier: Dossier) -> None:
        self.section.new_dossier()
        self.section.strip.idle(self.tr("Đã hủy hồ sơ {ref}.").format(ref=dossier.local_ref))
        self._show_form(dossier.local_ref, "03")
