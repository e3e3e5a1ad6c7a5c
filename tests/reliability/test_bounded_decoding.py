"""Finding 2 and 6 of issue 21: pixel bombs and broken pictures give known errors, never a traceback
or gigabytes of memory, at every entry point that decodes (the CLI in-process; the memory check
runs the CLI in a child process and reads its peak RSS)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from tests import hostile
from tests.reliability import input_fixtures

# Fixtures shared by the bad-input tests (a module of their own: no conftest.py to share here).
cli = input_fixtures.cli
pdf_bomb = input_fixtures.pdf_bomb


def _tiff_with_huge_second_frame() -> bytes:
    out = io.BytesIO()
    Image.new("L", (100, 100), 200).save(
        out, "TIFF", save_all=True, append_images=[Image.new("L", (40_000, 2), 0)]
    )
    return out.getvalue()


TIFF_WITHOUT_DIMENSIONS = (
    b'II*\x00\x08\x00\x00\x00\t\x00\x00\x01\x04\x00\x01\x00\x00\x00\x04\x00\x00\x00\x01\x01\x04\x00\x01\x00\x00\x00"\x00\x00\x00\x02\x01\x03\x00\x01\x00\x00\x00\x08\x00\x00\x00\x03\x01\x03\x00\x01\x00\x00\x00\x01\x00\x00\x00\x06\x01\x03\x00\x01\x00\x00\x00\x01\x00\x00\x00\x11\x01\x04\x00\x01\x00\x00\x00z\x00\x00\x00\x16\x01\x04\x00\x01\x00\x00\x00"\x00\x00\x00\x17\x01\x04\x00\x01\x00\x00\x00\x88\x00\x00\x00\x1c\x01\x03\x00\x01\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00B'
    + b"\xc8" * 136
)


BOMBS = {
    "wide.png": hostile.png_header_bomb(70_000, 10),  # zxing-cpp's ValueError
    "bomb.png": hostile.png_header_bomb(40_000, 40_000),  # Pillow's DecompressionBombError, OpenCV's limit
    "frames.tif": _tiff_with_huge_second_frame(),
    "bomb.pdf": hostile.pdf_with_image(40_000, 40_000, deflated=b"x\x9c\x03\x00\x00\x00\x00\x01"),
}


@pytest.fixture(params=sorted(BOMBS))
def bomb(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return hostile.write(tmp_path, request.param, BOMBS[request.param])


def test_decode_id_refuses_a_bomb_with_a_known_error(cli, bomb: Path) -> None:
    run = cli("decode-id", "--no-mrz", str(bomb))
    assert run.rc == 2, run.stderr
    assert run.lines[0]["ok"] is False
    assert run.lines[0]["error"]["code"] in ("image_too_large", "image_unreadable")
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("verb", ["detect", "clean"])
def test_pages_refuses_a_bomb_with_a_known_error(cli, bomb: Path, verb: str, tmp_path: Path) -> None:
    extra = ["--out", str(tmp_path / "out")] if verb == "clean" else []
    run = cli("pages", verb, str(bomb), *extra)
    assert run.rc == 2, run.stderr
    assert run.error is not None and run.error["code"] in ("image_too_large", "image_unreadable")


def test_digitize_refuses_a_bomb_with_a_known_error(cli, bomb: Path, tmp_path: Path) -> None:
    run = cli("digitize", "--out", str(tmp_path / "out.pdf"), str(bomb))
    assert run.rc == 2, run.stderr
    assert run.error is not None and run.error["code"] in (
        "image_too_large",
        "image_unreadable",
        "page_unreadable",
    )
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 40,  # a header and nothing else
        hostile.page_image_png()[:300],  # cut in the middle of its pixels: "broken data stream"
        b"II*\x00" + b"\xff" * 64,  # a TIFF whose first directory points nowhere
        b"GIF89a" + b"\x00" * 10,
        # Found by test_parser_fuzz: a TIFF whose second directory lacks its dimensions (TypeError).
        TIFF_WITHOUT_DIMENSIONS,
    ],
    ids=["png-header-only", "png-cut", "tiff-bad-ifd", "gif-empty", "tiff-no-dimensions"],
)
def test_broken_images_are_known_errors_everywhere(cli, tmp_path: Path, data: bytes) -> None:
    path = hostile.write(tmp_path, "broken.png", data)
    for args in (
        ["decode-id", "--no-mrz", str(path)],
        ["pages", "detect", str(path)],
        ["pages", "clean", str(path), "--out", str(tmp_path / "o")],
        ["digitize", "--out", str(tmp_path / "o.pdf"), str(path)],
    ):
        run = cli(*args)
        assert run.rc == 2, (args, run.stderr)
        assert "Traceback" not in run.stderr


def test_a_password_protected_pdf_as_an_id_image_is_a_known_error(cli, tmp_path: Path) -> None:
    path = hostile.write(tmp_path, "locked.pdf", hostile.encrypted_pdf("mat-khau"))
    run = cli("decode-id", "--no-mrz", str(path))
    assert run.rc == 2
    assert run.lines[0]["error"]["code"] == "pdf_encrypted"


def test_the_limit_comes_from_the_configuration(cli, tmp_path: Path) -> None:
    page = hostile.write(tmp_path, "page.png", hostile.page_image_png())  # 620×877 = 0.54 Mpx
    assert cli("pages", "detect", str(page)).rc == 0
    config = tmp_path / "data" / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("[limits]\nmax_image_pixels = 1000000\n", encoding="utf-8")
    big = Image.new("L", (1500, 1000), 230)
    big.save(tmp_path / "big.png")
    run = cli("pages", "detect", str(tmp_path / "big.png"))
    assert run.rc == 2 and run.error is not None and run.error["code"] == "image_too_large"


def test_the_pdf_bomb_stays_under_1_gb(pdf_bomb: Path, tmp_path: Path) -> None:
    """The issue's 2.4 MB PDF with a 50000×50000 image took 4.8 GB and 49 s, then a traceback."""
    rc, peak, stderr = input_fixtures.peak_rss_mb(
        "decode-id", "--no-mrz", str(pdf_bomb), "--data-dir", str(tmp_path)
    )
    assert rc == 2, stderr
    assert "Traceback" not in stderr
    assert peak < 1024, f"peak RSS {peak:.0f} MB"


@pytest.mark.parametrize("role", ["id-image", "component"])
def test_a_headless_intake_refuses_a_bomb_with_a_known_error(cli, tmp_path: Path, role: str) -> None:
    from tests.reliability.test_citizen_data import GOOD, qr_png

    bomb = hostile.write(tmp_path, "bomb.pdf", BOMBS["bomb.pdf"])
    card, page = qr_png(tmp_path, GOOD), hostile.write(tmp_path, "page.png", hostile.page_image_png())
    id_image, component = (
        (bomb, page) if role == "id-image" else (card, hostile.write(tmp_path, "b.png", BOMBS["bomb.png"]))
    )
    run = cli(
        "intake", "--headless", "--id-image", str(id_image), "--procedure", "1.001193",
        "--component", f"to_khai_khai_sinh={component}", "--portal", "http://127.0.0.1:9/",
    )  # fmt: skip
    assert run.rc == 2, run.stderr
    assert run.error is not None and run.error["code"] == "image_too_large"
