"""Scan batches of the intake core, without a window, over real peers: the demo device (a folder of
synthetic pages written here) and SANE's `test` backend, the clean-up library, the workflow over a
real SQLite file and the sealed workspace. Stored pages are decoded back from the workspace."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from common.progress import Cancel, Update
from counter_app.citizen import parse_citizen_payload
from counter_app.intake import scanning
from counter_app.workflow import Workflow
from scanner.devices import BackendRegistry, ScanSettings
from tests.sane_test import sane_test_folder

KEY = "to_khai_khai_sinh"
CITIZEN = parse_citizen_payload(
    "079190000001||Nguyễn Thị Thử Nghiệm|15081990|Nữ|Số 12 Lê Lợi, Bến Nghé|15082021"
)
COLOURS = ((200, 0, 0), (0, 150, 0), (0, 0, 200))


def new_dossier(wf: Workflow) -> str:
    dossier = wf.start()
    wf.identify(dossier, CITIZEN, method="qr_camera")
    wf.choose_procedure(dossier, "1.001193")
    return dossier.local_ref


def feeder(tmp_path: Path) -> BackendRegistry:
    """The demo device feeding three distinct synthetic pages (text-like bars, a coloured block)."""
    folder = tmp_path / "feeder"
    folder.mkdir()
    for number, colour in enumerate(COLOURS):
        image = Image.new("RGB", (827, 1169), "white")
        draw = ImageDraw.Draw(image)
        for row in range(12):
            draw.rectangle((80, 120 + row * 60, 700 - (row % 4) * 60, 132 + row * 60), fill=(30, 30, 30))
        draw.rectangle((520, 900, 700, 1040), fill=colour)
        image.save(folder / f"{number:02d}.png", dpi=(100, 100))
    return BackendRegistry(options={"demo": {"page_folder": folder}})


def stored(wf: Workflow, local_ref: str) -> list[Image.Image]:
    """Each page of the component as decoded from its sealed file, in dossier order (reopened)."""
    dossier = wf.open(local_ref)
    images = []
    for page in dossier.component(KEY).pages:
        image = Image.open(io.BytesIO(wf.page_image(dossier, page)))
        image.load()
        images.append(image)
    return images


def block_colour(image: Image.Image) -> tuple[int, ...]:
    """The colour of the page's coloured block (its place scales with the page)."""
    rgb = image.convert("RGB")
    return rgb.getpixel((round(rgb.width * 610 / 827), round(rgb.height * 970 / 1169)))


def closest(colour: tuple[int, ...]) -> int:
    return min(
        range(len(COLOURS)), key=lambda i: sum((a - b) ** 2 for a, b in zip(colour, COLOURS[i], strict=True))
    )


ADF = ScanSettings(source="adf", mode="color", dpi=100)


def test_a_batch_stores_every_page_and_reports_each_one(wf: Workflow, tmp_path: Path) -> None:
    local_ref = new_dossier(wf)
    updates: list[Update] = []

    result = scanning.scan_batch(
        wf, feeder(tmp_path), local_ref, KEY, "demo:0", ADF, progress=updates.append, cancel=Cancel()
    )

    assert result.error is None and not result.cancelled
    pages = stored(wf, local_ref)
    assert [closest(block_colour(p)) for p in pages] == [0, 1, 2]
    assert all(p.info["dpi"][0] == pytest.approx(100, abs=1) for p in pages)
    assert result.saved == [p.seq for p in wf.open(local_ref).component(KEY).pages]
    assert all(isinstance(u, Update) and u.text for u in updates)
    arriving = {u.item.number for u in updates if isinstance(u.item, scanning.PageArriving)}
    assert arriving == {1, 2, 3}
    done = [u.item for u in updates if isinstance(u.item, scanning.PageStored)]
    assert [s.seq for s in done] == result.saved
    thumb = Image.open(io.BytesIO(done[0].thumbnail))
    assert max(thumb.size) <= 120  # a screen can show it as it is
    assert Image.open(io.BytesIO(done[0].preview)).format == "JPEG"


def test_cancel_mid_batch_keeps_the_pages_already_received(wf: Workflow, tmp_path: Path) -> None:
    local_ref = new_dossier(wf)
    cancel = Cancel()

    def officer_cancels_after_the_first_page(update: Update) -> None:
        if isinstance(update.item, scanning.PageStored):
            cancel.cancel()

    result = scanning.scan_batch(
        wf,
        feeder(tmp_path),
        local_ref,
        KEY,
        "demo:0",
        ADF,
        progress=officer_cancels_after_the_first_page,
        cancel=cancel,
    )

    assert result.cancelled and result.error is None
    assert len(result.saved) == 1
    assert [closest(block_colour(p)) for p in stored(wf, local_ref)] == [0]


def test_new_pages_go_before_a_page_or_in_its_place(wf: Workflow, tmp_path: Path) -> None:
    registry = feeder(tmp_path)
    local_ref = new_dossier(wf)
    two = ScanSettings(source="adf", mode="color", dpi=100, max_pages=2)
    first = scanning.scan_batch(wf, registry, local_ref, KEY, "demo:0", two)
    assert [closest(block_colour(p)) for p in stored(wf, local_ref)] == [0, 1]

    # The flatbed gives the demo pages in turn: the first one goes before the second page.
    one = ScanSettings(source="flatbed", mode="color", dpi=100)
    scanning.scan_batch(wf, registry, local_ref, KEY, "demo:0", one, place_at=1)
    assert [closest(block_colour(p)) for p in stored(wf, local_ref)] == [0, 0, 1]

    # A re-scan of the first page takes its place; the others keep theirs.
    rescan = scanning.scan_batch(wf, registry, local_ref, KEY, "demo:0", one, replace=first.saved[0])
    pages = wf.open(local_ref).component(KEY).pages
    assert pages[0].seq == rescan.saved[0] and first.saved[0] not in [p.seq for p in pages]
    assert [closest(block_colour(p)) for p in stored(wf, local_ref)] == [1, 0, 1]


# -- SANE's test backend --------------------------------------------------------------------------


@pytest.fixture
def sane_registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[BackendRegistry]:
    for _folder in sane_test_folder(tmp_path / "sane", monkeypatch):
        yield BackendRegistry()


def test_sane_feeder_cancelled_after_two_pages_keeps_them(
    wf: Workflow, sane_registry: BackendRegistry
) -> None:
    local_ref = new_dossier(wf)
    cancel = Cancel()
    fractions: list[float] = []

    def on_update(update: Update) -> None:
        if isinstance(update.item, scanning.PageArriving) and update.fraction is not None:
            fractions.append(update.fraction)
        if isinstance(update.item, scanning.PageStored) and update.item.number == 2:
            cancel.cancel()

    settings = ScanSettings(source="adf", mode="gray", dpi=100)
    result = scanning.scan_batch(
        wf, sane_registry, local_ref, KEY, "sane:test:0", settings, progress=on_update, cancel=cancel
    )

    assert result.cancelled and result.error is None
    pages = stored(wf, local_ref)
    assert len(pages) == 2 == len(result.saved)  # the feeder holds ten: the rest were never asked for
    assert all(p.info["dpi"][0] == pytest.approx(100, abs=1) for p in pages)
    assert any(0 < f < 1 for f in fractions)  # progress within a page, from the device's lines
