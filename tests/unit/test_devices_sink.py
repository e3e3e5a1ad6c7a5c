"""The page sink: each page is whole on disk before the next one is requested."""

from __future__ import annotations

import os
from pathlib import Path

import cv2
import pytest
from PIL import Image

from common.atomic import atomic_write_bytes
from scanner.devices.sink import PageSink
from scanner.devices.types import ScannedPage
from scanner.errors import PaperJamError


def page(index: int, mode: str = "color") -> ScannedPage:
    image = Image.new("RGB" if mode == "color" else "L", (120, 170), 200)
    return ScannedPage(image=image, dpi=200, mode=mode, index=index)  # type: ignore[arg-type]


def test_pages_written_in_order_with_their_resolution(tmp_path):
    saved = PageSink(tmp_path, fmt="png").drain([page(1), page(2, "gray")])
    assert [s.path.name for s in saved] == ["page-0001.png", "page-0002.png"]
    with Image.open(saved[0].path) as first:
        assert round(first.info["dpi"][0]) == 200
    assert cv2.imread(str(saved[1].path), cv2.IMREAD_UNCHANGED).ndim == 2
    assert saved[0].as_dict() == {
        "page": 1, "path": str(saved[0].path), "width": 120, "height": 170, "dpi": 200, "mode": "color",
    }  # fmt: skip


@pytest.mark.parametrize("fmt", ["jpeg", "tiff"])
def test_other_formats_decode(tmp_path, fmt):
    saved = PageSink(tmp_path, fmt=fmt).drain([page(1)])
    assert cv2.imread(str(saved[0].path)).shape == (170, 120, 3)


def test_a_jam_mid_batch_keeps_the_pages_already_saved(tmp_path):
    def batch():
        yield page(1)
        yield page(2)
        raise PaperJamError()

    with pytest.raises(PaperJamError) as caught:
        PageSink(tmp_path).drain(batch())
    assert [s.page for s in caught.value.saved_pages] == [1, 2]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page-0001.png", "page-0002.png"]


def test_the_callback_hears_of_each_page_once_it_is_on_disk(tmp_path):
    heard = []
    PageSink(tmp_path, on_saved=lambda s: heard.append(s.path.exists())).drain([page(1), page(2)])
    assert heard == [True, True]


def test_atomic_write_leaves_no_partial_file_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "page-0001.png"
    target.write_bytes(b"old")

    def failing_replace(src: str, dst: Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["page-0001.png"]  # no temp file left behind


def test_a_custom_writer_receives_every_page(tmp_path):
    written: dict[str, bytes] = {}
    sink = PageSink(tmp_path, write=lambda path, data: written.__setitem__(path.name, data))
    sink.drain([page(1), page(2)])
    assert sorted(written) == ["page-0001.png", "page-0002.png"]
    assert written["page-0001.png"].startswith(b"\x89PNG")
    assert list(tmp_path.iterdir()) == []
