"""Inputs of the headless intake: every page of every file, in order, a born-digital PDF kept as is."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from counter_app.intake.inputs import IntakeError, encode_page, prepare_pages, read_citizen_from_image
from tests.synthetic import render_text_page


def test_a_multipage_tiff_gives_every_page_and_a_pdf_is_kept_byte_for_byte(tmp_path):
    frames = [Image.new("RGB", (170, 240), c) for c in ("white", "lightgrey")]
    tiff = tmp_path / "two.tif"
    frames[0].save(tiff, save_all=True, append_images=frames[1:], dpi=(200, 200))
    pages = prepare_pages(tiff, 300, clean=False)
    assert [(m.width, m.height, m.dpi, m.ext) for _, m, _ in pages] == [(170, 240, 200, "jpg")] * 2

    from fpdf import FPDF

    doc = FPDF()
    doc.add_page()
    pdf = tmp_path / "born-digital.pdf"
    doc.output(str(pdf))
    ((data, meta, _),) = prepare_pages(pdf, 300, clean=True)
    assert data == pdf.read_bytes()
    assert (meta.mode, meta.ext) == ("pdf", "pdf")


def test_a_cleaned_page_keeps_its_resolution_and_is_a_readable_image(tmp_path):
    page = tmp_path / "p.png"
    render_text_page(dpi=150, seed=3).save(page, dpi=(150, 150))
    ((data, meta, ms),) = prepare_pages(page, 300, clean=True)
    with Image.open(io.BytesIO(data)) as img:
        assert img.size == (meta.width, meta.height)
        assert round(img.info["dpi"][0]) == meta.dpi == 150
    assert meta.mode in ("color", "gray", "bw") and ms >= 0


def test_a_bw_page_is_stored_losslessly():
    import numpy as np

    grey = np.full((100, 80), 255, np.uint8)
    grey[40:60, 10:70] = 0
    data, meta = encode_page(grey, 300, "bw", False)
    assert meta.ext == "png"
    with Image.open(io.BytesIO(data)) as img:
        assert img.mode == "1"


def test_an_image_without_a_qr_code_is_a_known_error(tmp_path):
    blank = tmp_path / "blank.png"
    Image.new("RGB", (400, 300), "white").save(blank)
    with pytest.raises(IntakeError) as info:
        read_citizen_from_image(blank)
    assert info.value.code == "qr_not_found" and info.value.hint
