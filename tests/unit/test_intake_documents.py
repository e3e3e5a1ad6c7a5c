"""The document viewer's core, the same-page check and stack splitting, without a window.

Real peers: the workflow over a real SQLite file and the sealed workspace, synthetic pages from
tests/synthetic.py, PDFs made by Pillow and read back by PDFium (pypdfium2)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from common.errors import KnownError
from counter_app.dossier import Dossier, PageMeta
from counter_app.intake import documents, page_split, same_pages
from counter_app.workflow import Workflow
from tests.synthetic import DEFAULT_LINES, render_text_page
from tests.unit.test_workflow import BIRTH, CITIZEN, png

FORM, BIRTH_PAPER, MARRIAGE = "to_khai_khai_sinh", "giay_chung_sinh", "giay_chung_nhan_ket_hon"


def _page(seed: int, *, jpeg: bool = False, shift: int = 0) -> tuple[bytes, PageMeta]:
    """A form whose text depends on `seed`: each seed another paper on the same printed template."""
    lines = [
        f"Giấy tờ số {seed}, dòng {i}: " + line[: (17 * i + seed * 5) % 50 + 15]
        for i, line in enumerate(DEFAULT_LINES)
    ]
    image = render_text_page(dpi=100, seed=seed, lines=lines)
    if shift:  # the same sheet fed again, landing a few pixels off
        image = image.transform(
            image.size, Image.Transform.AFFINE, (1, 0, -shift, 0, 1, -shift), fillcolor="white"
        )
    buf = io.BytesIO()
    image.convert("RGB").save(buf, "JPEG" if jpeg else "PNG", quality=80)
    return buf.getvalue(), PageMeta(image.width, image.height, 100, "color", ext="jpg" if jpeg else "png")


def _dossier(wf: Workflow) -> Dossier:
    d = wf.start()
    wf.identify(d, CITIZEN, method="manual")
    wf.choose_procedure(d, BIRTH)
    return d


def test_the_same_sheet_in_two_components_is_reported_and_different_sheets_are_not(wf: Workflow) -> None:
    d = _dossier(wf)
    for seed in (1, 2):
        wf.add_page(d, FORM, *_page(seed))
    wf.add_page(d, BIRTH_PAPER, *_page(3))
    wf.add_page(d, BIRTH_PAPER, *_page(2, jpeg=True, shift=3))  # page 2 of the form, scanned again
    found = same_pages.same_pages(wf, d.local_ref)
    assert [(s.first, s.first_page, s.second, s.second_page) for s in found] == [(FORM, 2, BIRTH_PAPER, 2)]
    assert found[0].first_name.startswith("Tờ khai")


def test_fingerprints_made_from_the_cleaned_pixels_agree_with_the_stored_pages(wf: Workflow) -> None:
    """The window's workers fingerprint each page from its cleaned pixels; the check before signing
    mixes those with fingerprints of stored pages: the same sheet must match, another must not."""
    import cv2
    import numpy as np

    d = _dossier(wf)
    for seed in (1, 2):
        wf.add_page(d, FORM, *_page(seed))
    wf.add_page(d, BIRTH_PAPER, *_page(3))
    again, meta = _page(2, jpeg=True, shift=3)
    page = wf.add_page(d, BIRTH_PAPER, again, meta)  # page 2 of the form, scanned again
    pixels = cv2.imdecode(np.frombuffer(again, np.uint8), cv2.IMREAD_COLOR)
    from_pixels = same_pages.fingerprint_pixels(pixels)
    assert same_pages.similarity(from_pixels, same_pages.fingerprint(again)) > 0.97
    known = {same_pages.print_key(d.local_ref, page): from_pixels}
    found = same_pages.same_pages(wf, d.local_ref, known)
    assert [(s.first, s.first_page, s.second, s.second_page) for s in found] == [(FORM, 2, BIRTH_PAPER, 2)]


def test_blank_pages_are_not_reported_as_the_same(wf: Workflow) -> None:
    d = _dossier(wf)
    wf.add_page(d, FORM, png(), PageMeta(60, 85, 200, "color", blank=True))
    wf.add_page(d, BIRTH_PAPER, png(), PageMeta(60, 85, 200, "color", blank=True))
    assert same_pages.same_pages(wf, d.local_ref) == []


def test_split_from_a_page_moves_it_and_the_rest_in_order(wf: Workflow) -> None:
    d = _dossier(wf)
    for seed in (1, 2, 3, 4):
        wf.add_page(d, FORM, *_page(seed))
    before = [wf.page_image(d, p) for p in d.component(FORM).pages]
    after = page_split.split_from(wf, d.local_ref, FORM, d.component(FORM).pages[2].seq, BIRTH_PAPER)
    assert [wf.page_image(after, p) for p in after.component(FORM).pages] == before[:2]
    assert [wf.page_image(after, p) for p in after.component(BIRTH_PAPER).pages] == before[2:]


def test_an_adf_stack_splits_at_blank_separator_sheets(wf: Workflow) -> None:
    d = _dossier(wf)
    blank = (png(), PageMeta(60, 85, 200, "color", blank=True))
    for page in (_page(1), _page(2), blank, _page(3), blank, _page(4)):
        wf.add_page(d, FORM, *page)
    sheets = {seed: _page(seed)[0] for seed in (1, 2, 3, 4)}
    after = page_split.split_at_blanks(wf, d.local_ref, FORM, [BIRTH_PAPER, MARRIAGE])

    def shown(key: str) -> list[bytes]:
        return [wf.page_image(after, p) for p in after.component(key).pages]

    assert shown(FORM) == [sheets[1], sheets[2]]
    assert shown(BIRTH_PAPER) == [sheets[3]]
    assert shown(MARRIAGE) == [sheets[4]]
    assert not any(p.blank for c in after.components for p in c.pages), "separator sheets removed"


def test_splitting_without_a_separator_says_what_to_do(wf: Workflow) -> None:
    d = _dossier(wf)
    wf.add_page(d, FORM, *_page(1))
    with pytest.raises(KnownError) as raised:
        page_split.split_at_blanks(wf, d.local_ref, FORM, [BIRTH_PAPER])
    assert raised.value.code == "split_no_separator"


def test_viewer_renders_scanned_pages_and_built_pdf_pages_to_the_asked_width(wf: Workflow) -> None:
    d = _dossier(wf)
    for seed in (1, 2):
        wf.add_page(d, FORM, *_page(seed))
    pages = documents.Document(d.local_ref, FORM)
    assert documents.page_count(wf, pages) == 2
    with Image.open(io.BytesIO(documents.render_page(wf, pages, 1, 500))) as shown:
        assert shown.width == 500
    sheets = [Image.new("RGB", (600, 850), colour) for colour in ("white", "red", "blue")]
    buf = io.BytesIO()
    sheets[0].save(buf, "PDF", save_all=True, append_images=sheets[1:], resolution=72)
    wf.add_page(d, BIRTH_PAPER, *_page(3))
    wf.complete_capture(d)
    wf.attach_pdf(d, FORM, buf.getvalue())
    pdf = documents.Document(d.local_ref, FORM, pdf=True)
    assert documents.page_count(wf, pdf) == 3
    with Image.open(io.BytesIO(documents.render_page(wf, pdf, 1, 300))) as shown:
        assert shown.width == 300
        assert (
            shown.convert("RGB").getpixel((150, 200))[0] > 200 > shown.convert("RGB").getpixel((150, 200))[2]
        )


def test_viewer_without_a_pdf_says_to_build_it(wf: Workflow) -> None:
    d = _dossier(wf)
    with pytest.raises(KnownError) as raised:
        documents.page_count(wf, documents.Document(d.local_ref, FORM, pdf=True))
    assert raised.value.code == "viewer_no_pdf"


def test_a_born_digital_pdf_page_gets_a_thumbnail_a_viewer_page_and_a_fingerprint(ctx, tmp_path) -> None:
    """A born-digital PDF is kept as a one-page PDF per page (not rasterised): every reader of
    pages renders it with PDFium. Real peers: fpdf2 writes the PDF, the intake service stores it."""
    from fpdf import FPDF

    from counter_app.intake.service import IntakeService

    letter = FPDF()
    letter.add_page()
    letter.set_font("helvetica", size=14)
    letter.cell(text="Van ban uy quyen (born-digital)")
    path = tmp_path / "uy-quyen.pdf"
    letter.output(str(path))
    with IntakeService(ctx) as service:
        d = service.identify(None, CITIZEN, method="manual").dossier
        service.choose_procedure(d.local_ref, BIRTH)
        d = service.add_files(d.local_ref, {"van_ban_uy_quyen": [path]})
        assert d.component("van_ban_uy_quyen").pages[0].file_name.endswith(".pdf")
        (thumb,) = service.page_thumbnails(d.local_ref, "van_ban_uy_quyen")
        with Image.open(io.BytesIO(thumb.png)) as small:
            assert max(small.size) == 120
        page = documents.Document(d.local_ref, "van_ban_uy_quyen")
        with Image.open(io.BytesIO(service.render_document_page(page, index=0, width=400))) as shown:
            assert shown.width == 400
        assert service.same_pages(d.local_ref) == []
