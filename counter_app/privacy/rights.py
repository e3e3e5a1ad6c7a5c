"""One citizen's rights over what the counter holds: a copy of it all, or its erasure.

Both need the supervisor's authorisation: the PIN IT set in the machine file
(`counter_app.supervisor_pin`) when there is one; without one, whoever may run the command (IT at
the command line, a supervisor in the window). Both are events of the audit chain, naming the
dossiers, never the citizen. The citizen is found by the keyed hash of the ID number, so the
number itself is never stored or logged.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import IO, Any

from common import clock
from common.atomic import atomic_write
from counter_app.context import AppContext
from counter_app.dossier import FILED_STATES, DossierState
from counter_app.embedded import forget_in_demo_portal
from counter_app.events import iter_events
from counter_app.portal.connect import DEMO_PORTAL_STATE
from counter_app.privacy.forget import ERASURE, PrivacyError, Tally, fold_log, forget_dossier
from counter_app.privacy.retention import is_purged
from counter_app.repository import Repository
from counter_app.supervisor_pin import check_pin, configured_hash

PIN = "pin"
ROLE = "role"
NO_PIN_SET = "no_pin_set"


def authorise(ctx: AppContext, pin: str | None) -> str:
    """How the action is authorised (`pin`, `role`, `no_pin_set`); PrivacyError when it is not."""
    stored = configured_hash(ctx.config)
    if stored:
        if not pin:
            raise PrivacyError(
                "Cần mã PIN của lãnh đạo bộ phận cho việc này.",
                "Nhập mã PIN lãnh đạo bộ phận (dòng lệnh: --supervisor-pin).",
                code="supervisor_pin_required",
            )
        if not check_pin(pin, stored):
            raise PrivacyError(
                "Mã PIN lãnh đạo bộ phận không đúng.",
                "Nhập lại; nếu quên mã PIN, hãy liên hệ bộ phận CNTT.",
                code="supervisor_pin_wrong",
            )
        return PIN
    return ROLE if ctx.is_supervisor else NO_PIN_SET


def _citizen_dossiers(ctx: AppContext, id_number: str) -> tuple[Any, list[str]]:
    repo = Repository(ctx.db, ctx.data_key)
    ref = repo.find_citizen(id_number)
    if ref is None:
        return None, []
    rows = ctx.db.connection().execute(
        "SELECT local_ref FROM dossiers WHERE citizen_id = ? ORDER BY created_at", (ref.id,)
    )
    return ref, [r["local_ref"] for r in rows]


def _not_found(id_number: str) -> PrivacyError:
    return PrivacyError(
        "Không có dữ liệu nào của công dân có số định danh này trên máy.",
        "Kiểm tra lại số định danh; dữ liệu có thể đã được xóa theo thời hạn lưu.",
        code="citizen_not_found",
    )


def export_citizen(ctx: AppContext, id_number: str, out: Path, *, pin: str | None = None) -> Tally:
    """A zip at `out`: `citizen.json` (the card's data, each dossier, who accessed it) and every
    file of each dossier, decrypted, under `<dossier>/`."""
    authorised_by = authorise(ctx, pin)
    repo = Repository(ctx.db, ctx.data_key)
    ref, refs = _citizen_dossiers(ctx, id_number.strip())
    if ref is None:
        raise _not_found(id_number)
    citizen = repo.load_citizen(ref)
    tally = Tally()
    dossiers = []

    def write(handle: IO[bytes]) -> None:
        with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
            for local_ref in refs:
                dossier = repo.load(local_ref)
                names = ctx.workspace.names(local_ref)
                for name in names:
                    archive.writestr(f"{local_ref}/{name}", ctx.workspace.read(local_ref, name))
                tally.add(len(names), 0)
                dossiers.append(_dossier_record(ctx, dossier, names))
            record = {
                "exported_at": clock.utc_stamp(),
                "office": {"code": ctx.config.get("office.code"), "name": ctx.config.get("office.name")},
                "citizen": citizen.as_dict(),
                "dossiers": dossiers,
                # Dossiers of others they filed as representative: what was recorded, not the files.
                "represented": _represented(ctx, repo, ref.id),
            }
            archive.writestr("citizen.json", json.dumps(record, ensure_ascii=False, indent=2, default=str))

    atomic_write(Path(out), write)
    tally.bytes = Path(out).stat().st_size
    ctx.events.append(
        "citizen_exported",
        payload={
            "dossiers": refs,
            "files": tally.files,
            "bytes": tally.bytes,
            "authorised_by": authorised_by,
        },
    )
    return tally


def _represented(ctx: AppContext, repo: Repository, citizen_id: int) -> list[dict[str, Any]]:
    rows = ctx.db.connection().execute(
        "SELECT local_ref FROM dossiers WHERE representative_id = ? ORDER BY created_at", (citizen_id,)
    )
    out = []
    for row in rows:
        dossier = repo.load(row["local_ref"])
        out.append(
            {
                "local_ref": dossier.local_ref,
                "procedure_code": dossier.procedure_code,
                "role": dossier.representative_role.value if dossier.representative_role else None,
                "applicant_kind": dossier.applicant_kind.value,
                "created_at": dossier.created_at,
            }
        )
    return out


def _dossier_record(ctx: AppContext, dossier: Any, names: list[str]) -> dict[str, Any]:
    access = [
        {"when": e.ts, "what": e.kind, "officer": e.officer}
        for e in iter_events(ctx.db)
        if e.dossier_ref == dossier.local_ref
    ]
    return {
        "local_ref": dossier.local_ref,
        "portal_code": dossier.portal_code,
        "procedure_code": dossier.procedure_code,
        "state": dossier.state.value,
        "channel": int(dossier.channel),
        "created_at": dossier.created_at,
        "received_at": dossier.received_at,
        "appointment_date": dossier.appointment_date,
        "components": [
            {"key": c.key, "name": c.name, "status": c.status.value, "pages": len(c.pages)}
            for c in dossier.components
        ],
        "files": names,
        "events": access,
    }


def erase_citizen(ctx: AppContext, id_number: str, *, pin: str | None = None) -> Tally:
    """Remove every file and the sealed record of the citizen; their dossiers' events stay, and
    the dossiers stay as pseudonymous rows. Refused while one of their dossiers is still on its
    way (neither acknowledged by the portal nor cancelled): finish or cancel it first."""
    authorised_by = authorise(ctx, pin)
    ref, refs = _citizen_dossiers(ctx, id_number.strip())
    tally = Tally()
    if ref is not None:
        conn = ctx.db.connection()
        busy = []
        for local_ref in refs:
            row = conn.execute(
                "SELECT state, portal_code, details_json FROM dossiers WHERE local_ref = ?", (local_ref,)
            ).fetchone()
            state = DossierState(row["state"])
            done = state is DossierState.CANCELLED or (state in FILED_STATES and row["portal_code"])
            if not done and not is_purged(row["details_json"]):
                busy.append(local_ref)
        if busy:
            raise PrivacyError(
                "Công dân còn hồ sơ đang xử lý: " + ", ".join(busy) + ".",
                "Nộp xong (cổng đã tiếp nhận) hoặc hủy các hồ sơ này, rồi xóa dữ liệu.",
                code="privacy_dossier_in_flight",
            )
        for local_ref in refs:
            tally.add(*forget_dossier(ctx, local_ref, ERASURE))
        conn.execute("PRAGMA secure_delete = ON")
        with ctx.db.transaction() as conn:
            conn.execute("UPDATE dossiers SET citizen_id = NULL WHERE citizen_id = ?", (ref.id,))
            # Where they only acted for someone else, the link goes; that applicant's dossier stays.
            conn.execute(
                "UPDATE dossiers SET representative_id = NULL WHERE representative_id = ?", (ref.id,)
            )
            conn.execute("DELETE FROM citizens WHERE id = ?", (ref.id,))
        fold_log(ctx)
        forget_in_demo_portal(ctx.paths.data_dir / DEMO_PORTAL_STATE, refs, id_number.strip())
    ctx.events.append(
        "citizen_erased",
        payload={
            "dossiers": refs,
            "files": tally.files,
            "bytes": tally.bytes,
            "authorised_by": authorised_by,
        },
    )
    return tally
