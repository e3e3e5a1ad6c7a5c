"""Machine-readable zones (ICAO 9303): TD1 (3 lines of 30, the back of pre-2024 ID cards) and
TD3 (2 lines of 44, a passport's data page, for foreign applicants).

Vietnamese cards put the last 9 digits of the 12-digit ID number in the document-number field and
the whole ID number, then `<<` and its own check digit, in the optional data of line 1::

    IDVNM<9 digits><check><12-digit ID><<<check of the ID>
    <YYMMDD birth><check><M|F><YYMMDD expiry><check>VNM<<<<<<<<<<<<composite check>
    SURNAME<<GIVEN<NAMES<<<<<<<<<<<<<<

A passport's TD3 zone::

    P<ISSUER SURNAME<<GIVEN<NAMES<<<<<<<<<<<<<<<<<<<<<<<<
    <9 document number><check><nationality><YYMMDD birth><check><M|F|<><YYMMDD expiry><check>
        <14 personal number><check><composite check>

Every check digit must hold: an MRZ is read by OCR, and a wrong digit in an ID number is worse
than no reading (the camera simply tries the next frame). Names carry no diacritics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from common import clock
from scanner.errors import ScannerError

_LINE = 30
_WEIGHTS = (7, 3, 1)
_MRZ_LINE = re.compile(r"[A-Z0-9<]{30}")
_NAME_LINE = re.compile(r"[A-Z<]{5,30}")
_DIGIT_LOOKALIKES = str.maketrans("ODQILZSGB", "000112568")


class MrzError(ScannerError):
    code = "mrz_invalid"


@dataclass(frozen=True)
class Td1Mrz:
    document_number: str
    id_number: str  # the 12-digit personal ID number ("" if the card does not carry it)
    birth_date: date
    sex: str  # "M", "F" or "" (unspecified)
    expiry_date: date | None  # None: no expiry printed (`<<<<<<`)
    nationality: str
    surname: str
    given_names: str
    text: str = ""  # the three lines as read (after fixing digit look-alikes)

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.surname, self.given_names) if part)


def check_digit(field: str) -> str:
    """ICAO 9303 check digit: weights 7-3-1, digits as such, A-Z as 10-35, `<` as 0."""
    total = 0
    for index, ch in enumerate(field):
        value = int(ch) if ch.isdigit() else 0 if ch == "<" else ord(ch) - ord("A") + 10
        total += value * _WEIGHTS[index % 3]
    return str(total % 10)


def find_td1_lines(text: str) -> list[str] | None:
    """Three consecutive MRZ lines in OCR or pasted text (spaces ignored), or None.

    Lines 1 and 2 must have their 30 characters; the name line may have lost trailing `<`
    fillers (OCR often drops them) and is padded, as it carries no check digit.
    """
    lines = [re.sub(r"\s+", "", line).upper() for line in text.splitlines()]
    lines = [line for line in lines if line]
    for start in range(len(lines) - 2):
        line1, line2, line3 = lines[start : start + 3]
        if (
            _MRZ_LINE.fullmatch(line1)
            and _MRZ_LINE.fullmatch(line2)
            and _NAME_LINE.fullmatch(line3)
            and line1[:1] in "IAC"
        ):
            if line1.startswith("IDVNM"):
                line1, line2 = _fix_vietnamese_digits(line1, line2)
            return [line1, line2, line3.ljust(_LINE, "<")]
    return None


def _fix_vietnamese_digits(line1: str, line2: str) -> tuple[str, str]:
    # On Vietnamese cards these positions hold only digits or `<`; OCR confuses O/0, I/1, B/8...
    # A wrong guess cannot slip through: the check digits are verified afterwards.
    digits = _DIGIT_LOOKALIKES
    fixed1 = line1[:5] + line1[5:].translate(digits)
    fixed2 = line2[:7].translate(digits) + line2[7] + line2[8:15].translate(digits) + line2[15:18]
    return fixed1, fixed2 + line2[18:].translate(digits)


def parse_td1(text: str, *, today: date | None = None) -> Td1Mrz:
    """Parse a TD1 MRZ; raise `MrzError` if it is not one or any check digit fails."""
    lines = find_td1_lines(text)
    if lines is None:
        raise MrzError(
            "Không thấy đủ 3 dòng mã MRZ (mỗi dòng 30 ký tự) ở mặt sau thẻ.",
            "Đưa cả vùng 3 dòng chữ ở mặt sau thẻ vào khung hình, giữ thẳng và đủ sáng.",
        )
    line1, line2, line3 = lines
    document, optional = line1[5:14], line1[15:30]
    birth, expiry = line2[0:6], line2[8:14]
    composite = line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29]
    checks = [(document, line1[14]), (birth, line2[6]), (expiry, line2[14]), (composite, line2[29])]
    id_number = ""
    if re.fullmatch(r"[0-9]{12}<<[0-9]", optional):
        id_number = optional[:12]
        checks.append((id_number, optional[14]))
    if any(check_digit(field) != digit for field, digit in checks):
        raise MrzError(
            "Mã MRZ đọc được có chữ số kiểm tra sai (có thể đọc nhầm).",
            "Giữ thẻ yên, thẳng và không lóa để đọc lại; hoặc dùng mã QR của thẻ.",
            code="mrz_check_failed",
        )
    birth_date = _date(birth, today=today or clock.today(), past=True)
    if birth_date is None:
        raise MrzError("Ngày sinh trong mã MRZ không hợp lệ.", "Đọc lại hoặc dùng mã QR của thẻ.")
    surname, _, given = line3.partition("<<")
    return Td1Mrz(
        document_number=document.replace("<", ""),
        id_number=id_number,
        birth_date=birth_date,
        sex=line2[7] if line2[7] in "MF" else "",
        expiry_date=None if expiry == "<<<<<<" else _date(expiry, today=today or clock.today(), past=False),
        nationality=line2[15:18].replace("<", ""),
        surname=surname.replace("<", " ").strip(),
        given_names=given.replace("<", " ").strip(),
        text="\n".join(lines),
    )


def _date(yymmdd: str, *, today: date, past: bool) -> date | None:
    if not yymmdd.isdigit():
        return None
    yy, month, day = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    # Two-digit years: a birth date is in the past, an expiry date within this century.
    century = today.year // 100 * 100
    year = century + yy if not past or century + yy <= today.year else century - 100 + yy
    try:
        return date(year, month, day)
    except ValueError:
        return None


_TD3_LINE = 44
_TD3_RE = re.compile(r"[A-Z0-9<]{44}")


@dataclass(frozen=True)
class Td3Mrz:
    """A passport's data page (ICAO 9303 part 4, TD3)."""

    document_type: str  # "P" and the issuer's optional second letter
    issuing_state: str
    document_number: str
    nationality: str  # ICAO alpha-3 (ISO 3166-1 alpha-3, plus D, UNO, XXA...)
    birth_date: date
    sex: str  # "M", "F" or ""
    expiry_date: date | None
    personal_number: str
    surname: str
    given_names: str
    text: str = ""

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.surname, self.given_names) if part)


