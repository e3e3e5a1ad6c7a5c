"""`counter-app intake --headless --applicant-kind foreigner --passport-image FILE` (issue #25): the
passport's data page read by OCR instead of typed MRZ lines, filed once on the sandbox.

Real peers: the CLI as a child process, Tesseract reading a synthetic data page scanned to a PDF
(tests/synthetic_passport.py), the sandbox portal over loopback HTTP (its own listing says what it
stored), the receipt read back with poppler's `pdftotext`.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import httpx
import numpy as np
import pytest

from scanner.barcodes.mrz_ocr import tesseract_available
from tests.app_process import run_app
from tests.integration import test_applicant_intake as applicants
from tests.synthetic_passport import SyntheticForeigner, scanned, write_jpeg, write_scanned_pdf

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not tesseract_available(), reason="tesseract (tesseract-ocr) is not installed"),
]

sandbox = applicants.sandbox  # the same fixture: the sandbox portal on loopback
files = applicants.files
VISITOR = SyntheticForeigner(
    "TK0841096", "JPN", "TESUTO", "HANAKO MEI", date(1988, 2, 29), "F", date(2032, 7, 15)
)


def test_the_cli_files_a_foreigner_from_a_scanned_data_page(sandbox, files, tmp_path: Path) -> None:
    page = write_scanned_pdf(scanned(VISITOR, 300, angle=178.0), tmp_path / "trang-ho-chieu.pdf", dpi=300)
    proc = applicants._intake(
        "--applicant-kind", "foreigner", "--passport-image", str(page), "--receipt-dir", str(tmp_path),
        page=files["page"], data_dir=tmp_path / "data", portal=sandbox.url,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    listed = httpx.get(f"{sandbox.url}/sandbox/dossiers", timeout=10).json()["dossiers"]
    [filed] = [d for d in listed if d["local_ref"] == out["dossier"]]  # exactly once
    sent = filed["applicant"]
    assert sent["kind"] == "foreigner"
    assert (sent["passport_number"], sent["nationality"]) == ("TK0841096", "JPN")
    text = applicants._text(Path(out["receipt"]))
    assert "TESUTO HANAKO MEI" in text and "Số hộ chiếu: TK0841096" in text


def test_a_page_without_an_mrz_is_refused_in_words(files, tmp_path: Path) -> None:
    blank = write_jpeg(np.full((880, 1250, 3), 230, np.uint8), tmp_path / "trang.jpg")
    proc = run_app(
        "intake", "--headless", "--procedure", applicants.COPY,
        "--component", f"{applicants.COMPONENT}={files['page']}", "--no-ocr",
        "--applicant-kind", "foreigner", "--passport-image", str(blank),
        data_dir=tmp_path / "data",
    )  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    error = json.loads(proc.stderr.strip().splitlines()[-1])["error"]
    assert error["code"] == "passport_mrz_not_found"
    assert "Không đọc được dòng MRZ trên trang hộ chiếu" in error["message"]


def test_a_foreigner_needs_the_lines_or_the_page(files, tmp_path: Path) -> None:
    proc = run_app(
        "intake", "--headless", "--procedure", applicants.COPY,
        "--component", f"{applicants.COMPONENT}={files['page']}", "--no-ocr", "--applicant-kind", "foreigner",
        data_dir=tmp_path / "data",
    )  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    error = json.loads(proc.stderr.strip().splitlines()[-1])["error"]
    assert error["code"] == "applicant_options_missing"
    assert "--passport-mrz hoặc --passport-image" in error["message"]
