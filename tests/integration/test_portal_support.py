"""Helpers shared by the portal and outbox tests (no tests here): synthetic dossiers and PDFs.

Every citizen here is synthetic. PDFs are small but real enough for the portal's checks
(`%PDF-` header, size, sha256).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import httpx

from counter_app.events import EventLog
from counter_app.portal.outbox import Outbox
from counter_app.storage.db import Database
from portal_contract.models import Applicant, ComponentUpload, SubmissionRequest

OFFICE = "000.00.01.H31"
BIRTH_PROCEDURE = "1.001193"  # Đăng ký khai sinh: to_khai_khai_sinh + giay_chung_sinh required
APPLICANT = Applicant(id_number="001203004567", full_name="Nguyễn Thị Thử Nghiệm", address="Số 1, Phường Mẫu")


def write_pdf(folder: Path, name: str, size: int = 4000) -> ComponentUpload:
    data = b"%PDF-1.7\n%synthetic\n" + (name.encode() * (size // max(1, len(name)) + 1))[:size]
    path = folder / f"{name}.pdf"
    path.write_bytes(data)
    return ComponentUpload(
        key=name,
        name=f"Thành phần {name}",
        file_name=path.name,
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        pages=1,
    )


def birth_request(folder: Path, local_ref: str, size: int = 4000, **changes: object) -> SubmissionRequest:
    folder.mkdir(parents=True, exist_ok=True)
    components = (
        write_pdf(folder, "to_khai_khai_sinh", size),
        write_pdf(folder, "giay_chung_sinh", size),
    )
    fields: dict[str, object] = {
        "office_code": OFFICE,
        "local_ref": local_ref,
        "procedure_code": BIRTH_PROCEDURE,
        "applicant": APPLICANT,
        "components": components,
    }
    fields.update(changes)
    return SubmissionRequest(**fields)  # type: ignore[arg-type]


def open_outbox(db_path: Path) -> tuple[Database, EventLog, Outbox]:
    db = Database(db_path)
    events = EventLog(db, OFFICE, "tester")
    return db, events, Outbox(db, events)


def sandbox_dossiers(url: str) -> list[dict]:
    return httpx.get(f"{url}/sandbox/dossiers", timeout=10).json()["dossiers"]
