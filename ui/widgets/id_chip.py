"""Reading the ID card's chip from the identification step (F6).

The chip opens with the card's number, birth date and expiry date (PACE or BAC). The number and
birth date come from the form (a QR already read, or typed); the expiry is estimated from the birth and
issue dates (`idchip.access.card_expiry`) and shown for the officer to correct from the card.
The reading runs off the UI thread with progress and Hủy; the face image is shown, never stored;
the passive-authentication result is said in words.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from counter_app.errors import is_known_error
from ui.tasks import Task, TaskRunner
from ui.widgets import id_fields as F

_STATUS_TEXT = {
    "ok": "✓ Dữ liệu chip đã xác thực: đúng chữ ký của cơ quan cấp thẻ.",
    "no_csca": "Chưa xác thực được dữ liệu chip (máy chưa có chứng thư CSCA): đối chiếu với thẻ.",
}


def read_chip(reader: str | None, key: Any, csca: Path, progress: Any = None, cancel: Any = None) -> Any:
    """On a worker: the card on the reader, read and checked; the transport always let go."""
    from counter_app.chip_identity import citizen_from_chip, identify_method
    from idchip.pcsc import PcscTransport
    from idchip.reader import read_card

    transport = PcscTransport(reader, wait_s=10.0)
    try:
        read = read_card(transport, key, csca, progress=progress, cancel=cancel)
    finally:
        transport.close()
    return read, citizen_from_chip(read), identify_method(read)


def _date(text: str) -> date | None:
    try:
        return F.parse_date(text)
    except ValueError:
        return None


class ChipPanel(QWidget):
    citizen_read = Signal(object, str)  # CitizenId, identification method (chip_pa_ok | chip_no_csca)
    failed = Signal(object)  # the known error, for the capture's status line

    def __init__(self, ctx: Any, tasks: TaskRunner, form_values: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.tasks, self.form_values = ctx, tasks, form_values
        self._task: Task | None = None
        self.expiry = QLineEdit()
        self.expiry.setPlaceholderText(self.tr("ngày hết hạn trên thẻ"))
        self.expiry.setToolTip(
            self.tr("Ước tính từ ngày sinh và ngày cấp; sửa theo ngày in trên thẻ nếu chip không mở.")
        )
        self.expiry.setMaximumWidth(130)
        self.button = QPushButton(self.tr("Đọc c&hip (F6)"))
        self.button.setToolTip(self.tr("Đọc chip thẻ căn cước trên đầu đọc thẻ (cần số thẻ và ngày sinh)"))
        self.button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self.tr("Hủy đọc chip"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.face = QLabel()
        self.face.setFixedSize(90, 120)
        self.face.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.face.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Hết hạn:")))
        row.addWidget(self.expiry)
        row.addWidget(self.button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        text = QVBoxLayout()
        text.addLayout(row)
        text.addWidget(self.status)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.face)
        layout.addLayout(text, 1)

    def prefill_expiry(self) -> None:
        """The estimate from the form's birth and issue dates, unless the officer typed one."""
        from idchip.access import card_expiry

        values = self.form_values()
        birth, issue = _date(values[F.BIRTH]), _date(values[F.ISSUE])
        if birth is None or issue is None or self.expiry.isModified():
            return
        expiry = card_expiry(birth, issue)
        self.expiry.setText(F.format_date(expiry) if expiry else self.tr("không thời hạn"))

    def start(self) -> None:
        from idchip.access import AccessKey
        from idchip.errors import ChipError

        if not self.expiry.text().strip():
            self.prefill_expiry()
        values = self.form_values()
        birth = _date(values[F.BIRTH])
        number = values[F.ID_NUMBER].strip()
        expiry_text = self.expiry.text().strip()
        expiry = _date(expiry_text)
        if not number or birth is None or (expiry is None and expiry_text != self.tr("không thời hạn")):
            self.failed.emit(
                ChipError(
                    "Chưa đủ thông tin để mở chip.",
                    "Đọc mã QR trước (hoặc nhập số thẻ, ngày sinh) và ngày hết hạn in trên thẻ.",
                    code="chip_access_invalid",
                )
            )
            return
        try:
            key = AccessKey.for_citizen_id(number, birth, expiry)
        except ChipError as exc:
            self.failed.emit(exc)
            return
        config = self.ctx.config
        csca = Path(config.get("chip.csca_dir") or Path(self.ctx.paths.data_dir) / "csca")
        self.button.setEnabled(False)
        self.cancel_button.show()
        self.status.setText(self.tr("Đặt thẻ lên đầu đọc…"))
        task: Task | None = None

        def done(result: Any) -> None:
            if task is self._task:
                self._finished()
                self._show(*result)

        def failed(exc: BaseException) -> None:
            if task is self._task:
                self._finished()
                if not is_known_error(exc):
                    raise exc
                self.status.setText("")
                self.failed.emit(exc)

        def progress(update: Any) -> None:
            if task is self._task and update.text:
                self.status.setText(update.text)

        task = self.tasks.run(
            read_chip,
            on_result=done,
            on_error=failed,
            on_progress=progress,
            with_cancel=True,
            context=self,
            reader=config.get("chip.reader") or None,
            key=key,
            csca=csca,
        )
        self._task = task

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._finished()
            self.status.setText(self.tr("Đã thôi đọc chip."))

    def _finished(self) -> None:
        self._task = None
        self.button.setEnabled(True)
        self.cancel_button.hide()

    def _show(self, read: Any, citizen: Any, method: str) -> None:
        image = QImage.fromData(read.face[0]) if read.face else QImage()
        if not image.isNull():
            self.face.setPixmap(
                QPixmap.fromImage(image).scaled(self.face.size(), Qt.AspectRatioMode.KeepAspectRatio)
            )
            self.face.show()
        else:
            self.face.hide()
        self.status.setText(self.tr(_STATUS_TEXT.get(read.passive_auth.status, "")))
        self.citizen_read.emit(citizen, method)

    def reset(self) -> None:
        self.cancel()
        self.face.clear()
        self.face.hide()
        self.status.clear()
        self.expiry.clear()
        self.expiry.setModified(False)
