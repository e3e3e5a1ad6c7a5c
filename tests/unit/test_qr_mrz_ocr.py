"""Reading the MRZ from photos of a pre-2024 card's back with Tesseract (synthetic cards).

The truth is the citizen the card was rendered from; a wrong ID number must never come back.
"""

from __future__ import annotations

import random

import cv2
import numpy as np
import pytest

from scanner.barcodes.mrz_ocr import read_mrz, tesseract_available
from tests.synthetic_idcard import PhotoSettings, photograph, render_card_back, synthetic_citizen

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not tesseract_available(), reason="tesseract (tesseract-ocr) is not installed"),
]


def test_card_backs_photographed_are_read_and_never_wrong() -> None:
    rng = random.Random(5)
    settings = PhotoSettings(max_tilt=0.04, glare=False, blur_sigma=(0, 0.6), card_width=(0.6, 0.8))
    right = 0
    for _ in range(4):
        citizen = synthetic_citizen(rng)
        frame, _ = photograph(render_card_back(citizen), rng, settings)
        mrz = read_mrz(cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY))
        if mrz is not None:
            assert mrz.id_number == citizen.id_number
            assert mrz.birth_date == citizen.date_of_birth
            right += 1
    assert right >= 3


def test_an_image_without_an_mrz_gives_none() -> None:
    assert read_mrz(np.full((720, 1280), 200, np.uint8)) is None
