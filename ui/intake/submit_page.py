"""Step 4, Ký số & nộp: review the PDFs (pages, size), sign them all in one batch, then the
portal account (check, create with consent, or guide to VNeID), contact, fee and payment, how the
result goes back (counter, public post, online), and submit through the outbox."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
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

from counter_app.dossier import Dossier, DossierState, filing_channel
from counter_app.intake.outcomes import FilingChoice, PdfFacts
from counter_app.intake.sign_requests import SignDocument
from counter_app.receipt_labels import PAYMENT_LABELS, RETURN_LABELS
from ui.intake.components_page import kb
from ui.intake.pdf_review import PdfReview
from ui.intake.procedure_page import money
from ui.widgets.signing import SigningController

if TYPE_CHECKING:
    from ui.intake.host import IntakeHost

S = DossierState
CHANNEL_LABELS = {1: "Trực tiếp tại quầy", 2: "Trực tuyến", 3: "Bưu chính công ích"}


class SubmitPage(QWidget):
    def __init__(self, section: IntakeHost, *, include_known_tokens: bool = True) -> None:
        super().__init__()
        self.section = section
        self.signing = SigningController(
            self, section.ctx, section.tasks, include_known=include_known_tokens, service=section.service
        )
        self._sign_keys: list[str] = []
        self._sign_started = 0.0
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
        self.sign = QPushButton(self.tr("&Ký số tất cả tệp PDF"))
        self.sign.setToolTip(self.tr("Ký số cả lô trong một lần đăng nhập (Ctrl+K)"))
        self.sign.setShortcut(QKeySequence("Ctrl+K"))
        self.sign.clicked.connect(self.sign_all)
        self.signed_by = QLabel()

        self.account_state = QLabel(self.tr("Chưa kiểm tra."))
        self.account_state.setWordWrap(True)
        self.check_account = QPushButton(self.tr("Kiểm tr&a tài khoản"))
        self.check_account.clicked.connect(self._check_account)
        self.consent = QCheckBox(self.tr("Công dân đồng ý cho cán bộ tạo tài khoản bằng thông tin trên thẻ"))
        self.create_account = QPushButton(self.tr("Tạ&o tài khoản"))
        self.create_account.clicked.connect(self._create_account)
        self.consent.toggled.connect(lambda on: self.create_account.setEnabled(on and self._can_file()))
        self.guided = QPushButton(self.tr("Đã hướng dẫn dùng &VNeID"))
        self.guided.setToolTip(self.tr("Ghi nhận đã hướng dẫn công dân nộp trực tuyến qua VNeID"))
        self.guided.clicked.connect(self._guided)
        self.account_id = ""

        self.phone = QLineEdit()
        self.email = QLineEdit()
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
        self.file = QPushButton(self.tr("&Nộp hồ sơ"))
        self.file.setToolTip(self.tr("Đưa hồ sơ vào hàng đợi gửi lên cổng dịch vụ công (Ctrl+Enter)"))
        self.file.setShortcut(QKeySequence("Ctrl+Return"))
        self.file.clicked.connect(self.submit)

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
        form.addRow(self.tr("Tài khoản cổng:"), self.account_state)
        form.addRow("", self._wrap(account_row))
        form.addRow(self.tr("Điện thoại:"), self.phone)
        form.addRow(self.tr("Thư điện tử:"), self.email)
        form.addRow(self.tr("Lệ phí:"), self.fee)
        form.addRow(self.tr("T&hanh toán:"), self.payment)
        form.addRow(self.tr("Nhận kết &quả:"), self.return_method)
        form.addRow(self.tr("Địa &chỉ nhận:"), self.return_address)
        form.addRow(self.tr("Kênh nộp:"), self.channel)
        self.file_box = QGroupBox(self.tr("Nộp trực tuyến"))
        file_layout = QVBoxLayout(self.file_box)
        file_layout.addLayout(form)
        file_layout.addWidget(self.file, 0, Qt.AlignmentFlag.AlignLeft)

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
        self.sign.setEnabled(state is S.PDFS_BUILT and not self.signing.busy)
        self.file_box.setEnabled(self._can_file())
        self.create_account.setEnabled(self.consent.isChecked() and self._can_file())
        if dossier is None:
            self.signing.forget()  # a stopped batch's signed PDFs belonged to that dossier
            self.demo_label.hide()
            self.signed_by.clear()
            self.account_state.setText(self.tr("Chưa kiểm tra."))
            self.account_id = ""
            self.consent.setChecked(False)
            self.phone.clear()
            self.email.clear()
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

    def _return_changed(self) -> None:
        self.return_address.setEnabled(self.return_method.currentData() == "public_post")

    def entered(self) -> None:
        (self.sign if self.sign.isEnabled() else self.file).setFocus(Qt.FocusReason.OtherFocusReason)

    # -- actions ------------------------------------------------------------------------------------

    def sign_all(self) -> None:
        """Unseal the PDFs in memory, then the signing controller: certificate, PIN, one login
        for the whole batch, progress and Cancel; then seal the signed PDFs into the dossier."""
        dossier = self.section.dossier
        if dossier is None or dossier.state is not S.PDFS_BUILT or self.signing.busy:
            return
        self.section.run(
            self.section.service.documents_to_sign,
            self._unsealed,
            self.tr("Đang chuẩn bị các tệp để ký…"),
            local_ref=dossier.local_ref,
        )

    def _unsealed(self, documents: list[SignDocument]) -> None:
        self._sign_keys = [d.key for d in documents]
        self._sign_started = time.perf_counter()
        self.sign.setEnabled(False)
        self.signing.sign(documents, self._signed_files, self._signing_failed)

    def _signed_files(self, outputs: list[bytes]) -> None:
        outcome = self.signing.outcome
        dossier = self.section.dossier
        if outcome is None or dossier is None:
            return
        self.demo_label.setVisible(outcome.demo)
        self.signed_by.setText(
            self.tr("Đã ký bởi: {name}, mức {level}").format(name=outcome.signer, level=outcome.level)
        )
        self.section.run(
            self.section.service.attach_signatures,
            self._signed,
            self.tr("Đang lưu các tệp đã ký vào hồ sơ…"),
            local_ref=dossier.local_ref,
            signed=dict(zip(self._sign_keys, outputs, strict=True)),
            level=outcome.level,
            signer=outcome.signer,
            duration_ms=int((time.perf_counter() - self._sign_started) * 1000),
        )

    def _signing_failed(self, _exc: BaseException) -> None:
        # The controller has shown what happened; the dossier is unchanged, signing can start again.
        self.sign.setEnabled(self.section.dossier is not None and self.section.dossier.state is S.PDFS_BUILT)

    def _signed(self, dossier: Dossier) -> None:
        self.section.dossier_changed(dossier)
        self.entered()

    def _check_account(self) -> None:
        dossier = self.section.dossier
        if dossier is not None:
            self.section.run(
                self.section.service.check_account,
                self._account_checked,
                self.tr("Đang tra cứu tài khoản trên cổng…"),
                local_ref=dossier.local_ref,
            )

    def _account_checked(self, info: Any) -> None:
        if info.found:
            self.account_id = info.account_id
            self.account_state.setText(
                self.tr("Công dân đã có tài khoản ({provider}, mức {level}).").format(
                    provider=info.provider, level=info.level
                )
            )
        else:
            self.account_state.setText(
                self.tr(
                    "Công dân chưa có tài khoản. Tạo tài khoản (cần công dân đồng ý) hoặc hướng dẫn đăng ký VNeID."
                )
            )

    def _create_account(self) -> None:
        dossier = self.section.dossier
        if dossier is not None and self.consent.isChecked():
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
            self.section.run(
                self.section.service.record_guided,
                self._was_guided,
                self.tr("Đang ghi nhận…"),
                local_ref=dossier.local_ref,
                guided_to="VNeID",
            )

    def _was_guided(self, dossier: Dossier) -> None:
        self.account_state.setText(self.tr("Đã hướng dẫn công dân đăng ký và nộp trực tuyến qua VNeID."))
        self.section.dossier_changed(dossier)

    def choice(self) -> FilingChoice:
        return FilingChoice(
            payment_method=self.payment.currentData(),
            return_method=self.return_method.currentData(),
            return_address=self.return_address.text().strip() if self.return_address.isEnabled() else "",
            phone=self.phone.text().strip(),
            email=self.email.text().strip(),
            account_id=self.account_id,
        )

    def submit(self) -> None:
        dossier = self.section.dossier
        if not self._can_file() or dossier is None:
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
