"""Blank backs are flagged; a page with a signature, a stamp or a short note is never called blank."""

from __future__ import annotations

import pytest

from scanner.cleanup import clean_page
from tests.synthetic_capture import (
    BLANK_KINDS,
    SPARSE_KINDS,
    camera_photo,
    near_blank_page,
    rotate_on_bed,
    sparse_page,
    text_page,
)


@pytest.mark.parametrize("kind", SPARSE_KINDS)
@pytest.mark.parametrize("seed", [0, 1])
def test_sparse_but_meaningful_page_is_never_blank(kind: str, seed: int) -> None:
    result = clean_page(sparse_page(seed, kind), "flatbed")
    assert not result.blank, f"a page with only a {kind} was flagged blank"


@pytest.mark.parametrize("kind", BLANK_KINDS)
def test_blank_back_is_flagged(kind: str) -> None:
    result = clean_page(near_blank_page(7, kind), "flatbed")
    assert result.blank, f"a blank back with {kind} was not flagged"


def test_full_form_is_not_blank_and_blank_flag_keeps_the_page() -> None:
    assert not clean_page(text_page(150, 9), "flatbed").blank
    blank = clean_page(near_blank_page(3, "all"), "flatbed")
    assert blank.blank and blank.image.size > 0  # flagged for the officer, never dropped


@pytest.mark.parametrize("bed", [30, 235], ids=["dark-feeder-bed", "white-lid"])
def test_skewed_feeds_keep_the_verdict(bed: int) -> None:
    # No text to deskew by: on a dark bed the paper's edges give the skew, on a white lid nothing does.
    back = clean_page(rotate_on_bed(near_blank_page(4, "all"), -7.4, 150, bed), "flatbed")
    signed = clean_page(rotate_on_bed(sparse_page(4, "signature"), -7.4, 150, bed), "flatbed")
    assert back.blank and not signed.blank
    if bed < 128:
        assert signed.deskew_angle == pytest.approx(-7.4, abs=0.15)


@pytest.mark.parametrize("angle", [1.5, -9.0])
def test_faint_pencil_mark_on_a_skewed_white_lid_scan_is_kept(angle: float) -> None:
    # Nothing to deskew by and the strokes softened by the skew: the faintest case that must survive.
    page = rotate_on_bed(sparse_page(2, "faint_note"), angle, 150, bed=235)
    assert not clean_page(page, "flatbed").blank


def test_camera_pages_are_never_flagged_blank() -> None:
    # Glare and distance can wash out a light pencil note completely in a photo: the officer decides.
    photo = camera_photo(3, (1920, 1080), page=sparse_page(3, "faint_note"))
    assert not clean_page(photo.image, "camera").blank
