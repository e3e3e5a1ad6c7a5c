"""Each counter form (Mẫu 01, 02, 03, 06) read back with pdftotext and compared with the fields it
was filled with, for a dossier of 1 and of 6 components, on A4, A5 and the 80 mm roll; reprints
and provisional receipts say so."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from counter_app.forms import FormComponent, FormData, LogEntry, render_form
from counter_app.receipt_labels import LAYOUTS, PAPER_FORMS

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) absent")
VN = timezone(timedelta(hours=7))
SIX = (
    FormComponent("Tờ khai đăng ký khai sinh (theo mẫu)", "original"),
    FormComponent("Giấy chứng sinh", "original"),
    FormComponent("Giấy chứng nhận kết hôn của cha mẹ", "certified_copy"),
    FormComponent("Căn cước của người đi đăng ký", "photocopy"),
    FormComponent("Văn bản ủy quyền có chứng thực", "certified_copy"),
    FormComponent("Giấy tờ chứng minh nơi cư trú", "photocopy"),
)
DATA = FormData(
    agency="UBND Xã An Bình",
    office_name="Bộ phận Một cửa xã An Bình",
    place="An Bình",
    local_ref="HS-20261125-0007",
    procedure_code="1.001193",
    procedure_name="Đăng ký khai sinh",
    applicant_name="Nguyễn Thị Thử Nghiệm",
    applicant_id="001203004567",
    received_at=datetime(2026, 11, 25, 9, 5, tzinfo=VN),
    dossier_code="000.00.01.H31-261125-0004",
    appointment_date=date(2026, 11, 27),
    processing_days=2,
    applicant_address="Số 1, đường Mẫu, xã An Bình",
    applicant_phone="0900000001",
    fee=8000,
    payment_method="cash",
    officer_name="Trần Văn Cán Bộ",
    hotline="0270 3800 000",
    log_entry=LogEntry("01/2026", 37),
    reason="Giấy chứng sinh bị mờ, không đọc được",
    missing=("Giấy chứng sinh",),
    issued_at=None,
)
HEADER = (
    "UBND XÃ AN BÌNH",
    "BỘ PHẬN MỘT CỬA XÃ AN BÌNH",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "An Bình, ngày 25 tháng 11 năm 2026",
    "Mã hồ sơ: 000.00.01.H31-261125-0004",
)


def text_of(pdf: bytes, tmp_path: Path, name: str) -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    # -raw: content-stream order, so a table cell wrapped on the roll reads as one run of text.
    raw = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(raw.split())


def squeezed(text: str) -> str:
    """Text without spaces: a table cell on the roll wraps inside words' gaps."""
    return re.sub(r"\s+", "", text)


def expected_fields(form: str, data: FormData, layout: str) -> list[str]:
    if form == "01":
        return [
            "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
            "Liên 1: lưu",
            "Liên 2: giao người nộp hồ sơ",
            f"Ông/Bà: {data.applicant_name}",
            f"Số định danh cá nhân: {data.applicant_id}",
            f"Địa chỉ: {data.applicant_address}",
            data.applicant_phone,
            f"{data.procedure_name} (mã thủ tục {data.procedure_code})",
            "Số lượng hồ sơ: 01 (bộ)",
            "2 ngày làm việc",
            "09 giờ 05 phút, ngày 25 tháng 11 năm 2026",
            "ngày 27 tháng 11 năm 2026",
            "8.000 đồng",
            "Vào Sổ theo dõi hồ sơ, Quyển số: 01/2026, Số thứ tự: 37",
            "NGƯỜI NỘP HỒ SƠ",
            "NGƯỜI TIẾP NHẬN HỒ SƠ",
            data.officer_name,
            "Ghi chú:",
            data.hotline,
        ]
    if form == "02":
        return [
            "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
            f"Hồ sơ của: {data.applicant_name}",
            f"Nội dung yêu cầu giải quyết: {data.procedure_name}",
            *[f"{i}. {item}" for i, item in enumerate(data.missing, 1)],
            f"Lý do: {data.reason}",
            data.hotline,
            "NGƯỜI HƯỚNG DẪN",
            data.officer_name,
        ]
    if form == "03":
        return [
            "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
            f"Ông/Bà: {data.applicant_name}",
            f"Đề nghị giải quyết: {data.procedure_name}",
            "từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:",
            data.reason,
            "NGƯỜI TIẾP NHẬN HỒ SƠ",
            data.officer_name,
        ]
    return [
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        f"(Kèm theo hồ sơ của: {data.applicant_name})",
        f"Cơ quan (bộ phận) giải quyết hồ sơ: {data.agency}",
        "Thời gian nhận hồ sơ: 09 giờ 05 phút, ngày 25 tháng 11 năm 2026",
        "Hẹn trả kết quả: ngày 27 tháng 11 năm 2026",
        "THỜI GIAN GIAO, NHẬN HỒ SƠ" if layout != "thermal80" else "GIAO, NHẬN",
        "Người giao",
        "Người nhận",
    ]


@pytest.mark.parametrize("components", [SIX[:1], SIX], ids=["1-component", "6-components"])
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("form", ["01", "02", "03", "06"])
def test_each_form_prints_its_fields(tmp_path, form, layout, components):
    data = dataclasses.replace(DATA, components=components)
    text = text_of(render_form(form, data, layout), tmp_path, f"{form}-{layout}")
    for expected in (*HEADER, *expected_fields(form, data, layout)):
        assert squeezed(expected) in squeezed(text), f"{expected!r} missing from Mẫu {form} ({layout})"
    assert "BẢN IN LẠI" not in text and "PHIẾU TẠM" not in text
    if form == "01":  # every component, with how it was handed in, in both copies
        for component in components:
            assert squeezed(text).count(squeezed(component.name)) == 2
            assert squeezed(PAPER_FORMS[component.paper_form]) in squeezed(text)


@pytest.mark.parametrize("form", ["01", "02", "03", "06"])
def test_a_reprint_says_so_with_when(tmp_path, form):
    again = dataclasses.replace(DATA, reprint=True, printed_at=datetime(2026, 12, 1, 8, 30, tzinfo=VN))
    text = text_of(render_form(form, again, "A5"), tmp_path, f"reprint-{form}")
    assert "BẢN IN LẠI lúc 08 giờ 30 phút, ngày 01 tháng 12 năm 2026" in text
    assert "An Bình, ngày 25 tháng 11 năm 2026" in text  # the document keeps its own date


def test_the_provisional_receipt_is_dated_and_says_what_it_is(tmp_path):
    provisional = dataclasses.replace(
        DATA, dossier_code=None, appointment_date=None, log_entry=None, printed_at=DATA.received_at
    )
    text = text_of(render_form("01", provisional, "thermal80"), tmp_path, "provisional")
    assert "PHIẾU TẠM — chưa có mã hồ sơ" in text
    assert "In lúc 09 giờ 05 phút, ngày 25 tháng 11 năm 2026" in text
    assert "HS-20261125-0007" in text
    assert "sẽ được thông báo khi cổng dịch vụ công cấp mã hồ sơ" in text


def test_the_forms_are_set_in_a_times_compatible_serif(tmp_path):
    path = tmp_path / "f.pdf"
    path.write_bytes(render_form("01", DATA))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "LiberationSerif" in fonts and "Noto" not in fonts
