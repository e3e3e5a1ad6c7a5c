"""Synthetic event logs: realistic intake sequences written through `EventLog.append(ts=...)`.

Synthetic only: dossiers are named `SYN-…`, no citizen data exists in events anyway. A
`DossierSpec` says what happened to one dossier (channel, guided, fee and how it was paid,
components digitised or reused, result attached, finished when and after how much waiting
on the citizen); `dossier_events` turns it into the event sequence an intake writes, and
`write` appends many dossiers' events interleaved in time order, in batched transactions.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from counter_app.events import EventLog
from counter_app.storage.db import Database

OFFICE = "000.00.01.H31"
LOCAL = timezone(timedelta(hours=7))
PROCEDURES = {"1.001193": 0, "2.001019": 50_000, "1.004194": 20_000, "1.000894": 0}


@dataclass
class DossierSpec:
    ref: str
    created: datetime  # aware
    officer: str = "canbo1"
    office: str = OFFICE
    channel: int = 1  # how the dossier arrived
    portal_channel: int | None = 2  # channel the portal records (None: never submitted)
    procedure: str = "1.001193"
    fee: int = 0
    paid_online: bool = False
    civil_servant: bool = False
    guided: bool = False
    components: int = 2
    reused: int = 0  # how many of the components are reused, not rescanned
    unattached: int = 0  # how many digitised components were not attached
    not_provided: int = 0  # extra components declared "not provided"
    intake_s: float = 600.0  # dossier_created -> submission_queued
    receipt: bool = True
    processing_days: int = 3
    result: bool = False
    finished_after_days: float | None = None
    waiting_citizen_s: float = 0.0
    cancelled: bool = False
    online_level: str = "toan_trinh"  # how the procedure is offered: "toan_trinh" or "mot_phan"
    identify_method: str = "qr"
    supplements: int = 0  # supplement requests before the dossier is finished
    rating: str | None = None  # a satisfaction level, "skipped", or None (never asked)


# ts, office, officer, kind, ref, payload, and the step's duration_ms where the step is timed
Row = tuple[datetime, str, str, str, str, dict[str, Any], int | None]
STEP_MS = {
    "citizen_identified": 4000,
    "procedure_chosen": 9000,
    "page_scanned": 2500,
    "component_digitized": 1500,
    "dossier_signed": 3000,
    "submission_queued": 300,
    "receipt_printed": 1200,
}


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds")


def appointment_for(spec: DossierSpec) -> str:
    return (spec.created.astimezone(LOCAL).date() + timedelta(days=spec.processing_days)).isoformat()


def dossier_events(spec: DossierSpec) -> list[Row]:
    rows: list[Row] = []
    t = spec.created

    def add(kind: str, payload: dict[str, Any], at: datetime) -> None:
        rows.append((at, spec.office, spec.officer, kind, spec.ref, payload, STEP_MS.get(kind)))

    add("dossier_created", {"channel": spec.channel}, t)
    add(
        "citizen_identified",
        {"method": spec.identify_method, "civil_servant": spec.civil_servant},
        t + timedelta(seconds=20),
    )
    if spec.guided:
        add("citizen_guided", {"guided_to": "vneid"}, t + timedelta(seconds=40))
    add(
        "procedure_chosen",
        {
            "procedure_code": spec.procedure,
            "fee": spec.fee,
            "online_level": spec.online_level,
            "processing_days": spec.processing_days,
        },
        t + timedelta(seconds=60),
    )
    step = (spec.intake_s - 120) / max(1, spec.components + spec.not_provided)
    at = t + timedelta(seconds=90)
    for i in range(spec.components):
        key = f"tp{i + 1}"
        if i < spec.reused:
            add("component_reused", {"component_key": key, "reused_from": f"SYN-OLD-{i}"}, at)
        else:
            for page in (1, 2):
                add(
                    "page_scanned",
                    {"component_key": key, "page": page, "dpi": 300, "mode": "color", "blank": False},
                    at,
                )
            left_unattached = i >= spec.components - spec.unattached
            add(
                "component_digitized",
                {
                    "component_key": key,
                    "pages": 2,
                    "bytes": 180_000,
                    "attached": not left_unattached,
                    "reused": False,
                },
                at + timedelta(seconds=step / 2),
            )
        at += timedelta(seconds=step)
    for j in range(spec.not_provided):
        add("component_not_provided", {"component_key": f"np{j + 1}"}, at)
    queued = t + timedelta(seconds=spec.intake_s)
    add(
        "dossier_signed",
        {"level": "B-B", "components": spec.components, "signer": spec.officer},
        queued - timedelta(seconds=20),
    )
    add("account_checked", {"found": True}, queued - timedelta(seconds=10))
    if spec.cancelled:
        add("dossier_cancelled", {"reason": "citizen_left"}, queued)
        return rows
    appointment = appointment_for(spec)
    add("submission_queued", {"idempotency_key": f"idem-{spec.ref}"}, queued)
    if spec.portal_channel is not None:
        add(
            "submitted",
            {"portal_code": f"P-{spec.ref}", "appointment_date": appointment, "channel": spec.portal_channel},
            queued + timedelta(seconds=30),
        )
    if spec.fee:
        channel = "online" if spec.paid_online else "cash"
        add("fee_paid", {"amount": spec.fee, "payment_channel": channel}, queued + timedelta(seconds=35))
    if spec.receipt:
        received = queued + timedelta(seconds=40)
        add("receipt_printed", {"received_at": _iso(received), "appointment_date": appointment}, received)
        if spec.rating == "skipped":
            add("satisfaction_skipped", {}, received + timedelta(seconds=20))
        elif spec.rating:
            add("satisfaction_rated", {"level": spec.rating}, received + timedelta(seconds=20))
    for n in range(spec.supplements):
        add("needs_supplement", {"reason": f"thiếu giấy tờ {n + 1}"}, queued + timedelta(hours=2 + n))
    if spec.finished_after_days is not None:
        done = queued + timedelta(days=spec.finished_after_days)
        if spec.result:
            add("result_attached", {}, done - timedelta(minutes=5))
        add(
            "dossier_finished", {"finished_at": _iso(done), "waiting_citizen_s": spec.waiting_citizen_s}, done
        )
    elif spec.result:
        add("result_attached", {}, queued + timedelta(hours=1))
    return rows


def write(db: Database, specs: list[DossierSpec], *, batch: int = 5000) -> int:
    """Append every dossier's events in time order (interleaved like a real day); returns count."""
    rows = [row for spec in specs for row in dossier_events(spec)]
    rows.sort(key=lambda r: r[0])
    return append_rows(db, rows, batch=batch)


