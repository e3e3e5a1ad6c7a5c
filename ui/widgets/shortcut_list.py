"""F1: every keyboard shortcut of the window on one screen, grouped by where it works."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ui import shortcuts


class ShortcutList(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Phím tắt"))
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Phím"), self.tr("Việc")])
        self.tree.setRootIsDecorated(False)
        self.tree.setColumnWidth(0, 170)
        # Grouped by where each works, the groups in the order they first appear in the one list.
        groups: dict[str, list[shortcuts.Shortcut]] = {}
        for entry in shortcuts.ALL:
            groups.setdefault(entry.where, []).append(entry)
        for where, entries in groups.items():
            heading = QTreeWidgetItem(self.tree, [QCoreApplication.translate("Shortcuts", where), ""])
            heading.setFirstColumnSpanned(True)
            font = heading.font(0)
            font.setBold(True)
            heading.setFont(0, font)
            for entry in entries:
                QTreeWidgetItem(
                    self.tree,
                    [shortcuts.shown(entry.keys), QCoreApplication.translate("Shortcuts", entry.action)],
                )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Đóng"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(620, 560)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def rows(self) -> list[tuple[str, str]]:
        """What the list shows, row by row (group headings have an empty second column)."""
        items = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [(item.text(0), item.text(1)) for item in items if item is not None]
