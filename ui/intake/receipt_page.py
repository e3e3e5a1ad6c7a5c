"""Step 5, Phiếu tiếp nhận: Mẫu 01 shown (page 1 rendered by poppler), printed or saved.

While the outbox has not had the portal's answer the receipt is provisional (local reference);
the page keeps asking, off the UI thread, and replaces it with the final receipt as soon as the
job is sent. A job that needs attention says why, with what to do next.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from common import vi_format
from counter_app.dossier import Dossier, DossierState
from ui import shortcuts
from ui.intake.form_print import FormPrinter

if TYPE_CHECKING:
    from counter_app.intake.filing import ReceiptOutcome
    from ui.intake.host import IntakeHost

S = DossierState
POLL_MS = 2_000
FIRST_WAIT_S = 5.0  # the sandbox answers in well under a second; a real portal may take longer


class ReceiptPage(QWidget):
    def __init__(self, section: IntakeHost) -> None:
        super().__init__()
        self.section = section
        self.outcome: ReceiptOutcome | None = None
        self.printer = FormPrinter(section)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidget(self.preview)
        scroll.setWidgetResizable(True)
        self.print_button = QPushButton(self.tr("&In phiếu…"))
        shortcuts.press_at_once(self.print_button, shortcuts.PRINT.keys)
        self.print_button.clicked.connect(self.print_receipt)
        self.save_button = QPushButton(self.tr("&Lưu tệp PDF…"))
        shortcuts.press_at_once(self.save_button, shortcuts.SAVE.keys)
        self.save_button.clicked.connect(self._choose_save)
        self.done = QPushButton(self.tr("Xong, hồ sơ &mới"))
        self.done.setToolTip(self.tr("Đã trao phiếu cho công dân; bắt đầu hồ sơ tiếp theo"))
        self.done.clicked.connect(section.new_dossier)
        buttons = QHBoxLayout()
        for button in (self.print_button, self.save_button, self.done):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        layout.addWidget(scroll, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)
        self._set_buttons()

    # -- showing ------------------------------------------------------------------------------------

    def show_dossier(self, dossier: Dossier | None) -> None:
        if dossier is None or (self.outcome and self.outcome.dossier.local_ref != dossier.local_ref):
            self.outcome = None
            self.preview.clear()
            self.status.clear()
            self.timer.stop()
        self._set_buttons()

    def entered(self) -> None:
        dossier = self.section.dossier
        if dossier is None or dossier.state not in (S.QUEUED, S.FILED, S.RECEIPT_PRINTED):
            return
        if self.outcome is None:
            self.refresh(FIRST_WAIT_S)
        self.print_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh(self, wait_s: float = 0.0) -> None:
        dossier = self.section.dossier
        if dossier is None:
            return
        self.section.run(
            self.section.service.receipt,
            self._show,
            self.tr("Đang lập phiếu tiếp nhận…"),
            local_ref=dossier.local_ref,
            wait_s=wait_s,
            preview=True,
        )

    def _mismatch_text(self, dossier: Dossier) -> str:
        """The portal's appointment differs from the counter's calendar: the officer checks it
        with the citizen (the receipt prints the portal's, which is the one that binds)."""
        mismatch = dossier.appointment_mismatch
        if not mismatch:
            return ""
        return "<br>" + self.tr(
            "<b style='color:#a40000'>Ngày hẹn của cổng ({portal}) khác ngày hẹn tính theo lịch làm việc"
            " tại quầy ({local}).</b> Phiếu in theo ngày hẹn của cổng; báo lại cho công dân và kiểm tra"
            " tệp lịch nghỉ (calendar.overrides) với bộ phận CNTT."
        ).format(portal=vi_format.day(mismatch["portal_date"]), local=vi_format.day(mismatch["local_date"]))

    def _local_appointment_text(self, dossier: Dossier) -> str:
        at = dossier.local_appointment
        if at is None:
            return ""
        return "<br>" + self.tr("Hẹn trả dự kiến: <b>{time}</b> (theo lịch làm việc của đơn vị).").format(
            time=at.strftime("%H:%M %d/%m/%Y")
        )

    def _show(self, outcome: ReceiptOutcome) -> None:
        self.outcome = outcome
        self.section.dossier_changed(outcome.dossier)
        pixmap = QPixmap()
        if outcome.preview_png and pixmap.loadFromData(outcome.preview_png):
            self.preview.setPixmap(pixmap)
        else:
            self.preview.setText(self.tr("Không xem trước được phiếu; phiếu vẫn in và lưu được."))
        dossier = outcome.dossier
        if not outcome.provisional:
            self.timer.stop()
            self.status.setText(
                self.tr(
                    "<b>Đã nộp trực tuyến.</b> Mã hồ sơ: <b>{code}</b> · Hẹn trả kết quả: <b>{date}</b>"
                ).format(code=dossier.portal_code, date=vi_format.day(dossier.appointment_date))
                + self._mismatch_text(dossier)
            )
        elif outcome.job_state == "needs_attention":
            self.timer.stop()
            error = outcome.job_error
            self.status.setText(
                self.tr(
                    "<b style='color:#a40000'>Cổng chưa nhận hồ sơ:</b> {message}<br>Việc cần làm: {hint}"
                ).format(
                    message=error.get("message", ""),
                    hint=error.get("hint", self.tr("Xem và gửi lại trong mục «Hồ sơ hôm nay» → hàng đợi.")),
                )
            )
        else:
            self.status.setText(
                self.tr(
                    "<b>Phiếu TẠM</b> (mã nội bộ {ref}): hồ sơ đã nằm an toàn trong hàng đợi và sẽ tự gửi khi cổng"
                    " kết nối được. Phiếu chính thức có mã hồ sơ sẽ hiện ở đây ngay khi cổng trả lời."
                ).format(ref=dossier.local_ref)
                + self._local_appointment_text(dossier)
            )
            self.timer.start()
        self._set_buttons()

    def _set_buttons(self) -> None:
        ready = self.outcome is not None
        why = "" if ready else "\n" + self.tr("Chưa có phiếu: nộp hồ sơ ở bước 4 trước (Ctrl+Enter).")
        self.print_button.setEnabled(ready)
        self.print_button.setToolTip(self.tr("In phiếu tiếp nhận (Ctrl+P)") + why)
        self.save_button.setEnabled(ready)
        self.save_button.setToolTip(self.tr("Lưu phiếu thành tệp PDF (Ctrl+Shift+S)") + why)

    # -- waiting for the portal ---------------------------------------------------------------------

    def _poll(self) -> None:
        dossier = self.section.dossier
        if dossier is None or self.section.busy or not self.isVisible():
            return
        self.section.tasks.run(
            self._job_state, on_result=self._polled, on_error=lambda _e: None, local_ref=dossier.local_ref
        )

    def _job_state(self, local_ref: str) -> str:
        job = self.section.service.latest_job(local_ref)
        return job.state if job else ""

    def _polled(self, state: str) -> None:
        if state in ("sent", "needs_attention") and self.outcome is not None and self.outcome.provisional:
            self.refresh()

    # -- printing and saving ------------------------------------------------------------------------

    def save_to(self, path: str) -> None:
        """Write the receipt to `path`; only then is it recorded as handed over."""
        outcome = self.outcome
        if outcome is None:
            return
        self.section.run(
            self.section.service.save_receipt,
            lambda dossier: self._handed_over(dossier, self.tr("Đã lưu phiếu vào {path}.").format(path=path)),
            self.tr("Đang lưu phiếu…"),
            local_ref=outcome.dossier.local_ref,
            pdf=outcome.pdf,
            path=path,
            provisional=outcome.provisional,
        )

    def _handed_over(self, dossier: Dossier, message: str) -> None:
        self.section.dossier_changed(dossier)
        self.section.strip.idle(message)

    def _file_name(self) -> str:
        assert self.outcome is not None
        suffix = "-tam" if self.outcome.provisional else ""
        return f"{self.outcome.dossier.local_ref}-phieu-tiep-nhan{suffix}.pdf"

    def _choose_save(self) -> None:
        if self.outcome is None:
            return
        path = self.printer.choose_path(self, self._file_name())
        if path:
            self.save_to(path)

    def print_receipt(self) -> None:
        outcome = self.outcome
        if outcome is None:
            return

        def handed(output: str, message: str) -> None:
            # Recorded as printed only now that the printer (or the chosen file) took the page.
            self.section.run(
                self.section.service.receipt_printed,
                lambda dossier: self._handed_over(dossier, message),
                self.tr("Đang ghi nhận đã in phiếu…"),
                local_ref=outcome.dossier.local_ref,
                pdf=outcome.pdf,
                provisional=outcome.provisional,
                output=output,
            )

        self.printer.print_pdf(self, outcome.pdf, self._file_name(), handed)
