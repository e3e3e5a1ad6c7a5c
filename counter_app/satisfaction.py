"""The citizen's rating at the counter (Decision 766 group 5, indicator 5.1), as events.

After the receipt the citizen-facing screen asks how satisfied they are, with the national
portal's three levels; the citizen may add a comment or skip. One rating per dossier: a
second is refused. The rating names no one: the event carries the level and the comment
only, and a comment is stripped of anything that looks like an ID or phone number or an
e-mail address before it is stored (it is synced to the province with the other events).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from counter_app.errors import KnownError
from counter_app.events import EventLog
from counter_app.kpi.dossier import SATISFACTION_LEVELS
from counter_app.storage.db import Database

LEVEL_LABELS_VI: Mapping[str, str] = {
    "very_satisfied": "Rất hài lòng",
    "satisfied": "Hài lòng",
    "unsatisfied": "Không hài lòng",
}
COMMENT_MAX = 500
_DIGITS = re.compile(r"\+?\d[\d .-]{5,}\d")  # ID card, old CMND and phone numbers
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


class RatingError(KnownError):
    code = "satisfaction_invalid"


def scrub(comment: str) -> str:
    """The comment without numbers or addresses that could identify someone, trimmed."""
    text = _EMAIL.sub("…", _DIGITS.sub("…", comment or ""))
    return " ".join(text.split())[:COMMENT_MAX]


def already_answered(db: Database, dossier_ref: str) -> bool:
    row = (
        db.connection()
        .execute(
            "SELECT 1 FROM events WHERE dossier_ref = ? AND kind IN ('satisfaction_rated', 'satisfaction_skipped')"
            " LIMIT 1",
            (dossier_ref,),
        )
        .fetchone()
    )
    return row is not None


def _answer(db: Database, events: EventLog, dossier_ref: str, kind: str, payload: dict[str, str]) -> None:
    with db.transaction() as conn:
        # Checked inside the write transaction: two quick taps cannot both land.
        if conn.execute(
            "SELECT 1 FROM events WHERE dossier_ref = ? AND kind IN ('satisfaction_rated', 'satisfaction_skipped')",
            (dossier_ref,),
        ).fetchone():
            raise RatingError(
                "Hồ sơ này đã được đánh giá.",
                "Mỗi hồ sơ chỉ đánh giá một lần.",
                code="satisfaction_already_rated",
            )
        events.append(kind, dossier_ref=dossier_ref, payload=payload, conn=conn)


def rate(db: Database, events: EventLog, dossier_ref: str, level: str, comment: str = "") -> None:
    """Record the citizen's rating of `dossier_ref` (a level of SATISFACTION_LEVELS)."""
    if level not in SATISFACTION_LEVELS:
        raise RatingError(f"Mức đánh giá không hợp lệ: «{level}».", "Chọn một trong ba mức trên màn hình.")
    payload = {"level": level}
    cleaned = scrub(comment)
    if cleaned:
        payload["comment"] = cleaned
    _answer(db, events, dossier_ref, "satisfaction_rated", payload)


def skip(db: Database, events: EventLog, dossier_ref: str) -> None:
    """The citizen chose not to rate: logged, so the skip rate is known, and counted in no rate."""
    _answer(db, events, dossier_ref, "satisfaction_skipped", {})
