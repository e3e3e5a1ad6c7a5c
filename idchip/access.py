"""The chip's access key from the printed data (ICAO 9303-11 §9.7 / Appendix D.2).

Basic Access Control derives its keys from three fields of the MRZ with their check digits: the
document number, the date of birth and the date of expiry. On the Vietnamese citizen ID card the
MRZ's document number is the last nine digits of the 12-digit personal ID number, so a card's
chip opens with what its QR code already gave (ID number, birth date) plus the expiry date.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from idchip.errors import access_invalid
from scanner.barcodes.mrz import check_digit


def yymmdd(day: date) -> str:
    return day.strftime("%y%m%d")


@dataclass(frozen=True)
class AccessKey:
    """What opens the chip: document number, date of birth, date of expiry."""

    document_number: str
    birth: date
    expiry: date | None  # None: a card without expiry (its MRZ field is `<<<<<<`)

    @classmethod
    def for_citizen_id(cls, id_number: str, birth: date, expiry: date | None) -> AccessKey:
        """A Vietnamese citizen ID card's key: its MRZ document number is the ID's last nine digits."""
        digits = id_number.strip()
        if not (digits.isdigit() and len(digits) in (9, 12)):
            raise access_invalid(
                f"Số định danh «{id_number}» không phải 12 (hoặc 9) chữ số.",
                "Nhập đúng số in trên thẻ căn cước.",
            )
        return cls(digits[-9:], birth, expiry)

    def mrz_information(self) -> str:
        number = self.document_number.upper().replace(" ", "")
        if not number or any(not (c.isdigit() or "A" <= c <= "Z" or c == "<") for c in number):
            raise access_invalid(
                f"Số giấy tờ «{self.document_number}» có ký tự không dùng trong vùng MRZ.",
                "Chỉ dùng chữ in hoa không dấu và chữ số, như in trên thẻ.",
            )
        number = number + "<" * (9 - len(number)) if len(number) < 9 else number
        birth = yymmdd(self.birth)
        expiry = yymmdd(self.expiry) if self.expiry is not None else "<<<<<<"
        return number + check_digit(number) + birth + check_digit(birth) + expiry + check_digit(expiry)

    def password(self) -> bytes:
        """PACE's MRZ password K: SHA-1 over the MRZ information (ICAO 9303-11 §9.7.3)."""
        return hashlib.sha1(self.mrz_information().encode("ascii")).digest()

    def seed(self) -> bytes:
        """BAC's K_seed: the first 16 bytes of the same hash."""
        return self.password()[:16]


RENEWAL_AGES = (14, 25, 40, 60)  # Luật Căn cước 2023, Điều 21: the card is renewed at these ages
RENEWAL_GRACE_YEARS = 2  # a card issued within two years before one of them lasts to the next


def _birthday(birth: date, age: int) -> date:
    try:
        return birth.replace(year=birth.year + age)
    except ValueError:  # born on 29 February
        return date(birth.year + age, 2, 28)


def card_expiry(birth: date, issue: date) -> date | None:
    """The expiry date printed on a citizen ID card issued on `issue`: the birthday at the next
    renewal age, skipping one that is less than two years away; None (no expiry) from 58 on.

    The QR code carries the birth and issue dates but not the expiry, which BAC needs; the
    officer sees this estimate and corrects it from the card when the chip does not open."""
    for age in RENEWAL_AGES:
        due = _birthday(birth, age)
        if issue < _birthday(birth, age - RENEWAL_GRACE_YEARS):
            return due
    return None