def append_rows(db: Database, rows: list[Row], *, batch: int = 5000) -> int:
    logs: dict[tuple[str, str], EventLog] = {}
    for start in range(0, len(rows), batch):
        with db.transaction() as conn:
            for at, office, officer, kind, ref, payload, duration_ms in rows[start : start + batch]:
                log = logs.get((office, officer))
                if log is None:
                    log = logs[(office, officer)] = EventLog(db, office, officer)
                log.append(
                    kind, dossier_ref=ref, duration_ms=duration_ms, payload=payload, ts=_iso(at), conn=conn
                )
    return len(rows)


def random_specs(
    n: int, *, first_day: date, days: int, seed: int = 7, officers: int = 4
) -> list[DossierSpec]:
    """A busy office: `n` dossiers spread over `days` working hours, mixed outcomes."""
    rnd = random.Random(seed)
    specs = []
    for i in range(n):
        day = first_day + timedelta(days=rnd.randrange(days))
        created = datetime(day.year, day.month, day.day, 7, 30, tzinfo=LOCAL) + timedelta(
            seconds=rnd.randrange(9 * 3600)
        )
        procedure = rnd.choice(list(PROCEDURES))
        fee = PROCEDURES[procedure]
        components = rnd.randint(1, 4)
        specs.append(
            DossierSpec(
                ref=f"SYN-{i:07d}",
                created=created,
                officer=f"canbo{rnd.randint(1, officers)}",
                channel=rnd.choices((1, 2, 3), (85, 10, 5))[0],
                portal_channel=rnd.choices((2, 1, None), (60, 30, 10))[0],
                procedure=procedure,
                fee=fee,
                paid_online=bool(fee) and rnd.random() < 0.4,
                civil_servant=rnd.random() < 0.1,
                guided=rnd.random() < 0.8,
                components=components,
                reused=rnd.randint(0, components) if rnd.random() < 0.5 else 0,
                unattached=1 if rnd.random() < 0.1 else 0,
                intake_s=rnd.uniform(240, 1500),
                processing_days=rnd.choice((1, 3, 5, 7)),
                result=rnd.random() < 0.8,
                finished_after_days=rnd.uniform(0.5, 8) if rnd.random() < 0.7 else None,
                waiting_citizen_s=rnd.choice((0, 0, 0, 86_400)),
                cancelled=rnd.random() < 0.03,
            )
        )
    return specs
