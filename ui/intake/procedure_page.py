"""Step 2, Thủ tục: search the catalog as you type (diacritics-insensitive, ranked), see fee,
processing time, online level and required components, pick with Enter.

The applicant is identified first (step 1), so this is where the catalogue's accepted applicant
kinds apply: only the procedures the dossier's applicant may file are listed, and a line above
the list says how many matches were left out and why (the service refuses the others too)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.applicant import ApplicantKind, RepresentativeRole
from counter_app.catalog import Procedure
from counter_app.dossier import Dossier, DossierState
from ui.intake.applicant_summary import KIND_WORDS

if TYPE_CHECKING:
    from ui.intake.host import IntakeHost

RESULTS = 30


def money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đồng"


class ProcedurePage(QWidget):
    def __init__(self, section: IntakeHost) -> None:
        super().__init__()
        self.section = section
        self._listed_kind: ApplicantKind | None = None  # whose procedures the list shows
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            self.tr("Gõ tên hoặc mã thủ tục, có dấu hoặc không dấu (vd: dang ky khai sinh)")
        )
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search)
        self.search.returnPressed.connect(self.choose)
        self.search.installEventFilter(self)
        self.results = QListWidget()
        # Procedure names run to 150 characters: wrapped in the list, never cut at its edge.
        self.results.setWordWrap(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.results.currentItemChanged.connect(self._show_details)
        self.results.itemActivated.connect(lambda _item: self.choose())
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.pick = QPushButton(self.tr("&Chọn thủ tục này"))
        self.pick.setToolTip(self.tr("Chọn thủ tục đang chọn (Enter)"))
        self.pick.clicked.connect(self.choose)
        label = QLabel(self.tr("Tìm &thủ tục:"))
        label.setBuddy(self.search)
        self.kind_note = QLabel()  # the procedures left out for this applicant's kind
        self.kind_note.setWordWrap(True)
        self.kind_note.setStyleSheet("color: #8a5a00;")
        self.kind_note.hide()

        right = QVBoxLayout()
        right.addWidget(self.details, 1)
        right.addWidget(self.pick, 0, Qt.AlignmentFlag.AlignLeft)
        row = QHBoxLayout()
        row.addWidget(self.results, 1)
        row.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.search)
        layout.addWidget(self.kind_note)
        layout.addLayout(row, 1)
        self._search("")

    def eventFilter(self, watched: object, event: object) -> bool:
        # Up/Down in the search box move through the results: the hands stay on the keyboard.
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QKeyEvent

        arrows = (Qt.Key.Key_Down, Qt.Key.Key_Up)
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in arrows
        ):
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
            self.results.setCurrentRow(row)
            return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def _role(self) -> RepresentativeRole | None:
        dossier = self.section.dossier
        return None if dossier is None else dossier.representative_role

    def _kind(self) -> ApplicantKind | None:
        dossier = self.section.dossier
        return None if dossier is None else dossier.applicant_kind

    def _search(self, text: str) -> None:
        catalog = self.section.wf.catalog
        found = catalog.search(text)
        kind = self._listed_kind = self._kind()
        if kind is not None:
            accepted = [p for p in found if p.accepts(kind)]
            left_out = len(found) - len(accepted)
            self.kind_note.setText(
                self.tr(
                    "Chỉ hiện các thủ tục nhận hồ sơ của {kind}: {n} thủ tục khớp nhưng không dành cho người nộp"
                    " này (đổi loại người nộp ở bước 1 nếu chọn nhầm)."
                ).format(kind=self.tr(KIND_WORDS[kind]), n=left_out)
            )
            self.kind_note.setVisible(left_out > 0)
            found = accepted
        found = found[:RESULTS]
        self.results.clear()
        for procedure in found:
            item = QListWidgetItem(f"{procedure.name}  ({procedure.code})")
            item.setData(Qt.ItemDataRole.UserRole, procedure.code)
            item.setToolTip(f"{procedure.name} ({procedure.code})")
            self.results.addItem(item)
        if found:
            self.results.setCurrentRow(0)
        else:
            self.details.setText(self.tr("Không tìm thấy thủ tục nào. Thử gõ ít chữ hơn hoặc gõ mã thủ tục."))
        self.pick.setEnabled(bool(found) and self._editable())

    def _selected(self) -> Procedure | None:
        item = self.results.currentItem()
        return None if item is None else self.section.wf.catalog.get(item.data(Qt.ItemDataRole.UserRole))

    def _show_details(self) -> None:
        procedure = self._selected()
        if procedure is None:
            return
        fee = money(procedure.fee) if procedure.fee else self.tr("Không thu phí")
        days = (
            self.tr("{n} ngày làm việc").format(n=procedure.processing_days)
            if procedure.processing_days
            else self.tr("Trong ngày")
        )
        components = "".join(
            f"<li>{'<b>' if c.required else ''}{c.name}{'</b> ✱' if c.required else ''}"
            f" — <i>{self.tr(c.paper_form_label)}</i>{' ♻' if c.reusable else ''}</li>"
            for c in procedure.components_for(self._role())  # an authorised representative's letter too
        )
        self.details.setText(
            f"<h3>{procedure.name}</h3>"
            f"<p>{self.tr('Mã')}: {procedure.code} · {self.tr('Lĩnh vực')}: {procedure.field}</p>"
            f"<p>{self.tr('Lệ phí')}: <b>{fee}</b> · {self.tr('Thời hạn giải quyết')}: <b>{days}</b>"
            f" · {self.tr('Dịch vụ công trực tuyến')}: <b>{procedure.online_level}</b></p>"
            f"<p>{self.tr('Thành phần hồ sơ (✱ bắt buộc, ♻ được tái sử dụng)')}:</p><ul>{components}</ul>"
        )

    def _editable(self) -> bool:
        dossier = self.section.dossier
        return dossier is not None and dossier.state in (
            DossierState.CITIZEN_IDENTIFIED,
            DossierState.PROCEDURE_CHOSEN,
        )

    def choose(self) -> None:
        procedure = self._selected()
        dossier = self.section.dossier
        if procedure is None or dossier is None or not self._editable():
            return
        if procedure.code == dossier.procedure_code:
            self.section.go(2)
            return
        self.section.run(
            self.section.service.choose_procedure,
            self._chosen,
            self.tr("Đang chọn thủ tục…"),
            local_ref=dossier.local_ref,
            code=procedure.code,
        )

    def _chosen(self, dossier: Dossier) -> None:
        self.section.dossier_changed(dossier)
        self.section.go(2)

    def show_dossier(self, dossier: Dossier | None) -> None:
        if dossier is not None and dossier.procedure_code and not self.search.text():
            self.search.setText(self.section.wf.catalog.get(dossier.procedure_code).name)
        if dossier is None:
            self.search.clear()
        if self._kind() is not self._listed_kind:  # another applicant's kind: another list
            self._search(self.search.text())
        self.pick.setEnabled(self.results.count() > 0 and self._editable())

    def entered(self) -> None:
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self.search.selectAll()
