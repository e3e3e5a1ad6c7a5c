"""Manual entry of a citizen (no card reader, damaged QR): the form's text into a `CitizenId`,
checked with `counter_app.citizen.check_citizen`, the same checks as a QR payload. Qt-free.

A check that makes the record unusable blocks (ID number, name, sex, a date that is not a date);
the others are warnings the officer reads against the card, as for a QR payload.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from counter_app.citizen import CitizenId, CitizenWarning, check_citizen, normalize_sex

BLOCKING = frozenset(
    {"id_number_format", "name_missing", "name_has_digits", "sex_invalid", "birth_in_future"}
)
_DATE_RE = re.compile(r"\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\s*")


@dataclass
class ManualEntry:
    citizen: CitizenId | None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.citizen is not None and not self.errors


def parse_date(text: str) -> date | None:
    """DD/MM/YYYY (as printed on the card); None when empty. ValueError when not a real date."""
    if not text.strip(" /_"):
        return None
    match = _DATE_RE.fullmatch(text.replace("_", ""))
    if match is None:
        raise ValueError(text)
    day, month, year = (int(g) for g in match.groups())
    return date(year, month, day)


def citizen_from_form(
    id_number: str,
    full_name: str,
    date_of_birth: str,
    sex: str,
    address: str,
    issue_date: str = "",
    old_id_number: str = "",
    *,
    today: date | None = None,
) -> ManualEntry:
    errors: list[str] = []
    dates: dict[str, date | None] = {}
    for key, text, label in (
        ("dob", date_of_birth, "Ngày sinh"),
        ("issue", issue_date, "Ngày cấp"),
    ):
        try:
            dates[key] = parse_date(text)
        except ValueError:
            errors.append(f"{label} «{text.strip()}» không phải ngày có thật (dạng ngày/tháng/năm).")
            dates[key] = None
    if dates["dob"] is None and not errors:
        errors.append("Chưa nhập ngày sinh.")
    citizen = CitizenId(
        id_number=id_number.strip(),
        old_id_number=old_id_number.strip(),
        full_name=" ".join(full_name.split()),
        date_of_birth=dates["dob"],
        sex=normalize_sex(sex) or sex.strip(),
        address=" ".join(address.split()),
        issue_date=dates["issue"],
    )
    found: list[CitizenWarning] = check_citizen(citizen, today=today)
    errors += [w.message for w in found if w.code in BLOCKING]
    warnings = [w.message for w in found if w.code not in BLOCKING]
    citizen = replace(citizen, warnings=tuple(w for w in found if w.code not in BLOCKING))
    return ManualEntry(citizen, errors, warnings)
