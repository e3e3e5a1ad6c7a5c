"""Signing a dossier never writes one of its PDFs to disk in the clear.

The dossier's PDFs are encrypted at rest; signing takes their bytes in memory and gives signed
bytes back, sealed again by the workspace. Every file the process writes while a dossier is
signed (temporary folders, pointed at a fresh TMPDIR, and the data folder alike) is watched by
an audit hook that keeps each file's content even if it is deleted a moment later (tests/
write_watch.py); none may hold a PDF header. Real peers: the demo keystore and a SoftHSM2 token;
the signed PDFs are checked by pdfsig and pyHanko's validator.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from PIL import Image

from counter_app.citizen import parse_citizen_payload
from counter_app.context import AppContext
from counter_app.dossier import ComponentStatus, DossierState, PageMeta
from counter_app.intake.outcomes import TokenChoice
from counter_app.intake.service import IntakeService
from counter_app.workflow import Workflow
from signing.verify import load_trust_roots, verify_pdf
from tests.softhsm import RSA_HOLDER, RSA_ID, SoftHsmToken, pdfsig, shared_token
from tests.write_watch import WriteWatch

CITIZEN = parse_citizen_payload("079190000001||Nguyễn Thị Thử Nghiệm|15081990|Nữ|Số 12 Lê Lợi|15082021")
PDF_HEADER = b"%PDF-"


@pytest.fixture(scope="module")
def softhsm_token(tmp_path_factory: pytest.TempPathFactory) -> SoftHsmToken:
    return shared_token(tmp_path_factory)


@pytest.fixture
def wf():
    ctx = AppContext.open()
    yield Workflow(ctx)
    ctx.close()


def built_dossier(wf: Workflow):
    d = wf.start()
    wf.identify(d, CITIZEN)
    wf.choose_procedure(d, "1.001193")
    for key in ("to_khai_khai_sinh", "giay_chung_sinh"):
        buf = io.BytesIO()
        Image.new("RGB", (420, 594), "white").save(buf, "JPEG", dpi=(200, 200))
        wf.add_page(d, key, buf.getvalue(), PageMeta(420, 594, 200, "color", ext="jpg"))
    service = IntakeService(wf.ctx, workflow=wf)
    service.set_ocr(False)
    with service:
        d = service.build_pdfs(d.local_ref)
    assert d.state is DossierState.PDFS_BUILT
    return d


def sign(wf: Workflow, d, token: TokenChoice | None = None) -> str:
    """Sign through the intake service (one session, bytes in and out) and reload the dossier."""
    signed = IntakeService(wf.ctx, workflow=wf).sign(d.local_ref, token=token)
    d.__dict__.update(signed.dossier.__dict__)
    return signed.signer


@pytest.fixture
def fresh_tmpdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "tmpdir"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def assert_signed_without_plaintext(
    wf: Workflow,
    d,
    watch: WriteWatch,
    tmpdir: Path,
    tmp_path: Path,
    holder: str | None = None,
    roots: tuple[Path, ...] = (),
) -> None:
    assert d.state is DossierState.SIGNED
    data_dir = wf.ctx.paths.data_dir
    # The watch saw the signed PDFs being sealed into the workspace (and found them sealed).
    assert any(Path(p).is_relative_to(data_dir / "workspaces") for p in watch.written), sorted(watch.written)
    assert watch.files_containing(PDF_HEADER) == []
    assert not [p for p in tmpdir.rglob("*") if p.is_file() and PDF_HEADER in p.read_bytes()]
    signed = [c for c in d.components if c.status is ComponentStatus.SIGNED]
    assert len(signed) == 2
    for component in signed:
        out = tmp_path / "check" / f"{component.key}.pdf"
        out.parent.mkdir(exist_ok=True)
        out.write_bytes(wf.read_file(d, component.signed_name))
        assert "Signature is Valid" in pdfsig(out)
        (status,) = verify_pdf(out, load_trust_roots(list(roots)))
        assert status.valid and status.intact and status.covers_whole_file
        if holder is not None:
            assert status.signer == holder and status.trusted


def test_demo_signing_of_a_dossier_writes_no_plaintext_file(wf, fresh_tmpdir, tmp_path):
    d = built_dossier(wf)
    with WriteWatch() as watch:
        signer = sign(wf, d)
    assert "DEMO" in signer.upper()
    assert_signed_without_plaintext(wf, d, watch, fresh_tmpdir, tmp_path)


def test_token_signing_of_a_dossier_writes_no_plaintext_file(wf, softhsm_token, fresh_tmpdir, tmp_path):
    import os

    import pkcs11

    os.environ["SOFTHSM2_CONF"] = str(softhsm_token.conf)
    pkcs11.lib(softhsm_token.module).reinitialize()
    d = built_dossier(wf)
    token = TokenChoice(module=softhsm_token.module, cert_id=bytes.fromhex(RSA_ID), pin=softhsm_token.pin)
    with WriteWatch() as watch:
        signer = sign(wf, d, token=token)
    assert signer == RSA_HOLDER
    assert_signed_without_plaintext(
        wf, d, watch, fresh_tmpdir, tmp_path, RSA_HOLDER, (softhsm_token.ca.pem_path,)
    )


def test_the_watch_catches_a_plaintext_copy_that_is_deleted_at_once(fresh_tmpdir):
    """The watch itself: a PDF written to a temporary folder and removed with it is still seen."""
    with WriteWatch() as watch, tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "unsigned.pdf").write_bytes(PDF_HEADER + b"1.7 plaintext")
    assert watch.files_containing(PDF_HEADER) == [str(Path(tmp) / "unsigned.pdf")]