def find_td3_lines(text: str) -> list[str] | None:
    """Two consecutive passport MRZ lines (spaces ignored, the name line padded), or None."""
    lines = [re.sub(r"\s+", "", line).upper() for line in text.splitlines()]
    lines = [line for line in lines if line]
    for start in range(len(lines) - 1):
        line1, line2 = lines[start : start + 2]
        # The name line may have lost trailing `<` fillers (no check digit covers it): padded.
        line1 = line1.ljust(_TD3_LINE, "<")
        if line1[:1] == "P" and _TD3_RE.fullmatch(line1) and _TD3_RE.fullmatch(line2):
            return [line1, line2]
    return None


def parse_td3(text: str, *, today: date | None = None) -> Td3Mrz:
    """Parse a passport's TD3 MRZ; raise `MrzError` if it is not one or any check digit fails."""
    lines = find_td3_lines(text)
    if lines is None:
        raise MrzError(
            "Không thấy đủ 2 dòng mã MRZ của hộ chiếu (mỗi dòng 44 ký tự, dòng đầu bắt đầu bằng «P»).",
            "Nhập đúng 2 dòng chữ ở cuối trang thông tin hộ chiếu, hoặc đọc lại từ ảnh chụp rõ nét.",
            code="passport_mrz_invalid",
        )
    line1, line2 = lines
    number, birth, expiry, personal = line2[0:9], line2[13:19], line2[21:27], line2[28:42]
    composite = line2[0:10] + line2[13:20] + line2[21:43]
    checks = [(number, line2[9]), (birth, line2[19]), (expiry, line2[27]), (composite, line2[43])]
    # An empty personal number may carry `<` as its check digit (ICAO 9303-4, 4.2.2.2).
    if not (personal == "<" * 14 and line2[42] == "<"):
        checks.append((personal, line2[42]))
    if any(check_digit(field) != digit for field, digit in checks):
        raise MrzError(
            "Mã MRZ của hộ chiếu có chữ số kiểm tra sai (nhập hoặc đọc nhầm một ký tự).",
            "So từng ký tự với 2 dòng cuối trang thông tin hộ chiếu rồi nhập lại.",
            code="passport_mrz_invalid",
        )
    reference = today or clock.today()
    birth_date = _date(birth, today=reference, past=True)
    if birth_date is None:
        raise MrzError(
            "Ngày sinh trong mã MRZ của hộ chiếu không hợp lệ.",
            "So với trang thông tin hộ chiếu rồi nhập lại.",
            code="passport_mrz_invalid",
        )
    surname, _, given = line1[5:].partition("<<")
    return Td3Mrz(
        document_type=line1[0:2].replace("<", ""),
        issuing_state=line1[2:5].replace("<", ""),
        document_number=number.replace("<", ""),
        nationality=line2[10:13].replace("<", ""),
        birth_date=birth_date,
        sex=line2[20] if line2[20] in "MF" else "",
        expiry_date=_date(expiry, today=reference, past=False),
        personal_number=personal.replace("<", ""),
        surname=surname.replace("<", " ").strip(),
        given_names=given.replace("<", " ").strip(),
        text="\n".join(lines),
    )
