"""Finding 3 and the PDF parts of findings 6 and 7 of issue 21: imported PDFs are disarmed before
they are signed, encrypted ones opened in clear or refused, truncated ones repaired or refused.

Outputs are checked with qpdf (an independent tool), not with the code that wrote them.
"""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import pytest

from counter_app.events import iter_events
from counter_app.intake.service import IntakeService
from tests import hostile
from tests.reliability import input_fixtures
from tests.synthetic_idcard import synthetic_citizen

# What must not survive into a dossier's PDF (qpdf's uncompressed, object-by-object rendering).
ACTIVE_TOKENS = ("/JavaScript", "/JS", "/OpenAction", "/AA", "/Launch", "/URI", "/EmbeddedFile", "/XFA",
                 "/AcroForm", "/Widget", "app.alert", "MZ not really")  # fmt: skip

# Fixtures shared by the bad-input tests (a module of their own: no conftest.py to share here).
cli = input_fixtures.cli


def qpdf_text(path: Path) -> str:
    done = subprocess.run(
        ["qpdf", "--qdf", "--object-streams=disable", str(path), "-"], capture_output=True, check=False
    )
    assert done.returncode in (0, 3), done.stderr  # 3: warnings
    return done.stdout.decode("latin-1")


def qpdf_check(path: Path) -> int:
    return subprocess.run(["qpdf", "--check", str(path)], capture_output=True, check=False).returncode


def test_digitize_disarms_a_pdf_with_active_content(cli, tmp_path: Path) -> None:
    src = hostile.write(tmp_path, "don.pdf", hostile.active_pdf())
    assert "/JavaScript" in qpdf_text(src)  # the sample does carry what must go
    out = tmp_path / "out.pdf"
    run = cli("digitize", "--out", str(out), str(src))
    assert run.rc == 0, run.stderr
    assert out.read_bytes() != src.read_bytes()
    text = qpdf_text(out)
    assert [token for token in ACTIVE_TOKENS if token in text] == []
    assert "Nguyen Van A" in text  # the form's typed value stays, flattened into the page
    assert "JavaScript" in run.stderr  # told: what was taken out


def test_digitize_mixing_pages_and_an_active_pdf_disarms_it(cli, tmp_path: Path) -> None:
    page = hostile.write(tmp_path, "p.png", hostile.page_image_png())
    src = hostile.write(tmp_path, "don.pdf", hostile.active_pdf())
    out = tmp_path / "out.pdf"
    assert cli("digitize", "--out", str(out), str(page), str(src)).rc == 0
    text = qpdf_text(out)
    assert [token for token in ACTIVE_TOKENS if token in text] == []


def test_a_plain_pdf_is_still_carried_byte_for_byte(cli, tmp_path: Path) -> None:
    src = hostile.write(tmp_path, "plain.pdf", hostile.plain_pdf(pages=2))
    out = tmp_path / "out.pdf"
    assert cli("digitize", "--out", str(out), str(src)).rc == 0
    assert out.read_bytes() == src.read_bytes()


def test_digitize_of_a_truncated_pdf_is_repaired_not_passed_on_broken(cli, tmp_path: Path) -> None:
    src = hostile.write(tmp_path, "cut.pdf", hostile.truncated_pdf(pages=3))
    assert qpdf_check(src) != 0
    out = tmp_path / "out.pdf"
    run = cli("digitize", "--out", str(out), str(src))
    if run.rc == 0:
        assert qpdf_check(out) == 0
        assert run.lines[0]["pages"] == 3
    else:
        assert run.rc == 2 and run.error is not None


def test_a_truncated_pdf_beyond_repair_is_refused(cli, tmp_path: Path) -> None:
    src = hostile.write(tmp_path, "stub.pdf", hostile.truncated_pdf(pages=1)[:40])
    run = cli("digitize", "--out", str(tmp_path / "out.pdf"), str(src))
    assert run.rc == 2 and run.error is not None and run.error["code"] == "pdf_unreadable"


def test_an_empty_password_pdf_is_rewritten_in_clear(cli, tmp_path: Path) -> None:
    src = hostile.write(tmp_path, "enc.pdf", hostile.encrypted_pdf(""))
    out = tmp_path / "out.pdf"
    assert cli("digitize", "--out", str(out), str(src)).rc == 0
    # qpdf --is-encrypted: 0 encrypted, 2 not encrypted.
    assert subprocess.run(["qpdf", "--is-encrypted", str(out)], check=False).returncode == 2


def test_a_password_protected_pdf_is_refused(cli, tmp_path: Path) -> None:
    src = hostile.write(tmp_path, "locked.pdf", hostile.encrypted_pdf("mat-khau"))
    run = cli("digitize", "--out", str(tmp_path / "out.pdf"), str(src))
    assert run.rc == 2 and run.error is not None and run.error["code"] == "pdf_encrypted"


def test_signing_an_encrypted_pdf_is_a_known_error(cli, tmp_path: Path) -> None:
    """Issue 21: PdfWriteError, a traceback, for a PDF encrypted with an empty user password."""
    src = hostile.write(tmp_path, "enc.pdf", hostile.encrypted_pdf(""))
    run = cli("sign", "--out-dir", str(tmp_path / "signed"), str(src))
    assert run.rc == 2, run.stderr
    assert "Traceback" not in run.stderr
    assert run.lines[0]["ok"] is False and run.lines[0]["error"]["code"] == "pdf_encrypted"


@pytest.mark.parametrize("kind", ["active", "encrypted"])
def test_an_intake_component_pdf_is_disarmed_and_the_event_recorded(ctx, tmp_path: Path, kind: str) -> None:
    data = hostile.active_pdf() if kind == "active" else hostile.encrypted_pdf("")
    src = hostile.write(tmp_path, "don.pdf", data)
    with IntakeService(ctx) as service:
        dossier = service.identify(None, synthetic_citizen(random.Random(3)), method="manual").dossier
        service.choose_procedure(dossier.local_ref, "1.001193")
        key = service.wf.catalog.get("1.001193").components[0].key
        service.add_files(dossier.local_ref, {key: [src]})
        stored = service.wf.open(dossier.local_ref).component(key).pages[0]
        kept = service.wf.page_image(service.wf.open(dossier.local_ref), stored)
    copy = hostile.write(tmp_path, "kept.pdf", kept)
    text = qpdf_text(copy)
    assert [token for token in ACTIVE_TOKENS if token in text] == []
    assert "/Encrypt" not in text
    events = [e for e in iter_events(ctx.db, kinds=("pdf_sanitised",))]
    assert len(events) == 1 and events[0].payload["component_key"] == key
    assert events[0].payload["removed"]
