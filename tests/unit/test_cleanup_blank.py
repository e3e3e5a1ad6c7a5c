"""Blank backs are flagged; a page with a signature, a stamp or a short note is never called blank."""

from __future__ import annotations

import pytest

from scanner.cleanup import clean_page
from tests.synthetic_capture import BLANK_KINDS, SPARSE_KINDS, near_blank_page, sparse_page, text_page


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
