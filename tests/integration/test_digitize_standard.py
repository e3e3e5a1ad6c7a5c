"""The default `standard` profile, checked with independent tools (poppler, qpdf) on synthetic pages.

veraPDF is not available here, so PDF/A-2b structure is checked piece by piece: XMP pdfaid part 2 /
conformance B, the sRGB OutputIntent with an embedded ICC profile, no encryption, no transparency
(no soft masks, no transparency groups, no constant alpha), metadata equal in info and XMP.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from PIL import Image

from scanner.pdf import PdfMetadata, build_pdf
from tests.synthetic import render_photo_page, render_text_page, save_page

pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("pdfimages", "pdfinfo", "pdftoppm", "qpdf")),
    reason="poppler-utils and qpdf are needed to check PDFs independently",
)

META = PdfMetadata(
    title="Tờ khai đăng ký khai sinh",
    subject="Đăng ký khai sinh",
    author="Cán bộ Thử Nghiệm",
    keywords="HS-2026-000123",
    created=datetime(2026, 11, 25, 8, 30, tzinfo=timezone.utc),
)


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path], object]:
    folder = tmp_path_factory.mktemp("standard")
    pages = [
        save_page(render_text_page(dpi=300, seed=1), folder / "p1.png"),
        save_page(render_photo_page(dpi=300, seed=2), folder / "p2.png"),
        save_page(render_text_page(dpi=300, seed=3), folder / "p3.png"),
    ]
    out = folder / "thanh phần.pdf"
    result = build_pdf(pages, out, metadata=META, ocr=False)
    return out, pages, result


def _tool(*args: str | Path) -> str:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, check=True)
    return done.stdout


def _images(pdf: Path) -> list[dict[str, str]]:
    rows = []
    for line in _tool("pdfimages", "-list", pdf).splitlines()[2:]:
        f = line.split()
        rows.append(
            {
                "page": f[0],
                "type": f[2],
                "color": f[5],
                "comp": f[6],
                "bpc": f[7],
                "enc": f[8],
                "xppi": f[12],
                "yppi": f[13],
            }
        )
    return rows


def test_every_image_layer_is_at_least_200_dpi_and_colour(dossier) -> None:
    out, _, _ = dossier
    rows = _images(out)
    assert {r["page"] for r in rows} == {"1", "2", "3"}
    for row in rows:
        assert int(row["xppi"]) >= 200 and int(row["yppi"]) >= 200, row
        if row["type"] == "image":
            assert row["color"] in ("rgb", "icc") and row["comp"] == "3", row
        else:
            # The MRC text layer: a lossless 1-bit stencil painted in the ink colour.
            assert row["type"] == "stencil" and row["enc"] == "ccitt", row
    # Text pages are mixed raster content; the photograph is one plain JPEG.
    by_page = {p: [r["enc"] for r in rows if r["page"] == p] for p in ("1", "2", "3")}
    assert by_page["1"] == ["jpeg", "ccitt"] and by_page["2"] == ["jpeg"]


def test_pdf_version_and_physical_page_size(dossier) -> None:
    out, _, _ = dossier
    info = _tool("pdfinfo", out)
    version = float(re.search(r"PDF version:\s+([\d.]+)", info).group(1))
    assert version >= 1.4
    w, h = (float(v) for v in re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert w == pytest.approx(595.3, abs=1) and h == pytest.approx(841.9, abs=1)  # A4 at 100 % scale
    assert "Encrypted:       no" in info
    assert "Tờ khai đăng ký khai sinh" in info and "HS-2026-000123" in info and "Cán bộ Thử Nghiệm" in info


def test_qpdf_finds_no_errors(dossier) -> None:
    out, _, _ = dossier
    assert "No syntax or stream encoding errors" in _tool("qpdf", "--check", out)


def test_pdfa_2b_structure(dossier) -> None:
    out, _, _ = dossier
    with pikepdf.open(out) as pdf:
        assert not pdf.is_encrypted
        assert "/ID" in pdf.trailer
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert meta["dc:title"] == META.title
        assert pdf.Root.Metadata.get("/Filter") is None  # XMP must stay readable without decoding
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFA1"
        icc = intent.DestOutputProfile
        assert int(icc.N) == 3 and icc.read_bytes()[36:40] == b"acsp" and icc.read_bytes()[16:20] == b"RGB "
        for page in pdf.pages:
            assert "/Group" not in page.obj
            for name, xobj in page.Resources.XObject.items():
                assert "/SMask" not in xobj and "/SMaskInData" not in xobj, name
                assert not xobj.get("/Interpolate", False)
    assert b"/Transparency" not in out.read_bytes()
    assert b"/JavaScript" not in out.read_bytes()


def test_render_back_keeps_text_sharp_and_the_seal_red(dossier) -> None:
    out, pages, _ = dossier
    prefix = out.parent / "render"
    _tool("pdftoppm", "-r", "300", "-f", "1", "-l", "1", "-png", out, prefix)
    rendered = np.asarray(Image.open(next(out.parent.glob("render*1.png"))).convert("RGB")).astype(int)
    original = np.asarray(Image.open(pages[0]).convert("RGB")).astype(int)
    h = min(rendered.shape[0], original.shape[0])
    w = min(rendered.shape[1], original.shape[1])
    rendered, original = rendered[:h, :w], original[:h, :w]
    # Text: the dark pixels are the same pixels (a blurred or shifted glyph would not overlap).
    dark_o, dark_r = original.max(axis=2) < 100, rendered.max(axis=2) < 100
    overlap = np.count_nonzero(dark_o & dark_r) / np.count_nonzero(dark_o | dark_r)
    assert overlap > 0.85
    # Seal: the pixels that were clearly red are still clearly red.
    red_o = (original[..., 0] > 150) & (original[..., 1] < 100) & (original[..., 2] < 100)
    red_r = (rendered[..., 0] > 140) & (rendered[..., 1] < 110) & (rendered[..., 2] < 110)
    assert np.count_nonzero(red_o) > 1000
    assert np.count_nonzero(red_o & red_r) > 0.8 * np.count_nonzero(red_o)


def test_text_pages_are_small(dossier) -> None:
    out, _, result = dossier
    assert result.pages == 3 and result.pdfa and result.bytes == out.stat().st_size
    with pikepdf.open(out) as pdf:
        text_page_bytes = sum(len(x.read_raw_bytes()) for x in pdf.pages[0].Resources.XObject.values())
    assert text_page_bytes < 150_000
    assert [r.page_class for r in result.page_reports] == ["text", "photo", "text"]
