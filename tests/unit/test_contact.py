"""The citizen's phone and e-mail as the counter accepts them (counter_app.contact)."""

from __future__ import annotations

import pytest

from counter_app.contact import Contact, ContactError, normalize_email, normalize_phone


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0912345678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0386.123.456", "0386123456"),  # Viettel 03x
        ("070-123-4567", "0701234567"),  # MobiFone 07x
        ("0591234567", "0591234567"),  # Gmobile 059
        ("0812345678", "0812345678"),  # VinaPhone 08x
        ("024 3825 1234", "02438251234"),  # Hà Nội landline
        ("(028) 3829 1234", "02838291234"),  # TP. Hồ Chí Minh landline
        ("0203 3123 456", "02033123456"),  # Quảng Ninh landline
        ("", ""),
        ("   ", ""),
    ],
)
def test_vietnamese_numbers_are_kept_in_one_form(typed: str, stored: str) -> None:
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "12345",
        "0123456789",
        "0212345678",
        "091234567",
        "09123456789",
        "+1 202 555 0143",
        "không có",
        "0000000000",
    ],
)
def test_numbers_that_are_not_vietnamese_phones_are_refused_with_what_to_type(typed: str) -> None:
    with pytest.raises(ContactError) as refused:
        normalize_phone(typed)
    assert refused.value.code == "phone_invalid"
    assert typed.strip() in refused.value.message
    assert "03, 05, 07, 08, 09" in refused.value.hint


def test_email_addresses_are_checked_for_form_only() -> None:
    assert normalize_email(" an.nguyen@Example.VN ") == "an.nguyen@example.vn"
    assert normalize_email("") == ""
    for bad in ("12345", "an@", "an nguyen@vidu.vn", "@vidu.vn"):
        with pytest.raises(ContactError) as refused:
            normalize_email(bad)
        assert refused.value.code == "email_invalid"


def test_contact_checks_both_fields() -> None:
    assert Contact.checked("+84 912 345 678", "") == Contact("0912345678", "")
    with pytest.raises(ContactError):
        Contact.checked("12345", "an@vidu.vn")
