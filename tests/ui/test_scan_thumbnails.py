"""The pages strip and the page preview are shown again whenever the dossier changes (PDFs built,
signed, filed), mostly with the same pages: they are then neither rebuilt nor decoded again (the
window's UI thread decoded every thumbnail and the preview each time, ~50 ms per change)."""

from __future__ import annotations

import cv2
import numpy as np

from counter_app.intake.page_images import PageThumb
from ui.widgets.scan_thumbnails import PagePreview, ThumbnailStrip


def _png(shade: int) -> bytes:
    ok, data = cv2.imencode(".png", np.full((40, 30, 3), shade, np.uint8))
    assert ok
    return data.tobytes()


def _pages(*shades: int) -> list[PageThumb]:
    return [PageThumb(seq, False, f"p{seq}", _png(shade)) for seq, shade in enumerate(shades, start=1)]


def _items(strip: ThumbnailStrip) -> list[object]:
    return [strip.item(i) for i in range(strip.count())]


def test_the_same_pages_shown_again_keep_their_items_and_selection(qtbot) -> None:
    strip = ThumbnailStrip()
    qtbot.addWidget(strip)
    pages = _pages(10, 120, 240)
    strip.show_pages(pages)
    assert strip.current_seq() == 3 and [strip.item(i).text() for i in range(3)] == [
        "Trang 1",
        "Trang 2",
        "Trang 3",
    ]
    strip.setCurrentRow(1)
    before = _items(strip)
    with qtbot.assertNotEmitted(strip.currentItemChanged):
        strip.show_pages(_pages(10, 120, 240), select_seq=2)
    assert _items(strip) == before and strip.current_seq() == 2


def test_changed_pages_are_shown_anew(qtbot) -> None:
    strip = ThumbnailStrip()
    qtbot.addWidget(strip)
    strip.show_pages(_pages(10, 120, 240))
    before = _items(strip)
    rotated = _pages(10, 120, 240)
    rotated[1] = PageThumb(2, False, "p2", _png(60))  # page 2 turned: a new thumbnail
    strip.show_pages(rotated, select_seq=2)
    assert _items(strip) != before and strip.current_seq() == 2
    moved = [rotated[2], rotated[0], rotated[1]]  # page 3 moved to the front
    strip.show_pages(moved, select_seq=3)
    assert strip.seqs() == [3, 1, 2] and strip.item(0).text() == "Trang 1" and strip.current_seq() == 3


def test_pages_of_an_import_are_numbered_once_it_is_over(qtbot) -> None:
    strip = ThumbnailStrip()
    qtbot.addWidget(strip)
    pages = _pages(10, 120)
    for number, page in enumerate(pages, start=1):
        strip.add_arrived(page.seq, page.png, page.blank, f"Trang mới {number}")
    before = _items(strip)
    strip.show_pages(pages, select_seq=2)
    assert _items(strip) == before
    assert [strip.item(i).text() for i in range(2)] == ["Trang 1", "Trang 2"] and strip.current_seq() == 2


def test_the_preview_decodes_a_page_once(qtbot) -> None:
    preview = PagePreview()
    qtbot.addWidget(preview)
    first, other = _png(10), _png(200)
    preview.show_image(first, blank=False)
    shown = preview._pixmap.cacheKey()
    preview.show_image(bytes(first), blank=False)  # the same page, as another bytes object
    assert preview._pixmap.cacheKey() == shown
    preview.show_image(other, blank=False)
    assert preview._pixmap.cacheKey() != shown
    preview.show_image(other, blank=True)  # flagged blank since: shown again with the red border
    assert "border" in preview.label.styleSheet()
