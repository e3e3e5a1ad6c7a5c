"""The certificate picker: every certificate of every token, the unusable ones greyed with the reason.

A passive view: the controller fills it with a `Survey` (read on the token thread) and
reads `choice()` when it is accepted. Certificates that cannot sign (expired, not yet valid, not
for signing, a CA certificate) stay visible so the officer learns why, but cannot be chosen
(Thông tư 15/2025/TT-BKHCN: validity is checked before signing).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from common import clock
from counter_app.intake.sign_requests import Choice, Survey
from signing.certs import DEMO_MARK, CertificateInfo
from signing.tokens import TokenInfo

_CTX = "CertificatePickerDialog"
# Key usage names from signing.certs, in the officer's words.
_USAGE = {
    "digital_signature": QT_TRANSLATE_NOOP(_CTX, "Ký số"),
    "content_commitment": QT_TRANSLATE_NOOP(_CTX, "Chống chối bỏ"),
    "key_encipherment": QT_TRANSLATE_NOOP(_CTX, "Mã hóa khóa"),
    "data_encipherment": QT_TRANSLATE_NOOP(_CTX, "Mã hóa dữ liệu"),
    "key_agreement": QT_TRANSLATE_NOOP(_CTX, "Thỏa thuận khóa"),
    "key_cert_sign": QT_TRANSLATE_NOOP(_CTX, "Ký chứng thư"),
    "crl_sign": QT_TRANSLATE_NOOP(_CTX, "Ký danh sách thu hồi"),
}
DEMO_BANNER_STYLE = "background: #B71C1C; color: white; font-weight: bold; padding: 6px;"
_GREY = QColor("#8A8A8A")


def _t(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def usage_text(cert: CertificateInfo) -> str:
    return ", ".join(_t(_USAGE.get(u, u)) for u in cert.key_usage) or _t("(không ghi)")


def validity_text(cert: CertificateInfo) -> str:
    return f"{clock.local(cert.not_before):%d/%m/%Y} – {clock.local(cert.not_after):%d/%m/%Y}"


class CertificatePickerDialog(QDialog):
    """Lists certificates; `refresh_requested` asks the controller to read the tokens again."""

    refresh_requested = Signal()
    COLUMNS = (
        QT_TRANSLATE_NOOP(_CTX, "Người ký"),
        QT_TRANSLATE_NOOP(_CTX, "Tình trạng"),
        QT_TRANSLATE_NOOP(_CTX, "Hiệu lực"),
        QT_TRANSLATE_NOOP(_CTX, "Tổ chức"),
        QT_TRANSLATE_NOOP(_CTX, "Cấp bởi"),
        QT_TRANSLATE_NOOP(_CTX, "Mục đích"),
        QT_TRANSLATE_NOOP(_CTX, "Token"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Chọn chứng thư số để ký"))
        self.setMinimumSize(980, 420)
        self._choices: dict[int, Choice] = {}

        self.demo_banner = QLabel(self.tr("CHỨNG THƯ DEMO — KHÔNG CÓ GIÁ TRỊ PHÁP LÝ"))
        self.demo_banner.setStyleSheet(DEMO_BANNER_STYLE)
        self.demo_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.demo_banner.hide()
        self.status = QLabel(self.tr("Đang tìm thiết bị ký số (USB token)…"))
        self.status.setWordWrap(True)

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.tree.setRootIsDecorated(False)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.tree.header().setStretchLastSection(True)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.tree.currentItemChanged.connect(lambda item, _old: self._show_details(item))
        self.tree.itemActivated.connect(lambda _item, _col: self._accept_if_choosable())

        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setMinimumHeight(80)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setFrameShape(QFrame.Shape.StyledPanel)
        self.module_errors = QLabel()
        self.module_errors.setWordWrap(True)
        self.module_errors.setStyleSheet("color: #B26A00;")
        self.module_errors.hide()

        self.buttons = QDialogButtonBox()
        self.sign_button = QPushButton(self.tr("&Ký bằng chứng thư này"))
        self.sign_button.setToolTip(self.tr("Enter"))
        self.sign_button.setDefault(True)
        self.sign_button.setEnabled(False)
        self.refresh_button = QPushButton(self.tr("&Làm mới"))
        self.refresh_button.setToolTip(self.tr("Đọc lại danh sách token đang cắm (F5)"))
        self.cancel_button = QPushButton(self.tr("&Hủy"))
        self.cancel_button.setToolTip(self.tr("Esc"))
        self.buttons.addButton(self.sign_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.refresh_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.sign_button.clicked.connect(self._accept_if_choosable)
        self.cancel_button.clicked.connect(self.reject)
        self.refresh_button.clicked.connect(self.request_refresh)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.request_refresh)

        layout = QVBoxLayout(self)
        layout.addWidget(self.demo_banner)
        layout.addWidget(self.status)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.module_errors)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.tree, self.sign_button)
        self.show_loading()

    # -- filled by the controller ------------------------------------------------------------

    def request_refresh(self) -> None:
        self.show_loading()
        self.refresh_requested.emit()

    def show_loading(self) -> None:
        self.tree.clear()
        self._choices.clear()
        self.sign_button.setEnabled(False)
        self.refresh_button.setEnabled(False)
        self.status.setText(self.tr("Đang tìm thiết bị ký số (USB token)…"))

    def show_error(self, message: str, hint: str) -> None:
        self.refresh_button.setEnabled(True)
        self.status.setText(f"{message}\n{hint}".strip())

    def populate(self, survey: Survey, preferred: str | None = None) -> None:
        """Fill the list; `preferred` (a SHA-256 fingerprint) is preselected when still choosable."""
        self.tree.clear()
        self._choices.clear()
        self.refresh_button.setEnabled(True)
        found = [Choice(cert, token) for token in survey.tokens for cert in token.certificates]
        for choice in sorted(found, key=lambda c: (not c.cert.choosable, c.cert.holder)):
            self._add(choice)
        if survey.demo is not None:
            self._add(Choice(survey.demo, None))
        self.demo_banner.setVisible(survey.demo is not None)
        if survey.demo is not None:
            self.status.setText(
                self.tr(
                    "Không tìm thấy USB token: chữ ký sẽ dùng chứng thư DEMO, chỉ để thử nghiệm và đào tạo."
                )
            )
        elif not survey.tokens:
            self.status.setText(
                self.tr("Chưa cắm thiết bị ký số (USB token). Cắm token, chờ đèn sáng rồi bấm «Làm mới».")
            )
        else:
            usable = sum(1 for c in self._choices.values() if c.cert.choosable)
            self.status.setText(
                self.tr(
                    "{n} token, {u} chứng thư dùng để ký được. Chứng thư màu xám không chọn được."
                ).format(n=len(survey.tokens), u=usable)
            )
        self.module_errors.setVisible(bool(survey.module_errors))
        self.module_errors.setText(
            "\n".join(self.tr("Không dùng được {path}: {message}").format(path=p, message=m)
                      for p, m in survey.module_errors)
        )  # fmt: skip
        choosable = [i for i in range(self.tree.topLevelItemCount()) if self._choices[i].cert.choosable]
        again = [i for i in choosable if self._choices[i].cert.fingerprint_sha256 == preferred]
        if again:
            self.tree.setCurrentItem(self.tree.topLevelItem(again[0]))
        elif choosable:
            # The only usable certificate is preselected; with several, the first gets the focus.
            self.tree.setCurrentItem(self.tree.topLevelItem(choosable[0]))
            if len(choosable) > 1:
                self.tree.clearSelection()
        self.tree.setFocus()

    def _add(self, choice: Choice) -> None:
        cert = choice.cert
        if cert.demo:
            state = DEMO_MARK
        elif cert.choosable:
            state = self.tr("Dùng để ký được")
        else:
            state = self.tr("Không chọn được: {reason}").format(reason=" ".join(cert.reasons))
        values = [
            cert.holder, state, validity_text(cert), cert.organisation, cert.issuer, usage_text(cert),
            _token_text(choice.token),
        ]  # fmt: skip
        item = QTreeWidgetItem(values)
        item.setToolTip(1, state)
        if not cert.choosable:
            # Enabled but not selectable: the officer can still arrow onto it and read why.
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for column in range(len(values)):
                item.setForeground(column, QBrush(_GREY))
        if cert.demo:
            item.setForeground(1, QBrush(QColor("#B71C1C")))
        self._choices[self.tree.topLevelItemCount()] = choice
        self.tree.addTopLevelItem(item)
        self.tree.setColumnWidth(1, 280)

    def _show_details(self, item: QTreeWidgetItem | None) -> None:
        choice = self._choices.get(self.tree.indexOfTopLevelItem(item)) if item is not None else None
        if choice is None:
            self.details.clear()
            return
        cert = choice.cert
        lines = [
            f"<b>{escape(cert.holder)}</b> — {escape(cert.organisation)}",
            self.tr("Cấp bởi: {issuer} · Số hiệu: {serial} · Khóa: {alg}").format(
                issuer=escape(cert.issuer), serial=cert.serial, alg=cert.key_algorithm
            ),
            self.tr("Hiệu lực: {validity} · Mục đích: {usage}").format(
                validity=validity_text(cert), usage=escape(usage_text(cert))
            ),
        ]
        if cert.demo:
            lines.append(f"<span style='color:#B71C1C'><b>{escape(DEMO_MARK)}</b></span>")
        for reason in cert.reasons:
            lines.append(f"<span style='color:#B71C1C'>✖ {escape(reason)}</span>")
        self.details.setText("<br>".join(lines))

    # -- reading the choice ------------------------------------------------------------------

    def rows(self) -> list[tuple[Choice, QTreeWidgetItem]]:
        return [(self._choices[i], self.tree.topLevelItem(i)) for i in range(self.tree.topLevelItemCount())]

    def choice(self) -> Choice | None:
        item = self.tree.currentItem()
        if item is None or not item.isSelected():
            return None
        found = self._choices.get(self.tree.indexOfTopLevelItem(item))
        return found if found is not None and found.cert.choosable else None

    def _selection_changed(self) -> None:
        self.sign_button.setEnabled(self.choice() is not None)

    def _accept_if_choosable(self) -> None:
        if self.choice() is not None:
            self.accept()


def _token_text(token: TokenInfo | None) -> str:
    if token is None:
        return _t("Kho khóa DEMO")
    return f"{token.label} ({token.manufacturer})".strip()
