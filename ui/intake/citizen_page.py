"""Step 1, Công dân: the ID capture widget when present, else manual entry checked like a QR
payload; a returning citizen's earlier dossiers and signed components that may be reused."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.citizen import CitizenId
from counter_app.dossier import Channel, Dossier, DossierState
from ui.intake import steps
from ui.intake.manual_entry import citizen_from_form

if TYPE_CHECKING:
    from ui.intake.section import IntakeSection

CHANNELS = (
    (Channel.IN_PERSON, "Trực tiếp tại Bộ phận Một cửa"),
    (Channel.ONLINE, "Trực tuyến (cán bộ nộp thay trên cổng)"),
    (Channel.POSTAL, "Qua dịch vụ bưu chính công ích"),
)


def _id_capture_widget(section: IntakeSection) -> QWidget | None:
    """The camera / handheld-reader widget, written in parallel: manual entry until it lands."""
    try:
        from ui.widgets.id_capture import IdCaptureWidget
    except ImportError:
        return None
    return IdCaptureWidget(section.ctx, section.tasks)


class CitizenPage(QWidget):
    def __init__(self, section: IntakeSection) -> None:
        super().__init__()
        self.section = section
        self.id_number = QLineEdit()
        self.id_number.setValidator(QRegularExpressionValidator(r"[0-9]{0,12}"))
        self.id_number.setPlaceholderText(self.tr("12 chữ số"))
        self.full_name = QLineEdit()
        self.date_of_birth = QLineEdit()
        self.date_of_birth.setPlaceholderText(self.tr("ngày/tháng/năm"))
        self.sex = QComboBox()
        self.sex.addItems(["Nam", "Nữ"])
        self.address = QLineEdit()
        self.issue_date = QLineEdit()
        self.issue_date.setPlaceholderText(self.tr("ngày/tháng/năm (không bắt buộc)"))
        self.old_id = QLineEdit()
        self.old_id.setPlaceholderText(self.tr("không bắt buộc"))
        self.channel = QComboBox()
        for value, label in CHANNELS:
            self.channel.addItem(self.tr(label), int(value))
        self.civil_servant = QCheckBox(self.tr("Người nộp là cán bộ, công chức, &viên chức"))
        self.checks = QLabel()
        self.checks.setWordWrap(True)
        self.confirm = QPushButton(self.tr("&Xác nhận công dân"))
        self.confirm.setToolTip(self.tr("Lưu công dân vào hồ sơ (Enter)"))
        self.confirm.setDefault(True)
        self.confirm.clicked.connect(self.confirm_manual)

        form = QFormLayout()
        form.addRow(self.tr("Số định &danh:"), self.id_number)
        form.addRow(self.tr("&Họ và tên:"), self.full_name)
        form.addRow(self.tr("Ngày &sinh:"), self.date_of_birth)
        form.addRow(self.tr("&Giới tính:"), self.sex)
        form.addRow(self.tr("Nơi thường &trú:"), self.address)
        form.addRow(self.tr("Ngày &cấp thẻ:"), self.issue_date)
        form.addRow(self.tr("Số CMND &cũ:"), self.old_id)
        form.addRow(self.tr("&Kênh nộp:"), self.channel)
        form.addRow("", self.civil_servant)
        for edit in (
            self.id_number,
            self.full_name,
            self.date_of_birth,
            self.address,
            self.issue_date,
            self.old_id,
        ):
            edit.textChanged.connect(self._validate)
            edit.returnPressed.connect(self.confirm_manual)

        manual = QGroupBox(self.tr("Nhập tay thông tin trên thẻ căn cước"))
        box = QVBoxLayout(manual)
        box.addLayout(form)
        box.addWidget(self.checks)
        box.addWidget(self.confirm, 0, Qt.AlignmentFlag.AlignLeft)

        self.capture = _id_capture_widget(section)
        if self.capture is not None:
            self.capture.citizen_read.connect(self.citizen_read)  # type: ignore[attr-defined]

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.earlier = QListWidget()
        self.earlier.setMaximumHeight(140)
        self.reusable = QListWidget()
        self.reusable.setMaximumHeight(140)
        self.history = QGroupBox(self.tr("Công dân đã từng nộp hồ sơ"))
        history = QVBoxLayout(self.history)
        history.addWidget(QLabel(self.tr("Hồ sơ trước đây:")))
        history.addWidget(self.earlier)
        history.addWidget(QLabel(self.tr("Giấy tờ đã số hóa, đã ký — có thể tái sử dụng:")))
        history.addWidget(self.reusable)
        self.history.hide()

        row = QHBoxLayout()
        if self.capture is not None:
            row.addWidget(self.capture, 1)
        row.addWidget(manual, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.history)
        layout.addStretch(1)
        self._validate()

    # -- entering -----------------------------------------------------------------------------------

    def clear(self) -> None:
        for edit in (
            self.id_number,
            self.full_name,
            self.date_of_birth,
            self.address,
            self.issue_date,
            self.old_id,
        ):
            edit.clear()
        self.civil_servant.setChecked(False)
        self.channel.setCurrentIndex(0)
        self.earlier.clear()
        self.reusable.clear()
        self.history.hide()
        self.summary.clear()
        self.entered()

    def entered(self) -> None:
        if self.capture is None or self.section.dossier is not None:
            self.id_number.setFocus(Qt.FocusReason.OtherFocusReason)

    def _entry(self) -> Any:
        return citizen_from_form(
            self.id_number.text(),
            self.full_name.text(),
            self.date_of_birth.text(),
            self.sex.currentText(),
            self.address.text(),
            self.issue_date.text(),
            self.old_id.text(),
        )

    def _validate(self) -> None:
        entry = self._entry()
        lines = [f"<span style='color:#a40000'>✗ {self.tr(e)}</span>" for e in entry.errors]
        lines += [f"<span style='color:#8a5a00'>⚠ {self.tr(w)}</span>" for w in entry.warnings]
        self.checks.setText(
            "<br>".join(lines) if any(e.text() for e in (self.id_number, self.full_name)) else ""
        )
        self.confirm.setEnabled(entry.ok and self._editable())

    def _editable(self) -> bool:
        dossier = self.section.dossier
        return dossier is None or dossier.state in (DossierState.DRAFT, DossierState.CITIZEN_IDENTIFIED)

    def confirm_manual(self) -> None:
        entry = self._entry()
        if not entry.ok or not self._editable():
            self._validate()
            return
        self._identify(entry.citizen, "manual")

    def citizen_read(self, citizen: CitizenId, method: str) -> None:
        """From the ID capture widget (camera QR, handheld reader, MRZ)."""
        self._fill(citizen)
        if self._editable():
            self._identify(citizen, method)

    def _identify(self, citizen: CitizenId, method: str) -> None:
        dossier = self.section.dossier
        self.section.run(
            steps.identify,
            self._identified,
            self.tr("Đang lưu công dân vào hồ sơ…"),
            wf=self.section.wf,
            local_ref=dossier.local_ref if dossier else None,
            citizen=citizen,
            method=method,
            civil_servant=self.civil_servant.isChecked(),
            channel=int(self.channel.currentData()),
        )

    def _identified(self, found: steps.Identified) -> None:
        self.section.dossier_changed(found.dossier)
        self._show_history(found)
        if not found.earlier:
            self.section.go(1)  # nothing to look at here: on to the procedure

    # -- showing ------------------------------------------------------------------------------------

    def show_dossier(self, dossier: Dossier | None) -> None:
        if dossier is None or dossier.citizen is None:
            self.summary.clear()
            self._validate()
            return
        citizen = self.section.wf.citizen_of(dossier)  # one row, unsealed: no device or network
        if citizen.id_number != self.id_number.text():
            self._fill(citizen)
            self.civil_servant.setChecked(bool(dossier.details.get("civil_servant")))
            self.channel.setCurrentIndex(max(0, self.channel.findData(int(dossier.channel))))
            self._show_history(steps.returning(self.section.wf, dossier))
        method = dossier.details.get("identify_method", "manual")
        self.summary.setText(
            self.tr(
                "Công dân của hồ sơ: <b>{name}</b> — số định danh {number} (cách xác định: {method})."
            ).format(name=citizen.full_name, number=citizen.id_number, method=method)
        )
        self._validate()

    def _fill(self, citizen: CitizenId) -> None:
        self.id_number.setText(citizen.id_number)
        self.full_name.setText(citizen.full_name)
        self.date_of_birth.setText(
            citizen.date_of_birth.strftime("%d/%m/%Y") if citizen.date_of_birth else ""
        )
        self.sex.setCurrentText(citizen.sex)
        self.address.setText(citizen.address)
        self.issue_date.setText(citizen.issue_date.strftime("%d/%m/%Y") if citizen.issue_date else "")
        self.old_id.setText(citizen.old_id_number)

    def _show_history(self, found: steps.Identified) -> None:
        catalog = self.section.wf.catalog
        self.earlier.clear()
        self.reusable.clear()
        for summary in found.earlier:
            name = catalog.get(summary.procedure_code).name if summary.procedure_code else "—"
            self.earlier.addItem(
                f"{summary.created_at[:10]}  {summary.local_ref}  {name}  — {self.tr(summary.state.label)}"
            )
        for component in found.reusable:
            self.reusable.addItem(
                self.tr("{name} (hồ sơ {ref}, {pages} trang)").format(
                    name=component.name, ref=component.dossier_ref, pages=component.pages
                )
            )
        self.history.setVisible(bool(found.earlier))
