"""Step 1, Công dân: who the dossier is for (`ApplicantChoice`: an individual, an organisation, a
state agency or a foreigner, and whether someone files for them), the ID capture widget (camera
QR, handheld reader, card image, chip, or manual entry with the same checks as a QR payload) for
the person at the counter, the channel and the civil-servant mark; a returning citizen's earlier
dossiers and the signed components that may be reused.

An individual at the counter for themselves is identified by the card read alone, as before. Any
other applicant is identified when both halves are there: its own form (Enter) and, unless a
foreigner comes alone, the card of the representative at the counter; whichever comes second
starts the dossier."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QResizeEvent
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
from counter_app.applicant import Applicant, ApplicantError, ApplicantKind, Representative
from counter_app.citizen import CitizenId, CitizenWarning
from counter_app.citizen_checks import contradictions
from counter_app.dossier import Channel, Dossier, DossierState
from counter_app.intake.outcomes import Identified
from counter_app.read_models import state_label
from ui.intake.applicant_choice import ApplicantChoice
from ui.intake.applicant_summary import summary_html
from ui.widgets.id_capture import IdCaptureWidget

if TYPE_CHECKING:
    from counter_app.intake.service import IntakeService
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
NARROW_PX = 1100  # below this width the applicant's form goes under the card, not beside it
PASSPORT_METHOD = QT_TRANSLATE_NOOP("CitizenPage", "nhập mã MRZ hộ chiếu, đã kiểm tra các chữ số kiểm tra")
CHANNELS = (
    (Channel.IN_PERSON, "Trực tiếp tại Bộ phận Một cửa"),
    (Channel.ONLINE, "Trực tuyến (cán bộ nộp thay trên cổng)"),
    (Channel.POSTAL, "Qua dịch vụ bưu chính công ích"),
)


@dataclass
class ApplicantView:
    """What step 1 shows of a stored dossier: who it is for, who brought it, the citizen's history."""

    applicant: Applicant
    representative: Representative | None
    history: Identified


def applicant_view(service: IntakeService, dossier: Dossier) -> ApplicantView:
    """On a worker: the applicant and representative unsealed; a citizen applicant's earlier dossiers."""
    applicant, representative = service.applicant_view(dossier.local_ref)
    history = (
        service.citizen_view(dossier).history if dossier.citizen is not None else Identified(dossier, [], [])
    )
    return ApplicantView(applicant, representative, history)


def identified(dossier: Dossier) -> bool:
    """Whether the dossier has its applicant yet (an organisation's has no citizen of its own)."""
    return (
        dossier.citizen is not None
        or dossier.representative is not None
        or dossier.applicant_kind is not ApplicantKind.INDIVIDUAL
    )


