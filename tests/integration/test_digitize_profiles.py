"""The other profiles, pass-through of existing files, odd inputs, progress, cancel and the CLI."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from counter_app.cli import main as cli_main
from scanner.errors import ScannerError
from scanner.pdf import build_pdf
from tests.synthetic import render_photo_page, render_text_page, save_page

pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("pdfimages", "pdftoppm", "qpdf")),
    reason="poppler-utils and qpdf are needed to check PDFs independently",
)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pages")
    text = render_text_page(dpi=200, seed=5)
    return {
        "text": save_page(text, folder / "text.png", dpi=200),
        "text2": save_page(render_text_page(dpi=200, seed=6), folder / "text2.png", dpi=200),
        "jpeg": _camera_jpeg(folder / "photo.jpg"),
    }


def _camera_jpeg(path: Path) -> Path:
    render_photo_page(dpi=200, seed=7).save(path, dpi=(200, 200), quality=70)
    return path


def _images(pdf: Path) -> list[list[str]]:
    out = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:]]


def _renders(pdf: Path, tmp: Path) -> int:
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp / "r")], check=True)
    return len(list(tmp.glob("r*.png")))


@pytest.mark.parametrize(
    ("profile", "colour", "bpc", "enc"),
    [("bw", "gray", "1", "ccitt"), ("gray", "gray", "8", "jpeg"), ("color", "icc", "8", "jpeg")],
)
def test_profile_image_kind(pages, tmp_path: Path, profile: str, colour: str, bpc: str, enc: str) -> None:
    out = tmp_path / f"{profile}.pdf"
    result = build_pdf([pages["text"], pages["text2"]], out, profile=profile, ocr=False)
    rows = _images(out)
    assert len(rows) == 2 and result.pdfa and result.profile == profile
    for row in rows:
        assert (row[2], row[5], row[7], row[8]) == ("image", colour, bpc, enc), row
        assert int(row[12]) >= 200 and int(row[13]) >= 200
    assert _renders(out, tmp_path) == 2


def test_grey_scan_still_gives_a_colour_standard_pdf(pages, tmp_path: Path) -> None:
    from PIL import Image

    grey = tmp_path / "grey.png"
    Image.open(pages["text"]).convert("L").save(grey, dpi=(200, 200))
    out = tmp_path / "grey.pdf"
    build_pdf([grey], out, ocr=False)
    kinds = [(r[2], r[5]) for r in _images(out)]
    assert ("image", "icc") in kinds and all(c in ("icc", "-") for _, c in kinds)


def test_bw_text_page_is_tiny(pages, tmp_path: Path) -> None:
    result = build_pdf([pages["text"]], tmp_path / "bw.pdf", profile="bw", ocr=False)
    assert result.bytes < 60_000


def test_camera_jpeg_is_embedded_without_recompression(pages, tmp_path: Path) -> None:
    out = tmp_path / "photo.pdf"
    build_pdf([pages["jpeg"]], out, profile="color", ocr=False)
    subprocess.run(["pdfimages", "-j", str(out), str(tmp_path / "x")], check=True)
    (extracted,) = tmp_path.glob("x-*.jpg")
    assert extracted.read_bytes() == pages["jpeg"].read_bytes()


def test_a_page_in_memory_builds_like_its_file_and_keeps_its_jpeg(pages, tmp_path: Path) -> None:
    """The headless intake hands the builder the pixels it just cleaned, with the JPEG it stored:
    the same kind of page as from the file, and that JPEG embedded where it would pass through."""
    import cv2
    import numpy as np

    from scanner.pdf import SourcePage

    data = pages["jpeg"].read_bytes()
    pixels = cv2.cvtColor(cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)
    in_memory = SourcePage(None, 200, "photo.jpg", jpeg=data, pixels=pixels)
    out = tmp_path / "memory.pdf"
    result = build_pdf([in_memory, pages["text"]], out, profile="color", ocr=False)
    assert result.pages == 2 and result.pdfa
    subprocess.run(["pdfimages", "-j", "-f", "1", "-l", "1", str(out), str(tmp_path / "m")], check=True)
    (extracted,) = tmp_path.glob("m-*.jpg")
    assert extracted.read_bytes() == data
    from_file = build_pdf([pages["jpeg"]], tmp_path / "file.pdf", ocr=False)
    from_memory = build_pdf([in_memory], tmp_path / "memory-standard.pdf", ocr=False)
    assert [(r.page_class, r.encoding, r.dpi) for r in from_memory.page_reports] == [
        (r.page_class, r.encoding, r.dpi) for r in from_file.page_reports
    ]


def test_digital_pdf_passes_through_unchanged(pages, tmp_path: Path) -> None:
    digital = tmp_path / "digital.pdf"
    build_pdf([pages["text"]], digital, ocr=False)
    out = tmp_path / "copy.pdf"
    result = build_pdf([digital], out)
    assert hashlib.sha256(out.read_bytes()).digest() == hashlib.sha256(digital.read_bytes()).digest()
    assert result.pages == 1 and result.pdfa


def test_digital_pdf_merged_with_scans_keeps_its_pages_but_claims_no_pdfa(pages, tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(595, 842))
        pdf.add_blank_page(page_size=(595, 842))
        pdf.save(foreign)
    out = tmp_path / "merged.pdf"
    result = build_pdf([pages["text"], foreign], out, ocr=False)
    assert result.pages == 3 and not result.pdfa
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == 3 and "pdfaid:part" not in pdf.open_metadata()
    assert (
        "No syntax or stream encoding errors"
        in subprocess.run(["qpdf", "--check", str(out)], capture_output=True, text=True).stdout
    )


@pytest.mark.slow
def test_large_600_dpi_a3_colour_page(tmp_path: Path) -> None:
    # An A3 page at 600 dpi (7016×9921) built from a smaller render scaled up: memory and time stay sane.
    from PIL import Image

    big = render_text_page(dpi=150, seed=9).resize((7016, 9921), Image.Resampling.NEAREST)
    src = save_page(big, tmp_path / "a3.png", dpi=600)
    del big
    out = tmp_path / "a3.pdf"
    result = build_pdf([src], out, ocr=False)
    assert result.pages == 1
    rows = _images(out)
    assert all(int(r[12]) >= 200 for r in rows)
    with pikepdf.open(out) as pdf:
        box = [float(v) for v in pdf.pages[0].MediaBox]
    assert box[2] == pytest.approx(841.9, abs=1) and box[3] == pytest.approx(1190.6, abs=1)  # A3 in points


def test_low_resolution_page_is_brought_to_200_dpi_with_a_warning(tmp_path: Path) -> None:
    src = save_page(render_text_page(dpi=150, seed=2), tmp_path / "low.png", dpi=150)
    out = tmp_path / "low.pdf"
    result = build_pdf([src], out, ocr=False)
    assert any("150 dpi" in w for w in result.warnings)
    assert all(int(r[12]) >= 200 for r in _images(out))


def test_progress_is_reported_and_cancel_leaves_nothing(pages, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    out = tmp_path / "p.pdf"
    build_pdf([pages["text"], pages["text2"]], out, ocr=False, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(1, 2), (2, 2)]
    cancelled = tmp_path / "cancelled.pdf"
    with pytest.raises(ScannerError) as info:
        build_pdf(
            [pages["text"], pages["text2"]],
            cancelled,
            ocr=False,
            cancel=lambda: len(seen) >= 3,
            progress=lambda d, t: seen.append((d, t)),
        )
    assert info.value.code == "pdf_cancelled"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.pdf"]  # no partial or temp file


def test_failed_build_keeps_the_previous_file(pages, tmp_path: Path) -> None:
    out = tmp_path / "keep.pdf"
    build_pdf([pages["text"]], out, ocr=False)
    before = out.read_bytes()
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
    with pytest.raises(ScannerError):
        build_pdf([pages["text"], bad], out, ocr=False)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.png", "keep.pdf"]


def test_unwritable_destination_is_a_known_error(pages, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the dossier folder should be")
    with pytest.raises(ScannerError) as info:
        build_pdf([pages["text"]], blocker / "out.pdf", ocr=False)
    assert info.value.code == "pdf_write_failed" and info.value.hint


def test_cli_prints_exactly_the_contract_fields(pages, tmp_path: Path, capsys) -> None:
    out = tmp_path / "cli.pdf"
    code = cli_main(
        ["digitize", "--profile", "bw", "--title", "Giấy khai sinh", "--out", str(out), str(pages["text"])]
    )
    assert code == 0
    line = json.loads(capsys.readouterr().out.strip())
    assert set(line) == {"out", "pages", "bytes", "ms", "profile", "pdfa"}
    assert line["pages"] == 1 and line["profile"] == "bw" and line["pdfa"] is True
    assert line["bytes"] == out.stat().st_size


def test_cli_known_error_exits_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    done = subprocess.run(
        [sys.executable, "-m", "ui.entry", "digitize", "--out", str(tmp_path / "x.pdf"), str(empty)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert json.loads(done.stderr.strip().splitlines()[-1])["error"]["code"] == "page_empty"
    assert not (tmp_path / "x.pdf").exists()
