"""The OpenCPS and national-sync adapters carry the applicant kind (issue #25): an organisation
filed by its staff is `applicantIdType = business` with its tax code and the staff as delegate on
OpenCPS, `LoaiDoiTuong = 2` with `ChuHoSo` = its name on the national sync; a foreigner is a
person (`citizen`, `1`) named by the passport.

Real peers: the intake service in this process, each system's stand-in (`counter-app sandbox
--flavour`) over loopback HTTP, the adapter chosen by `portal.adapter` as IT would set it.
"""

from __future__ import annotations

import random
from pathlib import Path

import httpx
import pytest

from counter_app.context import AppContext
from counter_app.intake import ApplicantRequest, IntakeRequest, run_headless
from tests.synthetic import render_text_page, save_page
from tests.synthetic_applicants import ORGANISATION, PASSPORT
from tests.synthetic_idcard import render_card, synthetic_citizen

cv2 = pytest.importorskip("cv2")
sandbox_server = pytest.importorskip("sandbox.server")

STAFF = synthetic_citizen(random.Random(51))


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["organisation", "foreigner"])
@pytest.mark.parametrize("flavour", ["opencps", "dvcqg"])
def test_the_adapter_maps_the_applicant_kind(
    flavour: str, kind: str, isolated_dirs: Path, tmp_path: Path
) -> None:
    cv2.imwrite(str(tmp_path / "staff.png"), render_card(STAFF))
    page = save_page(render_text_page(dpi=200, seed=6), tmp_path / "page.png", dpi=200)
    (isolated_dirs / "config").mkdir(exist_ok=True)
    (isolated_dirs / "config" / "config.toml").write_text(
        f'[portal]\nadapter = "{flavour}"\n', encoding="utf-8"
    )
    if kind == "organisation":
        options = ApplicantRequest(
            kind, ORGANISATION["tax_code"], ORGANISATION["name"], ORGANISATION["address"]
        )
        options.representative_image = tmp_path / "staff.png"
    else:
        options = ApplicantRequest(kind, passport_mrz=PASSPORT)
    handle = sandbox_server.start_in_thread(flavour=flavour)
    ctx = AppContext.open()
    try:
        result = run_headless(
            ctx,
            IntakeRequest(
                id_image=None,
                procedure_code="2.000908",
                components={"ban_chinh_can_chung_thuc": [page]},
                portal_url=handle.url,
                wait_s=60,
                ocr=False,
                applicant=options,
            ),
        )
        assert result.portal_code
        [filed] = httpx.get(f"{handle.url}/sandbox/dossiers", timeout=10).json()["dossiers"]
    finally:
        ctx.close()
        handle.stop()

    if flavour == "opencps":
        if kind == "organisation":
            assert (filed["applicantIdType"], filed["applicantIdNo"]) == (
                "business",
                ORGANISATION["tax_code"],
            )
            assert filed["applicantName"] == ORGANISATION["name"]
            assert (filed["delegateName"], filed["delegateIdNo"]) == (STAFF.full_name, STAFF.id_number)
        else:
            assert (filed["applicantIdType"], filed["applicantIdNo"]) == ("citizen", "X9912345")
            assert filed["delegateName"] == "TESUTO HANAKO" and not filed["delegateIdNo"]
    else:
        expected = ("2", ORGANISATION["name"]) if kind == "organisation" else ("1", "TESUTO HANAKO")
        assert (filed["LoaiDoiTuong"], filed["ChuHoSo"]) == expected
