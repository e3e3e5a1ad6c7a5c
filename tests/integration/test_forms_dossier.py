"""The counter forms for real dossiers: the log book's numbers (Mẫu 07) without gaps, also when
the process dies between the number and the receipt; Mẫu 06 made at filing, Mẫu 02 / 03 from a
supplement request and a refusal; reprints marked and logged; the `receipt` and `logbook`
commands; the office's header from the machine file.

Real peers: SQLite files in the test's data folder, the PDF builder, the demo signing keystore,
the outbox (no portal runs: the jobs wait, as at a counter that is offline), a child process
killed with os._exit for the crash, pdftotext and openpyxl reading back what was written."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image

from counter_app import log_book
from counter_app.citizen import parse_citizen_payload
from counter_app.cli import main
from counter_app.context import AppContext
from counter_app.dossier import PageMeta
from counter_app.events import iter_events
from counter_app.intake.outcomes import FilingChoice
from counter_app.intake.service import IntakeService
from counter_app.workflow import Workflow

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) absent")
REPO = Path(__file__).resolve().parents[2]
CITIZEN = parse_citizen_payload(
    "079190000001||Nguyễn Thị Thử Nghiệm|15081990|Nữ|Số 12 Lê Lợi, An Bình|15082021"
)
MACHINE = '[office]\ncode = "000.00.01.H99"\nagency = "UBND XÃ AN BÌNH"\nplace = "An Bình"\n'

# A child that queues one dossier for filing, then dies before any receipt is printed.
CRASH_AFTER_QUEUING = """
import os, sys
sys.path.insert(0, {repo!r})
from tests.integration.test_forms_dossier import queued_dossier
from counter_app.context import AppContext
from counter_app.intake.service import IntakeService
ctx = AppContext.open()
service = IntakeService(ctx)
print(queued_dossier(service), flush=True)
os._exit(9)
"""


@pytest.fixture(autouse=True)
def office(isolated_dirs):
    machine = Path(os.environ["COUNTER_APP_MACHINE_CONFIG"])
    machine.parent.mkdir(parents=True, exist_ok=True)
    machine.write_text(MACHINE, encoding="utf-8")


@pytest.fixture
def service():
    ctx = AppContext.open()
    with IntakeService(ctx) as service:
        service.set_ocr(False)
        yield service
    ctx.close()


def queued_dossier(service: IntakeService) -> str:
    """A birth registration scanned, signed with the demo keystore and queued for filing."""
    wf = service.wf
    d = wf.start()
    wf.identify(d, CITIZEN)
    wf.choose_procedure(d, "1.001193")
    for key in ("to_khai_khai_sinh", "giay_chung_sinh"):
        buf = io.BytesIO()
        Image.new("RGB", (420, 594), "white").save(buf, "JPEG", dpi=(200, 200))
        wf.add_page(d, key, buf.getvalue(), PageMeta(420, 594, 200, "color", ext="jpg"))
    service.build_pdfs(d.local_ref)
    service.sign(d.local_ref)
    # Filing needs the citizen's account looked up; no portal runs here, so its answer is recorded.
    wf.record_account(wf.open(d.local_ref), {"found": True, "provider": "vneid", "level": 2})
    service.file(d.local_ref, FilingChoice(payment_method="cash", phone="0900000001"))
    service.control_slip(d.local_ref)  # Mẫu 06, made after filing on a thread of its own
    return d.local_ref


def cli(capsys, *args: str) -> tuple[int, dict]:
    code = main(list(args))
    captured = capsys.readouterr()
    text = captured.out if code == 0 else captured.err
    return code, json.loads(text.strip().splitlines()[-1])


def pdf_text(path: Path) -> str:
    raw = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(raw.stdout.split())


def test_log_book_numbers_survive_a_crash_between_number_and_receipt(service, tmp_path, capsys):
    child = subprocess.run(
        [sys.executable, "-c", CRASH_AFTER_QUEUING.format(repo=str(REPO))],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert child.returncode == 9, child.stderr
    crashed = child.stdout.strip().splitlines()[-1]
    second = queued_dossier(service)  # after the crash, in this process
    third = queued_dossier(service)
    db, office_code = service.wf.ctx.db, "000.00.01.H99"
    numbers = {ref: log_book.entry_of(db, office_code, ref).number for ref in (crashed, second, third)}
    assert numbers == {crashed: 1, second: 2, third: 3}

    # The receipt printed after the crash shows the number the dossier got before it.
    code, out = cli(capsys, "receipt", "--dossier", crashed, "--out", str(tmp_path / "r1.pdf"))
    assert code == 0 and out == {"out": str(tmp_path / "r1.pdf"), "form": "01", "reprint": False}
    text = pdf_text(tmp_path / "r1.pdf")
    assert "Vào Sổ theo dõi hồ sơ, Quyển số: 01/" in text and "Số thứ tự: 1" in text
    assert "PHIẾU TẠM — chưa có mã hồ sơ" in text and "An Bình, ngày" in text
    assert "UBND XÃ AN BÌNH" in text and "Nguyễn Thị Thử Nghiệm" in text

    # The book for the month, as a workbook and as a printout: 1, 2, 3 and nothing else.
    month = log_book.entry_of(db, office_code, crashed).received_local.strftime("%Y-%m")
    code, out = cli(capsys, "logbook", "--month", month, "--out", str(tmp_path / "so.xlsx"))
    assert code == 0 and (out["entries"], out["first"], out["last"]) == (3, 1, 3)
    sheet = load_workbook(tmp_path / "so.xlsx").active
    rows = [row for row in sheet.iter_rows(min_row=6, values_only=True) if row[0] is not None]
    assert [row[0] for row in rows] == [1, 2, 3]
    assert [row[1] for row in rows] == [crashed, second, third]
    assert all(row[2] == "Đăng ký khai sinh" and row[4] == "Nguyễn Thị Thử Nghiệm" for row in rows)
    day = log_book.entry_of(db, office_code, third).received_local.strftime("%Y-%m-%d")
    code, out = cli(capsys, "logbook", "--day", day, "--out", str(tmp_path / "so.pdf"))
    assert code == 0 and out["entries"] >= 1
    printed = pdf_text(tmp_path / "so.pdf")
    assert "SỔ THEO DÕI HỒ SƠ" in printed and third in printed.replace(" ", "")  # the code wraps in its cell


def test_numbers_taken_at_once_are_distinct_and_gapless(tmp_path):
    """Eight threads (each with its own connection) enter dossiers at the same time."""
    from datetime import datetime, timezone

    ctx = AppContext.open()
    try:
        errors: list[BaseException] = []

        def enter(index: int) -> None:
            try:
                with ctx.db.transaction() as conn:
                    log_book.enter(conn, "X", f"HS-{index}", datetime(2026, 5, 4, 3, tzinfo=timezone.utc))
            except BaseException as exc:  # reported below
                errors.append(exc)

        threads = [threading.Thread(target=enter, args=(i,)) for i in range(40)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors
        with ctx.db.transaction() as conn:  # entering again gives the same line
            again = log_book.enter(conn, "X", "HS-7", datetime(2026, 5, 4, 3, tzinfo=timezone.utc))
        import datetime as dt

        entries = log_book.entries(ctx.db, "X", dt.date(2026, 5, 4), dt.date(2026, 5, 4))
        assert sorted(e.number for e in entries) == list(range(1, 41))
        assert again.number == next(e.number for e in entries if e.dossier_ref == "HS-7")
    finally:
        ctx.close()


def test_reprints_are_marked_and_logged(service, tmp_path, capsys):
    ref = queued_dossier(service)
    ctx = service.wf.ctx
    slips = [e.payload for e in iter_events(ctx.db, kinds=("form_printed",)) if e.dossier_ref == ref]
    assert slips == [
        {"form": "06", "reprint": False, "size": "a4", "provisional": False}
    ]  # made after filing

    outputs = []
    for name in ("first", "again"):
        code, out = cli(
            capsys, "receipt", "--dossier", ref, "--size", "80mm", "--out", str(tmp_path / f"{name}.pdf")
        )
        assert code == 0
        outputs.append(out)
    assert [o["reprint"] for o in outputs] == [False, True]
    assert "BẢN IN LẠI" not in pdf_text(tmp_path / "first.pdf")
    assert "BẢN IN LẠI lúc" in pdf_text(tmp_path / "again.pdf")
    code, out = cli(capsys, "receipt", "--dossier", ref, "--form", "06", "--out", str(tmp_path / "06.pdf"))
    assert code == 0 and out["reprint"] is True
    slip = pdf_text(tmp_path / "06.pdf")
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in slip and "BẢN IN LẠI" in slip
    printed = [e.payload for e in iter_events(ctx.db, kinds=("form_printed",)) if e.dossier_ref == ref]
    assert [(p["form"], p["reprint"]) for p in printed] == [("06", False), ("01", True), ("06", True)]
    receipts = [e.payload for e in iter_events(ctx.db, kinds=("receipt_printed",)) if e.dossier_ref == ref]
    assert len(receipts) == 1  # the first print is the dossier's receipt; the reprint is not counted again

    code, err = cli(capsys, "receipt", "--dossier", ref, "--form", "03", "--out", str(tmp_path / "03.pdf"))
    assert code == 2 and err["error"]["code"] == "form_not_applicable"
    code, err = cli(capsys, "receipt", "--dossier", "HS-NONE", "--out", str(tmp_path / "x.pdf"))
    assert code == 2 and err["error"]["code"] == "dossier_missing"


def test_supplement_and_refusal_make_mau_02_and_03(service, tmp_path, capsys):
    ref = queued_dossier(service)
    service.request_supplement(ref, "Giấy chứng sinh bị mờ", ["giay_chung_sinh"])
    issued = service.issued_form(ref, "02")
    assert issued.preview_png.startswith(b"\x89PNG")
    (tmp_path / "02.pdf").write_bytes(issued.pdf)
    text = pdf_text(tmp_path / "02.pdf")
    for expected in (
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        "Hồ sơ của: Nguyễn Thị Thử Nghiệm",
        "1. Giấy chứng sinh",
        "Lý do: Giấy chứng sinh bị mờ",
        "UBND XÃ AN BÌNH",
    ):
        assert expected in text
    service.cancel_dossier(ref, "Công dân xin rút hồ sơ")
    (tmp_path / "03.pdf").write_bytes(service.issued_form(ref, "03").pdf)
    text = pdf_text(tmp_path / "03.pdf")
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text and "Công dân xin rút hồ sơ" in text
    code, out = cli(capsys, "receipt", "--dossier", ref, "--form", "03", "--out", str(tmp_path / "03b.pdf"))
    assert code == 0 and out["reprint"] is True and "BẢN IN LẠI" in pdf_text(tmp_path / "03b.pdf")


def test_the_office_header_is_the_machine_files_and_a_user_cannot_change_it(tmp_path):
    from counter_app.config import load_config
    from counter_app.errors import ConfigError

    config = load_config()
    assert (config.get("office.agency"), config.get("office.place")) == ("UBND XÃ AN BÌNH", "An Bình")
    with pytest.raises(ConfigError):
        config.set_user("office.place", "Nơi khác")
    config.paths.user_config.parent.mkdir(parents=True, exist_ok=True)
    config.paths.user_config.write_text('[office]\nagency = "UBND KHÁC"\n', encoding="utf-8")
    reloaded = load_config()
    assert reloaded.get("office.agency") == "UBND XÃ AN BÌNH"
    assert any(i.option == "office.agency" for i in reloaded.issues)
    described = {row["key"]: row for row in reloaded.describe()}
    assert described["office.place"]["value"] == "An Bình" and described["office.place"]["locked"]


def test_a_blank_governing_body_is_refused_and_reported(tmp_path):
    from counter_app.config import OPTIONS_BY_KEY, load_config

    machine = Path(os.environ["COUNTER_APP_MACHINE_CONFIG"])
    machine.write_text('[office]\nagency = "  "\n', encoding="utf-8")
    config = load_config()
    assert config.get("office.agency") == OPTIONS_BY_KEY["office.agency"].default
    assert any(i.option == "office.agency" and "không được để trống" in i.message for i in config.issues)


def test_workflow_enters_the_dossier_once_even_when_queued_again(service):
    ref = queued_dossier(service)
    wf: Workflow = service.wf
    dossier = wf.open(ref)
    wf.queue(
        dossier, job_id=dossier.details["outbox_job"], idempotency_key=dossier.details["idempotency_key"]
    )
    count = (
        wf.ctx.db.connection()
        .execute("SELECT COUNT(*) FROM log_book WHERE dossier_ref = ?", (ref,))
        .fetchone()
    )
    assert count[0] == 1
