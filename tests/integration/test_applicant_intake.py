"""Headless intakes for every applicant kind, with and without a representative (issue #25).

Real peers: the intake service in this process (QR reader on rendered ID cards, page clean-up, PDF
builder, demo PAdES signature, outbox) filing on the sandbox portal over loopback HTTP; the receipt
read back with poppler's `pdftotext`; the KPI figures from the same SQLite file. The CLI is run as
a child process for its own options and for the refusals (a wrong tax code, a wrong passport MRZ).
"""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

import httpx
import pytest

from counter_app import kpi
from counter_app.context import AppContext
from counter_app.intake import ApplicantRequest, IntakeRequest, run_headless
from tests.app_process import run_app
from tests.synthetic import render_text_page, save_page
from tests.synthetic_applicants import AGENCY, ORGANISATION, PASSPORT, wrong_check_digit
from tests.synthetic_idcard import render_card, synthetic_citizen

cv2 = pytest.importorskip("cv2")
sandbox_server = pytest.importorskip("sandbox.server")

COPY = "2.000908"  # chứng thực bản sao: every applicant kind
COMPONENT = "ban_chinh_can_chung_thuc"
APPLICANT = synthetic_citizen(random.Random(31))
REPRESENTATIVE = synthetic_citizen(random.Random(32))


@pytest.fixture(scope="module")
def sandbox():
    handle = sandbox_server.start_in_thread()
    yield handle
    handle.stop()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("applicant-inputs")
    cv2.imwrite(str(folder / "applicant.png"), render_card(APPLICANT))
    cv2.imwrite(str(folder / "representative.png"), render_card(REPRESENTATIVE))
    return {
        "applicant": folder / "applicant.png",
        "representative": folder / "representative.png",
        "page": save_page(render_text_page(dpi=200, seed=5), folder / "page.png", dpi=200),
    }


def _options(kind: str) -> ApplicantRequest:
    if kind == "organisation":
        return ApplicantRequest(kind, ORGANISATION["tax_code"], ORGANISATION["name"], ORGANISATION["address"])
    if kind == "agency":
        return ApplicantRequest(
            kind, name=AGENCY["name"], address=AGENCY["address"], agency_code=AGENCY["code"]
        )
    if kind == "foreigner":
        return ApplicantRequest(kind, passport_mrz=PASSPORT)
    return ApplicantRequest()


# (applicant kind, expected receipt lines without a representative)
EXPECTED = {
    "individual": (APPLICANT.full_name, f"Số định danh cá nhân: {APPLICANT.id_number}"),
    "organisation": (f"Tổ chức: {ORGANISATION['name']}", f"Mã số thuế: {ORGANISATION['tax_code']}"),
    "agency": (f"Cơ quan: {AGENCY['name']}", f"Mã cơ quan: {AGENCY['code']}"),
    "foreigner": ("TESUTO HANAKO", "Số hộ chiếu: X9912345", "Quốc tịch: JPN"),
}
ROLE_LABEL = {"individual": "người được ủy quyền", "foreigner": "người được ủy quyền"}
AUTHORISATION = "van_ban_uy_quyen"


def _text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


@pytest.mark.slow
@pytest.mark.parametrize("represented", [False, True], ids=["alone", "represented"])
@pytest.mark.parametrize("kind", ["individual", "organisation", "agency", "foreigner"])
def test_each_applicant_kind_is_filed_once_and_printed(
    kind: str, represented: bool, sandbox, files, tmp_path: Path
) -> None:
    options = _options(kind)
    components = {COMPONENT: [files["page"]]}
    if represented:
        options.representative_image = files["representative"]
        if kind in ROLE_LABEL:  # an authorised person brings the authorisation, scanned like any paper
            components[AUTHORISATION] = [files["page"]]
    request = IntakeRequest(
        id_image=files["applicant"] if kind == "individual" else None,
        procedure_code=COPY,
        components=components,
        portal_url=sandbox.url,
        wait_s=60,
        ocr=False,
        receipt_dir=tmp_path / "receipts",
        applicant=options,
    )
    ctx = AppContext.open()
    try:
        result = run_headless(ctx, request)
        rows = kpi.compute(ctx.db, by="total")
    finally:
        ctx.close()

    listed = httpx.get(f"{sandbox.url}/sandbox/dossiers", timeout=10).json()["dossiers"]
    mine = [d for d in listed if d["local_ref"] == result.dossier]
    assert len(mine) == 1  # filed exactly once
    sent = mine[0]["applicant"]
    assert sent["kind"] == kind
    if kind == "organisation":
        assert (sent["tax_code"], sent["full_name"]) == (ORGANISATION["tax_code"], ORGANISATION["name"])
    elif kind == "foreigner":
        assert (sent["passport_number"], sent["nationality"]) == ("X9912345", "JPN")
    elif kind == "agency":
        assert sent["agency_code"] == AGENCY["code"]
    else:
        assert sent["id_number"] == APPLICANT.id_number
    if represented:
        role = "staff" if kind in ("organisation", "agency") else "authorised"
        assert sent["representative"] == {
            "id_number": REPRESENTATIVE.id_number,
            "full_name": REPRESENTATIVE.full_name,
            "role": role,
        }
    else:
        assert "representative" not in sent

    text = _text(Path(result.receipt))
    for line in EXPECTED[kind]:
        assert line in text, line
    if represented:
        role_label = ROLE_LABEL.get(kind, "nhân viên của tổ chức")
        assert (
            f"Người nộp thay: {REPRESENTATIVE.full_name} (số định danh cá nhân {REPRESENTATIVE.id_number}),"
            f" vai trò {role_label}"
        ) in text
        assert ("Văn bản ủy quyền" in text) == (kind in ROLE_LABEL)
    else:
        assert "Người nộp thay" not in text

    [total] = rows
    assert total.received == 1
    assert total.applicant_kinds == {k: int(k == kind) for k in EXPECTED}
    assert total.represented == int(represented)


