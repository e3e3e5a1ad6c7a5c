"""The intake service's PDF and signing steps (window and headless alike): progress reaches the
end, cancel leaves nothing half done."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from common.progress import Cancel, Update
from counter_app.citizen import parse_citizen_payload
from counter_app.context import AppContext
from counter_app.dossier import ComponentStatus, DossierState, PageMeta
from counter_app.errors import is_known_error
from counter_app.intake import heavy
from counter_app.intake.service import IntakeService
from counter_app.workflow import Workflow

CITIZEN = parse_citizen_payload("079190000001||Nguyễn Thị Thử Nghiệm|15081990|Nữ|Số 12 Lê Lợi|15082021")


@pytest.fixture
def service():
    ctx = AppContext.open()
    with IntakeService(ctx) as service:
        service.set_ocr(False)
        yield service
    ctx.close()


@pytest.fixture
def wf(service):
    return service.wf


def stopped() -> Cancel:
    cancel = Cancel()
    cancel.cancel()
    return cancel


def captured(wf: Workflow):
    d = wf.start()
    wf.identify(d, CITIZEN)
    wf.choose_procedure(d, "1.001193")
    for key, colour in (
        ("to_khai_khai_sinh", "white"),
        ("to_khai_khai_sinh", "ivory"),
        ("giay_chung_sinh", "white"),
    ):
        buf = io.BytesIO()
        Image.new("RGB", (420, 594), colour).save(buf, "JPEG", dpi=(200, 200))
        wf.add_page(d, key, buf.getvalue(), PageMeta(420, 594, 200, "color", ext="jpg"))
    return d


def test_build_then_sign_with_progress_to_the_end(service, wf):
    d = captured(wf)
    seen: list[Update] = []
    d = service.build_pdfs(d.local_ref, progress=seen.append)
    assert d.state is DossierState.PDFS_BUILT
    assert seen[-1].fraction == 1.0 and all(0 <= u.fraction <= 1 for u in seen)
    assert wf.read_file(d, d.component("to_khai_khai_sinh").pdf_name).startswith(b"%PDF-")
    signed = service.sign(d.local_ref)
    d = signed.dossier
    assert d.state is DossierState.SIGNED and "DEMO" in signed.signer.upper()
    request = heavy.filing().submission_for(wf, d, payment_method="cash")
    assert [c.key for c in request.components] == ["to_khai_khai_sinh", "giay_chung_sinh"]
    assert request.applicant.id_number == CITIZEN.id_number


def test_cancelled_build_attaches_nothing_and_can_be_redone(service, wf):
    d = captured(wf)
    with pytest.raises(Exception) as info:
        service.build_pdfs(d.local_ref, cancel=stopped())
    assert is_known_error(info.value)
    d = wf.open(d.local_ref)
    assert d.state is DossierState.COMPONENTS_CAPTURED
    assert all(c.status is not ComponentStatus.DIGITIZED for c in d.components)
    d = service.build_pdfs(d.local_ref)
    assert d.state is DossierState.PDFS_BUILT


def test_cancelled_signing_attaches_nothing(service, wf):
    d = captured(wf)
    service.build_pdfs(d.local_ref)
    with pytest.raises(Exception) as info:
        service.sign(d.local_ref, cancel=stopped())
    assert is_known_error(info.value) and info.value.code == "step_cancelled"
    d = wf.open(d.local_ref)
    assert d.state is DossierState.PDFS_BUILT
    assert all(c.signed_name is None for c in d.components)


def test_pdfs_signed_as_they_are_built_are_attached_only_with_the_whole_batch(service, wf, tmp_path):
    """The pipeline: signing a dossier whose PDFs are not built yet waits for each build in turn;
    a stopped batch leaves the dossier where it was, and the next one goes step by step to signed."""
    from signing.verify import verify_pdf

    d = captured(wf)
    with pytest.raises(Exception) as info:
        service.sign(d.local_ref, cancel=stopped())
    assert info.value.code in ("step_cancelled", "pdf_cancelled")
    d = wf.open(d.local_ref)
    assert d.state is DossierState.COMPONENTS_CAPTURED
    assert all(c.pdf_name is None and c.signed_name is None for c in d.components)
    d = service.sign(d.local_ref).dossier
    assert d.state is DossierState.SIGNED
    for key in ("to_khai_khai_sinh", "giay_chung_sinh"):
        component = d.component(key)
        signed = tmp_path / f"{key}-check.pdf"
        signed.write_bytes(wf.read_file(d, component.signed_name))
        (status,) = verify_pdf(signed)
        assert status.valid and status.intact
        # What was signed is the PDF the dossier keeps, byte for byte.
        assert signed.read_bytes().startswith(wf.read_file(d, component.pdf_name))


def test_a_failed_build_stops_the_signing_batch_with_its_own_error(wf, tmp_path):
    from concurrent.futures import Future

    from counter_app.intake.sign_requests import SignDocument, signing_settings
    from scanner.errors import ScannerError
    from signing.session import DocumentMetadata

    pdfs = heavy.pdfs()
    captured(wf)  # a dossier in the workspace, as the service has one
    failed: Future = Future()
    failed.set_exception(ScannerError("Không đọc được ảnh trang.", code="page_unreadable"))
    ready = pdfs.BuiltPdfs(
        [pdfs.PdfBuild("to_khai_khai_sinh", (), tmp_path / "to_khai_khai_sinh.pdf", failed)],
        lambda key, built: SignDocument(key, built.pdf, DocumentMetadata(key)),
    )
    signatures = heavy.signatures()
    settings = signing_settings(wf.ctx.config)
    with pytest.raises(ScannerError) as info:
        signatures.run_batch(lambda: signatures.open_session(wf, None, settings), ready)
    assert info.value.code == "page_unreadable"


def test_files_added_to_a_component_with_pages_go_into_its_pdf_with_them(service, wf, tmp_path):
    """The officer scans a page, then adds two more from files: the PDF queued when the files are
    stored has all three, in order, and is the one attached."""
    import pikepdf

    d = captured(wf)
    files = []
    for number, colour in enumerate(("white", "ivory")):
        path = tmp_path / f"trang-{number}.jpg"
        Image.new("RGB", (420, 594), colour).save(path, "JPEG", dpi=(200, 200))
        files.append(path)
    d = service.add_files(d.local_ref, {"to_khai_khai_sinh": files}, clean=False)
    assert len(d.component("to_khai_khai_sinh").pages) == 4
    d = service.build_pdfs(d.local_ref)
    with pikepdf.open(io.BytesIO(wf.read_file(d, d.component("to_khai_khai_sinh").pdf_name))) as pdf:
        assert len(pdf.pages) == 4


@pytest.mark.parametrize("screen", [True, False], ids=["window", "headless"])
def test_page_one_is_looked_at_once_as_each_pdf_is_built(screen, monkeypatch):
    """The stamp's place (and, for a window, the signing review's thumbnail) come from the render
    made when the PDF was built: signing does not seek the place again, the review does not
    render page 1."""
    import pikepdf

    import signing.pades
    from counter_app.intake import documents
    from counter_app.intake.documents import Document
    from counter_app.intake.stamp_places import THUMB_WIDTH, look_at_first_page

    ctx = AppContext.open()
    ctx.config.set_user("signing.stamp", True)
    with IntakeService(ctx, screen=screen) as service:
        service.set_ocr(False)
        wf = service.wf
        d = service.build_pdfs(captured(wf).local_ref)

        def rendered_again(*_args, **_kwargs):
            raise AssertionError("page 1 rendered again")

        monkeypatch.setattr(signing.pades, "find_stamp_box", rendered_again)
        monkeypatch.setattr(documents, "render_pdf_page", rendered_again)
        keys = ["to_khai_khai_sinh", "giay_chung_sinh"]
        if screen:
            for key in keys:
                document = Document(d.local_ref, key, pdf=True)
                thumbnail = service.render_document_page(document, index=0, width=THUMB_WIDTH)
                assert Image.open(io.BytesIO(thumbnail)).width == THUMB_WIDTH
        built = {key: wf.read_file(d, d.component(key).pdf_name) for key in keys}
        d = service.sign(d.local_ref).dossier
        assert d.state is DossierState.SIGNED
        monkeypatch.undo()
        for key in keys:
            with pikepdf.open(io.BytesIO(wf.read_file(d, d.component(key).signed_name))) as pdf:
                (widget,) = [a for a in pdf.pages[0].Annots if a.get("/FT") == "/Sig"]
                rect = tuple(int(float(v)) for v in widget.Rect)
            assert rect == look_at_first_page(built[key]).placement.box
    ctx.close()
