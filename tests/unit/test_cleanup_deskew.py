"""Flatbed and feeder pages: skew to a tenth of a degree, scanner bed cropped, upside-down pages turned."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from scanner.cleanup import clean_page
from scanner.cleanup.deskew import estimate_skew
from tests.synthetic_capture import flatbed_scan, rotate_on_bed, text_page


@pytest.mark.parametrize("angle", [-14.3, -7.1, -0.8, 0.35, 3.9, 12.6])
def test_skew_measured_within_a_tenth_of_a_degree(angle: float) -> None:
    scan = flatbed_scan(int(abs(angle) * 10), angle)
    measured, confidence = estimate_skew(cv2.cvtColor(scan.image, cv2.COLOR_BGR2GRAY))
    assert abs(measured - angle) <= 0.1
    assert confidence > 0.5


def test_clean_page_straightens_and_crops_a_feeder_scan() -> None:
    page = text_page(150, 2)
    scan = rotate_on_bed(page, 6.0, 150, bed=35)
    result = clean_page(scan, "flatbed")
    assert result.deskew_angle == pytest.approx(6.0, abs=0.1)
    h, w = result.image.shape[:2]
    # The dark bed is cut away: the page keeps its size (within a few pixels) and its edges are paper.
    assert abs(h - page.shape[0]) <= 6 and abs(w - page.shape[1]) <= 6
    gray = result.image if result.image.ndim == 2 else cv2.cvtColor(result.image, cv2.COLOR_BGR2GRAY)
    assert min(gray[0].mean(), gray[-1].mean(), gray[:, 0].mean(), gray[:, -1].mean()) > 200
    # And the content lines up with the original page again (the crop itself is placed to ±0.5 mm).
    assert _aligned(cv2.cvtColor(page, cv2.COLOR_BGR2GRAY), gray)


def _aligned(original: np.ndarray, cleaned: np.ndarray, slack: int = 8) -> bool:
    """The middle of `original` is found in `cleaned` at the same place (±3 px) and closely matches."""
    h, w = original.shape[:2]
    patch = original[h // 4 : 3 * h // 4, w // 4 : 3 * w // 4]
    window = cleaned[h // 4 - slack : 3 * h // 4 + slack, w // 4 - slack : 3 * w // 4 + slack]
    scores = cv2.matchTemplate(window, patch, cv2.TM_CCOEFF_NORMED)
    _, best, _, (x, y) = cv2.minMaxLoc(scores)
    return best > 0.8 and abs(x - slack) <= 3 and abs(y - slack) <= 3


def test_straight_page_on_a_white_lid_is_left_as_it_is() -> None:
    page = text_page(150, 3)
    result = clean_page(page, "flatbed")
    assert result.deskew_angle == 0.0
    assert result.image.shape[:2] == page.shape[:2]
    assert result.rotation == 0


@pytest.mark.parametrize(("turn", "expected"), [(cv2.ROTATE_180, 180), (cv2.ROTATE_90_COUNTERCLOCKWISE, 90)])
def test_page_fed_the_wrong_way_is_turned_upright(turn: int, expected: int) -> None:
    page = text_page(150, 4)
    result = clean_page(cv2.rotate(page, turn), "flatbed")
    assert result.rotation == expected
    assert result.image.shape[:2] == page.shape[:2]
    gray = result.image if result.image.ndim == 2 else cv2.cvtColor(result.image, cv2.COLOR_BGR2GRAY)
    assert _aligned(cv2.cvtColor(page, cv2.COLOR_BGR2GRAY), gray)
