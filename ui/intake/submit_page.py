"""Step 4, Ký số & nộp: review the PDFs (pages, size), sign them all in one batch, then the
portal account (check, create with consent, or guide to VNeID), contact, fee and payment, how the
result goes back (counter, public post, online), and submit through the outbox.

The filing box opens with who the dossier is filed for and who brought it (issue #25). An
organisation, an agency or a foreigner has no citizen account to look up: «Kiểm tra tài khoản»
records, through the service, that the applicant files through its own account, and the officer
tells the representative so («Đã hướng dẫn tự nộp»)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.applicant import ApplicantKind
from counter_app.contact import ContactError
from counter_app.dossier import Dossier, DossierState, filing_channel
from counter_app.intake.outcomes import AccountChecked, FilingChoice, PdfFacts, ToSign
from counter_app.intake.sign_requests import SignDocument
from counter_app.intake.stamp_places import with_corners
from counter_app.receipt_labels import PAYMENT_LABELS, RETURN_LABELS
from ui.intake.applicant_summary import summary_html
from ui.intake.components_page import kb
from ui.intake.contact_fields import ContactFields
from ui.intake.pdf_review import PdfReview
from ui.intake.procedure_page import money
from ui.intake.stamp_dialog import StampPlacementDialog
from ui.widgets.signing import SigningController

if TYPE_CHECKING:
    from ui.intake.host import IntakeHost

S = DossierState
K = ApplicantKind
GUIDED_TO_ORGANISATION = "organisation_account"  # the citizen_guided event's target for an organisation
# An applicant that is not a citizen with a card files through an account of its own, not the
# representative's VNeID account (Decree 69/2024: organisations and foreigners have e-ID accounts).
OWN_ACCOUNT_NOTES = {
    K.ORGANISATION: QT_TRANSLATE_NOOP(
        "SubmitPage",
        "Tổ chức nộp trực tuyến bằng tài khoản định danh điện tử của chính tổ chức, không dùng tài khoản VNeID"
        " cá nhân của người nộp thay; cán bộ nộp hồ sơ này tại quầy.",
    ),
    K.AGENCY: QT_TRANSLATE_NOOP(
        "SubmitPage",
        "Cơ quan nộp trực tuyến bằng tài khoản của chính cơ quan, không dùng tài khoản VNeID cá nhân của"
        " người nộp thay; cán bộ nộp hồ sơ này tại quầy.",
    ),
    K.FOREIGNER: QT_TRANSLATE_NOOP(
        "SubmitPage",
        "Người nước ngoài dùng tài khoản định danh điện tử cấp cho người nước ngoài; cổng không tra theo số"
        " hộ chiếu tại quầy, cán bộ nộp hồ sơ này tại quầy.",
    ),
}
OWN_ACCOUNT_GUIDED = {
    K.ORGANISATION: QT_TRANSLATE_NOOP("SubmitPage", "Đã hướng dẫn tổ chức tự nộp (&VNeID)"),
    K.AGENCY: QT_TRANSLATE_NOOP("SubmitPage", "Đã hướng dẫn cơ quan tự nộp (&VNeID)"),
    K.FOREIGNER: QT_TRANSLATE_NOOP("SubmitPage", "Đã hướng dẫn dùng &VNeID"),
}
CHANNEL_LABELS = {1: "Trực tiếp tại quầy", 2: "Trực tuyến", 3: "Bưu chính công ích"}


class SubmitPage(QWidget):
    def __init__(self, section: IntakeHost, *, include_known_tokens: bool = True) -> None:
        super().__init__()
        self.section = section
        self.signing = SigningController(
            self, section.ctx, section.tasks, include_known=include_known_tokens, service=section.service
        )
        self.stamp_dialog: StampPlacementDialog | None = None
        self.table = QTreeWidget()
        self.table.setHeaderLabels(
            [self.tr("Thành phần"), self.tr("Số trang"), self.tr("Dung lượng"), self.tr("Ký số")]
        )
        self.table.setRootIsDecorated(False)
        self.table.setColumnWidth(0, 420)
        # Its rows, not its default 192 px, set its height: the step fits a 1366×768 screen.
        self.table.setSizeAdjustPolicy(QTreeWidget.SizeAdjustPolicy.AdjustToContents)
        self.table.setMinimumHeight(90)
        self.demo_label = QLabel(
            self.tr(
                "<b style='color:#a40000'>CHỨNG THƯ DEMO</b> — chữ ký dùng để trình diễn, không có giá trị pháp lý."
            )
        )
        self.sign = QPushButton(self.tr("&Ký số tất cả tệp PDF"))  # Ctrl+K: the section's GuardedButton
        self.sign.clicked.connect(self.sign_all)
        self.signed_by = QLabel()

        self.account_state = QLabel(self.tr("Chưa kiểm tra."))
        self.account_state.setWordWrap(True)
        self.check_account = QPushButton(self.tr("Kiểm tr&a tài khoản"))
        self.check_account.clicked.connect(self._check_account)
        # Short enough for the account row to fit the step at 125 % on a 1366×768 screen.
        self.consent = QCheckBox(self.tr("Công dân đồng ý tạo tài khoản"))
        self.consent.setToolTip(
            self.tr("Công dân đồng ý cho cán bộ tạo tài khoản cổng dịch vụ công bằng thông tin trên thẻ")
        )
        self.create_account = QPushButton(self.tr("Tạ&o tài khoản"))
        self.create_account.clicked.connect(self._create_account)
        self.consent.toggled.connect(self._refresh_account_buttons)
        self.guided = QPushButton(self.tr("Đã hướng dẫn dùng &VNeID"))
        self.guided.setToolTip(self.tr("Ghi nhận đã hướng dẫn công dân nộp trực tuyến qua VNeID"))
        self.guided.clicked.connect(self._guided)
        self.account_id = ""
        self.applicant_line = QLabel()  # who the dossier is for, and who brought it
        self.applicant_line.setWordWrap(True)
        self.applicant_line.setTextFormat(Qt.TextFormat.RichText)
        self._applicant_load = 0

        self.contact = ContactFields()
        self.phone, self.email = self.contact.phone, self.contact.email
        self.fee = QLabel()
        self.payment = QComboBox()
        for key, label in PAYMENT_LABELS.items():
            self.payment.addItem(self.tr(label), key)
        self.return_method = QComboBox()
        for key, label in RETURN_LABELS.items():
            self.return_method.addItem(self.tr(label), key)
        self.return_address = QLineEdit()
        self.return_address.setPlaceholderText(self.tr("Địa chỉ nhận qua bưu chính công ích"))
        self.return_method.currentIndexChanged.connect(self._return_changed)
        self.channel = QLabel()
        self.file = QPushButton(self.tr("&Nộp hồ sơ"))  # Ctrl+Enter: the section's GuardedButton
        self.file.clicked.connect(self.submit)
        self.file_why = QLabel()  # why filing cannot run yet, in words, next to the button
        self.file_why.setObjectName("fileWhy")
        self.file_why.setWordWrap(True)
        self.file_why.setStyleSheet("QLabel#fileWhy { color: #7a4b00; }")

        sign_box = QGroupBox(self.tr("Các tệp PDF của hồ sơ"))
        sign_layout = QVBoxLayout(sign_box)
        sign_layout.setSpacing(3)
        self.review = PdfReview(section, self.table)  # thumbnails, the viewer, pages two components share
        sign_layout.addWidget(self.review.warning)
        sign_layout.addWidget(self.table)
        sign_row = QHBoxLayout()
        sign_row.addWidget(self.sign)
        sign_row.addWidget(self.demo_label, 1)
        sign_layout.addLayout(sign_row)
        sign_layout.addWidget(self.signed_by)

        account_row = QHBoxLayout()
        for widget in (self.check_account, self.consent, self.create_account, self.guided):
            account_row.addWidget(widget)
        account_row.addStretch(1)
        form = QFormLayout()
        form.setVerticalSpacing(3)  # nine rows: with the PDFs above they must fit a 1366×768 screen
        form.addRow(self.tr("Người nộp:"), self.applicant_line)
        form.addRow(self.tr("Tài khoản cổng:"), self.account_state)
        form.addRow("", self._wrap(account_row))
        form.addRow(self.tr("Điện thoại:"), self.phone)
        form.addRow(self.tr("Thư điện tử:"), self.email)
        form.addRow(self.contact.error)  # the whole row's width: one or two lines, not a tall column
        form.addRow(self.tr("Lệ phí:"), self.fee)
        form.addRow(self.tr("T&hanh toán:"), self.payment)
        form.addRow(self.tr("Nhận kết &quả:"), self.return_method)
        form.addRow(self.tr("Địa &chỉ nhận:"), self.return_address)
        form.addRow(self.tr("Kênh nộp:"), self.channel)
        self.file_box = QGroupBox(self.tr("Nộp trực tuyến"))
        file_layout = QVBoxLayout(self.file_box)
        file_layout.addLayout(form)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file)
        file_row.addWidget(self.file_why, 1)
        file_layout.addLayout(file_row)

        layout = QVBoxLayout(self)
        layout.addWidget(sign_box, 1)
        layout.addWidget(self.file_box)
        self._return_changed()

    @staticmethod
    def _wrap(row: QHBoxLayout) -> QWidget:
        holder = QWidget()
        row.setContentsMargins(0, 0, 0, 0)
        holder.setLayout(row)
        return holder

    # -- showing ------------------------------------------------------------------------------------

    def show_dossier(self, dossier: Dossier | None) -> None:
        self.table.clear()
        state = dossier.state if dossier else None
        self._show_account(dossier)
        self._show_applicant(dossier)
        if dossier is None:
            self.signing.forget()  # a stopped batch's signed PDFs belonged to that dossier
            self.demo_label.hide()
            self.signed_by.clear()
            self.consent.setChecked(False)
            self.contact.clear()
            return
        self.fee.setText(money(dossier.fee) if dossier.fee else self.tr("Không thu phí"))
        self.payment.setEnabled(bool(dossier.fee))
        if not dossier.fee:
            self.payment.setCurrentIndex(self.payment.findData("none"))
        elif self.payment.currentData() == "none":
            self.payment.setCurrentIndex(self.payment.findData("cash"))
        # What the portal records: a walk-in filed by the counter is an online dossier (KPI 3.3).
        received, filed = int(dossier.channel), int(filing_channel(dossier))
        self.channel.setText(
            self.tr("{received} → cổng ghi nhận: {filed}").format(
                received=self.tr(CHANNEL_LABELS[received]), filed=self.tr(CHANNEL_LABELS[filed])
            )
        )
        if state in (S.PDFS_BUILT, S.SIGNED, S.QUEUED, S.FILED, S.RECEIPT_PRINTED):
            self.section.tasks.run(
                self.section.service.pdf_facts,
                on_result=self._show_facts,
                on_error=self.section.show_error,
                dossier=dossier,
            )

    def _show_applicant(self, dossier: Dossier | None) -> None:
        self._applicant_load += 1
        if dossier is None or dossier.state in (S.DRAFT, S.CITIZEN_IDENTIFIED):
            self.applicant_line.clear()
            return
        load = self._applicant_load
        self.section.tasks.run(  # unsealed on a worker
            self.section.service.applicant_view,
            on_result=lambda found: (
                load == self._applicant_load and self.applicant_line.setText(summary_html(*found, self.tr))
            ),
            on_error=self.section.show_error,
            context=self,
            local_ref=dossier.local_ref,
        )

    def _show_facts(self, facts: list[PdfFacts]) -> None:
        self.table.clear()
        for fact in facts:
            signed = (
                self.tr("tái sử dụng (đã ký)")
                if fact.reused
                else (self.tr("đã ký") if fact.signed else self.tr("chưa ký"))
            )
            QTreeWidgetItem(self.table, [fact.name, str(fact.pages), kb(fact.size), signed])
        self.review.facts_shown(facts)

    def _can_file(self) -> bool:
        dossier = self.section.dossier
        return dossier is not None and dossier.state is S.SIGNED

    def _busy_reason(self) -> str:
        dossier = self.section.dossier
        if dossier is None:
            return self.tr("Chưa có hồ sơ: bắt đầu từ bước 1 (Công dân).")
        if self.section.busy or self.signing.busy:
            return self.tr("Đang làm việc khác của hồ sơ; chờ xong hoặc bấm «Dừng» (Esc).")
        if dossier.state is S.CANCELLED:
            return self.tr("Hồ sơ đã hủy.")
        return ""

    def why_not_sign(self) -> str:
        """ "" when Ctrl+K can sign now, else why not and what to do first."""
        reason = self._busy_reason()
        if reason:
            return reason
        state = self.section.dossier.state  # type: ignore[union-attr]
        if state in (S.SIGNED, S.QUEUED, S.FILED, S.RECEIPT_PRINTED):
            return self.tr("Các tệp PDF của hồ sơ đã được ký số.")
        if state is not S.PDFS_BUILT:
            return self.tr("Chưa có tệp PDF để ký: ở bước 3 (Thành phần) bấm «Tạo PDF» (Ctrl+B) trước.")
        return ""

    def why_not_file(self) -> str:
        """ "" when Ctrl+Enter can file now, else why not and what to do first."""
        reason = self._busy_reason()
        if reason:
            return reason
        dossier = self.section.dossier
        assert dossier is not None
        if dossier.state in (S.QUEUED, S.FILED, S.RECEIPT_PRINTED):
            return self.tr("Hồ sơ đã được nộp; phiếu tiếp nhận ở bước 5.")
        if dossier.state is not S.SIGNED:
            return self.tr("Chưa ký số các tệp PDF: ký (Ctrl+K) trước khi nộp.")
        if not self.section.wf.account_settled(dossier):
            return self.tr(
                "Chưa kiểm tra tài khoản cổng của công dân: bấm «Kiểm tra tài khoản» (Alt+A),"
                " hoặc «Đã hướng dẫn dùng VNeID» khi cổng không trả lời."
            )
        return self.contact.problem()

    def refresh_reasons(self) -> None:
        """The filing box says in words why it is greyed; the account buttons follow the dossier."""
        self.file_box.setEnabled(self._can_file())
        why = self.why_not_file()
        self.file_why.setText(why)
        self.file_box.setToolTip(why)
        self._refresh_account_buttons()

    def _return_changed(self) -> None:
        self.return_address.setEnabled(self.return_method.currentData() == "public_post")

    def entered(self) -> None:
        (self.sign if self.sign.isEnabled() else self.file).setFocus(Qt.FocusReason.OtherFocusReason)

    # -- actions ------------------------------------------------------------------------------------

    def sign_all(self) -> None:
        """Unseal the PDFs in memory with where their stamps go, then the signing controller:
        certificate, PIN, one login for the whole batch, progress and Cancel; the batch
        (`IntakeService.sign`) seals the signed PDFs into the dossier."""
        dossier = self.section.dossier
        if dossier is None or self.why_not_sign():
            return
        self.section.run(
            self.section.service.to_sign,
            self._unsealed,
            self.tr("Đang chuẩn bị các tệp để ký…"),
            local_ref=dossier.local_ref,
        )

    def _unsealed(self, to_sign: ToSign) -> None:
        """A document with no white space at the top left of page 1 is shown to the officer,
        who picks the corner (ui.intake.stamp_dialog)."""
        documents = to_sign.documents
        if not to_sign.choices:
            self._sign_documents(documents)
            return
        self.stamp_dialog = StampPlacementDialog(to_sign.choices, self)
        self.stamp_dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.stamp_dialog.accepted.connect(
            lambda: self._sign_documents(with_corners(documents, self.stamp_dialog.corners()))
        )
        self.stamp_dialog.open()

    def _sign_documents(self, documents: list[SignDocument]) -> None:
        dossier = self.section.dossier
        assert dossier is not None
        self.signing.sign(documents, self._signed_files, self._signing_failed, local_ref=dossier.local_ref)
        self.section.refresh_actions()  # signing now: Ctrl+K says so instead of starting again

    def _signed_files(self, _outputs: list[bytes]) -> None:
        outcome, dossier = self.signing.outcome, self.signing.dossier
        if outcome is None or dossier is None or self.section.dossier is None:
            return
        self.demo_label.setVisible(outcome.demo)
        self.signed_by.setText(
            self.tr("Đã ký bởi: {name}, mức {level}").format(name=outcome.signer, level=outcome.level)
        )
        self._signed(dossier)

    def _signing_failed(self, _exc: BaseException) -> None:
        # The controller has shown what happened; the dossier is unchanged, signing can start again.
        self.section.dossier_changed(self.section.dossier)  # type: ignore[arg-type]

    def _signed(self, dossier: Dossier) -> None:
        self.section.dossier_changed(dossier)
        self.entered()

    def _account(self) -> dict[str, Any]:
        dossier = self.section.dossier
        return dict(dossier.details.get("account") or {}) if dossier is not None else {}

    def _show_account(self, dossier: Dossier | None) -> None:
        """What the dossier records about the applicant's portal account (it survives a resume)."""
        account = self._account() if dossier is not None else {}
        self.account_id = str(account.get("account_id", ""))
        kind = dossier.applicant_kind if dossier is not None else K.INDIVIDUAL
        own = kind is not K.INDIVIDUAL
        for widget in (self.consent, self.create_account):
            widget.setVisible(not own)  # the officer creates citizens' accounts only
        self.guided.setText(self.tr(OWN_ACCOUNT_GUIDED[kind] if own else "Đã hướng dẫn dùng &VNeID"))
        if own:
            text = self.tr(OWN_ACCOUNT_NOTES[kind])
            if not account:
                text = self.tr("Chưa ghi nhận; bấm «Kiểm tra tài khoản». ") + text
        elif account.get("created"):
            text = self.tr("Đã tạo tài khoản cho công dân ({provider}, mức {level}).")
        elif account.get("found"):
            text = self.tr("Công dân đã có tài khoản ({provider}, mức {level}).")
        elif account.get("checked") is False:
            text = self.tr("Chưa tra cứu được tài khoản: cổng không trả lời lúc nộp tự động.")
        elif account:
            text = self.tr(
                "Công dân chưa có tài khoản. Tạo tài khoản (cần công dân đồng ý) hoặc hướng dẫn đăng ký VNeID."
            )
        else:
            text = self.tr("Chưa kiểm tra.")
        if dossier is not None and dossier.details.get("guided_to"):
            text += " " + self.tr(
                "Đã hướng dẫn người nộp thay để tổ chức tự nộp bằng tài khoản của tổ chức."
                if kind in (K.ORGANISATION, K.AGENCY)
                else "Đã hướng dẫn đăng ký và nộp trực tuyến qua VNeID."
            )
        self.account_state.setText(
            text.format(provider=account.get("provider", ""), level=account.get("level", 0))
        )
        self._refresh_account_buttons()

    def _refresh_account_buttons(self) -> None:
        account = self._account()
        has_one = bool(account.get("found") or account.get("created"))
        why = ""
        if not self._can_file():
            why = self.tr("Làm được sau khi đã ký số các tệp PDF, trước khi nộp.")
        elif has_one:
            why = self.tr("Công dân đã có tài khoản trên cổng; không cần tạo nữa.")
        elif not self.consent.isChecked():
            why = self.tr("Cần công dân đồng ý: đánh dấu ô đồng ý trước.")
        self.create_account.setEnabled(not why)
        self.create_account.setToolTip(why or self.tr("Tạo tài khoản trên cổng bằng thông tin trên thẻ"))
        self.consent.setEnabled(self._can_file() and not has_one)

    def _check_account(self) -> None:
        dossier = self.section.dossier
        if dossier is not None:
            self.section.run(
                self.section.service.check_account,
                self._account_checked,
                self.tr("Đang tra cứu tài khoản trên cổng…"),
                local_ref=dossier.local_ref,
            )

    def _account_checked(self, checked: AccountChecked) -> None:
        self.section.dossier_changed(checked.dossier)

    def _create_account(self) -> None:
        dossier = self.section.dossier
        if dossier is None or not self.create_account.isEnabled():
            return
        problem = self.contact.problem()
        if problem:
            self.section.strip.failed(ContactError(problem))
            return
        self.section.run(
            self.section.service.create_account,
            self._account_checked,
            self.tr("Đang tạo tài khoản trên cổng…"),
            local_ref=dossier.local_ref,
            phone=self.phone.text().strip(),
            email=self.email.text().strip(),
        )

    def _guided(self) -> None:
        dossier = self.section.dossier
        if dossier is not None:
            organisation = dossier.applicant_kind in (K.ORGANISATION, K.AGENCY)
            self.section.run(
                self.section.service.record_guided,
                self.section.dossier_changed,
                self.tr("Đang ghi nhận…"),
                local_ref=dossier.local_ref,
                guided_to=GUIDED_TO_ORGANISATION if organisation else "VNeID",
            )

    def choice(self) -> FilingChoice:
        contact = self.contact.contact()
        return FilingChoice(
            payment_method=self.payment.currentData(),
            return_method=self.return_method.currentData(),
            return_address=self.return_address.text().strip() if self.return_address.isEnabled() else "",
            phone=contact.phone,
            email=contact.email,
            account_id=self.account_id,
        )

    def submit(self) -> None:
        dossier = self.section.dossier
        if dossier is None or self.why_not_file():
            return
        self.section.run(
            self.section.service.file,
            self._submitted,
            self.tr("Đang đưa hồ sơ vào hàng đợi gửi…"),
            local_ref=dossier.local_ref,
            choice=self.choice(),
        )

    def _submitted(self, dossier: Dossier) -> None:
        self.section.dossier_changed(dossier)
        self.section.go(4)
