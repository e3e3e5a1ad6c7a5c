"""The scan panel driven like an officer would, over the demo device and a real dossier.

Real peers throughout: the demo capture device (bundled synthetic pages, or a folder written here),
the clean-up library, the workflow over a real SQLite file and the sealed workspace. Stored pages are
checked by decoding them back from the workspace with Pillow, not through the panel.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent

from counter_app.citizen import parse_citizen_payload
from counter_app.intake.service import IntakeService
from counter_app.workflow import Workflow
from scanner.devices import BackendRegistry
from scanner.devices.make_demo_pages import DEMO_DIR
from ui.tasks import TaskRunner
from ui.widgets.scan_panel import ScanPanel
from ui.widgets.scan_thumbnails import BLANK_ROLE

KEY = "to_khai_khai_sinh"
CITIZEN = parse_citizen_payload(
    "079190000001||Nguyễn Thị Thử Nghiệm|15081990|Nữ|Số 12 Lê Lợi, Bến Nghé|15082021"
)


def open_panel(qtbot, ctx, registry: BackendRegistry, device_id: str = "demo:0"):
    """A dossier with a chosen procedure, and the panel bound to one of its components."""
    wf = Workflow(ctx)
    dossier = wf.start()
    wf.identify(dossier, CITIZEN, method="qr_camera")
    wf.choose_procedure(dossier, "1.001193")
    tasks = TaskRunner()
    panel = ScanPanel(ctx, tasks, registry=registry)
    qtbot.addWidget(panel)
    service = IntakeService(ctx, workflow=wf)
    panel.set_target(service, dossier, KEY)
    panel.resize(1100, 760)
    panel.show()
    qtbot.waitUntil(lambda: panel.settings.device() is not None, timeout=10_000)
    assert panel.settings.select_device(device_id) or panel.settings.device().id == device_id
    qtbot.waitUntil(lambda: panel.settings.ready() and panel.scan_button.isEnabled(), timeout=10_000)
    return panel, wf, dossier, tasks


def choose(
    panel: ScanPanel, source: str | None = None, dpi: int | None = None, mode: str | None = None
) -> None:
    bar = panel.settings
    for box, value in ((bar.source, source), (bar.dpi_box, dpi), (bar.mode, mode)):
        if value is not None:
            index = box.findData(value)
            assert index >= 0, (value, [box.itemData(i) for i in range(box.count())])
            box.setCurrentIndex(index)


def stored_pages(wf: Workflow, local_ref: str) -> list[tuple[bytes, Image.Image, bool]]:
    """(sealed-then-opened bytes, decoded image, blank flag) of each page, in dossier order."""
    dossier = wf.open(local_ref)
    out = []
    for page in dossier.component(KEY).pages:
        data = wf.page_image(dossier, page)
        image = Image.open(io.BytesIO(data))
        image.load()
        out.append((data, image, page.blank))
    return out


def scan_and_wait(qtbot, panel: ScanPanel, timeout: int = 60_000) -> None:
    with qtbot.waitSignal(panel.pages_changed, timeout=timeout) as signal:
        qtbot.keyClick(panel.scan_button, Qt.Key.Key_F5)
    assert signal.args == [KEY]
    settle(qtbot, panel, timeout)


def settle(qtbot, panel: ScanPanel, timeout: int = 30_000) -> None:
    """Wait until the panel is idle and its strip shows the stored pages again."""
    qtbot.waitUntil(lambda: not panel.busy() and panel.strip.editable, timeout=timeout)


def finish(qtbot, panel: ScanPanel, tasks: TaskRunner) -> None:
    panel.close()
    assert tasks.wait(30_000)
    qtbot.wait(20)  # deliver the last callbacks while the panel still exists


def test_adf_batch_stores_every_demo_page_with_progress(qtbot, ctx) -> None:
    panel, wf, dossier, tasks = open_panel(qtbot, ctx, BackendRegistry())
    assert panel.settings.dpi() == 300  # scanner.dpi from the configuration
    assert "Đạt chuẩn" in panel.settings.dpi_note.text()
    choose(panel, source="adf", dpi=200)
    formats: list[str] = []
    panel.progress.valueChanged.connect(lambda _v: formats.append(panel.progress.format()))
    scan_and_wait(qtbot, panel)

    samples = len(list(DEMO_DIR.glob("*.*")))
    pages = stored_pages(wf, dossier.local_ref)
    assert len(pages) == samples
    assert all(image.info["dpi"][0] == pytest.approx(200, abs=1) for _, image, _ in pages)
    assert all(1500 <= image.width <= 1700 and 2200 <= image.height <= 2400 for _, image, _ in pages)  # A4
    assert {f"Trang {n}: %p%" for n in range(1, samples + 1)} <= set(formats)
    assert panel.strip.count() == samples
    assert panel.status.text().startswith(f"Đã quét {samples} trang")
    qtbot.waitUntil(panel.preview.has_page, timeout=10_000)  # the last page is shown
    whole = panel.preview.label.pixmap().size()
    assert whole.height() <= panel.preview.viewport().height()
    qtbot.keyClick(panel.preview, Qt.Key.Key_Plus)  # zoom in to read the small print
    assert panel.preview.label.pixmap().width() > panel.preview.viewport().width()
    qtbot.keyClick(panel.preview, Qt.Key.Key_0)
    assert panel.preview.label.pixmap().size() == whole
    finish(qtbot, panel, tasks)


def test_esc_cancels_the_batch_and_keeps_pages_already_received(qtbot, ctx) -> None:
    panel, wf, dossier, tasks = open_panel(qtbot, ctx, BackendRegistry(options={"demo": {"page_delay": 1.0}}))
    choose(panel, source="adf", dpi=200)
    panel.scan()
    assert panel.cancel_button.isEnabled() and panel.progress.isVisible()
    qtbot.waitUntil(lambda: "Đã lưu 1 trang" in panel.status.text(), timeout=30_000)
    qtbot.keyClick(panel.strip, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: panel.batch is None, timeout=30_000)

    kept = len(stored_pages(wf, dossier.local_ref))
    assert 1 <= kept < 3
    assert panel.status.text() == f"Đã hủy lượt quét; giữ {kept} trang đã nhận."
    assert not panel.progress.isVisible() and panel.scan_button.isEnabled()
    finish(qtbot, panel, tasks)


def _page_folder(tmp_path: Path, names: list[str]) -> Path:
    folder = tmp_path / "feeder"
    folder.mkdir()
    for number, name in enumerate(names):
        target = folder / f"{number:02d}.png"
        if name == "blank":
            Image.new("RGB", (1654, 2339), (250, 250, 248)).save(target, dpi=(200, 200))
        else:
            shutil.copy(DEMO_DIR / name, target.with_suffix(Path(name).suffix))
    return folder


def test_blank_back_is_flagged_and_kept_for_the_officer(qtbot, ctx, tmp_path) -> None:
    folder = _page_folder(tmp_path, ["01-to-khai-khai-sinh.jpg", "blank"])
    panel, wf, dossier, tasks = open_panel(
        qtbot, ctx, BackendRegistry(options={"demo": {"page_folder": folder}})
    )
    choose(panel, source="adf", dpi=200)
    scan_and_wait(qtbot, panel)

    assert [blank for _, _, blank in stored_pages(wf, dossier.local_ref)] == [False, True]
    qtbot.waitUntil(
        lambda: panel.strip.count() == 2 and bool(panel.strip.item(1).data(BLANK_ROLE)), timeout=10_000
    )
    assert "trắng" in panel.strip.item(1).text() and "trắng" not in panel.strip.item(0).text()
    assert "1 trang có vẻ để trắng" in panel.status.text()
    # The officer agrees it is a blank back and deletes it.
    panel.strip.setCurrentRow(1)
    with qtbot.waitSignal(panel.pages_changed, timeout=30_000):
        qtbot.keyClick(panel.strip, Qt.Key.Key_Delete)
    assert [blank for _, _, blank in stored_pages(wf, dossier.local_ref)] == [False]
    finish(qtbot, panel, tasks)


def _mark(colour: tuple[int, int, int], tmp: Path, name: str) -> None:
    """A distinct synthetic page: text-like bars and a coloured block, so pages tell apart."""
    image = Image.new("RGB", (827, 1169), "white")
    draw = ImageDraw.Draw(image)
    for row in range(12):
        draw.rectangle((80, 120 + row * 60, 700 - (row % 4) * 60, 132 + row * 60), fill=(30, 30, 30))
    draw.rectangle((520, 900, 700, 1040), fill=colour)
    image.save(tmp / name, dpi=(100, 100))


def drop(strip, pos: QPoint) -> None:
    """Drop the selected thumbnail at `pos`, the end of a mouse drag inside the strip. QTest cannot
    run a whole drag (it needs the platform's drag manager), so the drop event is handed over as the
    viewport would."""
    mime = strip.model().mimeData([strip.currentIndex()])
    action, button, keys = Qt.DropAction.MoveAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    strip.dropEvent(QDropEvent(QPointF(pos), action, mime, button, keys))


def test_rotate_reorder_delete_insert_and_rescan_keep_the_other_pages(qtbot, ctx, tmp_path) -> None:
    folder = tmp_path / "feeder"
    folder.mkdir()
    for name, colour in (("a.png", (200, 0, 0)), ("b.png", (0, 150, 0)), ("c.png", (0, 0, 200))):
        _mark(colour, folder, name)
    registry = BackendRegistry(options={"demo": {"page_folder": folder}})
    panel, wf, dossier, tasks = open_panel(qtbot, ctx, registry)
    choose(panel, source="adf", dpi=100)
    assert "KHÔNG đạt chuẩn" in panel.settings.dpi_note.text()  # below 200 dpi is called out
    scan_and_wait(qtbot, panel)
    a, b, c = (data for data, _, _ in stored_pages(wf, dossier.local_ref))

    def edit(action) -> list[bytes]:
        with qtbot.waitSignal(panel.pages_changed, timeout=30_000):
            action()
        settle(qtbot, panel)
        return [data for data, _, _ in stored_pages(wf, dossier.local_ref)]

    qtbot.waitUntil(lambda: panel.strip.count() == 3, timeout=10_000)
    panel.strip.setCurrentRow(2)
    assert edit(
        lambda: qtbot.keyClick(panel.strip, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    ) == [a, c, b]

    # Drag the first page past the last one, then back to the front.
    qtbot.waitUntil(lambda: panel.strip.count() == 3 and panel.strip.editable, timeout=10_000)
    panel.strip.setCurrentRow(0)
    last = panel.strip.visualItemRect(panel.strip.item(2))
    assert edit(lambda: drop(panel.strip, last.center() + QPoint(last.width() // 4, 0))) == [c, b, a]
    assert edit(lambda: drop(panel.strip, panel.strip.visualItemRect(panel.strip.item(0)).center())) == [
        a,
        c,
        b,
    ]

    qtbot.waitUntil(lambda: panel.strip.count() == 3 and panel.strip.editable, timeout=10_000)
    panel.strip.setCurrentRow(0)
    first_before = Image.open(io.BytesIO(a)).size
    rotated = edit(lambda: qtbot.keyClick(panel.strip, Qt.Key.Key_R))
    assert rotated[1:] == [c, b]
    assert Image.open(io.BytesIO(rotated[0])).size == first_before[::-1]

    qtbot.waitUntil(lambda: panel.strip.count() == 3 and panel.strip.editable, timeout=10_000)
    panel.strip.setCurrentRow(1)
    assert edit(lambda: qtbot.keyClick(panel.strip, Qt.Key.Key_Delete)) == [rotated[0], b]

    # Insert a page before the first one: the flatbed gives the next demo page.
    qtbot.waitUntil(lambda: panel.strip.count() == 2 and panel.strip.editable, timeout=10_000)
    panel.strip.setCurrentRow(0)
    qtbot.keyClick(panel.strip, Qt.Key.Key_Insert)
    assert "trước trang 1" in panel.status.text()
    choose(panel, source="flatbed")
    with qtbot.waitSignal(panel.pages_changed, timeout=60_000):
        panel.scan()
    settle(qtbot, panel)
    inserted = [data for data, _, _ in stored_pages(wf, dossier.local_ref)]
    assert len(inserted) == 3 and inserted[1:] == [rotated[0], b]

    # Re-scan the middle page: it is replaced in place.
    qtbot.waitUntil(lambda: panel.strip.count() == 3 and panel.strip.editable, timeout=10_000)
    panel.strip.setCurrentRow(1)
    qtbot.keyClick(panel.strip, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    with qtbot.waitSignal(panel.pages_changed, timeout=60_000):
        panel.scan()
    settle(qtbot, panel)
    rescanned = [data for data, _, _ in stored_pages(wf, dossier.local_ref)]
    assert len(rescanned) == 3
    assert rescanned[0] == inserted[0] and rescanned[2] == b and rescanned[1] != rotated[0]
    finish(qtbot, panel, tasks)


def test_devices_listed_with_the_reason_other_backends_are_off(qtbot, ctx) -> None:
    panel, _wf, _dossier, tasks = open_panel(qtbot, ctx, BackendRegistry())
    ids = [panel.settings.devices.itemData(i).id for i in range(panel.settings.devices.count())]
    assert "demo:0" in ids
    tooltip = panel.settings.diagnostic.toolTip()
    assert "twain" in tooltip and "wia" in tooltip  # Windows-only stacks say why they are off here
    assert "không dùng được" in panel.settings.diagnostic.text()
    # The device the officer picks is offered first next time.
    panel.settings.devices.activated.emit(ids.index("demo:0"))
    assert ctx.config.get("scanner.device") == "demo:0"
    finish(qtbot, panel, tasks)
