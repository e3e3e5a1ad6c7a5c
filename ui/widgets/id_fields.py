"""The ID capture form's fields as plain data, and manual entry checked like a QR payload. Qt-free.

`check_fields(values)` turns what the officer typed (dates as DD/MM/YYYY) into a `CitizenId`
with `counter_app.citizen.check_citizen`, the same checks a QR payload gets, and files every
problem under the field it concerns so the form can show it beside that field. A problem that
makes the record unusable is an error (it blocks confirming); the others are warnings the officer
reads against the card, as for a QR payload (a card can itself carry an error).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from counter_app.citizen import CitizenId, CitizenWarning, check_citizen, normalize_sex

# Field keys, in the order of the form.
ID_NUMBER = "id_number"
OLD_ID = "old_id_number"
NAME = "full_name"
BIRTH = "date_of_birth"
SEX = "sex"
ADDRESS = "address"
ISSUE = "issue_date"
FIELDS = (ID_NUMBER, OLD_ID, NAME, BIRTH, SEX, ADDRESS, ISSUE)

# Checks that make the record unusable: the same set as the intake's manual entry.
BLOCKING = frozenset(
    {"id_number_format", "name_missing", "name_has_digits", "sex_invalid", "birth_in_future",
     "name_invisible_characters", "name_too_long", "address_invisible_characters", "address_too_long"}
)  # fmt: skip
# Which field a check of `check_citizen` (or of the parser) is about.
FIELD_OF_CHECK = {
    "id_number_format": ID_NUMBER,
    "id_province_unknown": ID_NUMBER,
    "id_sex_mismatch": SEX,
    "id_birth_year_mismatch": BIRTH,
    "old_id_format": OLD_ID,
    "name_missing": NAME,
    "name_has_digits": NAME,
    "name_without_diacritics": NAME,
    "sex_invalid": SEX,
    "address_missing": ADDRESS,
    "name_invisible_characters": NAME,
    "name_too_long": NAME,
    "address_invisible_characters": ADDRESS,
    "address_too_long": ADDRESS,
    "birth_in_future": BIRTH,
    "birth_date_partial": BIRTH,
    "birth_date_invalid": BIRTH,
    "issue_in_future": ISSUE,
    "issue_before_birth": ISSUE,
    "issue_too_early": ISSUE,
    "issue_date_missing": ISSUE,
    "issue_date_invalid": ISSUE,
}
_STAND_IN_ID = "001000000000"
_ABOUT_ID_NUMBER = frozenset({"id_province_unknown", "id_sex_mismatch", "id_birth_year_mismatch"})
_DATE_RE = re.compile(r"\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*")


@dataclass
class FieldCheck:
    """The outcome of checking the form: a citizen when nothing blocks, problems per field."""

    citizen: CitizenId | None
    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.citizen is not None and not any(self.errors.values())


def format_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def parse_date(text: str) -> date | None:
    """DD/MM/YYYY as printed on the card; None when empty; ValueError when not a real date."""
    if not text.strip(" /_"):
        return None
    match = _DATE_RE.fullmatch(text.replace("_", ""))
    if match is None:
        raise ValueError(text)
    day, month, year = (int(g) for g in match.groups())
    return date(year, month, day)


def values_of(citizen: CitizenId) -> dict[str, str]:
    """The form's texts for a citizen read from a card."""
    return {
        ID_NUMBER: citizen.id_number,
        OLD_ID: citizen.old_id_number,
        NAME: citizen.full_name,
        BIRTH: format_date(citizen.date_of_birth),
        SEX: citizen.sex,
        ADDRESS: citizen.address,
        ISSUE: format_date(citizen.issue_date),
    }


def warnings_by_field(warnings: tuple[CitizenWarning, ...] | list[CitizenWarning]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for warning in warnings:
        found.setdefault(FIELD_OF_CHECK.get(warning.code, ID_NUMBER), []).append(warning.message)
    return found


def check_fields(values: dict[str, str], *, today: date | None = None) -> FieldCheck:
    """Manual entry: the typed texts into a citizen, with every problem filed under its field."""
    errors: dict[str, list[str]] = {}
    dates: dict[str, date | None] = {}
    for key, label in ((BIRTH, "Ngày sinh"), (ISSUE, "Ngày cấp")):
        text = values.get(key, "")
        try:
            dates[key] = parse_date(text)
        except ValueError:
            errors.setdefault(key, []).append(
                f"{label} «{text.strip()}» không phải ngày có thật (dạng ngày/tháng/năm)."
            )
            dates[key] = None
    if dates[BIRTH] is None and BIRTH not in errors:
        errors[BIRTH] = ["Chưa nhập ngày sinh."]
    sex_text = values.get(SEX, "")
    citizen = CitizenId(
        id_number=values.get(ID_NUMBER, "").strip(),
        old_id_number=values.get(OLD_ID, "").strip(),
        full_name=" ".join(values.get(NAME, "").split()),
        date_of_birth=dates[BIRTH],
        sex=normalize_sex(sex_text) or sex_text.strip(),
        address=" ".join(values.get(ADDRESS, "").split()),
        issue_date=dates[ISSUE],
    )
    found = check_citizen(citizen, today=today)
    if found and found[0].code == "id_number_format":
        # check_citizen stops at a malformed ID number; the officer still wants every other field
        # checked now, so check them once more behind a well-formed number and drop what that
        # stand-in number says about itself.
        stand_in = check_citizen(replace(citizen, id_number=_STAND_IN_ID), today=today)
        found += [w for w in stand_in if w.code not in _ABOUT_ID_NUMBER]
    warnings: dict[str, list[str]] = {}
    for warning in found:
        target = errors if warning.code in BLOCKING else warnings
        target.setdefault(FIELD_OF_CHECK.get(warning.code, ID_NUMBER), []).append(warning.message)
    kept = tuple(w for w in found if w.code not in BLOCKING)
    return FieldCheck(replace(citizen, warnings=kept), errors, warnings)