class CitizenPage(QWidget):
    def __init__(self, section: IntakeHost, *, camera: bool = True) -> None:
        super().__init__()
        self.section = section
        self._citizen_load = self._citizen_shown = 0  # which show_dossier the citizen shown answers
        # The card read at the counter: (citizen, method, contradictions confirmed).
        self._at_counter: tuple[CitizenId, str, bool] | None = None
        self._shown_ref = ""  # the dossier whose applicant the fields show
        self._box_place = "beside"  # where the applicant's form is: beside, under the card, alone
        self.applicant = ApplicantChoice(section.tasks)
        # Only the kinds some procedure of the catalogue accepts; step 2 narrows to the procedure's.
        procedures = section.wf.catalog.procedures
        self.applicant.set_offered(tuple({k for p in procedures for k in p.applicant_kinds}))
        self.applicant.changed.connect(self._applicant_changed)
        self.applicant.confirmed.connect(self.identify_applicant)
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

        # The applicant's own form and a returning citizen's history go beside the card, not below
        # it: below, they pushed the step past a 1366×768 screen.
        left = QVBoxLayout()
        left.addWidget(self.capture, 1)
        left.addLayout(options)
        left.addWidget(self.summary)
        self.left = left
        self.side = QWidget()
        self.side_layout = side = QVBoxLayout(self.side)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.applicant.box)
        side.addWidget(self.history, 1)
        self.side.setMaximumWidth(460)  # the card's form keeps its width; the lists wrap
        row = QHBoxLayout()
        row.addLayout(left, 3)
        row.addWidget(self.side, 2)  # the applicant's name and address are long: a share of the width
        layout = QVBoxLayout(self)
        layout.addWidget(self.applicant)
        layout.addLayout(row, 1)
        for listing in (self.earlier, self.reusable):
            listing.setWordWrap(True)
            listing.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            listing.setResizeMode(QListWidget.ResizeMode.Adjust)
        self._applicant_changed()  # an individual at the counter: the card alone, no column beside it

    def clear(self) -> None:
        self._at_counter = None
        self._shown_ref = ""
        self.applicant.clear()
        self.capture.form.clear()
        self.capture.reset()
        self.civil_servant.setChecked(False)
        self.channel.setCurrentIndex(0)
        self.earlier.clear()
        self.reusable.clear()
        self.history.hide()
        self.summary.clear()

    def entered(self) -> None:
        self.applicant.set_editable(self._editable())
        if self.applicant.needs_form() and self._editable():
            self.applicant.focus_form()
        else:
            self.capture.form.id_number.setFocus(Qt.FocusReason.OtherFocusReason)

    def _applicant_changed(self) -> None:
        """Kind or representative changed: whose card the capture reads, and whether one is read."""
        choice = self.applicant
        card = choice.needs_card()
        self.capture.setVisible(card)
        represented = choice.represented()
        self.capture.fields.setTitle(
            self.tr("Thẻ căn cước của người nộp thay")
            if represented
            else self.tr("Thông tin trên thẻ căn cước")
        )
        self.capture.form.confirm.setText(
            self.tr("&Xác nhận người nộp thay") if represented else self.tr("&Xác nhận công dân")
        )
        self._place_box()

    def _place_box(self) -> None:
        """The applicant's form beside the card; under it on a narrow screen (1280×720 at 125 %
        left the card's fields 65 px wide: the step scrolls down instead); in the card's place
        for a foreigner alone, who has no card to read."""
        box, card = self.applicant.box, self.applicant.needs_card()
        place = ("beside" if self.width() >= NARROW_PX else "under") if card else "alone"
        if place != self._box_place:
            self._box_place = place
            self.left.removeWidget(box)
            self.side_layout.removeWidget(box)
            if place == "beside":
                self.side_layout.insertWidget(0, box)
            else:
                self.left.insertWidget(1 if card else 0, box, 0 if card else 1)
        self._refresh_side()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_box()

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
        self._at_counter = (citizen, method, bool(found))
        if not self.applicant.needs_form():
            self._start(Applicant.individual(citizen), None, method, confirmed=bool(found))
        elif self.applicant.form().is_empty():
            self.applicant.say(
                self.tr("Đã đọc thẻ của người nộp thay. Nhập thông tin chủ hồ sơ rồi nhấn Enter.")
            )
            self.applicant.focus_form()
        else:
            self.identify_applicant()

    def identify_applicant(self) -> None:
        """The applicant's form confirmed (or the representative's card read after it)."""
        choice = self.applicant
        if not self._editable() or not choice.needs_form():
            return
        try:
            applicant = choice.applicant()
        except ApplicantError:
            return  # the form says what is wrong, under the field
        confirmed = False
        if applicant.citizen is not None:
            found = contradictions(applicant.citizen)
            if found and not self._confirm(found):
                return
            confirmed = bool(found)
        if not choice.needs_card():
            self._start(applicant, None, "manual", confirmed=confirmed)  # the passport's zone, typed
            return
        if self._at_counter is None:
            choice.say(
                self.tr(
                    "Còn thiếu người nộp thay: đọc thẻ căn cước của người đến nộp (camera F2, máy đọc cầm tay,"
                    " chip F6, mở ảnh Ctrl+O) hoặc nhập tay rồi nhấn Enter."
                )
            )
            self.capture.form.id_number.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        citizen, method, card_confirmed = self._at_counter
        self._start(
            applicant,
            Representative(citizen, choice.current_role()),
            method,
            confirmed=confirmed or card_confirmed,
        )

    def _start(
        self, applicant: Applicant, representative: Representative | None, method: str, *, confirmed: bool
    ) -> None:
        dossier = self.section.dossier
        self.applicant.say("")
        self.section.run(
            self.section.service.identify_applicant,
            self._identified,
            self.tr("Đang lưu người nộp hồ sơ…"),
            local_ref=dossier.local_ref if dossier else None,
            applicant=applicant,
            representative=representative,
            method=method,
            civil_servant=self.civil_servant.isChecked(),
            channel=int(self.channel.currentData()),
            confirmed=confirmed,
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
        self.applicant.set_editable(self._editable())
        if dossier is None or not identified(dossier):
            self._citizen_shown = self._citizen_load
            self.summary.clear()
            return
        load = self._citizen_load
        self.section.tasks.run(  # the applicant's and representative's rows are unsealed on a worker
            applicant_view,
            on_result=lambda view: self._show_citizen(load, dossier, view),
            on_error=lambda exc: self._citizen_failed(load, exc),
            context=self,
            service=self.section.service,
            dossier=dossier,
        )

    @property
    def citizen_loading(self) -> bool:
        return self._citizen_load != self._citizen_shown

    def _show_citizen(self, load: int, dossier: Dossier, view: ApplicantView) -> None:
        if load != self._citizen_load:
            return  # another dossier, or a newer state of it, is being shown
        self._citizen_shown = load
        applicant, representative = view.applicant, view.representative
        at_counter = representative.citizen if representative is not None else applicant.citizen
        if self._shown_ref != dossier.local_ref:  # another dossier: its choices and fields, once
            self._shown_ref = dossier.local_ref
            self.applicant.show_applicant(applicant, representative.role if representative else None)
            if at_counter is not None:
                self.capture.form.fill(at_counter)
            self.civil_servant.setChecked(bool(dossier.details.get("civil_servant")))
            self.channel.setCurrentIndex(max(0, self.channel.findData(int(dossier.channel))))
            self._show_history(view.history)
        method = str(dossier.details.get("identify_method", "manual"))
        how = self.tr(IDENTIFY_METHOD_LABELS.get(method, IDENTIFY_METHOD_LABELS["manual"]))
        if at_counter is None:  # a foreigner alone: the passport's zone was typed and its digits checked
            how = self.tr(PASSPORT_METHOD)
        self.summary.setText(f"{summary_html(applicant, representative, self.tr)} ({how}).")

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
        self._refresh_side()

    def _refresh_side(self) -> None:
        shown = (self._box_place == "beside" and self.applicant.needs_form()) or not self.history.isHidden()
        self.side.setVisible(shown)
        # With a column beside it the picture gives up width to the card's fields (camera 1 : form 1,
        # not 3 : 2): at 1280×720 and 125 % the fields were 65 px wide.
        self.capture.layout().setStretch(0, 1 if shown else 3)
