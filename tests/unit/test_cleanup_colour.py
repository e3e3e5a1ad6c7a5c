"""Colour class per page, and light correction that keeps faint ink and stamps."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from scanner.cleanup import clean_page
from scanner.cleanup.colour import colour_class
from scanner.cleanup.illumination import flatten_illumination
from tests.synthetic import SEAL_RED
from tests.synthetic_capture import photo_page, sparse_page, text_page


@pytest.mark.parametrize(
    ("page", "mode"),
    [
        (lambda: text_page(150, 1, with_seal=False, with_signature=False), "bw"),
        (lambda: sparse_page(2, "stamp"), "color"),
        (lambda: sparse_page(3, "signature"), "color"),
        (lambda: text_page(150, 4, with_seal=True, with_signature=False), "color"),
        (
            lambda: cv2.cvtColor(cv2.cvtColor(photo_page(150, 5), cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR),
            "gray",
        ),
    ],
    ids=["text", "seal-only", "signature-only", "form-with-seal", "grey-photo"],
)
def test_colour_class(page, mode: str) -> None:
    result = clean_page(page(), "flatbed")
    assert result.mode == mode
    # Grey and black-and-white pages are delivered single-channel, colour pages as BGR.
    assert result.image.ndim == (3 if mode == "color" else 2)


def test_yellowed_paper_alone_does_not_make_a_colour_page() -> None:
    page = text_page(150, 6, with_seal=False, with_signature=False).astype(np.float32)
    page *= np.array([0.80, 0.93, 1.0], np.float32)  # BGR: less blue, a cream/yellowed sheet
    assert colour_class(page.astype(np.uint8)) == "bw"


def _shadowed(page: np.ndarray) -> np.ndarray:
    h, w = page.shape[:2]
    light = np.linspace(1.0, 0.45, w, dtype=np.float32)[None, :, None] * np.ones((h, 1, 1), np.float32)
    return (page.astype(np.float32) * light).astype(np.uint8)


def test_shadow_removed_without_bleaching_faint_ink_or_the_seal() -> None:
    page = text_page(100, 7, with_seal=True, with_signature=False)
    h, w = page.shape[:2]
    # A faint pencil mark in the shadowed half: 45 grey levels below the paper.
    cv2.rectangle(page, (int(w * 0.7), int(h * 0.55)), (int(w * 0.85), int(h * 0.555)), (205, 205, 205), -1)
    fixed = flatten_illumination(_shadowed(page))
    gray = cv2.cvtColor(fixed, cv2.COLOR_BGR2GRAY)
    paper = gray[int(h * 0.6) : int(h * 0.65), int(w * 0.05) : int(w * 0.95)]
    left, right = np.median(paper[:, : paper.shape[1] // 4]), np.median(paper[:, -paper.shape[1] // 4 :])
    assert abs(float(left) - float(right)) < 12, "paper should be evenly lit after correction"
    mark = gray[int(h * 0.551) : int(h * 0.554), int(w * 0.72) : int(w * 0.83)]
    around = gray[int(h * 0.56) : int(h * 0.57), int(w * 0.72) : int(w * 0.83)]
    assert float(np.median(around)) - float(np.median(mark)) > 0.8 * 45, "faint ink was bleached"
    # The seal is still clearly red: strongest red-over-green excess is as large as the seal ink gives.
    _, g, r = cv2.split(fixed.astype(np.int16))
    assert (r - g).max() > 0.6 * (SEAL_RED[0] - SEAL_RED[1])
