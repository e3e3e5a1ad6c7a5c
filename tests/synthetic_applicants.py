"""Synthetic organisations, agencies and passports for the applicant tests (no real data).

Tax codes are made from an invented serial with the check digit computed here, passports' MRZ lines
with their ICAO 9303 check digits, so tests can also break one digit and expect a refusal.

    from tests.synthetic_applicants import tax_code, passport_mrz, ORGANISATION, AGENCY, PASSPORT
"""

from __future__ import annotations

from datetime import date

from scanner.barcodes.mrz import check_digit

_TAX_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


def tax_code(first_nine: str, branch: str = "") -> str:
    """A well-formed tax code from 9 invented digits (a serial whose check digit would be 10 is skipped)."""
    serial = int(first_nine)
    while True:
        digits = f"{serial:09d}"
        check = 10 - sum(w * int(d) for w, d in zip(_TAX_WEIGHTS, digits, strict=True)) % 11
        if check < 10:
            code = digits + str(check)
            return f"{code}-{branch}" if branch else code
        serial += 1


def wrong_check_digit(code: str) -> str:
    """The same tax code with its 10th digit changed: must be refused."""
    tenth = str((int(code[9]) + 1) % 10)
    return code[:9] + tenth + code[10:]


def passport_mrz(
    number: str,
    nationality: str,
    surname: str,
    given: str,
    birth: date,
    sex: str,
    expiry: date,
    *,
    personal: str = "",
) -> tuple[str, str]:
    """The two TD3 lines of a passport's data page, every check digit right."""
    nationality = nationality.ljust(3, "<")
    line1 = f"P<{nationality}{surname}<<{given.replace(' ', '<')}".ljust(44, "<")[:44]
    doc = number.ljust(9, "<")
    personal_field = personal.ljust(14, "<")
    personal_check = check_digit(personal_field) if personal else "<"
    body = (
        f"{doc}{check_digit(doc)}{nationality}{birth:%y%m%d}{check_digit(f'{birth:%y%m%d}')}{sex}"
        f"{expiry:%y%m%d}{check_digit(f'{expiry:%y%m%d}')}{personal_field}{personal_check}"
    )
    composite = body[0:10] + body[13:20] + body[21:43]
    return line1, body + check_digit(composite)


ORGANISATION = {
    "tax_code": tax_code("010990001"),
    "name": "Công ty TNHH Thử Nghiệm Một Cửa",
    "address": "Số 8 phố Mẫu Thử, phường Cửa Nam, Hà Nội",
}
BRANCH = {**ORGANISATION, "tax_code": tax_code("010990001", "002"), "name": "Chi nhánh Công ty Thử Nghiệm"}
AGENCY = {
    "code": "000.00.99.H99",
    "name": "Trường Tiểu học Thử Nghiệm",
    "address": "Xã Hòa Bình, tỉnh Mẫu",
}
PASSPORT = passport_mrz("X9912345", "JPN", "TESUTO", "HANAKO", date(1990, 4, 1), "F", date(2031, 3, 31))
PASSPORT_DEU = passport_mrz("C01X9999K", "D", "MUSTERFRAU", "ERIKA", date(1985, 8, 12), "F", date(2030, 1, 1))
