"""The ID card payload parser: what the officer sees for good, odd and wrong payloads."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from counter_app.citizen import (
    FEMALE,
    MALE,
    PROVINCE_CODES,
    CitizenId,
    CitizenIdError,
    check_citizen,
    parse_citizen_payload,
)
from counter_app.errors import is_known_error

TODAY = date(2026, 11, 25)
ADDRESS = "Tổ 10 Ấp An Thái, Hòa Bình, Chợ Mới, An Giang"
GOOD = f"089202017098|352576714|Lê Văn Lương|23052002|Nam|{ADDRESS}|31122021"


def parse(text: str) -> CitizenId:
    return parse_citizen_payload(text, today=TODAY)


def codes(citizen: CitizenId) -> set[str]:
    return {w.code for w in citizen.warnings}


def payload(
    number: str = "089202017098",
    old: str = "352576714",
    name: str = "Lê Văn Lương",
    dob: str = "23052002",
    sex: str = "Nam",
    address: str = ADDRESS,
    issue: str = "31122021",
    *extra: str,
) -> str:
    return "|".join([number, old, name, dob, sex, address, issue, *extra])


def test_domain_example_gives_every_field() -> None:
    citizen = parse(GOOD)
    assert citizen.as_dict() == {
        "id_number": "089202017098",
        "old_id_number": "352576714",
        "full_name": "Lê Văn Lương",
        "date_of_birth": "2002-05-23",
        "sex": "Nam",
        "address": ADDRESS,
        "issue_date": "2021-12-31",
        "extra": [],
        "warnings": [],
        "raw": GOOD,
    }
    assert citizen.province == "An Giang"


def test_payload_without_old_number() -> None:
    citizen = parse("049202000284||Khuất Lưu Huy Nhật|24022002|Nam|Xã Tân Phú, Quảng Nam|31052021")
    assert citizen.old_id_number == ""
    assert citizen.full_name == "Khuất Lưu Huy Nhật"
    assert citizen.warnings == ()


def test_2024_card_extra_fields_are_kept_raw_and_never_rejected() -> None:
    citizen = parse(payload("049202000284", "", "Khuất Lưu Huy Nhật", "24022002", "Nam", "Quảng Nam", "31052021",
                            "23092024", "", "", "", "x|y"))  # fmt: skip
    assert citizen.extra == ("23092024", "", "", "", "x", "y")
    assert citizen.warnings == ()
    assert parse(citizen.to_payload()) == citizen


@pytest.mark.parametrize("sex_text", ["Nữ", "nữ", "NỮ", unicodedata.normalize("NFD", "Nữ"), " Nữ "])
def test_female_in_any_case_or_composition(sex_text: str) -> None:
    citizen = parse(payload("001305000123", "", "Trần Thị Mai", "01012005", sex_text, "Hà Nội", "02022022"))
    assert citizen.sex == FEMALE
    assert citizen.warnings == ()


def test_decomposed_text_is_normalised_to_nfc() -> None:
    nfd = unicodedata.normalize("NFD", GOOD)
    citizen = parse(nfd)
    assert citizen.full_name == "Lê Văn Lương"
    assert citizen.address == ADDRESS
    assert citizen.raw == GOOD


def test_wedge_and_decoder_noise_is_tolerated() -> None:
    assert parse(f"\x00{GOOD}\r\n\r\n").id_number == "089202017098"
    assert parse(GOOD.replace("|Nam|", "| Nam |")).sex == MALE
    assert parse(GOOD.replace("Lê Văn", "Lê  Văn")).full_name == "Lê Văn Lương"


@pytest.mark.parametrize(
    ("century_digit", "year", "sex"),
    [("0", 1975, MALE), ("1", 1975, FEMALE), ("2", 2002, MALE), ("3", 2002, FEMALE), ("4", 2102, MALE)],
)
def test_century_sex_digit_consistent(century_digit: str, year: int, sex: str) -> None:
    number = f"079{century_digit}{year % 100:02d}123456"
    citizen = parse_citizen_payload(
        payload(number, "", "Phạm Minh", f"0101{year}", sex, "Hồ Chí Minh", "01012022"),
        today=date(2200, 1, 1),
    )
    assert "id_sex_mismatch" not in codes(citizen)
    assert "id_birth_year_mismatch" not in codes(citizen)


def test_sex_digit_disagreeing_with_sex_field_is_a_warning() -> None:
    citizen = parse(GOOD.replace("|Nam|", "|Nữ|"))
    assert codes(citizen) == {"id_sex_mismatch"}
    assert "Nam" in citizen.warnings[0].message and "Nữ" in citizen.warnings[0].message


@pytest.mark.parametrize(
    ("number", "dob"),
    [("089202017098", "23051902"), ("089203017098", "23052002"), ("089002017098", "23052002")],
)
def test_year_digits_disagreeing_with_birth_date_is_a_warning(number: str, dob: str) -> None:
    citizen = parse(payload(number=number, dob=dob))
    assert "id_birth_year_mismatch" in codes(citizen)


def test_unknown_province_code_is_a_warning_not_an_error() -> None:
    citizen = parse(GOOD.replace("089202", "003202", 1))
    assert codes(citizen) == {"id_province_unknown"}
    assert citizen.province is None


def test_province_table_has_the_63_pre_2025_provinces() -> None:
    assert len(PROVINCE_CODES) == 63
    assert PROVINCE_CODES["001"] == "Hà Nội"
    assert PROVINCE_CODES["079"] == "Hồ Chí Minh"
    assert PROVINCE_CODES["096"] == "Cà Mau"


@pytest.mark.parametrize(
    ("dob", "issue", "expected"),
    [
        ("30022002", "31122021", {"birth_date_invalid"}),
        ("23052002", "32122021", {"issue_date_invalid"}),
        ("23052002", "", {"issue_date_missing"}),
        ("23052002", "2021-12-31", {"issue_date_invalid"}),
        ("23052002", "01012027", {"issue_in_future"}),
        ("23052002", "01012001", {"issue_before_birth"}),
        ("23052002", "01012015", {"issue_too_early"}),
        ("00002002", "31122021", {"birth_date_partial"}),
        ("00052002", "31122021", {"birth_date_partial"}),
    ],
)
def test_date_checks_are_warnings(dob: str, issue: str, expected: set[str]) -> None:
    citizen = parse(payload(dob=dob, issue=issue))
    assert codes(citizen) == expected


def test_partial_birth_date_still_checks_the_year() -> None:
    citizen = parse(payload(dob="00001995"))
    assert citizen.date_of_birth is None
    assert codes(citizen) == {"birth_date_partial", "id_birth_year_mismatch"}


def test_leap_day_is_a_real_date() -> None:
    citizen = parse(payload(number="001200017098", dob="29022000"))
    assert citizen.date_of_birth == date(2000, 2, 29)
    assert citizen.warnings == ()


@pytest.mark.parametrize(("old", "ok"), [("", True), ("352576714", True), ("012345678901", True),
                                         ("12345", False), ("35257671A", False)])  # fmt: skip
def test_old_id_number_format(old: str, ok: bool) -> None:
    assert ("old_id_format" not in codes(parse(payload(old=old)))) is ok


def test_empty_address_is_a_warning() -> None:
    assert codes(parse(payload(address=""))) == {"address_missing"}


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \x00 ",
        "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?ma=000.00.01.H31-230509-0004",
        "089202017098",
        "089202017098|352576714|Lê Văn Lương|23052002|Nam|An Giang",  # six fields
        payload(number="08920201709"),  # 11 digits
        payload(number="0892020170981"),
        payload(number="08920201709A"),
        payload(number="０８９２０２０１７０９８"),  # full-width digits are not an ID number
        payload(sex="Khác"),
        payload(sex="Nuwx"),
        payload(name=""),
        payload(dob="2002-05-23"),
        payload(dob=""),
    ],
)
def test_payloads_that_cannot_be_a_citizen_id_are_known_errors(text: str) -> None:
    with pytest.raises(CitizenIdError) as info:
        parse(text)
    error = info.value
    assert is_known_error(error)
    assert error.code == "not_citizen_id"
    assert error.message and error.hint


def test_error_messages_are_vietnamese() -> None:
    with pytest.raises(CitizenIdError) as info:
        parse("hello")
    assert "thẻ căn cước" in info.value.message


def test_manual_entry_uses_the_same_checks() -> None:
    manual = CitizenId("089302017098", "", "Lê Thị Hoa", date(2002, 5, 23), MALE, "", date(2021, 12, 31))
    assert {w.code for w in check_citizen(manual, today=TODAY)} == {"id_sex_mismatch", "address_missing"}
    assert {w.code for w in check_citizen(manual.__class__("12", "", "", None, "?", "", None))} == {
        "id_number_format"
    }
    odd = CitizenId("089202017098", "", "Lê 2", date(2002, 5, 23), "?", "x", None)
    assert {w.code for w in check_citizen(odd, today=TODAY)} == {"sex_invalid", "name_has_digits"}


def test_birth_in_the_future_is_flagged() -> None:
    citizen = parse_citizen_payload(payload(number="089227017098", dob="01012027", issue=""), today=TODAY)
    assert {"birth_in_future", "issue_date_missing"} <= codes(citizen)


def test_today_defaults_to_the_real_date() -> None:
    assert parse_citizen_payload(GOOD).warnings == ()
