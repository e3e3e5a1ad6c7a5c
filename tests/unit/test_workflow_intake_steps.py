"""The shared intake steps (window and headless): progress reaches the end, cancel leaves nothing half done."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from counter_app.citizen import parse_citizen_payload
from counter_app.context import AppContext
from counter_app.dossier import ComponentStatus, DossierState, PageMeta
from counter_app.errors import is_known_error
from counter_app.intake.steps import build_pdfs, sign_components, submission_for
from counter_app.workflow import Workflow

CITIZEN = parse_citizen_payload("079190000001||Nguyễn Thị Thử Nghiệm|15081990|Nữ|Số 12 Lê Lợi|15082021")


@pytest.fixture
def wf():
    ctx = AppContext.open()
    yield Workflow(ctx)
    ctx.close()


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


def test_build_then_sign_with_progress_to_the_end(wf):
    d = captured(wf)
    seen: list[tuple[float, str]] = []
    build_pdfs(wf, d, ocr=False, progress=lambda f, t: seen.append((f, t)))
    assert d.state is DossierState.PDFS_BUILT
    assert seen[-1][0] == 1.0 and all(0 <= f <= 1 for f, _ in seen)
    assert wf.read_file(d, d.component("to_khai_khai_sinh").pdf_name).startswith(b"%PDF-")
    signer = sign_components(wf, d)
    assert d.state is DossierState.SIGNED and "DEMO" in signer.upper()
    request = submission_for(wf, d, payment_method="cash")
    assert [c.key for c in request.components] == ["to_khai_khai_sinh", "giay_chung_sinh"]
    assert request.applicant.id_number == CITIZEN.id_number


def test_cancelled_build_attaches_nothing_and_can_be_redone(wf):
    d = captured(wf)
    with pytest.raises(Exception) as info:
        build_pdfs(wf, d, ocr=False, cancel=lambda: True)
    assert is_known_error(info.value)
    d = wf.open(d.local_ref)
    assert d.state is DossierState.COMPONENTS_CAPTURED
    assert all(c.status is not ComponentStatus.DIGITIZED for c in d.components)
    build_pdfs(wf, d, ocr=False)
    assert d.state is DossierState.PDFS_BUILT


def test_cancelled_signing_attaches_nothing(wf):
    d = captured(wf)
    build_pdfs(wf, d, ocr=False)
    with pytest.raises(Exception) as info:
        sign_components(wf, d, cancel=lambda: True)
    assert is_known_error(info.value) and info.value.code == "step_cancelled"
    d = wf.open(d.local_ref)
    assert d.state is DossierState.PDFS_BUILT
    assert all(c.signed_name is None for c in d.components)


def test_pdfs_signed_as_they_are_built_are_attached_only_with_the_whole_batch(wf, tmp_path):
    """The headless pipeline: the batch waits for each build in turn; the dossier moves step by step."""
    from concurrent.futures import ThreadPoolExecutor

    from counter_app.intake.steps import PdfBuilds, attach_signatures, sign_pdfs
    from signing.verify import verify_pdf

    d = captured(wf)
    wf.complete_capture(d)
    with ThreadPoolExecutor(1) as pool:
        builds = PdfBuilds(wf, d, tmp_path, pool, ocr=False)
        for component in d.components:
            if component.pages:
                builds.submit(component, lambda page: wf.page_image(d, page))
        ready = builds.outputs()
        batch = sign_pdfs(wf, d, ready)
        assert d.state is DossierState.COMPONENTS_CAPTURED  # signed in the background of the PDF step
        assert all(c.signed_name is None for c in d.components)
        builds.finish()
    assert d.state is DossierState.PDFS_BUILT
    attach_signatures(wf, d, batch)
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

    from counter_app.intake.steps import BuiltPdfs, sign_pdfs
    from scanner.errors import ScannerError

    d = captured(wf)
    failed: Future = Future()
    failed.set_exception(ScannerError("Không đọc được ảnh trang.", code="page_unreadable"))
    ready = BuiltPdfs([("to_khai_khai_sinh", tmp_path / "to_khai_khai_sinh.pdf", failed)])
    with pytest.raises(ScannerError) as info:
        sign_pdfs(wf, d, ready)
    assert info.value.code == "page_unreadable"
