"""The TD1 MRZ on the back of pre-2024 cards: parsed with every check digit, never a wrong ID number."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from common.errors import is_known_error
from counter_app.citizen import CitizenIdError, citizen_from_mrz
from scanner.barcodes.mrz import MrzError, check_digit, parse_td1

# A synthetic citizen (ID 079185012345, female, born 15/08/1985, card expiring 15/08/2025). Check
# digits computed by hand with ICAO 9303 weights 7-3-1, independently of the code under test:
# document 185012345 -> 9, ID 079185012345 -> 9, birth 850815 -> 5, expiry 250815 -> 3, composite -> 8.
LINES = [
    "IDVNM1850123459079185012345<<9",
    "8508155F2508153VNM<<<<<<<<<<<8",
    "NGUYEN<<THI<HOA<<<<<<<<<<<<<<<",
]
MRZ = "\n".join(LINES)
TODAY = date(2026, 11, 25)


def test_check_digits_match_hand_computation() -> None:
    assert check_digit("185012345") == "9"
    assert check_digit("079185012345") == "9"
    assert check_digit("850815") == "5"
    assert check_digit("250815") == "3"
    assert check_digit("L898902C3") == "6"  # the ICAO 9303 specimen document number


def test_synthetic_card_mrz_is_parsed() -> None:
    mrz = parse_td1(MRZ, today=TODAY)
    assert mrz.id_number == "079185012345"
    assert mrz.document_number == "185012345"
    assert mrz.birth_date == date(1985, 8, 15)
    assert mrz.expiry_date == date(2025, 8, 15)
    assert mrz.sex == "F"
    assert mrz.nationality == "VNM"
    assert mrz.full_name == "NGUYEN THI HOA"


def test_ocr_text_around_the_zone_is_tolerated() -> None:
    ocr = "CỤC TRƯỞNG CỤC CẢNH SÁT\n\n" + "\n".join(" ".join(line) for line in LINES) + "\n  \n"
    assert parse_td1(ocr, today=TODAY).id_number == "079185012345"


@pytest.mark.parametrize(("line", "position"), [(0, 20), (0, 7), (1, 3), (1, 10)])
def test_a_single_misread_digit_is_refused(line: int, position: int) -> None:
    damaged = list(LINES)
    chars = list(damaged[line])
    chars[position] = "8" if chars[position] != "8" else "3"
    damaged[line] = "".join(chars)
    with pytest.raises(MrzError) as info:
        parse_td1("\n".join(damaged), today=TODAY)
    assert info.value.code == "mrz_check_failed" and is_known_error(info.value)


@pytest.mark.parametrize("text", ["", "hello", "\n".join(LINES[:2]), MRZ.replace("<", " ")])
def test_text_without_an_mrz_is_a_known_error(text: str) -> None:
    with pytest.raises(MrzError) as info:
        parse_td1(text, today=TODAY)
    assert info.value.code == "mrz_invalid" and info.value.message


@given(st.text())
@settings(deadline=None)  # a loaded CI machine must not make it flaky
def test_any_text_gives_an_mrz_or_a_known_error(text: str) -> None:
    try:
        parse_td1(text, today=TODAY)
    except MrzError:
        pass


def test_mrz_becomes_a_citizen_with_what_is_missing_flagged() -> None:
    citizen = citizen_from_mrz(parse_td1(MRZ, today=TODAY), today=TODAY)
    assert citizen.id_number == "079185012345"
    assert citizen.sex == "Nữ"
    assert citizen.date_of_birth == date(1985, 8, 15)
    assert citizen.full_name == "NGUYEN THI HOA"
    assert {w.code for w in citizen.warnings} == {
        "name_without_diacritics",
        "issue_date_missing",
        "address_missing",
    }


def test_mrz_without_the_12_digit_number_is_not_a_citizen_id() -> None:
    mrz = parse_td1(MRZ, today=TODAY)
    with pytest.raises(CitizenIdError):
        citizen_from_mrz(mrz.__class__(**{**mrz.__dict__, "id_number": ""}))


def test_ocr_digit_look_alikes_are_fixed_and_lost_name_fillers_padded() -> None:
    ocr = "IDVNMI85O123459O79185012345<<9\n85O8I55F25O8I53VNM<<<<<<<<<<<8\nNGUYEN<<THI<HOA<<<\n"
    mrz = parse_td1(ocr, today=TODAY)
    assert mrz.id_number == "079185012345"
    assert mrz.full_name == "NGUYEN THI HOA"
    assert mrz.text == MRZ
