"""The reader on real QR photographs (../shared/data/qr-dev, zxing-cpp's Apache-2.0 samples)."""

from __future__ import annotations

from pathlib import Path

import cv2
import zxingcpp

from scanner.barcodes import read_qr
from scanner.barcodes.text import repair_text

IMAGE_SUFFIXES = {".png", ".webp", ".jpg", ".jpeg"}


def normalise(text: str) -> str:
    # The sample files store line ends as "\n" whatever the code holds.
    return repair_text(text).replace("\r\n", "\n")


def dev_set(shared_dir: Path) -> list[tuple[Path, str]]:
    root = shared_dir / "data" / "qr-dev"
    pairs = []
    for image in sorted(root.rglob("*")):
        expected = image.with_suffix(".txt")
        if image.suffix.lower() in IMAGE_SUFFIXES and expected.is_file():
            pairs.append((image, normalise(expected.read_text(encoding="utf-8"))))
    return pairs


def test_reader_beats_plain_zxing_on_real_photos(shared_dir: Path) -> None:
    pairs = dev_set(shared_dir)
    assert len(pairs) > 30
    ours = plain = 0
    for image_path, expected in pairs:
        gray = cv2.imread(str(image_path), cv2.IMREAD_GRAYSCALE)
        read = read_qr(gray)
        ours += bool(read and normalise(read.text) == expected)
        plain += any(normalise(b.text) == expected for b in zxingcpp.read_barcodes(gray))
    assert ours >= plain
    assert ours / len(pairs) >= 0.9, f"{ours}/{len(pairs)}"
