"""The citizen as read from the ID card QR code (CCCD / thẻ căn cước), and its validation.

The payload is `|`-separated (docs/domain.md §2)::

    ID number (12 digits)|old CMND (may be empty)|full name|date of birth DDMMYYYY|Nam/Nữ|address|issue date

Cards issued from 1 July 2024 may append further fields; they are kept raw in `extra` and never a
reason to reject. `parse_citizen_payload` is pure: any string gives a `CitizenId` or raises
`CitizenIdError` (code `not_citizen_id`), never anything else. A payload that can be a citizen ID but
fails a consistency check (province code, century/sex digit, impossible dates) is accepted with
warnings for the officer to look at, because a card can itself carry an error. Manual entry goes
through `check_citizen`, the same checks; `citizen_from_mrz` turns the MRZ of a pre-2024 card into
a citizen under the same checks.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from common import clock
from counter_app.citizen_checks import CitizenIdError, CitizenWarning, refuse_bad_text, text_warnings

if TYPE_CHECKING:  # importing scanner.barcodes loads OpenCV: not needed to parse a payload
    from scanner.barcodes.mrz import Td1Mrz

# Birth-registration province codes, the first 3 digits of the ID number (Thông tư 07/2016/TT-BCA).
# The 2025 province mergers do not renumber existing cards, so the 63 pre-merger codes stay valid.
PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn", "008": "Tuyên Quang",
    "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu", "014": "Sơn La", "015": "Yên Bái",
    "017": "Hòa Bình", "019": "Thái Nguyên", "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang",
    "025": "Phú Thọ", "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
    "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định", "037": "Ninh Bình",
    "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh", "044": "Quảng Bình", "045": "Quảng Trị",
    "046": "Thừa Thiên Huế", "048": "Đà Nẵng", "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định",
    "054": "Phú Yên", "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
    "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng", "070": "Bình Phước",
    "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai", "077": "Bà Rịa - Vũng Tàu",
    "079": "Hồ Chí Minh", "080": "Long An", "082": "Tiền Giang", "083": "Bến Tre", "084": "Trà Vinh",
    "086": "Vĩnh Long", "087": "Đồng Tháp", "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ",
    "093": "Hậu Giang", "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}  # fmt: skip

MALE = "Nam"
FEMALE = "Nữ"
# The century/sex digit, 4th of the ID number (Nghị định 137/2015/NĐ-CP, Art. 7): 1900s male 0 /
# female 1, 2000s 2/3, 2100s 4/5, 2200s 6/7, 2300s 8/9.
_FIRST_CENTURY = 1900
_FIELDS = 7
_ID_RE = re.compile(r"[0-9]{12}")
_DATE_RE = re.compile(r"[0-9]{8}")
_OLD_ID_RE = re.compile(r"[0-9]{9}|[0-9]{12}")
# A card's issue date earlier than this cannot be a CCCD (chip cards began in 2016, Luật Căn cước công dân).
_FIRST_ISSUE_YEAR = 2016


@dataclass(frozen=True)
class CitizenId:
    """A citizen's identity as printed in the ID card QR code. Dates are None when not a real date."""

    id_number: str
    old_id_number: str
    full_name: str
    date_of_birth: date | None
    sex: str
    address: str
    issue_date: date | None
    extra: tuple[str, ...] = ()
    warnings: tuple[CitizenWarning, ...] = field(default=(), compare=False)
    raw: str = field(default="", compare=False)

    @property
    def province(self) -> str | None:
        """Province where the birth was registered, from the ID number; None if the code is unknown."""
        return PROVINCE_CODES.get(self.id_number[:3])

    def to_payload(self) -> str:
        """The QR payload this citizen would carry (dates back to DDMMYYYY)."""
        fields = [
            self.id_number,
            self.old_id_number,
            self.full_name,
            _format_date(self.date_of_birth),
            self.sex,
            self.address,
            _format_date(self.issue_date),
            *self.extra,
        ]
        return "|".join(fields)

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of `counter-app decode-id` (dates ISO 8601), without file/ok."""
        return {
            "id_number": self.id_number,
            "old_id_number": self.old_id_number,
            "full_name": self.full_name,
            "date_of_birth": self.date_of_birth.isoformat() if self.date_of_birth else None,
            "sex": self.sex,
            "address": self.address,
            "issue_date": self.issue_date.isoformat() if self.issue_date else None,
            "extra": list(self.extra),
            "warnings": [w.as_dict() for w in self.warnings],
            "raw": self.raw,
        }


def parse_citizen_payload(text: str, *, today: date | None = None) -> CitizenId:
    """Parse and validate a QR payload; raise `CitizenIdError` when it cannot be a citizen ID.

    `today` (default: the current date) is the reference for "issue date not in the future".
    The text should already be repaired (scanner.barcodes.text.repair_text); surrounding
    whitespace and NUL/control characters are tolerated here too, for manual paste and wedges.
    """
    cleaned = _clean(text)
    if not cleaned:
        raise CitizenIdError(
            "Mã QR không có nội dung.", "Đưa mặt có mã QR của thẻ căn cước vào khung hình rồi đọc lại."
        )
    fields = cleaned.split("|")
    if len(fields) < _FIELDS:
        raise CitizenIdError(
            "Mã vừa đọc không phải mã QR của thẻ căn cước công dân.",
            "Kiểm tra đúng là thẻ căn cước (không phải mã QR khác) rồi đọc lại, hoặc nhập tay.",
        )
    # Extra fields of 2024 cards stay exactly as read: their meaning is unconfirmed.
    id_number, old_id, name, dob_text, sex_text, address, issue_text = (f.strip() for f in fields[:_FIELDS])
    refuse_bad_text(name, address)
    if not _ID_RE.fullmatch(id_number):
        raise CitizenIdError(
            "Số định danh trong mã QR không phải 12 chữ số: đây không phải mã QR của thẻ căn cước.",
            "Kiểm tra đúng là thẻ căn cước rồi đọc lại, hoặc nhập tay.",
        )
    sex = normalize_sex(sex_text)
    if sex is None:
        raise CitizenIdError(
            f"Giới tính trong mã QR không hợp lệ («{sex_text}»): đây không phải mã QR của thẻ căn cước.",
            "Nếu dùng máy đọc cầm tay, tắt bộ gõ tiếng Việt (Unikey/EVKey) rồi quét lại; hoặc nhập tay.",
        )
    full_name = _normalize_text(name)
    if not full_name:
        raise CitizenIdError(
            "Mã QR không có họ tên công dân.", "Đọc lại mã QR hoặc nhập tay thông tin công dân."
        )
    if not _DATE_RE.fullmatch(dob_text):
        raise CitizenIdError(
            "Ngày sinh trong mã QR không đúng dạng ngày/tháng/năm: đây không phải mã QR của thẻ căn cước.",
            "Kiểm tra đúng là thẻ căn cước rồi đọc lại, hoặc nhập tay.",
        )
    warnings: list[CitizenWarning] = []
    date_of_birth, birth_year = _parse_birth_date(dob_text, warnings)
    issue_date = _parse_issue_date(issue_text, warnings)
    citizen = CitizenId(
        id_number=id_number,
        old_id_number=old_id,
        full_name=full_name,
        date_of_birth=date_of_birth,
        sex=sex,
        address=_normalize_text(address),
        issue_date=issue_date,
        extra=tuple(fields[_FIELDS:]),
        raw=cleaned,
    )
    warnings += check_citizen(citizen, birth_year=birth_year, today=today)
    return replace(citizen, warnings=tuple(warnings))


def check_citizen(
    citizen: CitizenId, *, birth_year: int | None = None, today: date | None = None
) -> list[CitizenWarning]:
    """Consistency checks shared by the QR parser and manual entry.

    `birth_year` covers cards whose date of birth lacks day or month (then `date_of_birth` is None).
    """
    today = today or clock.today()
    warnings: list[CitizenWarning] = []
    number = citizen.id_number
    if not _ID_RE.fullmatch(number):
        warnings.append(CitizenWarning("id_number_format", "Số định danh cá nhân phải gồm đúng 12 chữ số."))
        return warnings
    if number[:3] not in PROVINCE_CODES:
        warnings.append(
            CitizenWarning(
                "id_province_unknown",
                f"Mã tỉnh nơi đăng ký khai sinh «{number[:3]}» trong số định danh không có trong danh mục.",
            )
        )
    year = citizen.date_of_birth.year if citizen.date_of_birth else birth_year
    century_digit = int(number[3])
    century = _FIRST_CENTURY + 100 * (century_digit // 2)
    digit_sex = MALE if century_digit % 2 == 0 else FEMALE
    if citizen.sex not in (MALE, FEMALE):
        warnings.append(CitizenWarning("sex_invalid", "Giới tính phải là Nam hoặc Nữ."))
    elif digit_sex != citizen.sex:
        warnings.append(
            CitizenWarning(
                "id_sex_mismatch",
                f"Số định danh ghi giới tính {digit_sex} nhưng thẻ ghi {citizen.sex}.",
            )
        )
    if year is not None and (century + int(number[4:6]) != year):
        warnings.append(
            CitizenWarning(
                "id_birth_year_mismatch",
                f"Số định danh ghi năm sinh {century + int(number[4:6])} nhưng ngày sinh là năm {year}.",
            )
        )
    if citizen.old_id_number and not _OLD_ID_RE.fullmatch(citizen.old_id_number):
        warnings.append(CitizenWarning("old_id_format", "Số CMND cũ phải gồm 9 hoặc 12 chữ số."))
    if not citizen.full_name.strip():
        warnings.append(CitizenWarning("name_missing", "Chưa có họ tên công dân."))
    elif any(ch.isdigit() for ch in citizen.full_name):
        warnings.append(CitizenWarning("name_has_digits", "Họ tên có chữ số."))
    if not citizen.address.strip():
        warnings.append(CitizenWarning("address_missing", "Thẻ không ghi nơi thường trú."))
    warnings += text_warnings(citizen.full_name, citizen.address)
    if citizen.date_of_birth and citizen.date_of_birth > today:
        warnings.append(CitizenWarning("birth_in_future", "Ngày sinh ở tương lai."))
    issue = citizen.issue_date
    if issue is not None:
        if issue > today:
            warnings.append(CitizenWarning("issue_in_future", "Ngày cấp thẻ ở tương lai."))
        if citizen.date_of_birth and issue < citizen.date_of_birth:
            warnings.append(CitizenWarning("issue_before_birth", "Ngày cấp thẻ trước ngày sinh."))
        elif issue.year < _FIRST_ISSUE_YEAR:
            warnings.append(
                CitizenWarning(
                    "issue_too_early", "Ngày cấp trước năm 2016, khi chưa có thẻ căn cước công dân."
                )
            )
    return warnings


def citizen_from_mrz(mrz: Td1Mrz, *, today: date | None = None) -> CitizenId:
    """The citizen from a pre-2024 card's MRZ: no address, issue date or diacritics, so warnings say so.

    Raise `CitizenIdError` when the MRZ does not carry the 12-digit ID number.
    """
    if not _ID_RE.fullmatch(mrz.id_number):
        raise CitizenIdError(
            "Mã MRZ không có số định danh cá nhân 12 chữ số.", "Dùng mã QR của thẻ hoặc nhập tay."
        )
    sex = {"M": MALE, "F": FEMALE}.get(mrz.sex, "")
    citizen = CitizenId(mrz.id_number, "", mrz.full_name, mrz.birth_date, sex, "", None)
    warnings = [
        CitizenWarning("name_without_diacritics", "Họ tên đọc từ MRZ không có dấu: sửa lại theo thẻ."),
        CitizenWarning("issue_date_missing", "MRZ không ghi ngày cấp: nhập theo thẻ."),
        *check_citizen(citizen, today=today),
    ]
    return replace(citizen, warnings=tuple(warnings))


def normalize_sex(text: str) -> str | None:
    """`Nam` or `Nữ` from the sex field (any case, composed or decomposed); None otherwise."""
    folded = unicodedata.normalize("NFC", text).strip().casefold()
    if folded == "nam":
        return MALE
    if folded == "nữ":
        return FEMALE
    return None


def _parse_birth_date(text: str, warnings: list[CitizenWarning]) -> tuple[date | None, int | None]:
    day, month, year = int(text[:2]), int(text[2:4]), int(text[4:])
    if day == 0 or month == 0:
        # Some citizens have only a birth year (or month and year) on record.
        warnings.append(
            CitizenWarning("birth_date_partial", "Ngày sinh trên thẻ không đầy đủ ngày/tháng; kiểm tra thẻ.")
        )
        return None, year
    try:
        return date(year, month, day), year
    except ValueError:
        warnings.append(CitizenWarning("birth_date_invalid", f"Ngày sinh «{text}» không phải ngày có thật."))
        return None, None


def _parse_issue_date(text: str, warnings: list[CitizenWarning]) -> date | None:
    if not text:
        warnings.append(CitizenWarning("issue_date_missing", "Mã QR không có ngày cấp thẻ."))
        return None
    if _DATE_RE.fullmatch(text):
        try:
            return date(int(text[4:]), int(text[2:4]), int(text[:2]))
        except ValueError:
            pass
    warnings.append(CitizenWarning("issue_date_invalid", f"Ngày cấp «{text}» không phải ngày có thật."))
    return None


def _format_date(value: date | None) -> str:
    return f"{value.day:02d}{value.month:02d}{value.year:04d}" if value else ""


def _clean(text: str) -> str:
    # Wedge readers and some decoders add NULs, CR/LF or other control characters around the text
    # (and NULs anywhere); inside a field they are refused (counter_app.citizen_checks).
    text = unicodedata.normalize("NFC", text).replace("\x00", "")
    start, end = 0, len(text)
    while start < end and (text[start].isspace() or unicodedata.category(text[start]) in ("Cc", "Cf")):
        start += 1
    while end > start and (text[end - 1].isspace() or unicodedata.category(text[end - 1]) in ("Cc", "Cf")):
        end -= 1
    return text[start:end]


def _normalize_text(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())
