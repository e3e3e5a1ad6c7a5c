"""Demo device and file import: what demo mode and "import from file" hand to the pipeline."""

from __future__ import annotations

import shutil
import subprocess
import threading

import numpy as np
import pytest
from PIL import Image

from scanner.devices.demo import DemoBackend
from scanner.devices.files import FileBackend, import_files
from scanner.devices.make_demo_pages import DEMO_DIR
from scanner.devices.sink import PageSink
from scanner.devices.types import ImportedPdf, ScanSettings
from scanner.errors import ImportFileError, NoDeviceError, ScanCancelledError, UnsupportedSettingError


def test_bundled_demo_pages_are_small_and_present():
    files = sorted(DEMO_DIR.iterdir())
    assert len(files) >= 3
    assert sum(f.stat().st_size for f in files) < 1_500_000


def test_demo_feeder_gives_every_sample_at_the_asked_dpi_and_mode():
    backend = DemoBackend()
    device = backend.list_devices()[0]
    pages = list(backend.scan(device, ScanSettings(source="adf", mode="gray", dpi=150)))
    assert len(pages) == 3
    for number, page in enumerate(pages, start=1):
        assert page.index == number and page.dpi == 150 and page.image.mode == "L"
        assert abs(page.width - round(210 / 25.4 * 150)) <= 2


def test_demo_colour_page_carries_the_red_seal():
    backend = DemoBackend()
    page = next(iter(backend.scan(backend.list_devices()[0], ScanSettings(dpi=100))))
    rgb = np.asarray(page.image).reshape(-1, 3).astype(int)
    red = (rgb[:, 0] > 150) & (rgb[:, 1] < 90) & (rgb[:, 2] < 90)
    assert red.sum() > 200


def test_demo_flatbed_moves_to_the_next_sample_each_time():
    backend = DemoBackend()
    device = backend.list_devices()[0]
    first = next(iter(backend.scan(device, ScanSettings(dpi=100))))
    second = next(iter(backend.scan(device, ScanSettings(dpi=100))))
    assert first.image.tobytes() != second.image.tobytes()


def test_demo_renders_pages_when_the_bundle_is_missing(tmp_path):
    backend = DemoBackend(page_folder=tmp_path / "absent")
    pages = list(backend.scan(backend.list_devices()[0], ScanSettings(source="adf", mode="bw", dpi=100)))
    assert len(pages) == 3 and pages[0].image.mode == "1"


def test_demo_refuses_unsupported_dpi_and_honours_cancel():
    backend = DemoBackend()
    device = backend.list_devices()[0]
    with pytest.raises(UnsupportedSettingError):
        backend.scan(device, ScanSettings(dpi=1200))
    cancel = threading.Event()
    pages = backend.scan(device, ScanSettings(source="adf", dpi=100), cancel=cancel)
    next(pages)
    cancel.set()
    with pytest.raises(ScanCancelledError):
        next(pages)


def test_multi_page_tiff_png_and_jpeg_import(tmp_path):
    frames = [Image.new("L", (100, 140), v) for v in (10, 120, 240)]
    frames[0].save(tmp_path / "a.tif", save_all=True, append_images=frames[1:], dpi=(200, 200))
    Image.new("RGBA", (90, 90), (255, 0, 0, 128)).save(tmp_path / "b.png")
    Image.new("RGB", (80, 60), (0, 0, 255)).save(tmp_path / "c.jpg", dpi=(150, 150))
    pages = list(import_files([tmp_path], fallback_dpi=300))
    assert [p.index for p in pages] == [1, 2, 3, 4, 5]
    assert [p.mode for p in pages] == ["gray", "gray", "gray", "color", "color"]
    assert [p.dpi for p in pages] == [200, 200, 200, 300, 150]
    assert pages[2].image.getpixel((0, 0)) == 240
    assert pages[3].image.getpixel((0, 0))[1] > 100  # alpha flattened onto white paper


def test_pdf_is_passed_through_byte_for_byte(tmp_path):
    if not shutil.which("qpdf"):
        pytest.skip("qpdf is not installed")
    source = tmp_path / "in" / "dossier.pdf"
    source.parent.mkdir()
    Image.new("RGB", (200, 280), "white").save(source, "PDF", resolution=100)
    backend = FileBackend()
    device = backend.device_from_id(str(source.parent))
    items = list(backend.scan(device, ScanSettings(source="adf")))
    assert isinstance(items[0], ImportedPdf) and items[0].pages == 1
    saved = PageSink(tmp_path / "out").drain(items)
    assert saved[0].path.read_bytes() == source.read_bytes()
    subprocess.run(["qpdf", "--check", str(saved[0].path)], check=True, capture_output=True)


def test_broken_files_are_known_errors(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"not a pdf")
    with pytest.raises(ImportFileError):
        list(import_files([tmp_path / "x.pdf"]))
    (tmp_path / "y.png").write_bytes(b"not a png")
    with pytest.raises(ImportFileError):
        list(import_files([tmp_path / "y.png"]))
    with pytest.raises(NoDeviceError):
        FileBackend().device_from_id(str(tmp_path / "missing"))


def test_file_device_page_limit(tmp_path):
    for n in range(4):
        Image.new("L", (20, 20), n * 50).save(tmp_path / f"{n}.png")
    backend = FileBackend()
    pages = list(backend.scan(backend.device_from_id(str(tmp_path)), ScanSettings(source="adf", max_pages=2)))
    assert len(pages) == 2
