"""Reading the ID card QR code in photographed cards (synthetic, generated with the `qrcode` package).

The truth is the payload the generator encoded, so every read is checked against text produced
independently of the reader.
"""

from __future__ import annotations

import random
from pathlib import Path

import cv2
import numpy as np
import pytest
import qrcode
import zxingcpp
from PIL import Image

from common.errors import is_known_error
from counter_app.citizen import CitizenIdError, parse_citizen_payload
from scanner.barcodes import ImageUnreadableError, decoders, read_qr, read_qr_file
from tests.synthetic_idcard import PhotoSettings, photograph, render_card, synthetic_citizen, synthetic_photos


def is_citizen(text: str) -> bool:
    try:
        parse_citizen_payload(text)
    except CitizenIdError:
        return False
    return True


@pytest.fixture(scope="module")
def photos() -> list:
    return synthetic_photos(24, seed=11)


def test_degraded_card_photos_are_read_without_wrong_reads(photos: list) -> None:
    reads = [read_qr(photo.frame, accept=is_citizen) for photo in photos]
    right = sum(1 for read, photo in zip(reads, photos, strict=True) if read and read.text == photo.payload)
    wrong = [
        read.text for read, photo in zip(reads, photos, strict=True) if read and read.text != photo.payload
    ]
    assert wrong == []
    assert right >= 23, f"read {right}/24"


def test_reader_reads_at_least_what_plain_zxing_reads(photos: list) -> None:
    ours = plain = 0
    for photo in photos:
        gray = cv2.cvtColor(photo.frame, cv2.COLOR_BGR2GRAY)
        plain += any(b.text == photo.payload for b in zxingcpp.read_barcodes(gray))
        read = read_qr(photo.frame, accept=is_citizen)
        ours += bool(read and read.text == photo.payload)
    assert ours >= plain


@pytest.mark.parametrize("angle", [0, 37, 90, 135, 180, 251, 315])
def test_card_rotated_any_angle(angle: int) -> None:
    rng = random.Random(angle)
    citizen = synthetic_citizen(rng)
    card = render_card(citizen, px_per_mm=6)
    height, width = card.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    matrix[:, 2] += (640 - width / 2, 360 - height / 2)
    rotated = cv2.warpAffine(card, matrix, (1280, 720), borderValue=(90, 90, 90))
    read = read_qr(rotated, accept=is_citizen)
    assert read is not None and read.text == citizen.to_payload()


def test_small_card_far_away_in_a_big_frame_is_found() -> None:
    rng = random.Random(5)
    settings = PhotoSettings(card_width=(0.3, 0.3), max_tilt=0.05, glare=False, blur_sigma=(0, 0))
    citizen = synthetic_citizen(rng)
    frame, _ = photograph(render_card(citizen), rng, settings)
    read = read_qr(frame, accept=is_citizen)
    assert read is not None and read.text == citizen.to_payload()


def qr_image(text: str, *, box: int = 6) -> np.ndarray:
    image = qrcode.make(text.encode("utf-8"), box_size=box, border=4).convert("L")
    return np.asarray(image).copy()


def test_utf8_payload_without_eci_is_read_as_utf8() -> None:
    # Without an ECI marker decoders guess the character set; the reader must not return Shift-JIS.
    payload = "089202017098||Lê Văn Lương|23052002|Nữ|Hòa Bình|31122021"
    read = read_qr(qr_image(payload), accept=is_citizen)
    assert read is not None and read.text == payload and read.accepted


def test_colour_and_transparent_images_are_read() -> None:
    payload = "089202017098||Lê Văn Lương|23052002|Nam|Hòa Bình|31122021"
    gray = qr_image(payload)
    for image in (cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR), cv2.cvtColor(gray, cv2.COLOR_GRAY2BGRA)):
        read = read_qr(image, accept=is_citizen)
        assert read is not None and read.text == payload


def test_a_code_that_is_not_an_id_card_is_returned_unaccepted() -> None:
    url = "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html"
    read = read_qr(qr_image(url), accept=is_citizen)
    assert read is not None
    assert read.text == url and not read.accepted


def test_no_code_gives_none() -> None:
    rng = np.random.default_rng(0)
    assert read_qr(rng.integers(0, 255, (720, 1280), dtype=np.uint8)) is None


def test_live_budget_gives_up_on_a_hard_frame_instead_of_queueing() -> None:
    # Seed 32 is a frame whole-frame zxing cannot read; it needs the region stage, and with no
    # budget left that stage never starts: the frame is dropped, not queued.
    hard = synthetic_photos(1, seed=32)[0]
    assert not any(b.text == hard.payload for b in zxingcpp.read_barcodes(hard.frame))
    assert read_qr(hard.frame, accept=is_citizen, budget_ms=0) is None
    read = read_qr(hard.frame, accept=is_citizen)
    assert read is not None and read.text == hard.payload and read.attempt != "frame"


def test_files_with_vietnamese_names_are_read(tmp_path: Path, photos: list) -> None:
    path = tmp_path / "thẻ căn cước.png"
    ok, data = cv2.imencode(".png", photos[0].frame)
    assert ok
    path.write_bytes(data.tobytes())
    read = read_qr_file(path, accept=is_citizen)
    assert read is not None and read.text == photos[0].payload


@pytest.mark.parametrize("content", [b"", b"not an image", None])
def test_unreadable_files_are_known_errors(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "card.jpg"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ImageUnreadableError) as info:
        read_qr_file(path)
    assert is_known_error(info.value) and info.value.code == "image_unreadable" and info.value.message


def flatbed_scan(citizen_seed: int) -> tuple[Image.Image, str]:
    """An A4 page scanned at 200 dpi with the card lying on it, slightly askew."""
    citizen = synthetic_citizen(random.Random(citizen_seed))
    card = cv2.cvtColor(render_card(citizen, px_per_mm=200 / 25.4), cv2.COLOR_BGR2RGB)
    page = Image.new("RGB", (1654, 2339), (250, 250, 248))
    page.paste(Image.fromarray(card).rotate(3, expand=True, fillcolor=(250, 250, 248)), (200, 300))
    return page, citizen.to_payload()


def test_scanned_pdf_is_read_through_its_page_image(tmp_path: Path) -> None:
    page, payload = flatbed_scan(8)
    path = tmp_path / "scan.pdf"
    page.save(path, resolution=200)
    assert path.read_bytes().startswith(b"%PDF-")
    read = read_qr_file(path, accept=is_citizen)
    assert read is not None and read.text == payload


def test_pdf_without_images_is_a_known_error(tmp_path: Path) -> None:
    path = tmp_path / "text.pdf"
    path.write_bytes(b"%PDF-1.4\n% not really a PDF\n")
    with pytest.raises(ImageUnreadableError):
        read_qr_file(path)


def test_mirrored_webcam_preview_is_read(photos: list) -> None:
    photo = photos[0]
    read = read_qr(cv2.flip(photo.frame, 1), accept=is_citizen)
    assert read is not None and read.text == photo.payload


@pytest.mark.skipif(not decoders.zbar_available(), reason="the zbar library is not installed")
def test_zbar_shift_jis_guess_is_repaired() -> None:
    # zbar really does guess Shift-JIS for this UTF-8 payload; the raw bytes show the mojibake.
    payload = "089202017098||Lê Văn Lương|23052002|Nam|Hòa Bình|31122021"
    from pyzbar import pyzbar

    image = qr_image(payload, box=4)
    assert pyzbar.decode(image)[0].data.decode("utf-8") != payload
    assert decoders.zbar_texts(image) == [payload]
