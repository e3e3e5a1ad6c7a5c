"""The sandbox's back office: filed dossiers move through the statuses of the contract.

A real portal's back office processes the dossier; the counter only learns its progress from
`status(code)`. Here a trainer or a test moves a dossier (`POST /sandbox/dossiers/{code}/status`,
`move`), or `--auto-progress SECONDS` moves received dossiers along by itself for demos
(`AutoProgress`). Statuses are `portal_contract.models.DOSSIER_STATUSES`:

    received → processing ⇄ waiting_citizen → result_ready → finished   (cancelled from any open one)

Time in `waiting_citizen` (a supplement was asked of the citizen) is added to `waiting_citizen_s`
when the dossier leaves it: the legal time limit does not run while the citizen owes papers.
A move may carry its moment (`at`) so a trainer can play out days in seconds; moments never go
back in time, so the waiting total stays consistent.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from datetime import datetime
from typing import Any

from common import clock
from portal_contract.models import DOSSIER_STATUSES, TERMINAL_STATUSES
from sandbox.errors import ApiError
from sandbox.store import VN_TZ, SandboxStore, progress_fields

log = logging.getLogger(__name__)

ALLOWED_MOVES: dict[str, frozenset[str]] = {
    "received": frozenset({"processing", "waiting_citizen", "result_ready", "finished", "cancelled"}),
    "processing": frozenset({"waiting_citizen", "result_ready", "finished", "cancelled"}),
    "waiting_citizen": frozenset({"processing", "result_ready", "finished", "cancelled"}),
    "result_ready": frozenset({"finished", "cancelled"}),
    "finished": frozenset(),
    "cancelled": frozenset(),
}


def status_body(row: sqlite3.Row) -> dict[str, Any]:
    """The contract's DossierStatus of one stored dossier."""
    return {
        "dossier_code": row["code"],
        "status": row["status"],
        "received_at": row["received_at"],
        "appointment_date": row["appointment_date"],
        "procedure_code": row["procedure_code"],
        **progress_fields(row),
    }


def parse_at(value: Any) -> datetime:
    """A moment from the request: ISO 8601, naive read as Vietnamese local time."""
    if not isinstance(value, str):
        raise ApiError(422, "invalid_at", "Thời điểm phải là chuỗi ISO 8601.", "at")
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ApiError(422, "invalid_at", f"Thời điểm «{value}» không hợp lệ.", "at") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=VN_TZ)


def move(
    store: SandboxStore,
    code: str,
    to: str,
    *,
    at: datetime | None = None,
    result_attached: bool | None = None,
    note: str = "",
) -> dict[str, Any]:
    """Move one dossier to `to` at `at` (default now); returns its new DossierStatus body."""
    if to not in DOSSIER_STATUSES:
        raise ApiError(
            422, "invalid_status", f"Trạng thái phải là một trong: {', '.join(DOSSIER_STATUSES)}.", "status"
        )
    # Whole seconds, as stored: the waiting total must add up from the timestamps shown.
    moment = (at or clock.utc_now().astimezone(VN_TZ)).replace(microsecond=0)
    with store.transaction() as conn:
        row = conn.execute("SELECT * FROM dossiers WHERE code = ?", (code,)).fetchone()
        if row is None:
            raise ApiError(404, "dossier_not_found", f"Không tìm thấy hồ sơ «{code}» trên cổng.")
        if to not in ALLOWED_MOVES[row["status"]]:
            raise ApiError(
                409,
                "status_not_allowed",
                f"Hồ sơ «{code}» đang ở trạng thái «{row['status']}», không chuyển sang «{to}» được.",
                "status",
            )
        last = parse_at(row["updated_at"] or row["received_at"])
        if moment < last:
            raise ApiError(
                422, "at_before_last_change", f"Thời điểm trước lần đổi trạng thái gần nhất ({last}).", "at"
            )
        stamp = moment.isoformat(timespec="seconds")
        waiting_s = float(row["waiting_citizen_s"] or 0.0)
        waiting_since = row["waiting_since"]
        if waiting_since:
            waiting_s += max(0.0, (moment - parse_at(waiting_since)).total_seconds())
            waiting_since = None
        if to == "waiting_citizen":
            waiting_since = stamp
        attached, attached_at = bool(row["result_attached"]), row["result_attached_at"]
        if to in ("result_ready", "finished") and not attached and result_attached is not False:
            attached, attached_at = True, stamp
        conn.execute(
            "UPDATE dossiers SET status = ?, updated_at = ?, result_attached = ?, result_attached_at = ?,"
            " finished_at = ?, waiting_citizen_s = ?, waiting_since = ?, note = ? WHERE code = ?",
            (
                to,
                stamp,
                int(attached),
                attached_at,
                stamp if to == "finished" else None,
                waiting_s,
                waiting_since,
                note,
                code,
            ),
        )
        return status_body(conn.execute("SELECT * FROM dossiers WHERE code = ?", (code,)).fetchone())


