"""Interrupted dossiers are not lost: at start the newest unfinished dossier of today is offered
(whose, which procedure, which step, since when), and closing the window with a dossier open says
where it is kept and how it comes back.

The list is `counter_app.read_models.resumable_dossiers` (SQL and the citizen's name unsealed), run
on the task runner, never on the UI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from counter_app.dossier import OPEN_STATES
from counter_app.read_models import NamedDossier, resumable_dossiers

if TYPE_CHECKING:
    from ui.intake.section import IntakeSection


class ResumeOffer(QFrame):
    """A banner above the steps: «Làm tiếp» opens the dossier where it was, «Bỏ qua» hides the offer."""

    def __init__(self, section: IntakeSection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.entry: NamedDossier | None = None
        self._looking = False
        self.setObjectName("resumeOffer")
        self.setStyleSheet("#resumeOffer { background: #FFF8E1; border: 1px solid #F9A825; }")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.resume = QPushButton(self.tr("&Làm tiếp hồ sơ này"))
        self.resume.clicked.connect(self.take)
        self.dismiss = QPushButton(self.tr("Bỏ qua"))
        self.dismiss.setToolTip(
            self.tr("Hồ sơ vẫn được giữ; mở lại bất cứ lúc nào bằng «Tiếp tục hồ sơ…» (Ctrl+R)")
        )
        self.dismiss.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.resume)
        layout.addWidget(self.dismiss)
        self.hide()

    @property
    def looking(self) -> bool:
        return self._looking

    def look(self) -> None:
        """Read today's unfinished dossiers on a worker; the newest is offered if no dossier is open."""
        ctx = self.section.ctx
        self._looking = True
        self.section.tasks.run(
            resumable_dossiers,
            on_result=self._found,
            on_error=self._failed,
            context=self,
            db=ctx.db,
            key=ctx.data_key,
            catalog=self.section.wf.catalog,
        )

    def _found(self, rows: list[NamedDossier]) -> None:
        self._looking = False
        if not rows or self.section.dossier is not None:
            return
        self.entry = rows[0]
        text = self.tr("Hồ sơ đang làm dở: {what}.").format(what=self.describe(rows[0]))
        if len(rows) > 1:
            text += " " + self.tr("Còn {n} hồ sơ dở khác trong «Tiếp tục hồ sơ…» (Ctrl+R).").format(
                n=len(rows) - 1
            )
        self.text.setText(text)
        self.show()

    def _failed(self, exc: BaseException) -> None:
        self._looking = False
        self.section.show_error(exc)

    def describe(self, entry: NamedDossier) -> str:
        row = entry.row
        parts = [
            entry.citizen_name or self.tr("chưa có công dân"),
            entry.procedure_name or self.tr("chưa chọn thủ tục"),
            self.tr("đang ở bước {step}").format(step=self.section.step_title(row.state)),
            self.tr("bắt đầu lúc {time}").format(time=f"{row.created_local:%H:%M}"),
            row.local_ref,
        ]
        return " — ".join(parts)

    def take(self) -> None:
        if self.entry is not None:
            self.hide()
            self.section.open_dossier(self.entry.local_ref)


def closing_note(section: IntakeSection) -> str | None:
    """What closing the window does to the dossier open in `section` (None: nothing open)."""
    dossier = section.dossier
    if dossier is None or dossier.state not in OPEN_STATES:
        return None
    name = section.citizen.capture.form.full_name.text().strip()
    procedure = section.wf.catalog.get(dossier.procedure_code).name if dossier.procedure_code else ""
    who = ", ".join(p for p in (name, procedure) if p)
    return section.tr(
        "Hồ sơ {ref}{who} đang ở bước {step}. Mọi thông tin và trang đã quét đều đã được lưu trong "
        "thư mục dữ liệu {folder}.\n\nLần mở sau trong hôm nay, chương trình sẽ đề nghị làm tiếp; "
        "cũng có thể mở lại bằng «Tiếp tục hồ sơ…» (Ctrl+R)."
    ).format(
        ref=dossier.local_ref,
        who=f" ({who})" if who else "",
        step=section.step_title(dossier.state),
        folder=section.ctx.paths.data_dir,
    )
