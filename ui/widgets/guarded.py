"""A button whose shortcut never fails silently: when the action cannot run, the tooltip says why
and pressing the shortcut puts that reason on the status line instead of doing nothing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QWidget

from ui.shortcuts import Shortcut, shown


class GuardedButton:
    """`button` runs its action when clicked; `why()` returns "" when it can, else the reason.
    The shortcut lives on `owner` (always active in its window, whatever step is shown), so the
    key is heard even while the button is hidden or greyed; `say(text)` shows a refusal."""

    def __init__(
        self,
        button: QAbstractButton,
        shortcut: Shortcut,
        tip: str,
        why: Callable[[], str],
        *,
        owner: QWidget,
        say: Callable[[str], None],
        run: Callable[[], None] | None = None,
    ) -> None:
        self.button, self.tip, self.why, self.say = button, tip, why, say
        self.run = run or button.click
        self.action = QAction(owner)
        self.action.setShortcut(QKeySequence(shortcut.keys))
        self.action.triggered.connect(self.trigger)
        owner.addAction(self.action)
        self.keys = shown(shortcut.keys)
        self.refresh()

    def refresh(self) -> None:
        reason = self.why()
        self.button.setEnabled(not reason)
        tip = f"{self.tip} ({self.keys})"
        self.button.setToolTip(tip if not reason else f"{tip}\n{reason}")

    def trigger(self) -> None:
        reason = self.why()
        if reason:
            self.say(reason)
        else:
            self.run()
