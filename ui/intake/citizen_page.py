"""Step 1, Công dân: the ID capture widget (camera QR, handheld reader, card image, or manual entry
with the same checks as a QR payload), the channel and the civil-servant mark; a returning
citizen's earlier dossiers and the signed components that may be reused."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from common import clock, vi_format
from counter_app.citizen import CitizenId, CitizenWarning
from counter_app.citizen_checks import contradictions
from counter_app.dossier import Channel, Dossier, DossierState
from counter_app.intake.outcomes import CitizenView, Identified
from counter_app.read_models import state_label
from ui.widgets.id_capture import IdCaptureWidget

if TYPE_CHECKING:
    from ui.intake.host import IntakeHost

IDENTIFY_METHOD_LABELS = {  # counter_app.workflow.IDENTIFY_METHODS, as the officer says them
    "qr_camera": QT_TRANSLATE_NOOP("CitizenPage", "đọc mã QR trên thẻ bằng camera"),
    "qr_image": QT_TRANSLATE_NOOP("CitizenPage", "đọc mã QR từ ảnh hoặc bản quét thẻ"),
    "qr_reader": QT_TRANSLATE_NOOP("CitizenPage", "đọc mã QR bằng máy đọc cầm tay"),
    "mrz": QT_TRANSLATE_NOOP("CitizenPage", "đọc dòng MRZ mặt sau thẻ"),
    "chip_pa_ok": QT_TRANSLATE_NOOP("CitizenPage", "đọc chip thẻ, dữ liệu đã xác thực chữ ký cơ quan cấp"),
    "chip_no_csca": QT_TRANSLATE_NOOP(
        "CitizenPage", "đọc chip thẻ, chưa xác thực được (thiếu chứng thư CSCA)"
    ),
    "manual": QT_TRANSLATE_NOOP("CitizenPage", "nhập tay, đã kiểm tra như mã QR"),
}
CHANNELS = (
    (Channel.IN_PERSON, "Trực tiếp tại Bộ phận Một cửa"),
    (Channel.ONLINE, "Trực tuyến (cán bộ nộp thay trên cổng)"),
    (Channel.POSTAL, "Qua dịch vụ bưu chính công ích"),
)


class CitizenPage(QWidget):
    def __init__(self, section: IntakeHost, *, camera: bool = True) -> None:
        super().__init__()
        self.section = section
        self._citizen_load = self._citizen_shown = 0  # which show_dossier the citizen shown answers
        self.capture = IdCaptureWidget(section.ctx, section.tasks, autostart_camera=camera)
        self.capture.citizen_read.connect(self.citizen_read)
        self.channel = QComboBox()
        for value, label in CHANNELS:
            self.channel.addItem(self.tr(label), int(value))
        self.civil_servant = QCheckBox(self.tr("Người nộp là cán bộ, công chức, &viên chức"))
        options = QFormLayout()
        options.addRow(self.tr("Kê&nh nộp:"), self.channel)
        options.addRow("", self.civil_servant)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.earlier = QListWidget()
        self.reusable = QListWidget()
        self.history = QGroupBox(self.tr("Công dân đã từng nộp hồ sơ"))
        history = QVBoxLayout(self.history)
        history.addWidget(QLabel(self.tr("Hồ sơ trước đây:")))
        history.addWidget(self.earlier)
        history.addWidget(QLabel(self.tr("Giấy tờ đã số hóa, đã ký — có thể tái sử dụng:")))
        history.addWidget(self.reusable)
        self.history.hide()

        # A returning citizen's history goes beside the card, not below it: below, it pushed the
        # step past a 1366×768 screen.
        left = QVBoxLayout()
        left.addWidget(self.capture, 1)
        left.addLayout(options)
        left.addWidget(self.summary)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(self.history)
        self.history.setMaximumWidth(340)  # the card's form keeps its width; the lists wrap
        for listing in (self.earlier, self.reusable):
            listing.setWordWrap(True)
            listing.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            listing.setResizeMode(QListWidget.ResizeMode.Adjust)

    def clear(self) -> None:
        self.capture.form.clear()
        self.capture.reset()
        self.civil_servant.setChecked(False)
        self.channel.setCurrentIndex(0)
        self.earlier.clear()
        self.reusable.clear()
        self.history.hide()
        self.summary.clear()

    def entered(self) -> None:
        self.capture.form.id_number.setFocus(Qt.FocusReason.OtherFocusReason)

    def _editable(self) -> bool:
        dossier = self.section.dossier
        return dossier is None or dossier.state in (DossierState.DRAFT, DossierState.CITIZEN_IDENTIFIED)

    def citizen_read(self, citizen: CitizenId, method: str) -> None:
        """From the capture widget: camera QR, handheld reader, card image or manual entry."""
        if not self._editable():
            return  # the dossier is past this step: a card shown now is not this dossier's
        found = contradictions(citizen)
        if found and not self._confirm(found):
            return  # the officer reads the card again or corrects the fields
        dossier = self.section.dossier
        self.section.run(
            self.section.service.identify,
            self._identified,
            self.tr("Đang lưu công dân vào hồ sơ…"),
            local_ref=dossier.local_ref if dossier else None,
            citizen=citizen,
            method=method,
            civil_servant=self.civil_servant.isChecked(),
            channel=int(self.channel.currentData()),
            confirmed=bool(found),
        )

    def _confirm(self, found: list[CitizenWarning]) -> bool:
        """Impossible dates or an ID number that contradicts the card: the officer compares with
        the card and confirms explicitly (the default answer is no)."""
        box = QMessageBox(self)
        box.setObjectName("confirmContradictions")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Thông tin công dân mâu thuẫn"))
        box.setText(self.tr("Thông tin đọc được có điểm không hợp lý:"))
        box.setInformativeText(
            "\n".join(f"• {w.message}" for w in found)
            + "\n\n"
            + self.tr("Đối chiếu với thẻ căn cước. Thẻ ghi đúng như vậy và vẫn tiếp nhận?")
        )
        yes = box.addButton(self.tr("Đúng như thẻ, tiếp nhận"), QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton(self.tr("Không, đọc/nhập lại"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)
        box.setEscapeButton(no)
        box.exec()
        return box.clickedButton() is yes

    def _identified(self, found: Identified) -> None:
        # The signing and filing libraries load while the officer picks the procedure and scans
        # (once per process), and in demo mode the demo keystore the certificate picker offers
        # (made and opened once per data folder, as the headless intake does): it took the
        # signing step ~0.4 s on a fresh data folder.
        self.section.service.warm_up(demo=self.section.ctx.demo_mode)
        self.section.dossier_changed(found.dossier)
        self._show_history(found)
        if not found.earlier:
            self.section.go(1)  # nothing to look at here: on to the procedure

    # -- showing ------------------------------------------------------------------------------------

    def show_dossier(self, dossier: Dossier | None) -> None:
        self._citizen_load += 1
        if dossier is None or dossier.citizen is None:
            self._citizen_shown = self._citizen_load
            self.summary.clear()
            return
        load = self._citizen_load
        self.section.tasks.run(  # the citizen row is unsealed on a worker
            self.section.service.citizen_view,
            on_result=lambda view: self._show_citizen(load, dossier, view),
            on_error=lambda exc: self._citizen_failed(load, exc),
            context=self,
            dossier=dossier,
        )

    @property
    def citizen_loading(self) -> bool:
        return self._citizen_load != self._citizen_shown

    def _show_citizen(self, load: int, dossier: Dossier, view: CitizenView) -> None:
        if load != self._citizen_load:
            return  # another dossier, or a newer state of it, is being shown
        self._citizen_shown = load
        citizen = view.citizen
        if citizen.id_number != self.capture.form.id_number.text():
            self.capture.form.fill(citizen)
            self.civil_servant.setChecked(bool(dossier.details.get("civil_servant")))
            self.channel.setCurrentIndex(max(0, self.channel.findData(int(dossier.channel))))
            self._show_history(view.history)
        method = str(dossier.details.get("identify_method", "manual"))
        self.summary.setText(
            self.tr("Công dân của hồ sơ: <b>{name}</b> — số định danh {number} ({method}).").format(
                name=citizen.full_name,
                number=citizen.id_number,
                method=self.tr(IDENTIFY_METHOD_LABELS.get(method, IDENTIFY_METHOD_LABELS["manual"])),
            )
        )

    def _citizen_failed(self, load: int, exc: BaseException) -> None:
        if load == self._citizen_load:
            self._citizen_shown = load
            self.section.show_error(exc)

    def _show_history(self, found: Identified) -> None:
        catalog = self.section.wf.catalog
        self.earlier.clear()
        self.reusable.clear()
        for summary in found.earlier:
            name = catalog.get(summary.procedure_code).name if summary.procedure_code else "—"
            day = clock.local(
                datetime.fromisoformat(summary.created_at)
            ).date()  # the office's day, not UTC's
            self.earlier.addItem(
                f"{vi_format.day(day)}  {summary.local_ref}  {name}  — {self.tr(state_label(summary.state))}"
            )
        for component in found.reusable:
            self.reusable.addItem(
                self.tr("{name} (hồ sơ {ref}, {pages} trang)").format(
                    name=component.name, ref=component.dossier_ref, pages=component.pages
                )
            )
        self.history.setVisible(bool(found.earlier))
