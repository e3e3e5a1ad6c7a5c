"""The monthly report, read back by independent tools: openpyxl for the workbook, pdftotext for the PDF.

Figures are those computed by hand in tests/unit/test_kpi_indicators.py (six dossiers in
November 2026: online 3/5, digitised 4/5, reuse 2/5, guided 3/4, paid online 1/2, on time 2/3).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from counter_app.cli import main
from counter_app.context import AppContext
from tests.synthetic_events import write
from tests.unit.test_kpi_indicators import office_specs

# Dates here are the office's: each test runs either side of 17:00 UTC, on a UTC and a Vietnamese PC.
pytestmark = pytest.mark.usefixtures("any_hour")


@pytest.fixture
def office() -> None:
    ctx = AppContext.open()
    try:
        write(ctx.db, office_specs())
    finally:
        ctx.close()


def _report(month: str, out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--month", month, "--out", str(out)]) == 0
    assert json.loads(capsys.readouterr().out) == {"out": str(out.resolve())}


def test_workbook_has_indicators_targets_colours_and_groups(
    office: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bao-cao-2026-11.xlsx"
    _report("2026-11", out, capsys)
    wb = load_workbook(out)
    assert wb.sheetnames == [
        "Tổng hợp", "Điểm 766", "Theo thủ tục", "Theo cán bộ", "Theo ngày", "Thời gian các bước",
    ]  # fmt: skip
    summary = wb["Tổng hợp"]
    assert "THÁNG 11/2026" in summary["A1"].value
    rows = {r[0].value: r for r in summary.iter_rows(min_row=7, max_row=12)}
    online = rows["Hồ sơ trực tuyến"]
    assert [c.value for c in online[1:7]] == ["3.3", 3, 5, pytest.approx(0.6), pytest.approx(0.6), "xanh"]
    assert online[6].fill.fgColor.rgb.endswith("2E7D32")  # green: 0.6 meets the 0.6 target
    digitized = rows["Thành phần được số hóa tại quầy"]
    assert (digitized[4].value, digitized[6].value) == (pytest.approx(0.8), "xanh")  # the target met
    assert digitized[7].value == pytest.approx(1.0)  # 766 points share: 0.8 / 0.8
    assert rows["Giải quyết đúng hạn"][4].value == pytest.approx(2 / 3)
    assert rows["Hướng dẫn nộp trực tuyến"][4].value == pytest.approx(0.75)

    procedures = wb["Theo thủ tục"]
    by_code = {r[0].value: r for r in procedures.iter_rows(min_row=2)}
    assert by_code["1.001193"][1].value == "Đăng ký khai sinh"  # name from the procedure catalog
    assert by_code["1.001193"][2].value == 3
    officers = {r[0].value: r[2].value for r in wb["Theo cán bộ"].iter_rows(min_row=2)}
    assert officers == {"canbo1": 3, "canbo2": 2}
    daily = wb["Theo ngày"]
    days = [r[0].value for r in daily.iter_rows(min_row=2, max_row=31)]
    assert days[0] == "2026-11-01" and days[-1] == "2026-11-30"
    assert daily["B4"].value == 5  # 3 November: five dossiers received
    assert len(daily._charts) == 1
    steps = {r[0].value: r for r in wb["Thời gian các bước"].iter_rows(min_row=2)}
    assert (steps["Quét một trang"][1].value, steps["Quét một trang"][2].value) == (20, 2.5)
    assert "Ở trạng thái «Đã ký số»" not in steps or steps["Ở trạng thái «Đã ký số»"][1].value
    everything = [str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
    raw = {"dossier_created", "page_scanned", "status_changed", "waiting_citizen", "receipt_printed"}
    assert not [text for text in everything if any(kind in text for kind in raw)]  # Vietnamese only
    assert "(UTC)" not in summary["A3"].value and "T" not in summary["A3"].value.split("lập lúc")[1]

    score = {r[0].value: r for r in wb["Điểm 766"].iter_rows(min_row=5) if r[0].value}
    # The same scorecard as `counter-app kpi --score --month 2026-11` (test_kpi_agreement).
    assert score["3.3"][6].value == pytest.approx(6.0)  # 3 fully online × 1.4 of 5: over 50 %
    assert score["1.1"][8].value.startswith("Do tỉnh chấm")


def test_pdf_is_vietnamese_text_with_the_figures(
    office: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = tmp_path / "bao-cao.pdf"
    _report("2026-11", out, capsys)
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "BÁO CÁO CHỈ SỐ BỘ PHẬN MỘT CỬA — THÁNG 11/2026" in text
    assert "Tiếp nhận 5 hồ sơ: trực tiếp 1, trực tuyến 3, bưu chính 1; đã giải quyết 3." in text
    online_line = next(
        line for line in text.splitlines() if line.startswith("Hồ sơ trực tuyến") and "3.3" in line
    )
    assert online_line.split()[4:] == ["3.3", "3", "5", "60.0", "%", "60.0", "%", "xanh", "100.0", "%"]
    assert "Đăng ký khai sinh" in text
    assert "Theo cán bộ tiếp nhận" in text and "canbo2" in text
    assert "Ký số hồ sơ" in text
    assert "Điểm theo Quyết định 766:" in text and "do tỉnh chấm (tối đa 4)" in text
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert all(" yes " in line for line in fonts.splitlines()[2:])  # every font embedded


def test_empty_month_still_makes_a_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "empty.xlsx"
    _report("2026-01", out, capsys)
    rows = {r[0].value: r for r in load_workbook(out)["Tổng hợp"].iter_rows(min_row=7, max_row=12)}
    assert rows["Hồ sơ trực tuyến"][4].value is None
    assert rows["Hồ sơ trực tuyến"][6].value == "chưa có số liệu"
    _report("2026-01", tmp_path / "empty.pdf", capsys)


@pytest.mark.parametrize(
    ("month", "out", "code"),
    [("11/2026", "r.xlsx", "report_bad_month"), ("2026-11", "r.docx", "report_bad_format")],
)
def test_bad_month_or_format_is_a_known_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], month: str, out: str, code: str
) -> None:
    assert main(["report", "--month", month, "--out", str(tmp_path / out)]) == 2
    assert json.loads(capsys.readouterr().err)["error"]["code"] == code
    assert not (tmp_path / out).exists()


def test_quarter_report_holds_its_months(
    office: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "quy.xlsx"
    assert main(["report", "--quarter", "2026-Q4", "--out", str(out)]) == 0
    capsys.readouterr()
    wb = load_workbook(out)
    assert "QUÝ 4/2026" in wb["Tổng hợp"]["A1"].value
    days = [r[0].value for r in wb["Theo ngày"].iter_rows(min_row=2) if r[0].value]
    assert days[0] == "2026-10-01" and "2026-12-31" in days
