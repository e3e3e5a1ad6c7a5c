"""Bad and unusual page files: each gives a clear known error or a correct page, never a crash."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pikepdf
import pytest
from PIL import Image

from common.errors import is_known_error
from scanner.errors import ScannerError
from scanner.pdf.sources import SourcePage, SourcePdf, count_pages, read_sources, resolve_dpi
from tests.synthetic import page_size_px, render_text_page, save_page


def _read(paths: list[Path]) -> list[SourcePage | SourcePdf]:
    return list(read_sources(paths))


def _error(paths: list[Path]) -> ScannerError:
    with pytest.raises(ScannerError) as info:
        _read(paths)
    assert is_known_error(info.value) and info.value.message and info.value.hint
    return info.value


def test_zero_byte_file_is_a_known_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    assert _error([empty]).code == "page_empty"


def test_missing_file_is_a_known_error(tmp_path: Path) -> None:
    assert _error([tmp_path / "nope.png"]).code == "page_missing"


def test_corrupt_and_truncated_images_are_known_errors(tmp_path: Path) -> None:
    junk = tmp_path / "junk.png"
    junk.write_bytes(b"this is not an image at all" * 10)
    assert _error([junk]).code == "page_unreadable"
    good = save_page(render_text_page(dpi=100), tmp_path / "page.jpg", dpi=100)
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    err = _error([cut])
    assert err.code == "page_unreadable" and "cut.jpg" in err.message


def test_password_protected_pdf_is_refused_clearly(tmp_path: Path) -> None:
    locked = tmp_path / "locked.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(locked, encryption=pikepdf.Encryption(owner="o", user="secret"))
    assert _error([locked]).code == "pdf_encrypted"


def test_absurd_dpi_is_replaced_by_the_paper_size_guess() -> None:
    w, h = page_size_px(300)
    dpi, warning = resolve_dpi(w, h, (1, 1))
    assert dpi == pytest.approx(300, rel=0.01) and warning
    dpi, warning = resolve_dpi(w, h, (300, 300))
    assert dpi == 300 and warning is None
    dpi, warning = resolve_dpi(1000, 1000, (99999, 5))
    assert dpi == 300 and warning


def test_exif_orientation_zero_keeps_the_page(tmp_path: Path) -> None:
    img = render_text_page(dpi=100)
    exif = Image.Exif()
    exif[0x0112] = 0
    path = tmp_path / "o0.jpg"
    img.save(path, dpi=(100, 100), exif=exif, quality=85)
    (page,) = _read([path])
    assert isinstance(page, SourcePage) and page.image.size == img.size


def test_exif_rotation_is_applied(tmp_path: Path) -> None:
    img = render_text_page(dpi=100)
    exif = Image.Exif()
    exif[0x0112] = 6  # stored sideways; upright is rotated 90°
    path = tmp_path / "o6.jpg"
    img.save(path, dpi=(100, 100), exif=exif, quality=85)
    (page,) = _read([path])
    assert isinstance(page, SourcePage) and page.image.size == (img.height, img.width)
    assert page.jpeg is None  # re-encoded upright, so the original bytes cannot be reused


def test_multipage_tiff_with_mixed_modes(tmp_path: Path) -> None:
    colour = render_text_page(dpi=100)
    frames = [colour, colour.convert("L"), colour.convert("1"), colour.convert("RGBA"), colour.convert("P")]
    path = tmp_path / "mixed.tif"
    frames[0].save(path, save_all=True, append_images=frames[1:], dpi=(100, 100))
    pages = _read([path])
    assert len(pages) == 5 == count_pages([path])
    assert all(isinstance(p, SourcePage) and p.image.mode in ("RGB", "L", "1") for p in pages)
    assert [p.label for p in pages if isinstance(p, SourcePage)][1] == "mixed.tif#2"


@pytest.mark.parametrize(("suffix", "mode"), [(".jpg", "RGB"), (".jpg", "L"), (".png", "RGB"), (".png", "L")])
def test_pages_keep_exactly_the_pixels_of_the_file(tmp_path: Path, suffix: str, mode: str) -> None:
    path = tmp_path / f"page{suffix}"
    render_text_page(dpi=100).convert(mode).save(path, dpi=(100, 100), quality=94)
    (page,) = _read([path])
    assert isinstance(page, SourcePage) and page.mode == mode and page.dpi == 100
    expected = np.asarray(Image.open(path))
    assert np.array_equal(page.array(), expected)
    assert np.array_equal(np.asarray(page.image), expected)


def test_truncated_png_is_a_known_error(tmp_path: Path) -> None:
    good = save_page(render_text_page(dpi=100), tmp_path / "page.png", dpi=100)
    cut = tmp_path / "cut.png"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size * 2 // 3])
    err = _error([cut])
    assert err.code == "page_unreadable" and "cut.png" in err.message


def test_a_page_already_in_memory_is_taken_as_it_is_between_files(tmp_path: Path) -> None:
    path = save_page(render_text_page(dpi=100), tmp_path / "page.png", dpi=100)
    held = SourcePage(None, 200, "held.jpg", pixels=np.full((40, 30, 3), 200, np.uint8))
    pages = _read([path, held, path])
    assert pages[1] is held and [p.label for p in pages if isinstance(p, SourcePage)] == [
        "page.png",
        "held.jpg",
        "page.png",
    ]
    assert count_pages([path, held]) == 2


def test_a_page_held_as_bytes_builds_the_same_pdf_as_its_file(tmp_path):
    """The intake hands stored pages to the builder from memory (no plaintext copy on disk): the
    PDF embeds the same image, byte for byte, as when the page comes as a file."""
    import pikepdf

    from scanner.pdf import EncodedPage, build_pdf
    from tests.synthetic import render_text_page, save_page

    page = save_page(render_text_page(dpi=150, seed=4), tmp_path / "trang.jpg", dpi=150)
    from_file = build_pdf([page], tmp_path / "file.pdf")
    from_bytes = build_pdf([EncodedPage(page.name, page.read_bytes())], tmp_path / "bytes.pdf")
    assert (from_file.pages, from_file.profile) == (from_bytes.pages, from_bytes.profile) == (1, "standard")

    def images(path):
        with pikepdf.open(path) as pdf:
            return sorted(obj.read_raw_bytes() for obj in pdf.pages[0].get_images().values())

    assert images(tmp_path / "file.pdf") == images(tmp_path / "bytes.pdf")


def test_a_built_page_lets_go_of_the_pixels_it_decoded_but_not_of_a_page_handed_over(tmp_path):
    """Without a text layer to recognise, a page decoded by the build is laid out and its pixels let
    go (issue 17: a 300 dpi page is 26 MB); the PDF is the one a build that keeps them writes, and a
    page the caller handed over in memory keeps its pixels."""
    from scanner.pdf import build_pdf, pages

    text = np.asarray(render_text_page(dpi=150, seed=4))
    decoded = SourcePage(None, 150, "decoded.png", pixels=text.copy())
    kept = pages.layout_page(SourcePage(None, 150, "kept.png", pixels=text.copy()), "standard")
    let_go = pages.layout_page(decoded, "standard", keep_pixels=False)
    assert [layer.image.data for layer in let_go.layers] == [layer.image.data for layer in kept.layers]
    assert (decoded.size, decoded.mode) == ((text.shape[1], text.shape[0]), "RGB")
    with pytest.raises(AssertionError):
        decoded.array()

    held = SourcePage(None, 150, "held.png", pixels=text)
    build_pdf([held], tmp_path / "held.pdf", ocr=False)
    assert held.array() is text
