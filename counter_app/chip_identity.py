"""The citizen from the ID card's chip, for the identification step (method "chip").

Chip data whose passive authentication failed is refused: it is the one identification whose
data the issuer signed, and a chip that does not match its signature is a forged or damaged card.
Without the CSCA certificates the data is taken with a warning the officer sees, as a QR is.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from counter_app.citizen import CitizenId, CitizenWarning, check_citizen
from counter_app.errors import KnownError
from idchip.reader import ChipRead


class ChipNotAuthentic(KnownError):
    code = "chip_not_authentic"
    default_hint = "Không dùng dữ liệu này: đối chiếu giấy tờ gốc và báo lãnh đạo bộ phận."


def citizen_from_chip(read: ChipRead, *, today: date | None = None) -> CitizenId:
    if read.passive_auth.status == "failed":
        raise ChipNotAuthentic(
            "Dữ liệu trong chip không khớp chữ ký của cơ quan cấp: "
            + "; ".join(read.passive_auth.reasons)
            + "."
        )
    data = read.as_dict()
    citizen = CitizenId(
        id_number=data["id_number"] or "",
        old_id_number=data["old_id_number"] or "",
        full_name=data["full_name"] or "",
        date_of_birth=_date(data["date_of_birth"]),
        sex=data["sex"] or "",
        address=data["address"] or "",
        issue_date=_date(data["issue_date"]),
    )
    warnings = list(check_citizen(citizen, today=today))
    if read.passive_auth.status == "no_csca":
        warnings.insert(
            0,
            CitizenWarning(
                "chip_not_verified",
                "Chưa xác thực được dữ liệu chip (máy chưa có chứng thư CSCA): đối chiếu với thẻ.",
            ),
        )
    return replace(citizen, warnings=tuple(warnings))


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None
