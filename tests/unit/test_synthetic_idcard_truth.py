"""The generator's truth about a photographed card's QR (tests/synthetic_idcard.py), which
`benchmarks/qr_ceiling.py` uses to measure what can be read at all."""

from __future__ import annotations

import random

import cv2
import numpy as np

from tests.synthetic_idcard import (
    PhotoSettings,
    card_qr,
    photograph,
    qr_grid_in_photo,
    render_card,
    synthetic_citizen,
)

SHARP = PhotoSettings(
    card_width=(0.8, 0.85),
    max_tilt=0.08,
    shadow=False,
    glare=False,
    blur_sigma=(0, 0),
    noise_sigma=(0, 0),
    jpeg_quality=(95, 95),
)


def _sharp_photo(rng: random.Random) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A sharp photo of a card, the true grid of its QR, and its true modules."""
    citizen = synthetic_citizen(rng)
    card = render_card(citizen)
    frame, corners = photograph(card, rng, SHARP)
    truth = np.array(card_qr(citizen.to_payload()).modules, bool)
    return frame, qr_grid_in_photo(card.shape, corners, truth.shape[0]), truth


def _dark_at_centres(frame: np.ndarray, grid: np.ndarray, size: int) -> np.ndarray:
    """Each module's centre, through `grid`, read as dark or light."""
    centres = np.stack(np.meshgrid(np.arange(size) + 0.5, np.arange(size) + 0.5), axis=-1)
    points = cv2.perspectiveTransform(centres.reshape(1, -1, 2).astype(np.float64), grid)[0].astype(
        np.float32
    )
    gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY).astype(np.float32)
    values = cv2.remap(gray, points[:, 0:1], points[:, 1:2], cv2.INTER_LINEAR)
    return (values.ravel() < 128).reshape(size, size)


def test_the_true_grid_lands_on_the_modules_of_a_sharp_photo() -> None:
    rng = random.Random(4)
    for _ in range(3):
        frame, grid, truth = _sharp_photo(rng)
        assert np.array_equal(_dark_at_centres(frame, grid, truth.shape[0]), truth)


def test_a_grid_off_by_one_module_does_not_land_on_the_modules() -> None:
    """The check above can fail: shifted by a module, the samples disagree with the truth."""
    frame, grid, truth = _sharp_photo(random.Random(4))
    shifted = grid @ np.array([[1, 0, 1], [0, 1, 0], [0, 0, 1]], np.float64)
    assert not np.array_equal(_dark_at_centres(frame, shifted, truth.shape[0]), truth)
