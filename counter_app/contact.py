"""The citizen's contact details checked before they reach the portal or a receipt.

Phone numbers: Vietnamese mobiles (10 digits, carrier prefixes 03/05/07/08/09) and landlines
(02 + area code, 11 digits), written in any usual way ("0912 345 678", "+84 912 345 678",
"84912345678"); Google's libphonenumber (`phonenumbers`) knows the current prefixes and area
codes. They are kept in one form, the national digits ("0912345678"). E-mail addresses are
checked for form only (`email-validator`, no network: the counter may be offline).
Both are optional: an empty field stays empty.
"""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from counter_app.errors import KnownError

_PHONE_TYPES = {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE}


class ContactError(KnownError):
    code = "contact_invalid"


def normalize_phone(text: str) -> str:
    """The national digits of a Vietnamese mobile or landline number; "" for an empty field.
    ContactError (code `phone_invalid`) for anything else, saying what a good number looks like."""
    text = text.strip()
    if not text:
        return ""
    try:
        number = phonenumbers.parse(text, "VN")
    except phonenumbers.NumberParseException:
        number = None
    if (
        number is None
        or number.country_code != 84
        or not phonenumbers.is_valid_number(number)
        or phonenumbers.number_type(number) not in _PHONE_TYPES
    ):
        raise ContactError(
            f"Số điện thoại «{text}» không phải số điện thoại Việt Nam hợp lệ.",
            "Nhập số di động 10 chữ số bắt đầu bằng 03, 05, 07, 08, 09 (ví dụ 0912 345 678) hoặc số cố định"
            " có mã vùng (ví dụ 024 3825 1234); để trống nếu công dân không có.",
            code="phone_invalid",
        )
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return "".join(ch for ch in national if ch.isdigit())


def normalize_email(text: str) -> str:
    """The address as the portal should store it (domain in lower case); "" for an empty field.
    ContactError (code `email_invalid`) when it is not an e-mail address."""
    text = text.strip()
    if not text:
        return ""
    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError:
        raise ContactError(
            f"Thư điện tử «{text}» không đúng dạng.",
            "Nhập địa chỉ dạng ten@vidu.vn, hoặc để trống nếu công dân không có.",
            code="email_invalid",
        ) from None


@dataclass(frozen=True)
class Contact:
    phone: str = ""
    email: str = ""

    @classmethod
    def checked(cls, phone: str, email: str) -> Contact:
        """Both fields checked and normalised; the first bad one raises ContactError."""
        return cls(normalize_phone(phone), normalize_email(email))
