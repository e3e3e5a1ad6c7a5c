"""Removing one dossier's personal data: its workspace files, its citizen's sealed record, a foreign
applicant's sealed passport data and the link to its representative (whose record goes too when no
other dossier names them).

What stays is pseudonymous: the dossier row (reference, procedure, state, dates, portal code), its
components' names and statuses, and every event, so the KPI figures and the audit chain are the
same after as before. The files go first and the rows after: a crash in between leaves a dossier
with no files that the next run marks purged, never a purged dossier that still has files. The
database is told to overwrite what it deletes (`secure_delete`) and its write-ahead log is folded
back, so no sealed copy of the citizen lingers in free pages either.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common import clock
from counter_app.context import AppContext
from counter_app.errors import KnownError

log = logging.getLogger(__name__)

RETENTION = "retention"
ERASURE = "erasure"
# Outbox jobs in these states are finished with their request: its sealed copy of the citizen can go.
_DONE_JOBS = ("sent", "cancelled", "needs_attention")


class PrivacyError(KnownError):
    code = "privacy_invalid"


@dataclass
class Tally:
    """What a privacy command did: the contract's `{"dossiers", "files", "bytes"}`."""

    dossiers: int = 0
    files: int = 0
    bytes: int = 0

    def add(self, files: int, size: int) -> None:
        self.dossiers += 1
        self.files += files
        self.bytes += size

    def as_dict(self) -> dict[str, int]:
        return {"dossiers": self.dossiers, "files": self.files, "bytes": self.bytes}


def dossier_files(ctx: AppContext, local_ref: str) -> list[Path]:
    """Every file on disk that belongs to the dossier: its workspace and any plain receipt copy an
    older version saved in the data folder's receipts/."""
    folder = ctx.workspace.folder(local_ref)
    files = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
    receipts = ctx.paths.receipts
    if receipts.is_dir():
        files += sorted(p for p in receipts.glob(f"{local_ref}-*") if p.is_file())
    return files


def measure(ctx: AppContext, local_ref: str) -> tuple[int, int]:
    files = dossier_files(ctx, local_ref)
    return len(files), sum(p.stat().st_size for p in files)


def live_jobs(conn: sqlite3.Connection, local_ref: str) -> int:
    return int(
        conn.execute(
            "SELECT COUNT(*) FROM outbox_jobs WHERE dossier_ref = ? AND state NOT IN"
            f" ({','.join('?' * len(_DONE_JOBS))})",
            (local_ref, *_DONE_JOBS),
        ).fetchone()[0]
    )


def _check_can_forget(conn: sqlite3.Connection, local_ref: str) -> sqlite3.Row:
    row = conn.execute(
        "SELECT id, citizen_id, representative_id, details_json FROM dossiers WHERE local_ref = ?",
        (local_ref,),
    ).fetchone()
    if row is None:
        raise PrivacyError(f"Không tìm thấy hồ sơ {local_ref}.", code="dossier_missing")
    if live_jobs(conn, local_ref):
        raise PrivacyError(
            f"Hồ sơ {local_ref} còn đang chờ gửi lên cổng; chưa xóa được dữ liệu.",
            "Chờ cổng tiếp nhận hoặc hủy việc gửi trong hàng đợi, rồi làm lại.",
            code="privacy_dossier_in_flight",
        )
    return row


def forget_dossier(ctx: AppContext, local_ref: str, reason: str) -> tuple[int, int]:
    """Remove the dossier's files and personal data; (files, bytes) removed. Its citizen's sealed
    record goes too when no other dossier still refers to it."""
    _check_can_forget(ctx.db.connection(), local_ref)
    files = dossier_files(ctx, local_ref)
    count, size = len(files), sum(p.stat().st_size for p in files)
    ctx.workspace.remove_dossier(local_ref)
    for path in files:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
    if any(p.exists() for p in files):
        # Windows keeps a file another program has open: the dossier stays unpurged, tried again later.
        raise PrivacyError(
            f"Chưa xóa được hết tệp của hồ sơ {local_ref} (tệp đang được mở?).",
            "Đóng chương trình đang mở tệp của hồ sơ rồi làm lại; việc xóa tự động sẽ thử lại vào ngày mai.",
            code="privacy_files_in_use",
        )
    db = ctx.db
    conn = db.connection()
    conn.execute("PRAGMA secure_delete = ON")
    with db.transaction() as conn:
        row = _check_can_forget(conn, local_ref)
        details: dict[str, Any] = json.loads(row["details_json"] or "{}")
        details["purged"] = {"at": clock.utc_stamp(), "reason": reason}
        conn.execute(
            "DELETE FROM pages WHERE component_id IN (SELECT id FROM components WHERE dossier_id = ?)",
            (row["id"],),
        )
        conn.execute(
            "UPDATE components SET pdf_name = NULL, signed_name = NULL WHERE dossier_id = ?", (row["id"],)
        )
        # A foreigner's passport data and the representative are personal data; an organisation's
        # or agency's name and tax code are not (issue #25): they stay with the pseudonymous row.
        conn.execute(
            "UPDATE dossiers SET citizen_id = NULL, applicant_enc = NULL, representative_id = NULL,"
            " details_json = ? WHERE id = ?",
            (json.dumps(details, ensure_ascii=False), row["id"]),
        )
        conn.execute(
            f"UPDATE outbox_jobs SET payload = '' WHERE dossier_ref = ? AND state IN ({','.join('?' * len(_DONE_JOBS))})",
            (local_ref, *_DONE_JOBS),
        )
        for citizen in {row["citizen_id"], row["representative_id"]} - {None}:
            drop_unused_citizen(conn, citizen)
        ctx.events.append(
            "dossier_purged",
            dossier_ref=local_ref,
            payload={"reason": reason, "files": count, "bytes": size},
            conn=conn,
        )
    return count, size


def drop_unused_citizen(conn: sqlite3.Connection, citizen: int) -> None:
    """Delete a sealed citizen no dossier still names, as applicant or as representative."""
    conn.execute(
        "DELETE FROM citizens WHERE id = ? AND NOT EXISTS"
        " (SELECT 1 FROM dossiers WHERE citizen_id = ? OR representative_id = ?)",
        (citizen, citizen, citizen),
    )


def fold_log(ctx: AppContext) -> None:
    """Fold the write-ahead log into the database (and empty it): it may hold older pages with the
    sealed records just deleted. Another connection reading at that moment only delays it."""
    with contextlib.suppress(sqlite3.Error):
        ctx.db.connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")
