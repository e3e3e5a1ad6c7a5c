"""The receipt PDF (Mẫu 01), checked with independent tools: pdftotext reads the Vietnamese text
back, pdftoppm renders the page and zxing-cpp decodes the QR code and the barcode from the pixels.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from counter_app.forms import FormComponent, FormData, LogEntry, render_form
from counter_app.receipt_labels import LAYOUTS

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdftoppm")),
    reason="poppler-utils (pdftotext, pdftoppm) absent",
)
VN = timezone(timedelta(hours=7))
RECEIPT = FormData(
    agency="UBND Phường Mẫu",
    office_name="Bộ phận Một cửa",
    place="Phường Mẫu",
    local_ref="HS-20261125-0007",
    procedure_code="1.001193",
    procedure_name="Đăng ký khai sinh",
    applicant_name="Nguyễn Thị Thử Nghiệm",
    applicant_id="001203004567",
    received_at=datetime(2026, 11, 25, 9, 5, tzinfo=VN),
    dossier_code="000.00.01.H31-261125-0004",
    appointment_date=date(2026, 11, 27),
    processing_days=2,
    applicant_address="Số 1, đường Mẫu, Phường Mẫu",
    components=(
        FormComponent("Tờ khai đăng ký khai sinh (theo mẫu)", "original"),
        FormComponent("Giấy chứng nhận kết hôn", "certified_copy"),
    ),
    fee=8000,
    payment_method="cash",
    return_method="public_post",
    return_address="Số 9, đường Bưu Điện, Phường Mẫu",
    officer_name="Trần Văn Cán Bộ",
    hotline="1900 1234",
    log_entry=LogEntry("01/2026", 37),
)


def write_receipt(data: FormData, path: Path, layout: str = "A4") -> Path:
    path.write_bytes(render_form("01", data, layout))
    return path


def _text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def _codes(pdf: Path, tmp_path: Path) -> dict[str, str]:
    stem = tmp_path / pdf.stem
    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", "-singlefile", str(pdf), str(stem)], check=True)
    formats = [zxingcpp.BarcodeFormat.QRCode, zxingcpp.BarcodeFormat.Code39]
    with Image.open(f"{stem}.png") as page:
        return {
            r.format.name: r.text for r in zxingcpp.read_barcodes(page, formats=formats, try_rotate=False)
        }


@pytest.mark.parametrize("layout", LAYOUTS)
def test_receipt_text_and_codes_read_back(tmp_path, layout):
    pdf = write_receipt(RECEIPT, tmp_path / f"receipt_{layout}.pdf", layout)
    text = " ".join(_text(pdf).split())
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "000.00.01.H31-261125-0004",
        "Nguyễn Thị Thử Nghiệm",
        "001203004567",
        "Đăng ký khai sinh",
        "Bản sao",
        "09 giờ 05 phút, ngày 25 tháng 11 năm 2026",
        "ngày 27 tháng 11 năm 2026",
        "Phường Mẫu, ngày 25 tháng 11 năm 2026",
        "Liên 1: lưu",
        "Liên 2: giao người nộp hồ sơ",
        "Vào Sổ theo dõi hồ sơ, Quyển số: 01/2026, Số thứ tự: 37",
        "NGƯỜI NỘP HỒ SƠ",
        "Ghi chú:",
        "8.000 đồng",
        "Tiền mặt tại quầy",
        "bưu chính công ích",
        "Số 9, đường Bưu Điện",
        "1900 1234",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Trần Văn Cán Bộ",
    ):
        assert expected in text, f"{expected!r} not extractable from the {layout} receipt"
    codes = _codes(pdf, tmp_path)
    assert codes.get("Code39") == "000.00.01.H31-261125-0004"
    qr = codes["QRCode"]
    for expected in (
        "000.00.01.H31-261125-0004",
        "1.001193",
        "001203004567",
        "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
        "Một Cửa Số",
        "2026-11-25T09:05+07:00",
        "2026-11-27",
    ):
        assert expected in qr


def test_provisional_receipt_names_the_local_reference(tmp_path):
    printed = datetime(2026, 11, 25, 9, 7, tzinfo=VN)
    provisional = dataclasses.replace(
        RECEIPT, dossier_code=None, appointment_date=None, training=True, printed_at=printed
    )
    pdf = write_receipt(provisional, tmp_path / "provisional.pdf")
    text = " ".join(_text(pdf).split())
    assert "PHIẾU TẠM — chưa có mã hồ sơ" in text
    assert "In lúc 09 giờ 07 phút, ngày 25 tháng 11 năm 2026" in text
    assert "HS-20261125-0007" in text
    assert "không có giá trị pháp lý" in text
    codes = _codes(pdf, tmp_path)
    assert "Code39" not in codes
    assert "HS-20261125-0007" in codes["QRCode"] and "chưa có" in codes["QRCode"]


def test_the_appointment_prints_its_hour_when_the_calendar_gives_one(tmp_path):
    timed = dataclasses.replace(RECEIPT, appointment_at=datetime(2026, 11, 27, 14, 0, tzinfo=VN))
    text = " ".join(_text(write_receipt(timed, tmp_path / "r.pdf", "A5")).split())
    assert "Thời gian trả kết quả giải quyết hồ sơ: 14 giờ 00 phút, ngày 27 tháng 11 năm 2026" in text


def test_a_receipt_prepared_ahead_reads_the_same_and_is_dated_when_filled_in(tmp_path):
    from common import clock
    from counter_app.forms.layout import prepare

    prepared_at = datetime(2026, 12, 6, 16, 0, tzinfo=timezone.utc)
    filled_at = datetime(2026, 12, 6, 17, 5, 42, tzinfo=timezone.utc)
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(render_form("01", RECEIPT))
    with clock.use(clock.fixed(prepared_at)):
        prepare("A4")
    prepared = tmp_path / "prepared.pdf"
    with clock.use(clock.fixed(filled_at)):
        prepared.write_bytes(render_form("01", RECEIPT))
    assert _text(prepared) == _text(plain)
    info = subprocess.run(["pdfinfo", "-isodates", str(prepared)], capture_output=True, text=True).stdout
    created = next(line.split(None, 1)[1] for line in info.splitlines() if line.startswith("CreationDate:"))
    assert datetime.fromisoformat(created.replace("Z", "+00:00")) == filled_at
    assert _codes(prepared, tmp_path) == _codes(plain, tmp_path)
