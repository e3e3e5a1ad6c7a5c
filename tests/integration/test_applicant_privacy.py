"""Personal-data rules for the applicant kinds (issue #25): an organisation's name and tax code are
not personal data and outlive retention; a foreigner's passport data and a representative's card
are, and go with retention or an erasure request, the organisation's dossier staying.

Real SQLite files, data key and workspace; the portal's answer recorded with `record_filed` as the
outbox does (what stays on disk needs no portal), the CLI in-process.
"""

from __future__ import annotations

import json
import random
from datetime import date

import pytest

from counter_app.applicant import Representative, RepresentativeRole, foreigner_from_mrz, organisation
from counter_app.cli import main
from counter_app.context import AppContext
from counter_app.dossier import ComponentStatus, Dossier, PageMeta
from counter_app.privacy.purge import purge
from counter_app.workflow import Workflow
from tests.integration.test_privacy_rights import page_with_the_name_on_it
from tests.synthetic_applicants import ORGANISATION, PASSPORT
from tests.synthetic_idcard import synthetic_citizen

COPY = ("2.000908", "ban_chinh_can_chung_thuc")
STAFF = Representative(synthetic_citizen(random.Random(41)), RepresentativeRole.STAFF)


def filed(wf: Workflow, applicant, representative=None, code: str = "000.00.01.H31-261207-0001") -> Dossier:
    d = wf.identify_applicant(wf.start(), applicant, representative=representative)
    wf.choose_procedure(d, COPY[0])
    person = representative.citizen if representative else synthetic_citizen(random.Random(42))
    wf.add_page(d, COPY[1], page_with_the_name_on_it(person), PageMeta(64, 90, 200, "color"))
    wf.complete_capture(d)
    wf.attach_pdf(d, COPY[1], b"%PDF-1.7 copy")
    wf.complete_pdfs(d)
    assert d.component(COPY[1]).status is ComponentStatus.DIGITIZED
    wf.attach_signed(d, COPY[1], b"%PDF-1.7 signed")
    wf.complete_signing(d, level="B-B", signer="Cán bộ Demo")
    wf.queue(d, job_id=None, idempotency_key=f"idem-{d.local_ref}")
    wf.record_filed(d, code, "2026-12-08")
    return d


def _retention_now(isolated_dirs) -> None:
    machine = isolated_dirs / "machine" / "config.toml"
    machine.parent.mkdir(parents=True, exist_ok=True)
    machine.write_text("[privacy]\nretention_days = 0\n", encoding="utf-8")


def test_retention_keeps_the_organisation_and_drops_its_staff_and_the_foreigner(isolated_dirs) -> None:
    _retention_now(isolated_dirs)
    ctx = AppContext.open()
    wf = Workflow(ctx)
    company = filed(wf, organisation(**ORGANISATION), STAFF)
    visitor = filed(
        wf, foreigner_from_mrz("\n".join(PASSPORT), today=date(2026, 12, 7)), code="000.00.01.H31-261207-0002"
    )
    assert purge(ctx).dossiers == 2

    company = wf.open(company.local_ref)
    assert wf.applicant_of(company).identifier == ORGANISATION["tax_code"]  # not personal data
    assert company.representative is None and wf.representative_of(company) is None
    conn = ctx.db.connection()
    assert conn.execute("SELECT COUNT(*) FROM citizens").fetchone()[0] == 0  # the staff's card is gone
    assert (
        conn.execute(
            "SELECT applicant_enc FROM dossiers WHERE local_ref = ?", (visitor.local_ref,)
        ).fetchone()[0]
        is None
    )
    with pytest.raises(Exception) as caught:
        wf.applicant_of(wf.open(visitor.local_ref))
    assert getattr(caught.value, "code", "") == "dossier_purged"
    ctx.close()


def test_erasing_a_representative_keeps_the_organisation_s_dossier(isolated_dirs, capsys) -> None:
    ctx = AppContext.open()
    wf = Workflow(ctx)
    company = filed(wf, organisation(**ORGANISATION), STAFF)
    ctx.close()

    assert (
        main(
            ["privacy", "export", "--citizen", STAFF.citizen.id_number, "--out", str(isolated_dirs / "x.zip")]
        )
        == 0
    )
    assert main(["privacy", "erase", "--citizen", STAFF.citizen.id_number]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[-1]["dossiers"] == 0  # none of their own: they only acted for the company

    ctx = AppContext.open()
    wf = Workflow(ctx)
    company = wf.open(company.local_ref)
    assert company.representative is None
    assert wf.applicant_of(company).name == ORGANISATION["name"]
    assert ctx.workspace.names(company.local_ref)  # the company's files stay
    assert ctx.db.connection().execute("SELECT COUNT(*) FROM citizens").fetchone()[0] == 0
    ctx.close()


def test_the_export_lists_the_dossiers_filed_as_representative(isolated_dirs) -> None:
    import zipfile

    ctx = AppContext.open()
    company = filed(Workflow(ctx), organisation(**ORGANISATION), STAFF)
    ctx.close()
    out = isolated_dirs / "export.zip"
    assert main(["privacy", "export", "--citizen", STAFF.citizen.id_number, "--out", str(out)]) == 0
    record = json.loads(zipfile.ZipFile(out).read("citizen.json"))
    assert record["dossiers"] == []
    assert [(r["local_ref"], r["role"], r["applicant_kind"]) for r in record["represented"]] == [
        (company.local_ref, "staff", "organisation")
    ]
