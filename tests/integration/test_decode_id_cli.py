"""`counter-app decode-id` through the real entry point, in a subprocess, as IT staff would run it."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest
import qrcode
from PIL import Image

from tests.synthetic_idcard import PhotoSettings, photograph, render_card, render_card_back, synthetic_citizen

ID_KEYS = ["file", "ok", "id_number", "old_id_number", "full_name", "date_of_birth", "sex", "address",
           "issue_date", "extra", "warnings", "raw"]  # fmt: skip


def decode_id(*args: str, stdin: bytes = b"") -> tuple[int, list[dict], str]:
    done = subprocess.run(
        [sys.executable, "-m", "ui.entry", "decode-id", *args],
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )
    lines = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    return done.returncode, lines, done.stderr.decode("utf-8", "replace")


def test_card_photo_gives_the_citizen_with_iso_dates(tmp_path: Path) -> None:
    rng = random.Random(21)
    citizen = synthetic_citizen(rng, new_card=True)
    frame, _ = photograph(render_card(citizen), rng)
    path = tmp_path / "căn cước.jpg"
    path.write_bytes(cv2.imencode(".jpg", frame)[1].tobytes())

    code, lines, stderr = decode_id(str(path))

    assert code == 0, stderr
    [line] = lines
    assert list(line) == ID_KEYS
    assert line["ok"] is True
    assert line["file"] == str(path)
    assert line["id_number"] == citizen.id_number
    assert line["full_name"] == citizen.full_name
    assert line["date_of_birth"] == citizen.date_of_birth.isoformat()
    assert line["issue_date"] == citizen.issue_date.isoformat()
    assert line["sex"] == citizen.sex
    assert line["extra"] == list(citizen.extra) and len(line["extra"]) == 5
    assert line["warnings"] == []
    assert line["raw"] == citizen.to_payload()


def test_mixed_batch_one_line_per_file_and_exit_2(tmp_path: Path) -> None:
    url = tmp_path / "url.png"
    qrcode.make("https://dichvucong.gov.vn/").save(url)
    blank = tmp_path / "blank.png"
    cv2.imwrite(str(blank), np.full((720, 1280), 200, np.uint8))
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8 truncated")

    code, lines, _ = decode_id("--no-mrz", str(url), str(blank), str(broken), str(tmp_path / "missing.png"))

    assert code == 2
    assert [line["file"] for line in lines] == [
        str(url),
        str(blank),
        str(broken),
        str(tmp_path / "missing.png"),
    ]
    assert all(line["ok"] is False for line in lines)
    assert [line["error"]["code"] for line in lines] == [
        "not_citizen_id",
        "qr_not_found",
        "image_unreadable",
        "image_unreadable",
    ]
    assert lines[0]["raw"] == "https://dichvucong.gov.vn/"
    assert all("raw" not in line for line in lines[1:])
    assert all(line["error"]["message"] and line["error"]["hint"] for line in lines)


def test_payload_from_a_handheld_reader_on_stdin() -> None:
    typed = "\x00079185012345||Nguyễn Thị Hoa|15081985|Nữ|Số 5 Lê Lợi, Phường Bến Nghé, Hồ Chí Minh|02032022\r\n\r\n"

    code, [line], _ = decode_id("-", stdin=typed.encode("utf-8"))

    assert code == 0
    assert line["file"] == "-" and line["ok"] is True
    assert line["full_name"] == "Nguyễn Thị Hoa"
    assert line["date_of_birth"] == "1985-08-15"
    assert line["raw"] == typed.strip("\x00\r\n")
    assert line["warnings"] == []


def test_stdin_payload_with_warnings_is_still_ok() -> None:
    typed = "079185012345||Nguyễn Văn Nam|15081985|Nam|Hồ Chí Minh|02032022"
    code, [line], _ = decode_id("-", stdin=typed.encode("utf-8"))
    assert code == 0
    assert [w["code"] for w in line["warnings"]] == ["id_sex_mismatch"]
    assert "Nữ" in line["warnings"][0]["message"]


def test_stdin_text_that_is_not_an_id_payload() -> None:
    code, [line], _ = decode_id("-", stdin="xin chào".encode())
    assert code == 2
    assert line == {"file": "-", "ok": False, "error": line["error"], "raw": "xin chào"}
    assert line["error"]["code"] == "not_citizen_id"


def test_mrz_text_on_stdin() -> None:
    # Synthetic MRZ, check digits computed by hand (see tests/unit/test_qr_mrz.py).
    mrz = "IDVNM1850123459079185012345<<9\n8508155F2508153VNM<<<<<<<<<<<8\nNGUYEN<<THI<HOA<<<<<<<<<<<<<<<\n"
    code, [line], _ = decode_id("-", stdin=mrz.encode())
    assert code == 0
    assert line["id_number"] == "079185012345" and line["sex"] == "Nữ"
    assert line["date_of_birth"] == "1985-08-15" and line["issue_date"] is None
    assert "name_without_diacritics" in [w["code"] for w in line["warnings"]]


def test_mrz_with_a_misread_digit_is_refused() -> None:
    mrz = "IDVNM1850123459079185012346<<9\n8508155F2508153VNM<<<<<<<<<<<8\nNGUYEN<<THI<HOA<<<<<<<<<<<<<<<\n"
    code, [line], _ = decode_id("-", stdin=mrz.encode())
    assert code == 2
    assert line["error"]["code"] == "mrz_check_failed"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract (tesseract-ocr) is not installed")
def test_photo_of_an_old_card_back_is_read_from_its_mrz(tmp_path: Path) -> None:
    rng = random.Random(5)
    citizen = synthetic_citizen(rng)
    settings = PhotoSettings(max_tilt=0.04, glare=False, blur_sigma=(0, 0.3), card_width=(0.7, 0.7))
    frame, _ = photograph(render_card_back(citizen), rng, settings)
    path = tmp_path / "back.png"
    cv2.imwrite(str(path), frame)

    code, [line], _ = decode_id(str(path))

    assert code == 0
    assert line["id_number"] == citizen.id_number
    assert line["date_of_birth"] == citizen.date_of_birth.isoformat()
    assert line["raw"].count("\n") == 2


def test_no_mrz_option_skips_the_card_back(tmp_path: Path) -> None:
    blank = tmp_path / "blank.png"
    cv2.imwrite(str(blank), np.full((100, 100), 200, np.uint8))
    code, [line], _ = decode_id("--no-mrz", str(blank))
    assert code == 2 and line["error"]["code"] == "qr_not_found"


def test_scanned_pdf_of_a_card(tmp_path: Path) -> None:
    rng = random.Random(8)
    citizen = synthetic_citizen(rng)
    card = cv2.cvtColor(render_card(citizen, px_per_mm=200 / 25.4), cv2.COLOR_BGR2RGB)
    page = Image.new("RGB", (1654, 2339), (250, 250, 248))
    page.paste(Image.fromarray(card), (150, 200))
    path = tmp_path / "máy quét.pdf"
    page.save(path, resolution=200)

    code, [line], _ = decode_id(str(path))

    assert code == 0 and line["raw"] == citizen.to_payload()
