"""Inputs of the headless intake: every page of every file, in order, a born-digital PDF kept as is."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from counter_app.errors import KnownError
from counter_app.intake.card_image import read_card_image
from counter_app.intake.inputs import encode_page, prepare_pages
from tests.synthetic import render_text_page


def test_a_multipage_tiff_gives_every_page_and_a_pdf_is_kept_byte_for_byte(tmp_path):
    frames = [Image.new("RGB", (170, 240), c) for c in ("white", "lightgrey")]
    tiff = tmp_path / "two.tif"
    frames[0].save(tiff, save_all=True, append_images=frames[1:], dpi=(200, 200))
    pages = prepare_pages(tiff, 300, clean=False)
    assert [(m.width, m.height, m.dpi, m.ext) for m in (p.meta for p in pages)] == [
        (170, 240, 200, "jpg")
    ] * 2

    from fpdf import FPDF

    doc = FPDF()
    doc.add_page()
    pdf = tmp_path / "born-digital.pdf"
    doc.output(str(pdf))
    (prepared,) = prepare_pages(pdf, 300, clean=True)
    data, meta = prepared.data, prepared.meta
    assert data == pdf.read_bytes()
    assert (meta.mode, meta.ext) == ("pdf", "pdf")


def test_a_cleaned_page_keeps_its_resolution_and_is_a_readable_image(tmp_path):
    page = tmp_path / "p.png"
    render_text_page(dpi=150, seed=3).save(page, dpi=(150, 150))
    (prepared,) = prepare_pages(page, 300, clean=True)
    data, meta, ms = prepared.data, prepared.meta, prepared.ms
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
    with pytest.raises(KnownError) as info:
        read_card_image(blank)
    assert info.value.code == "qr_not_found" and info.value.hint


def _bgr_from_import_files(path):
    import numpy as np

    from scanner.devices.files import import_files

    (page,) = import_files([path], fallback_dpi=300)
    return np.asarray(page.image.convert("RGB"))[:, :, ::-1], page.dpi


@pytest.mark.parametrize(("mode", "fmt"), [("RGB", "PNG"), ("L", "PNG"), ("RGB", "JPEG"), ("L", "JPEG")])
def test_a_page_file_read_directly_has_the_pixels_the_file_import_gives(tmp_path, mode, fmt):
    import numpy as np

    from counter_app.intake.inputs import read_page_bgr

    page = render_text_page(dpi=100, seed=5).convert(mode)
    path = tmp_path / f"tờ khai.{fmt.lower()}"  # a Vietnamese name (cv2.imread fails on it on Windows)
    page.save(path, fmt, dpi=(200, 200))
    image, dpi = read_page_bgr(path, 300)
    expected, expected_dpi = _bgr_from_import_files(path)
    assert dpi == expected_dpi == 200
    assert np.array_equal(image, expected)


def test_files_the_direct_read_does_not_cover_go_through_the_file_import(tmp_path):
    from counter_app.intake.inputs import read_page_bgr

    palette = tmp_path / "palette.png"
    Image.new("P", (40, 30)).save(palette)
    deep = tmp_path / "deep.png"
    Image.new("I;16", (40, 30)).save(deep)
    frames = tmp_path / "two.tif"
    Image.new("RGB", (40, 30)).save(frames, save_all=True, append_images=[Image.new("RGB", (40, 30))])
    assert [read_page_bgr(p, 300) for p in (palette, deep, frames)] == [None, None, None]
    pages = prepare_pages(palette, 300, clean=True)
    assert [(m.width, m.height) for m in (p.meta for p in pages)] and all(
        m.ext in ("jpg", "png") for m in (p.meta for p in pages)
    )


@pytest.mark.parametrize("channels", [3, 1])
def test_a_stored_page_is_the_jpeg_pillow_writes(channels):
    import cv2
    import numpy as np

    bgr = np.asarray(render_text_page(dpi=100, seed=7).convert("RGB"))[:, :, ::-1]
    image = np.ascontiguousarray(bgr) if channels == 3 else cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    data, meta = encode_page(image, 240, "color" if channels == 3 else "gray", False)
    buf = io.BytesIO()
    rgb = cv2.cvtColor(image, cv2.COLOR_BGR2RGB) if channels == 3 else image
    Image.fromarray(rgb).save(buf, "JPEG", dpi=(240, 240), quality=94)
    assert data == buf.getvalue()
    assert (meta.width, meta.height, meta.dpi, meta.ext) == (image.shape[1], image.shape[0], 240, "jpg")


def test_a_truncated_page_file_is_a_known_error_naming_it(tmp_path):
    from counter_app.errors import is_known_error

    whole = tmp_path / "whole.png"
    render_text_page(dpi=100, seed=9).save(whole, dpi=(100, 100))
    cut = tmp_path / "trang-cat.png"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])  # a copy interrupted halfway
    with pytest.raises(Exception) as info:
        prepare_pages(cut, 300, clean=True)
    assert is_known_error(info.value) and "trang-cat.png" in str(info.value)
