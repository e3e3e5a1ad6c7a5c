"""The visible stamp never covers the document's ink: page 1 rendered before and after signing
(pypdfium2), every pixel the signature changed was white before. Real PAdES signatures with the
demo keystore, on PDF bytes in memory; the pages are drawn by fpdf2, not by the code under test."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from fpdf import FPDF

from common import clock
from signing.placement import STAMP_HEIGHT, STAMP_WIDTH, find_stamp_box
from signing.provider import open_demo_session
from signing.session import DocumentMetadata, SigningSettings

A4 = (595.28, 841.89)  # points
SCALE = 150 / 72  # the test's own render: finer than the placement's, so a graze would show


def _page(*blocks: tuple[float, float, float, float], text_lines: int = 0) -> bytes:
    """An A4 page with dark blocks (x, y, w, h in points from the top left) and lines of text."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_fill_color(30, 30, 30)
    for x, y, w, h in blocks:
        pdf.rect(x, y, w, h, style="F")
    pdf.set_font("helvetica", size=11)
    for n in range(text_lines):
        pdf.set_xy(20, 20 + n * 13)
        pdf.cell(text="CONG HOA XA HOI CHU NGHIA VIET NAM - Doc lap - Tu do - Hanh phuc " * 2)
    return bytes(pdf.output())


def _render(pdf: bytes) -> np.ndarray:
    document = pdfium.PdfDocument(pdf)
    document.init_forms()  # the signature's appearance is a form field's widget
    try:
        image = document[0].render(scale=SCALE, grayscale=True, may_draw_forms=True).to_pil().convert("L")
    finally:
        document.close()
    return np.asarray(image).astype(int)


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("demo-keystore")
    opened = open_demo_session(folder, SigningSettings(stamp=True))
    yield opened
    opened.close()


def _sign(session, pdf: bytes, corner: str = "top_left") -> bytes:
    scan_time = dt.datetime(2026, 4, 28, 9, 30, tzinfo=clock.zone())
    return session.sign(pdf, DocumentMetadata("trang.pdf", scan_time=scan_time, stamp_corner=corner))


def _assert_stamp_on_white_only(before_pdf: bytes, after_pdf: bytes) -> np.ndarray:
    before, after = _render(before_pdf), _render(after_pdf)
    changed = np.abs(before - after) > 8
    ink = before < 200
    assert changed.sum() > 500, "the stamp is drawn"
    assert not (changed & ink).any(), "the stamp covers ink"
    return changed


def _box_pixels(box: tuple[int, int, int, int]) -> tuple[slice, slice]:
    """The box's pixels in the test's render, with 2 pixels for the border's anti-aliasing."""
    x1, y1, x2, y2 = box
    rows = slice(int((A4[1] - y2) * SCALE) - 2, int((A4[1] - y1) * SCALE) + 3)
    return rows, slice(int(x1 * SCALE) - 2, int(x2 * SCALE) + 3)


def test_a_free_top_left_gets_the_stamp_at_the_corner(session) -> None:
    page = _page((300, 400, 200, 200))
    placement = find_stamp_box(page)
    assert placement.free and placement.box == (
        18,
        int(A4[1]) - 18 - STAMP_HEIGHT,
        18 + STAMP_WIDTH,
        int(A4[1]) - 18,
    )
    _assert_stamp_on_white_only(page, _sign(session, page))


def test_a_top_left_full_of_ink_moves_the_stamp_to_white_space_nearby(session) -> None:
    """The national motto and an agency block across the top left: the stamp goes below them."""
    page = _page((0, 0, 330, 150), text_lines=6)
    placement = find_stamp_box(page)
    assert placement.free
    x1, _y1, _x2, y2 = placement.box
    assert x1 < A4[0] / 2 and A4[1] - y2 >= 150  # still top left, under the ink
    changed = _assert_stamp_on_white_only(page, _sign(session, page))
    rows, cols = _box_pixels(placement.box)
    assert changed[rows, cols].any() and changed.sum() == changed[rows, cols].sum()


def test_a_full_corner_area_falls_back_to_the_nearest_free_space_of_the_top_band(session) -> None:
    """Ink over the whole corner area (half the width, a quarter of the height): the top band's
    white space on the right is used."""
    page = _page((0, 0, 316, A4[1] * 0.3), (0, A4[1] * 0.3, A4[0], A4[1] * 0.7))
    placement = find_stamp_box(page)
    assert placement.free
    assert placement.box[0] >= 316 and A4[1] - placement.box[1] <= A4[1] * 0.3
    _assert_stamp_on_white_only(page, _sign(session, page))


def test_a_page_without_white_space_puts_the_stamp_where_the_officer_chose(session) -> None:
    """A full-page photo: no free place; the stamp is flagged for the officer, at the corner chosen."""
    page = _page((0, 0, A4[0], A4[1]))
    placement = find_stamp_box(page)
    assert placement.covers_ink and placement.box[:2] == (18, int(A4[1]) - 18 - STAMP_HEIGHT)
    moved = find_stamp_box(page, "bottom_right")
    assert moved.covers_ink and moved.box == (
        int(A4[0]) - 18 - STAMP_WIDTH,
        18,
        int(A4[0]) - 18,
        18 + STAMP_HEIGHT,
    )
    signed = _sign(session, page, "bottom_right")
    before, after = _render(page), _render(signed)
    changed = np.abs(before - after) > 8
    rows, cols = _box_pixels(moved.box)
    assert changed.sum() > 0 and changed.sum() == changed[rows, cols].sum()  # only inside the chosen box


def test_the_officer_may_choose_another_corner_with_white_space(session) -> None:
    page = _page((0, 0, A4[0], A4[1] * 0.6))  # ink on the top 60 %; the bottom is white
    assert not find_stamp_box(page).free
    placement = find_stamp_box(page, "bottom_left")
    assert placement.free and placement.box[:2] == (18, 18)
    _assert_stamp_on_white_only(page, _sign(session, page, "bottom_left"))


def test_signing_writes_no_plaintext_file(session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Placement renders from the bytes in memory: nothing lands in the temp folder."""
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    _sign(session, _page((0, 0, 330, 150)))
    assert list(tmp_path.iterdir()) == []