def move_as_asked(store: SandboxStore, code: str, body: dict[str, Any]) -> dict[str, Any]:
    """`POST /sandbox/dossiers/{code}/status` with `{"status", "at"?, "result_attached"?, "note"?}`."""
    attached = body.get("result_attached")
    if attached is not None and not isinstance(attached, bool):
        raise ApiError(422, "invalid_request", "result_attached phải là true/false.", "result_attached")
    note = body.get("note", "")
    if not isinstance(note, str):
        raise ApiError(422, "invalid_request", "note phải là chuỗi.", "note")
    at = parse_at(body["at"]) if body.get("at") is not None else None
    return move(store, code, str(body.get("status", "")), at=at, result_attached=attached, note=note)


def _next_status(row: sqlite3.Row) -> str:
    """The demo path; every third dossier (by daily serial) is asked for a supplement once."""
    status = row["status"]
    if status == "received":
        return "processing"
    if status == "processing":
        serial = int(row["code"].rsplit("-", 1)[-1]) if row["code"][-4:].isdigit() else 0
        asked = row["waiting_citizen_s"] or row["waiting_since"]
        return "waiting_citizen" if serial % 3 == 0 and not asked else "result_ready"
    if status == "waiting_citizen":
        return "processing"
    return "finished"


class AutoProgress:
    """`--auto-progress SECONDS`: each open dossier moves one status along after SECONDS in it."""

    def __init__(self, store: SandboxStore, step_s: float) -> None:
        if step_s <= 0:
            raise ValueError("step_s must be positive")
        self.store = store
        self.step_s = step_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def advance(self, now: datetime | None = None) -> int:
        """Move every dossier that has been long enough in its status; returns how many moved."""
        now = now or clock.utc_now().astimezone(VN_TZ)
        open_statuses = [s for s in DOSSIER_STATUSES if s not in TERMINAL_STATUSES]
        rows = self.store.query(
            f"SELECT * FROM dossiers WHERE status IN ({','.join('?' * len(open_statuses))})",
            tuple(open_statuses),
        )
        moved = 0
        for row in rows:
            if (now - parse_at(row["updated_at"] or row["received_at"])).total_seconds() < self.step_s:
                continue
            try:
                move(self.store, row["code"], _next_status(row), at=now, note="auto-progress")
                moved += 1
            except ApiError as exc:  # moved meanwhile by a trainer: next tick sees the new status
                log.info("auto-progress skipped %s: %s", row["code"], exc)
        return moved

    def start(self) -> AutoProgress:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="sandbox-auto-progress", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout_s: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout_s)

    def _run(self) -> None:
        tick = min(1.0, self.step_s / 4)
        while not self._stop.wait(tick):
            try:
                self.advance()
            except sqlite3.Error:
                log.exception("auto-progress: cannot read the sandbox state")
