"""`counter-app pages detect|clean` as the officer's tools and scripts call it (a real subprocess).

Outputs are checked with tools that did not write them: Pillow reads the PNG and its resolution back,
and Tesseract OCR must read the Vietnamese title off a cleaned camera photo.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from tests.synthetic_capture import camera_photo, flatbed_scan, near_blank_page, sparse_page, text_page

_CLI = "import sys; from counter_app.cli import main; sys.exit(main())"


def _run(*args: str) -> tuple[int, list[dict], str]:
    proc = subprocess.run(
        [sys.executable, "-c", _CLI, *args], capture_output=True, text=True, timeout=240, check=False
    )
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    return proc.returncode, lines, proc.stderr


def _save(path: Path, bgr: np.ndarray, dpi: int | None = None) -> Path:
    image = Image.fromarray(np.ascontiguousarray(bgr[..., ::-1]))
    image.save(
        path, **({"dpi": (dpi, dpi)} if dpi else {}), **({"quality": 90} if path.suffix == ".jpg" else {})
    )
    return path


def test_detect_prints_corners_clockwise_from_top_left(tmp_path: Path) -> None:
    photo = camera_photo(21)
    desk = np.full((720, 1280, 3), 70, np.uint8)
    files = [_save(tmp_path / "page.jpg", photo.image), _save(tmp_path / "desk.png", desk)]
    code, lines, _ = _run("pages", "detect", *map(str, files))
    assert code == 0
    assert [line["file"] for line in lines] == [str(f) for f in files]
    found = np.array(lines[0]["corners"], np.float32)
    assert found.shape == (4, 2)
    # JPEG re-encoding aside, each corner is where the page corner really is, in the same order.
    assert np.abs(found - photo.corners).max() < 3.0
    assert lines[0]["confidence"] > 0.8
    assert lines[1]["corners"] is None


def test_clean_writes_pages_and_reports_skew_blank_and_mode(tmp_path: Path) -> None:
    out = tmp_path / "out"
    scan = flatbed_scan(5, -4.2, dpi=150)
    files = [
        _save(tmp_path / "skewed.png", scan.image, dpi=150),
        _save(tmp_path / "back.png", near_blank_page(2, "all"), dpi=150),
        _save(tmp_path / "signed.png", sparse_page(3, "signature"), dpi=150),
        _save(tmp_path / "plain.png", text_page(150, 4, with_seal=False, with_signature=False), dpi=150),
    ]
    code, lines, stderr = _run("pages", "clean", *map(str, files), "--out", str(out))
    assert code == 0, stderr
    assert [set(line) for line in lines] == [{"file", "out", "deskew_angle", "blank", "mode", "ms"}] * 4
    skewed, back, signed, plain = lines
    assert skewed["deskew_angle"] == pytest.approx(-4.2, abs=0.15)
    assert (back["blank"], signed["blank"], plain["blank"], skewed["blank"]) == (True, False, False, False)
    assert (signed["mode"], plain["mode"]) == ("color", "bw")
    for line in lines:
        with Image.open(line["out"]) as img:
            assert img.format == "PNG"
            assert round(img.info["dpi"][0]) == 150  # the scan's resolution is kept (100 % scale)
            assert img.mode == ("RGB" if line["mode"] == "color" else "L")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_cleaned_camera_photo_is_readable_by_ocr(tmp_path: Path) -> None:
    photo = camera_photo(4, (1920, 1080), page=text_page(150, 4))
    src = _save(tmp_path / "photo.jpg", photo.image)
    code, lines, stderr = _run("pages", "clean", str(src), "--out", str(tmp_path / "out"))
    assert code == 0, stderr
    cleaned = cv2.imread(lines[0]["out"], cv2.IMREAD_UNCHANGED)
    assert cleaned.shape[0] / cleaned.shape[1] == pytest.approx(2**0.5, rel=0.01)
    langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, check=False).stdout
    lang = "vie" if "vie" in langs.split() else "eng"
    text = subprocess.run(
        ["tesseract", lines[0]["out"], "-", "-l", lang], capture_output=True, text=True, check=True
    ).stdout
    assert "KHAI SINH" in text.upper()


def test_unreadable_file_is_a_known_error(tmp_path: Path) -> None:
    bad = tmp_path / "not-an-image.jpg"
    bad.write_text("hello")
    code, _, stderr = _run("pages", "detect", str(bad))
    assert code == 2
    error = json.loads(stderr.strip().splitlines()[-1])["error"]
    assert error["code"] == "image_unreadable"
    assert "Không đọc được" in error["message"]
