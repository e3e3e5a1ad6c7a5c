"""The 1-bit text layer is lossless: what poppler decodes from the PDF is exactly the mask that was coded."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, TiffImagePlugin

from scanner.pdf import build_pdf, encode, segment
from tests.synthetic import render_text_page, save_page


def _strip(tiff: bytes) -> bytes:
    img = Image.open(io.BytesIO(tiff))
    (start,) = img.tag_v2[TiffImagePlugin.STRIPOFFSETS]
    (count,) = img.tag_v2[TiffImagePlugin.STRIPBYTECOUNTS]
    return tiff[start : start + count]


def test_packed_g4_writes_the_stream_pillow_writes() -> None:
    # An odd width, so the last byte of every row is only partly image (its pad bits are inverted
    # with the ink); and a corner of a larger mask, as the stencil's view of the page's mask is.
    rng = np.random.default_rng(7)
    ink = rng.random((400, 1300)) < 0.08
    ink[100:140, :] = True
    corner = ink[:311, :1237]
    assert not corner.flags.c_contiguous
    assert _strip(encode._g4_tiff_packed(corner)) == _strip(encode._g4_tiff_pillow(~corner))


@pytest.mark.skipif(
    not shutil.which("pdfimages"), reason="poppler-utils is needed to decode the PDF independently"
)
def test_bw_page_decodes_to_exactly_the_mask(tmp_path: Path) -> None:
    page = render_text_page(dpi=200, seed=5)
    src = save_page(page, tmp_path / "page.png", dpi=200)
    out = tmp_path / "bw.pdf"
    build_pdf([src], out, profile="bw", ocr=False)
    subprocess.run(["pdfimages", "-png", str(out), str(tmp_path / "img")], check=True, capture_output=True)
    (extracted,) = sorted(tmp_path.glob("img-*.png"))
    decoded = np.asarray(Image.open(extracted).convert("L")) < 128
    expected = segment.bw_mask(np.asarray(page), 200)
    assert decoded.shape == expected.shape
    assert np.array_equal(decoded, expected)
