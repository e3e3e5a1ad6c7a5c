"""The PIN dialog, shaped by the token's PIN flags read just before it opens.

PKCS#11 gives flags only, never a count of tries left: "count low" earns a warning, "final try"
a stronger one that must be acknowledged, "locked" stops before any PIN is asked for. A token
with a PIN pad (protected authentication path) gets no PIN field: the officer types the PIN on
the token. The PIN is handed to the controller once and the field is cleared; it is never
logged or stored.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from signing.certs import CertificateInfo
from signing.tokens import PinState, TokenInfo
from ui.widgets.pin_field import masked_pin_edit

WARNING_STYLE = "background: #FFF3CD; color: #5C4400; padding: 6px; border: 1px solid #E0B000;"
FINAL_TRY_STYLE = "background: #B71C1C; color: white; font-weight: bold; padding: 6px;"


class PinDialog(QDialog):
    """Masked PIN entry (or the PIN-pad prompt) for one batch on one token."""

    def __init__(
        self,
        token: TokenInfo,
        cert: CertificateInfo,
        state: PinState,
        files: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self._pin: str | None = None
        self.setWindowTitle(self.tr("Nhập mã PIN của USB token"))
        self.setMinimumWidth(460)

        intro = QLabel(
            self.tr("Ký {n} tệp bằng chứng thư của <b>{holder}</b> trên token «{token}».").format(
                n=files, holder=escape(cert.holder), token=escape(token.label)
            )
        )
        intro.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.hide()
        self.confirm = QCheckBox(self.tr("Tôi đã &kiểm tra kỹ mã PIN và hiểu token sẽ bị khóa nếu nhập sai"))
        self.confirm.hide()
        self.pin_edit = masked_pin_edit(64)
        self.pin_pad_note = QLabel(
            self.tr("Token này có bàn phím riêng: bấm «Ký», rồi nhập PIN trên bàn phím của token.")
        )
        self.pin_pad_note.setWordWrap(True)
        self.pin_pad_note.setStyleSheet("font-weight: bold;")

        self.buttons = QDialogButtonBox()
        self.ok_button = QPushButton(self.tr("&Ký"))
        self.ok_button.setToolTip(self.tr("Enter"))
        self.ok_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("&Hủy"))
        self.cancel_button.setToolTip(self.tr("Esc"))
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.warning)
        if state.protected_auth:
            layout.addWidget(self.pin_pad_note)
            self.pin_edit.hide()
        else:
            form = QFormLayout()
            pin_label = QLabel(self.tr("&Mã PIN:"))
            pin_label.setBuddy(self.pin_edit)
            form.addRow(pin_label, self.pin_edit)
            layout.addLayout(form)
            self.pin_pad_note.hide()
        layout.addWidget(self.confirm)
        layout.addWidget(self.buttons)

        if state.state == "count_low":
            self._warn(
                self.tr(
                    "Đã có lần nhập sai mã PIN kể từ lần đăng nhập thành công gần nhất. Hãy nhập thật cẩn thận."
                ),
                WARNING_STYLE,
            )
        elif state.state == "final_try":
            self._warn(
                self.tr(
                    "CẢNH BÁO: chỉ còn MỘT lần nhập mã PIN. Nhập sai lần nữa token sẽ bị khóa "
                    "và phải trả token về nhà cung cấp CA để mở khóa."
                ),
                FINAL_TRY_STYLE,
            )
            self.confirm.show()
            self.confirm.toggled.connect(lambda _on: self._update_ok())
        self.pin_edit.textChanged.connect(lambda _text: self._update_ok())
        self._update_ok()
        (self.pin_edit if not state.protected_auth else self.ok_button).setFocus()

    def _warn(self, text: str, style: str) -> None:
        self.warning.setText(text)
        self.warning.setStyleSheet(style)
        self.warning.show()

    def _update_ok(self) -> None:
        typed = self.state.protected_auth or bool(self.pin_edit.text())
        confirmed = self.state.state != "final_try" or self.confirm.isChecked()
        self.ok_button.setEnabled(typed and confirmed)

    def accept(self) -> None:
        if not self.ok_button.isEnabled():
            return
        self._pin = None if self.state.protected_auth else self.pin_edit.text()
        self.pin_edit.clear()
        super().accept()

    def reject(self) -> None:
        self.pin_edit.clear()
        super().reject()

    def take_pin(self) -> str | None:
        """The PIN typed (None for a PIN pad); the dialog forgets it once taken."""
        pin, self._pin = self._pin, None
        return pin


def locked_box(parent: QWidget | None) -> QMessageBox:
    """The clear stop for a locked token: no PIN is asked for, nothing is retried."""
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        _t("Token đã bị khóa"),
        _t("Mã PIN của token đã bị khóa do nhập sai quá số lần cho phép. Không thể ký bằng token này."),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setInformativeText(_t("Hãy trả token về nhà cung cấp CA để mở khóa; ứng dụng không thử lại mã PIN."))
    return box


def _t(text: str) -> str:
    return QCoreApplication.translate("PinDialog", text)
