"""Page analysis for mixed raster content: what ends up in the text mask and what in the background."""

from __future__ import annotations

import numpy as np
import pytest

from scanner.pdf import segment
from tests.synthetic import SEAL_RED, render_blank_page, render_photo_page, render_text_page

DPI = 200


@pytest.fixture(scope="module")
def text_rgb() -> np.ndarray:
    return np.asarray(render_text_page(dpi=DPI, seed=3))


def test_pages_are_classified_by_content(text_rgb: np.ndarray) -> None:
    assert segment.analyse(text_rgb, DPI).page_class == "text"
    assert segment.analyse(np.asarray(render_photo_page(dpi=DPI, seed=1)), DPI).page_class == "photo"
    assert segment.analyse(np.asarray(render_blank_page(dpi=DPI, noise=0.02)), DPI).page_class == "blank"


def test_text_page_with_seal_counts_as_colour(text_rgb: np.ndarray) -> None:
    assert segment.analyse(text_rgb, DPI).has_colour
    plain = np.asarray(render_text_page(dpi=DPI, seed=3, with_seal=False, with_signature=False))
    assert not segment.analyse(plain, DPI).has_colour


def test_mask_holds_black_text_but_not_the_red_seal(text_rgb: np.ndarray) -> None:
    analysis = segment.analyse(text_rgb, DPI)
    r, g, b = (text_rgb[..., i].astype(int) for i in range(3))
    black = (r < 80) & (g < 80) & (b < 80)
    red = (r > 150) & (g < 110) & (b < 110)
    assert np.count_nonzero(analysis.mask & black) > 0.9 * np.count_nonzero(black)
    assert np.count_nonzero(analysis.mask & red) < 0.01 * np.count_nonzero(red)


def test_background_keeps_the_seal_and_loses_the_text(text_rgb: np.ndarray) -> None:
    analysis = segment.analyse(text_rgb, DPI)
    layers = segment.mrc_layers(analysis)
    bg = layers.background.astype(int)
    assert layers.background_dpi >= segment.MIN_DPI
    # The seal is still red in the background.
    reds = (bg[..., 0] > 150) & (bg[..., 1] < 110) & (bg[..., 2] < 110)
    assert np.count_nonzero(reds) > 1000
    # The body text area (upper half, left of the seal) is plain paper: no dark pixels remain.
    upper = bg[: bg.shape[0] // 2]
    assert np.count_nonzero(upper.max(axis=2) < 120) == 0
    assert abs(int(np.median(bg[..., 0])) - SEAL_RED[0]) > 20  # mostly paper, not ink


def test_background_resolution_is_never_below_200_dpi() -> None:
    for width, dpi in ((2480, 300), (2481, 300), (3508, 424.0), (1654, 200)):
        w, h = segment.reduced_size(width, width, dpi, segment.MIN_DPI)
        assert w / (width / dpi) >= 200
        assert h / (width / dpi) >= 200


def test_bw_mask_blackens_coloured_ink_too(text_rgb: np.ndarray) -> None:
    mask = segment.bw_mask(text_rgb, DPI)
    r, g, b = (text_rgb[..., i].astype(int) for i in range(3))
    red = (r > 150) & (g < 90) & (b < 90)
    assert np.count_nonzero(mask & red) > 0.8 * np.count_nonzero(red)
