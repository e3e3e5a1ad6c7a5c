"""The scan panel over SANE's real `test` backend: an ADF batch with progress, Cancel, a forced jam.

SANE_CONFIG_DIR points at a folder written here: `dll.conf` loads only `test`; `test.conf` raises
`geometry_max` so an A4 page fits and draws a grid. The test backend's feeder runs empty after 10
pages; its `read-return-value` option, set between two pages, forces a paper jam.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer

from scanner.devices import BackendRegistry
from tests.sane_test import COLOUR_CONF, sane_test_folder
from tests.ui.test_scan_panel import choose, finish, open_panel, settle, stored_pages

sane_backend = pytest.importorskip("scanner.devices.sane_backend")
pytest.importorskip("sane", reason="python-sane is not installed")

DEVICE = "sane:test:0"
TEST_CONF = COLOUR_CONF
SLOW = "read-delay true\nread-delay-duration 50000\n"  # ~0.8 s per page at 100 dpi


@pytest.fixture
def sane_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    yield from sane_test_folder(tmp_path / "sane", monkeypatch)


def test_adf_batch_of_ten_pages_with_progress_per_page(qtbot, ctx, sane_config) -> None:
    panel, wf, dossier, tasks = open_panel(qtbot, ctx, BackendRegistry(), DEVICE)
    assert [panel.settings.source.itemData(i) for i in range(panel.settings.source.count())] == [
        "flatbed",
        "adf",
    ]
    choose(panel, source="adf", mode="color", dpi=100)
    values: list[int] = []
    panel.progress.valueChanged.connect(values.append)
    with qtbot.waitSignal(panel.pages_changed, timeout=90_000):
        qtbot.keyClick(panel.scan_button, Qt.Key.Key_F5)
    settle(qtbot, panel)

    pages = stored_pages(wf, dossier.local_ref)
    assert len(pages) == 10  # the test backend's feeder runs empty after ten sheets
    assert all(image.info["dpi"][0] == pytest.approx(100, abs=1) for _, image, _ in pages)
    assert any(0 < v < 100 for v in values)  # the bar moves within a page, not only between pages
    assert panel.strip.count() == 10
    assert panel.status.text().startswith("Đã quét 10 trang")
    finish(qtbot, panel, tasks)


def test_paper_jam_mid_batch_keeps_the_pages_received(qtbot, ctx, sane_config) -> None:
    (sane_config / "test.conf").write_text(TEST_CONF + SLOW)
    registry = BackendRegistry()
    panel, wf, dossier, tasks = open_panel(qtbot, ctx, registry, DEVICE)
    choose(panel, source="adf", mode="gray", dpi=100)
    device = registry.get("sane").device_from_id("test:0")
    jammed: list[int] = []

    def jam_between_pages() -> None:
        # The option can only be set while the scanner is between two sheets: retry until it takes.
        handle = registry.get("sane").live_handle(device)
        try:
            handle.read_return_value = "SANE_STATUS_JAMMED"
        except Exception:
            QTimer.singleShot(5, jam_between_pages)
            return
        jammed.append(panel._received)

    panel.scan()
    qtbot.waitUntil(lambda: "Đã lưu 2 trang" in panel.status.text(), timeout=60_000)
    jam_between_pages()
    qtbot.waitUntil(lambda: panel.batch is None, timeout=60_000)
    settle(qtbot, panel)

    kept = len(stored_pages(wf, dossier.local_ref))
    assert jammed and 2 <= kept < 10
    text = panel.status.text()
    assert text.startswith("Kẹt giấy trong khay nạp.")
    assert f"Đã giữ {kept} trang nhận được trước lỗi" in text
    assert "gỡ tờ giấy bị kẹt" in text  # the hint: what to do next
    assert panel.strip.count() == kept
    finish(qtbot, panel, tasks)


def test_cancel_stops_a_slow_feeder_and_keeps_received_pages(qtbot, ctx, sane_config) -> None:
    (sane_config / "test.conf").write_text(TEST_CONF + SLOW)
    panel, wf, dossier, tasks = open_panel(qtbot, ctx, BackendRegistry(), DEVICE)
    choose(panel, source="adf", mode="gray", dpi=100)
    panel.scan()
    qtbot.waitUntil(lambda: "Đã lưu 1 trang" in panel.status.text(), timeout=60_000)
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.batch is None, timeout=30_000)
    settle(qtbot, panel)

    kept = len(stored_pages(wf, dossier.local_ref))
    assert 1 <= kept < 10
    assert panel.status.text() == f"Đã hủy lượt quét; giữ {kept} trang đã nhận."
    finish(qtbot, panel, tasks)
