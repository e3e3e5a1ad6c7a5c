"""Pages imported from files come with their thumbnails and previews, made by the page workers
while the cleaned pixels were in memory: the window shows the strip and the preview without
decoding a stored page again (issue #17: the window's import cost two decodes of each 300 dpi page)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from counter_app.intake import page_images
from tests.ui.test_intake_flow import (
    choose_birth_registration,
    enter_citizen,
    idle,
    open_section,
    select_component,
    synthetic_files,
)


def test_imported_pages_are_shown_without_decoding_them_again(qtbot, ctx, tmp_path, monkeypatch) -> None:
    section = open_section(qtbot, ctx, lambda: None)
    enter_citizen(qtbot, section)
    choose_birth_registration(qtbot, section)
    decoded: list[str] = []
    real = page_images._reduced

    def counting(*args, **kwargs):  # the real decode, counted: it is what the import must spare
        decoded.append(args[2].file_name)
        return real(*args, **kwargs)

    monkeypatch.setattr(page_images, "_reduced", counting)
    select_component(section, "giay_chung_sinh")
    section.components.import_paths(synthetic_files(tmp_path, "giay_chung_sinh", (2, 3, 4)))
    idle(qtbot, section)
    panel = section.components.panel
    qtbot.waitUntil(lambda: panel.strip.count() == 3, timeout=20_000)
    assert all(panel.strip.item(i).icon().availableSizes() for i in range(3))  # thumbnails shown
    panel.strip.setCurrentRow(1)
    qtbot.keyClick(panel.strip, Qt.Key.Key_Right)
    idle(qtbot, section)
    assert decoded == []  # neither the strip nor the preview decoded a stored page
