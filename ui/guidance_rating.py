"""The satisfaction question on the citizen's screen, after the receipt (Decision 766 group 5).

Three large buttons with the national portal's levels, an optional comment, «Bỏ qua»; one
answer per dossier (`counter_app.satisfaction` refuses a second). The panel sits under the
guidance window's receipt step and is withdrawn at any other step; the answer is written on a
worker through the recorder the intake gives it, never on the UI thread.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from counter_app.satisfaction import COMMENT_MAX, LEVEL_LABELS_VI

# level ("" = skipped), comment -> None; runs the write off the UI thread
Recorder = Callable[[str, str, str], None]
_COLOURS = {"very_satisfied": "#1e7b34", "satisfied": "#0b5cad", "unsatisfied": "#b3261e"}
_STYLE = """
#ratingPanel {{ background: #f3f7fb; border-radius: 12px; }}
#ratingPanel QLabel {{ font-size: 26px; }}
#ratingPanel QLineEdit {{ font-size: 22px; }}
#ratingPanel QPushButton {{ font-size: 28px; border-radius: 10px; color: white; font-weight: 600; }}
#ratingPanel QPushButton#skip {{ background: #e6e9ee; color: #1a1a1a; font-size: 22px; }}
{buttons}
"""


class RatingPanel(QWidget):
    answered = Signal(str, str)  # level ("" when skipped), comment

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ratingPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        buttons = "\n".join(
            f"#ratingPanel QPushButton#{level} {{ background: {colour}; }}"
            for level, colour in _COLOURS.items()
        )
        self.setStyleSheet(_STYLE.format(buttons=buttons))
        self.dossier_ref = ""
        self.record: Recorder = lambda _ref, _level, _comment: None
        self.question = QLabel(self.tr("Ông/bà có hài lòng với việc tiếp nhận hồ sơ hôm nay không?"))
        self.question.setWordWrap(True)
        self.levels: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for level, label in LEVEL_LABELS_VI.items():
            button = QPushButton(self.tr(label))
            button.setObjectName(level)
            button.setFixedHeight(120)  # a large target for a finger or a mouse
            button.clicked.connect(lambda _checked=False, chosen=level: self._answer(chosen))
            row.addWidget(button, 1)
            self.levels[level] = button
        self.comment = QLineEdit()
        self.comment.setMaxLength(COMMENT_MAX)
        self.comment.setPlaceholderText(
            self.tr("Góp ý thêm (không bắt buộc, xin đừng ghi họ tên, số giấy tờ)")
        )
        self.skip = QPushButton(self.tr("Bỏ qua"))
        self.skip.setObjectName("skip")
        self.skip.setFixedSize(200, 56)
        self.comment.setFixedHeight(56)
        self.skip.clicked.connect(lambda: self._answer(""))
        self.thanks = QLabel(self.tr("Cảm ơn ông/bà đã đánh giá!"))
        self.thanks.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.question)
        layout.addLayout(row)
        bottom = QHBoxLayout()
        bottom.addWidget(self.comment, 1)
        bottom.addWidget(self.skip)
        layout.addLayout(bottom)
        layout.addWidget(self.thanks)
        # Its full height, always: the guide above gives way rather than the buttons.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def ask(self, dossier_ref: str, answered_before: bool = False) -> None:
        """Ask about `dossier_ref`; one already answered shows only the thanks."""
        self.dossier_ref = dossier_ref
        self.comment.clear()
        self._set_open(not answered_before)
        self.show()

    def _set_open(self, open_: bool) -> None:
        for widget in (*self.levels.values(), self.comment, self.skip, self.question):
            widget.setVisible(open_)
        self.thanks.setVisible(not open_)

    def _answer(self, level: str) -> None:
        self._set_open(False)  # one answer: the buttons go at the first tap
        self.answered.emit(level, self.comment.text() if level else "")


_panels: weakref.WeakKeyDictionary[QWidget, RatingPanel] = weakref.WeakKeyDictionary()


def offer(guidance: QWidget, dossier_ref: str, answered_before: bool, record: Recorder) -> RatingPanel:
    """Show the question under the guidance window's receipt step for `dossier_ref`."""
    panel = _panels.get(guidance)
    if panel is None:
        panel = _panels[guidance] = RatingPanel(guidance)
        guidance.layout().addWidget(panel)
        panel.answered.connect(lambda level, comment: panel.record(panel.dossier_ref, level, comment))
        panel.answered.connect(lambda _level, _comment: _show_guide(guidance, True))
    panel.record = record  # the intake's writer of the moment
    panel.ask(dossier_ref, answered_before)
    # While the question is open it takes the place of the QR code and the self-service guide
    # (a 768-pixel screen holds one or the other); they come back once the citizen answered.
    _show_guide(guidance, answered_before)
    return panel


def withdraw(guidance: QWidget) -> None:
    """Hide the question (any step other than the receipt, or the next citizen)."""
    panel = _panels.get(guidance)
    if panel is not None and panel.isVisible():
        panel.hide()
        _show_guide(guidance, True)


def _show_guide(guidance: QWidget, shown: bool) -> None:
    final = getattr(guidance, "final", None)  # the receipt step's QR code and guide
    if isinstance(final, QWidget):
        final.setVisible(shown)
