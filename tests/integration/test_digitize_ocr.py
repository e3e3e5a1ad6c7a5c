"""The OCR text layer: searchable Vietnamese, aligned with the ink, and never a reason to fail a dossier."""

from __future__ import annotations

import difflib
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import pytest
from PIL import Image

from scanner.pdf import build_pdf, ocr_status
from tests.synthetic import render_text_page, save_page

needs_tesseract = pytest.mark.skipif(
    not ocr_status().available,
    reason="Tesseract with the Vietnamese model (tesseract-ocr-vie) is not installed",
)
needs_poppler = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("pdftotext", "pdftoppm")),
    reason="poppler-utils is needed to read PDFs back",
)


@pytest.fixture(scope="module")
def searchable(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if not ocr_status().available:
        pytest.skip("Tesseract with the Vietnamese model is not installed")
    folder = tmp_path_factory.mktemp("ocr")
    page = save_page(render_text_page(dpi=300, seed=4), folder / "page.png")
    out = folder / "searchable.pdf"
    result = build_pdf([page], out, ocr=True)
    assert result.ocr and result.page_reports[0].ocr
    return out, page


@pytest.mark.slow
@needs_tesseract
@needs_poppler
def test_vietnamese_text_is_searchable_with_diacritics(searchable) -> None:
    out, _ = searchable
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    for word in ("KHAI SINH", "Hồ Chí Minh", "phường", "Quốc tịch", "Đà Nẵng"):
        assert word in text, word


@pytest.mark.slow
@needs_tesseract
@needs_poppler
def test_invisible_words_lie_on_the_printed_words(searchable, tmp_path: Path) -> None:
    out, _ = searchable
    html = subprocess.run(
        ["pdftotext", "-bbox", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    words = ElementTree.fromstring(html).findall(".//x:word", ns)
    title = next(w for w in words if w.text == "ĐĂNG")
    subprocess.run(["pdftoppm", "-r", "72", "-png", str(out), str(tmp_path / "r")], check=True)
    ink = np.asarray(Image.open(next(tmp_path.glob("r*.png"))).convert("L")) < 128
    x0, y0, x1, y1 = (round(float(title.get(k))) for k in ("xMin", "yMin", "xMax", "yMax"))
    assert 100 < x0 < x1 < 500 and y0 < 250  # the centred title near the top of an A4 page
    box = ink[y0 : y1 + 1, x0 : x1 + 1]
    assert box.mean() > 0.1  # real ink under the word, not blank paper beside it


@needs_poppler
def test_missing_tesseract_disables_ocr_without_failing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tesseract is made absent for real: PATH holds no tesseract."""
    page = save_page(render_text_page(dpi=200, seed=1), tmp_path / "p.png", dpi=200)
    monkeypatch.setenv("PATH", str(tmp_path))
    ocr_status.cache_clear()
    try:
        result = build_pdf([page], tmp_path / "out.pdf", ocr=True)
    finally:
        monkeypatch.undo()
        ocr_status.cache_clear()
    assert result.pages == 1 and not result.ocr and "Tesseract" in result.ocr_reason
    assert (tmp_path / "out.pdf").stat().st_size > 0


def _ocr_text(image: Path) -> str:
    done = subprocess.run(
        ["tesseract", str(image), "-", "-l", "vie", "--dpi", "300"],
        capture_output=True,
        text=True,
        check=True,
    )
    return " ".join(done.stdout.split())


@pytest.mark.slow
@needs_tesseract
@needs_poppler
def test_compression_costs_no_legibility(searchable, tmp_path: Path) -> None:
    """OCR of the rendered PDF differs from OCR of the original image by at most 1 % of characters."""
    out, page = searchable
    subprocess.run(["pdftoppm", "-r", "300", "-png", str(out), str(tmp_path / "r")], check=True)
    original = _ocr_text(page)
    rendered = _ocr_text(next(tmp_path.glob("r*.png")))
    matcher = difflib.SequenceMatcher(None, original, rendered, autojunk=False)
    changed = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")
    assert len(original) > 500
    assert changed / len(original) <= 0.01, (original, rendered)
