"""Signing a dossier from the window writes none of its PDFs to disk in the clear.

The intake screens are driven as in test_intake_flow.py (demo keystore, sandbox portal); while
the officer signs, every file the process writes (a fresh TMPDIR and the data folder alike) is
watched by tests/write_watch.py, which keeps a file's content even if it is deleted at once.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from counter_app.dossier import ComponentStatus, DossierState
from signing.verify import verify_pdf
from tests.softhsm import pdfsig
from tests.ui.test_intake_flow import (
    capture_pages,
    choose_birth_registration,
    enter_citizen,
    idle,
    open_section,
    services,  # noqa: F401  (fixture)
    sign_with_demo_keystore,
)
from tests.write_watch import WriteWatch


def test_signing_from_the_window_writes_no_plaintext_pdf(qtbot, ctx, services, tmp_path, monkeypatch):  # noqa: F811
    section = open_section(qtbot, ctx, lambda: services)
    enter_citizen(qtbot, section)
    choose_birth_registration(qtbot, section)
    capture_pages(qtbot, section, tmp_path)
    section.components.build.click()
    idle(qtbot, section)
    assert section.dossier.state is DossierState.PDFS_BUILT
    folder = tmp_path / "tmpdir"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))

    with WriteWatch() as watch:
        sign_with_demo_keystore(qtbot, section)
        section.tasks.wait()

    assert any(Path(p).is_relative_to(ctx.paths.data_dir / "workspaces") for p in watch.written)
    assert watch.files_containing(b"%PDF-") == []
    signed = [c for c in section.dossier.components if c.status is ComponentStatus.SIGNED]
    assert len(signed) == 2
    for component in signed:
        out = tmp_path / "check" / f"{component.key}.pdf"
        out.parent.mkdir(exist_ok=True)
        out.write_bytes(section.wf.read_file(section.dossier, component.signed_name))
        assert "Signature is Valid" in pdfsig(out)
        (status,) = verify_pdf(out)
        assert status.valid and status.intact and status.covers_whole_file
