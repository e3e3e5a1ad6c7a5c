"""What citizen data may enter a dossier: one set of rules for the QR parser, manual entry, the
headless intake and the window.

- Names and addresses never hold control characters (NUL, ESC, CR/LF...), bidirectional overrides
  (U+202E and kin, which make a printed name read differently from the stored one) or other
  invisible format characters, and are bounded in length. These are refused outright.
- Impossible dates and contradictions between the ID number and the card's fields (the checks
  `check_citizen` and the parser already compute) are not refused, because a card can itself
  carry an error, but they stop an intake until the officer confirms them: a headless intake
  exits with a known error, the window asks.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from counter_app.errors import KnownError

if TYPE_CHECKING:  # the citizen module parses with these rules: it imports this one
    from counter_app.citizen import CitizenId

# The longest Vietnamese full name on record is under 60 characters; an address with hamlet,
# commune, district and province under 200. Both limits leave room and stop a 2,500-character field.
MAX_NAME = 100
MAX_ADDRESS = 300
# Control, format (bidi overrides, zero-width characters), surrogate and unassigned code points.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Cn", "Co"})  # Co: private use, no name has one
# Warnings (codes of `counter_app.citizen`) that stop an intake until the officer confirms them.
CONTRADICTIONS = frozenset(
    {
        "birth_date_invalid",
        "issue_date_invalid",
        "birth_in_future",
        "issue_in_future",
        "issue_before_birth",
        "id_sex_mismatch",
        "id_birth_year_mismatch",
        "sex_invalid",
        "id_number_format",
    }
)


class CitizenIdError(KnownError):
    """The text cannot be a citizen ID payload (it may still be a perfectly good QR code)."""

    code = "not_citizen_id"


@dataclass(frozen=True)
class CitizenWarning:
    """A check the payload failed; shown to the officer, who decides (the card may carry the error)."""

    code: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


class CitizenTextError(CitizenIdError):
    code = "citizen_text_invalid"


class CitizenUnconfirmedError(KnownError):
    code = "citizen_needs_confirmation"

    def __init__(self, warnings: list[CitizenWarning]) -> None:
        super().__init__(
            "Thông tin công dân có điểm mâu thuẫn: " + "; ".join(w.message for w in warnings),
            "Đối chiếu với thẻ căn cước. Trong cửa sổ, cán bộ xác nhận nếu thẻ ghi đúng như vậy; "
            "khi chạy không cửa sổ, hồ sơ này phải tiếp nhận trong cửa sổ.",
        )
        self.warnings = warnings


def text_warnings(full_name: str, address: str) -> list[CitizenWarning]:
    """What is wrong with a name or an address as text (empty when nothing is)."""
    found = []
    for code, label, value, limit in (
        ("name", "Họ tên", full_name, MAX_NAME),
        ("address", "Địa chỉ", address, MAX_ADDRESS),
    ):
        bad = sorted({f"U+{ord(ch):04X}" for ch in value if unicodedata.category(ch) in _REFUSED_CATEGORIES})
        if bad:
            found.append(
                CitizenWarning(
                    f"{code}_invisible_characters",
                    f"{label} chứa ký tự điều khiển hoặc ký tự ẩn ({', '.join(bad[:5])}).",
                )
            )
        if len(value) > limit:
            found.append(
                CitizenWarning(f"{code}_too_long", f"{label} dài {len(value)} ký tự (tối đa {limit}).")
            )
    return found


def refuse_bad_text(full_name: str, address: str) -> None:
    """`CitizenTextError` when a name or an address cannot be stored as it is."""
    problems = text_warnings(full_name, address)
    if problems:
        raise CitizenTextError(
            " ".join(w.message for w in problems),
            "Đọc lại thẻ căn cước, hoặc nhập tay đúng như in trên thẻ.",
        )


def contradictions(citizen: CitizenId) -> list[CitizenWarning]:
    """The citizen's warnings that need the officer's confirmation before an intake goes on."""
    return [w for w in citizen.warnings if w.code in CONTRADICTIONS]


def check_for_intake(citizen: CitizenId, *, confirmed: bool) -> None:
    """Refuse bad text always, and contradictions unless the officer has confirmed them."""
    refuse_bad_text(citizen.full_name, citizen.address)
    found = contradictions(citizen)
    if found and not confirmed:
        raise CitizenUnconfirmedError(found)
