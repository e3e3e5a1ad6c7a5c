"""A data folder written by the schema-1.30 release (before applicant kinds, issue #25) opens with
the current code: it migrates, its dossiers open as individuals' with no representative, their
forms print with the citizen's name and ID, and they count in the KPI figures.

The fixture (`tests/fixtures/db/schema-1.30-dossiers`, written by `make_dossiers_fixture.py` with
that release's code) holds real dossiers made through the intake service and the sandbox portal,
synthetic citizens only, and the test key that sealed them. A copy is opened, never the original.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from counter_app import kpi
from counter_app.applicant import ApplicantKind
from counter_app.context import AppContext
from counter_app.forms.printing import print_form
from counter_app.storage.db import CURRENT_VERSION
from counter_app.workflow import Workflow

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "db" / "schema-1.30-dossiers"
MANIFEST = json.loads((FIXTURE / "dossiers.json").read_text())


@pytest.fixture
def migrated(isolated_dirs: Path) -> AppContext:
    for name in ("counter.sqlite3", "keys", "workspaces"):
        source = FIXTURE / name
        if source.is_dir():
            shutil.copytree(source, isolated_dirs / name)
        else:
            shutil.copy2(source, isolated_dirs / name)
    context = AppContext.open()
    yield context
    context.close()


def _text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "form.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def test_the_fixture_is_from_the_schema_before_applicant_kinds() -> None:
    assert tuple(MANIFEST["schema"]) == (1, 30)
    assert set(MANIFEST["dossiers"]) == {
        "receipt_printed",
        "filed",
        "procedure_chosen",
        "citizen_identified",
        "cancelled",
    }


def test_old_dossiers_open_as_individuals_without_a_representative(migrated: AppContext) -> None:
    assert migrated.db.found_version == (1, 30)
    assert migrated.db.version == CURRENT_VERSION
    assert list(migrated.paths.data_dir.glob("counter.sqlite3.v1.30-*.bak"))  # backed up before migrating
    wf = Workflow(migrated)
    for state, local_ref in MANIFEST["dossiers"].items():
        dossier = wf.open(local_ref)
        assert dossier.state.value == state
        assert dossier.applicant_kind is ApplicantKind.INDIVIDUAL
        assert dossier.representative is None and wf.representative_of(dossier) is None
        applicant = wf.applicant_of(dossier)
        assert applicant.identifier == MANIFEST["citizens"][state]
    capturing = wf.open(MANIFEST["dossiers"]["procedure_chosen"])
    assert [len(c.pages) for c in capturing.components] == [1]


def test_old_dossiers_print_their_forms(migrated: AppContext, tmp_path: Path) -> None:
    wf = Workflow(migrated)
    for state, form in (("receipt_printed", "01"), ("filed", "01"), ("filed", "06"), ("cancelled", "03")):
        dossier = wf.open(MANIFEST["dossiers"][state])
        applicant = wf.applicant_of(dossier)
        printed = print_form(wf, dossier, form)
        text = _text(printed.pdf, tmp_path)
        assert applicant.name in text, (state, form)
        if form != "06":  # the control slip names the dossier's owner only
            assert f"Số định danh cá nhân: {applicant.identifier}" in text, (state, form)
        assert "Người nộp thay" not in text
        if form == "01":
            assert dossier.portal_code and dossier.portal_code in text


def test_old_dossiers_count_in_the_figures(migrated: AppContext) -> None:
    [total] = kpi.compute(migrated.db, by="total")
    assert total.received == 2  # the receipt-printed and the filed dossier
    assert total.applicant_kinds == {"individual": 2, "organisation": 0, "agency": 0, "foreigner": 0}
    assert total.represented == 0
    assert total.digitized == 2