def _intake(*args: str, page: Path, data_dir: Path, portal: str) -> subprocess.CompletedProcess:
    return run_app(
        "intake", "--headless", "--procedure", COPY, "--component", f"{COMPONENT}={page}",
        "--portal", portal, "--no-ocr", "--wait", "60", *args,
        data_dir=data_dir,
    )  # fmt: skip


@pytest.mark.slow
def test_the_cli_files_an_organisation_with_its_staff_and_counts_it(sandbox, files, tmp_path: Path) -> None:
    data = tmp_path / "data"
    proc = _intake(
        "--applicant-kind", "organisation", "--tax-code", ORGANISATION["tax_code"],
        "--org-name", ORGANISATION["name"], "--org-address", ORGANISATION["address"],
        "--representative-qr", REPRESENTATIVE.to_payload(),
        page=files["page"], data_dir=data, portal=sandbox.url,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert list(out) == ["dossier", "portal_code", "appointment", "receipt", "timings"]
    listed = httpx.get(f"{sandbox.url}/sandbox/dossiers", timeout=10).json()["dossiers"]
    [filed] = [d for d in listed if d["local_ref"] == out["dossier"]]
    assert filed["applicant"]["tax_code"] == ORGANISATION["tax_code"]
    assert filed["applicant"]["representative"]["role"] == "staff"

    figures = run_app("kpi", "--by", "total", "--applicant-kinds", data_dir=data)
    assert figures.returncode == 0, figures.stderr
    [row] = [json.loads(line) for line in figures.stdout.splitlines()]
    assert row["applicant_kinds"] == {"individual": 0, "organisation": 1, "agency": 0, "foreigner": 0}
    assert row["represented"] == 1


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (
            ("--applicant-kind", "organisation", "--tax-code", wrong_check_digit(ORGANISATION["tax_code"]),
             "--org-name", ORGANISATION["name"]),
            "tax_code_invalid",
            "sai chữ số kiểm tra",
        ),
        (
            ("--applicant-kind", "organisation", "--tax-code", "12345", "--org-name", ORGANISATION["name"]),
            "tax_code_invalid",
            "không đúng dạng",
        ),
        (
            ("--applicant-kind", "foreigner", "--passport-mrz", PASSPORT[0], PASSPORT[1][:-1] + "0"),
            "passport_mrz_invalid",
            "chữ số kiểm tra sai",
        ),
        (
            ("--applicant-kind", "foreigner", "--passport-mrz", PASSPORT[0], PASSPORT[1][:30]),
            "passport_mrz_invalid",
            "44 ký tự",
        ),
        (("--applicant-kind", "organisation", "--org-name", "X"), "applicant_options_missing", "--tax-code"),
        (("--applicant-kind", "agency", "--agency-code", AGENCY["code"], "--org-name", AGENCY["name"]),
         "applicant_kind_not_accepted", "không nhận hồ sơ của cơ quan nhà nước"),
    ],
    ids=["tax-check-digit", "tax-format", "mrz-check-digit", "mrz-short", "missing-option", "kind-refused"],
)  # fmt: skip
def test_the_cli_refuses_a_wrong_applicant_with_a_clear_message(
    args: tuple[str, ...], code: str, words: str, files, tmp_path: Path
) -> None:
    procedure = ("--procedure", "1.001193") if code == "applicant_kind_not_accepted" else ()
    proc = run_app(
        "intake", "--headless", "--procedure", COPY, "--component", f"{COMPONENT}={files['page']}",
        "--no-ocr", *args, *procedure,
        data_dir=tmp_path / "data",
    )  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    error = json.loads(proc.stderr.strip().splitlines()[-1])["error"]
    assert error["code"] == code
    assert words in error["message"]
