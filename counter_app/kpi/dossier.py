"""One dossier's KPI state, folded from its events, and what it adds to the daily counts.

The rules (domain.md §6, Decision 766/QĐ-TTg), decided here once:

- **Received**: the dossier has a receipt (`receipt_printed`) or reached the portal
  (`submitted`), or was queued for the portal (`submission_queued`) and not cancelled.
  The moment is the receipt's `received_at`, else the first queue/submit time. Dossiers
  refused, cancelled or abandoned before that are not received and count nowhere.
- **Channel**: the portal's channel from `submitted` when present (the counter files online
  in the citizen's name, which the portal counts as channel 2), else the channel the
  dossier arrived by (`dossier_created`). **Walk-in**: arrived by channel 1; the guided
  rate is guided walk-ins over walk-ins, a walk-in being guided when the officer guided the
  citizen to VNeID (`citizen_guided`) or filed it online on the citizen's account.
- **Digitised at the counter**: at least one component, and every component not declared "not
  provided" is attached (digitised with `attached` true, or reused); counted on the received
  day, it is the counter's own share of the work (the dashboard's «Số hóa thành phần» tile).
- **Digitised (4.2)**, as domain.md §6 defines it: every component file *and* the result file
  attached. A dossier just received cannot have its result yet, so 4.2 is counted on the day the
  dossier is finished, over finished dossiers; a complete intake is 1/1 at the counter and joins
  4.2 when its result is attached (counting it over received dossiers read "số hóa 0/1").
- **Fully online (toàn trình, Decree 42/2022 Art. 11)**: filed online (channel 2) for a
  procedure offered toàn trình, *and* its result issued electronically (`result_attached`,
  the e-result condition of 3.3); every other channel-2 dossier is partly online (một phần).
- **Synced (1.4)**: the dossier reached the portal (`submitted`), so its status is public.
- **Supplements**: more than one `needs_supplement` makes a finished dossier late, whatever
  its dates.
- **From citizen data (4.4)**: the citizen was identified from the ID card's data (QR,
  MRZ, chip), not typed by hand.
- **Applicant kind**: individual, organisation, agency or foreigner, from `citizen_identified`
  (an event from before the kinds existed is an individual's); **represented**: a representative
  (authorised person, guardian, staff) filed it for the applicant.
- **Satisfaction (5.1)**: the citizen's one rating (`satisfaction_rated`, the first counts);
  "rất hài lòng" and "hài lòng" are satisfied; a skipped rating (`satisfaction_skipped`)
  is in no denominator.
- **Reused**: at least one component reused from an earlier dossier.
- **Fee-bearing**: the chosen procedure has a fee > 0 (or a fee was paid); **paid online**:
  a `fee_paid` whose `payment_channel` is an online one.
- **Finished / on time**: counted on the day the dossier was finished. On time when
  `finished_at - waiting_citizen_s` is not after the appointment (a bare date means the
  end of that local day); without a known appointment it is not counted on time.
- **Intake time**: from `dossier_created` to the first of `submission_queued` or
  `receipt_printed`: the officer's work, without time waiting on the portal (cli.md).
- Days are the office's days (`office.timezone`, Asia/Ho_Chi_Minh by default); a date-time
  without an offset in a payload is read as office time, event timestamps carry their offset.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time, timedelta
from typing import Any

from common import clock
from counter_app.events import Event

ONLINE_PAYMENT_CHANNELS = frozenset({"online"})  # portal_contract.models.PAYMENT_METHODS

COUNTERS: tuple[str, ...] = (
    "received",
    "in_person",
    "online",
    "postal",
    "walk_in",
    "digitized",
    "digitized_full",
    "reused",
    "fee_bearing",
    "paid_online",
    "guided",
    "civil_servant",
    "finished",
    "on_time",
    "full_online",
    "partly_online",
    "offered_full",
    "synced",
    "e_result",
    "citizen_data",
    "rated",
    "satisfied",
    "rating_skipped",
    # Who the received dossiers were for (issue #25), and how many were filed by a representative.
    "applicant_individual",
    "applicant_organisation",
    "applicant_agency",
    "applicant_foreigner",
    "represented",
)
APPLICANT_KINDS = ("individual", "organisation", "agency", "foreigner")  # counter_app.applicant.ApplicantKind

SATISFACTION_LEVELS = ("very_satisfied", "satisfied", "unsatisfied")  # the national portal's three
SATISFIED = frozenset(SATISFACTION_LEVELS[:2])
_TYPED_BY_HAND = frozenset({"manual", ""})

GroupKey = tuple[str, str, str, str]  # (local day, office, officer, procedure)
Contribution = dict[GroupKey, dict[str, int]]


def parse_moment(value: Any) -> datetime | None:
    """An aware datetime from an ISO text (naive = local); a bare date gives its last instant."""
    if not value:
        return None
    text = str(value)
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime.combine(day, time.max, clock.zone())
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return clock.local(moment)


def local_day(moment: datetime) -> str:
    return clock.local(moment).date().isoformat()


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "co", "có"}
    return bool(value)


def fully_online_level(level: Any) -> bool:
    """ "toàn trình" however it was written ("toan_trinh", "Toàn trình")."""
    text = unicodedata.normalize("NFD", str(level or "")).replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower().replace("_", " ")
    return text.strip() == "toan trinh"


def _number(value: Any) -> float:
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        return 0.0


@dataclass
class DossierState:
    office_code: str = ""
    officer: str = ""
    procedure_code: str = ""
    created_ts: str | None = None
    arrival_channel: int | None = None
    portal_channel: int | None = None
    civil_servant: bool = False
    guided: bool = False
    fee: float = 0.0
    paid_amount: float = 0.0
    paid_online: bool = False
    # component key -> [attached, reused, not_provided]
    components: dict[str, list[bool]] = field(default_factory=dict)
    result_attached: bool = False
    queued_ts: str | None = None
    submitted_ts: str | None = None
    receipt_received_at: str | None = None
    intake_end_ts: str | None = None
    appointment: str | None = None
    finished_at: str | None = None
    waiting_citizen_s: float = 0.0
    cancelled: bool = False
    online_level: str = ""
    identify_method: str = ""
    supplement_requests: int = 0
    rating: str = ""  # one of SATISFACTION_LEVELS once rated
    rating_skipped: bool = False
    applicant_kind: str = "individual"
    represented: bool = False

    def apply(self, event: Event) -> None:
        kind, p = event.kind, event.payload
        if kind == "dossier_created":
            self.office_code, self.officer, self.created_ts = event.office_code, event.officer, event.ts
            self.arrival_channel = int(p["channel"])
        elif not self.office_code:
            # Events before (or without) dossier_created still name where the dossier is.
            self.office_code, self.officer = event.office_code, event.officer
        if kind == "citizen_identified":
            self.civil_servant = _truthy(p.get("civil_servant"))
            self.identify_method = str(p.get("method") or "")
            kind = str(p.get("applicant_kind") or "individual")
            self.applicant_kind = kind if kind in APPLICANT_KINDS else "individual"
            self.represented = bool(p.get("representative_role"))
        elif kind == "citizen_guided":
            self.guided = True
        elif kind == "procedure_chosen":
            self.procedure_code = str(p.get("procedure_code") or "")
            self.fee = _number(p.get("fee"))
            self.online_level = str(p.get("online_level") or "")
            self.components = {}  # the workflow replaces the component list with the procedure's
        elif kind == "page_scanned":
            self.components.setdefault(str(p["component_key"]), [False, False, False])
        elif kind == "component_digitized":
            comp = self.components.setdefault(str(p["component_key"]), [False, False, False])
            # The latest digitisation decides: a reused component rescanned is no longer reused.
            comp[0], comp[1], comp[2] = _truthy(p.get("attached")), _truthy(p.get("reused")), False
        elif kind == "component_reused":
            self.components[str(p["component_key"])] = [True, True, False]
        elif kind == "component_not_provided":
            self.components.setdefault(str(p["component_key"]), [False, False, False])[2] = True
        elif kind == "submission_queued":
            self.queued_ts = self.queued_ts or event.ts
            self.intake_end_ts = self.intake_end_ts or event.ts
        elif kind == "submitted":
            self.submitted_ts = self.submitted_ts or event.ts
            if p.get("channel") not in (None, ""):
                self.portal_channel = int(p["channel"])
            self.appointment = str(p.get("appointment_date") or "") or self.appointment
        elif kind == "fee_paid":
            self.paid_amount += _number(p.get("amount"))
            if str(p.get("payment_channel", "")).strip().lower() in ONLINE_PAYMENT_CHANNELS:
                self.paid_online = True
        elif kind == "receipt_printed":
            self.receipt_received_at = str(p.get("received_at") or "") or event.ts
            self.appointment = str(p.get("appointment_date") or "") or self.appointment
            self.intake_end_ts = self.intake_end_ts or event.ts
        elif kind == "result_attached":
            self.result_attached = True
        elif kind == "dossier_finished":
            self.finished_at = str(p.get("finished_at") or "") or event.ts
            self.waiting_citizen_s = _number(p.get("waiting_citizen_s"))
        elif kind == "dossier_cancelled":
            self.cancelled = True
        elif kind == "needs_supplement":
            self.supplement_requests += 1
        elif kind == "satisfaction_rated":
            if not self.rating and p.get("level") in SATISFACTION_LEVELS:
                self.rating = str(p["level"])  # one rating per dossier: the first stands
        elif kind == "satisfaction_skipped":
            self.rating_skipped = True

    # -- derived facts -------------------------------------------------------------------

    def received_moment(self) -> datetime | None:
        if self.receipt_received_at:
            return parse_moment(self.receipt_received_at)
        if self.submitted_ts or (self.queued_ts and not self.cancelled):
            return min(m for m in (parse_moment(self.queued_ts), parse_moment(self.submitted_ts)) if m)
        return None

    @property
    def channel(self) -> int:
        return self.portal_channel or self.arrival_channel or 1

    @property
    def digitized(self) -> bool:
        provided = [c for c in self.components.values() if not c[2]]
        return bool(provided) and all(c[0] for c in provided)

    @property
    def fully_online(self) -> bool:
        return self.channel == 2 and fully_online_level(self.online_level) and self.result_attached

    @property
    def reused(self) -> bool:
        return any(c[1] and not c[2] for c in self.components.values())

    @property
    def fee_bearing(self) -> bool:
        return self.fee > 0 or self.paid_amount > 0

    def on_time(self) -> bool:
        finished, due = parse_moment(self.finished_at), parse_moment(self.appointment)
        if finished is None or due is None or self.supplement_requests > 1:
            return False
        return finished - timedelta(seconds=self.waiting_citizen_s) <= due

    def intake_seconds(self) -> float | None:
        start, end = parse_moment(self.created_ts), parse_moment(self.intake_end_ts)
        if start is None or end is None:
            return None
        return max(0.0, (end - start).total_seconds())

    def received_day(self) -> str | None:
        moment = self.received_moment()
        return local_day(moment) if moment else None

    def finished_day(self) -> str | None:
        moment = parse_moment(self.finished_at)
        return local_day(moment) if moment else None

    def contribution(self) -> Contribution:
        """What this dossier adds to the daily counts, keyed by (day, office, officer, procedure)."""
        out: Contribution = {}
        received = self.received_day()
        if received:
            walk_in = self.arrival_channel == 1
            out[(received, self.office_code, self.officer, self.procedure_code)] = {
                "received": 1,
                "in_person": int(self.channel == 1),
                "online": int(self.channel == 2),
                "postal": int(self.channel == 3),
                "walk_in": int(walk_in),
                "digitized": int(self.digitized),
                "reused": int(self.reused),
                "fee_bearing": int(self.fee_bearing),
                "paid_online": int(self.fee_bearing and self.paid_online),
                # Filing online on the citizen's own account at the counter introduces them to it.
                "guided": int(walk_in and (self.guided or self.portal_channel == 2)),
                "civil_servant": int(self.civil_servant),
                "full_online": int(self.fully_online),
                "partly_online": int(self.channel == 2 and not self.fully_online),
                "offered_full": int(fully_online_level(self.online_level)),
                "synced": int(bool(self.submitted_ts)),
                "citizen_data": int(self.identify_method not in _TYPED_BY_HAND),
                "rated": int(bool(self.rating)),
                "satisfied": int(self.rating in SATISFIED),
                "rating_skipped": int(self.rating_skipped and not self.rating),
                **{f"applicant_{kind}": int(self.applicant_kind == kind) for kind in APPLICANT_KINDS},
                "represented": int(self.represented),
            }
        finished = self.finished_day()
        if finished:
            key = (finished, self.office_code, self.officer, self.procedure_code)
            counts = out.setdefault(key, {})
            counts["finished"] = 1
            counts["on_time"] = int(self.on_time())
            counts["e_result"] = int(self.result_attached)
            counts["digitized_full"] = int(self.digitized and self.result_attached)
        return out

    def to_json(self) -> dict[str, Any]:
        # Shallow on purpose: dataclasses.asdict deep-copies and dominated the fold's time.
        return {name: getattr(self, name) for name in _FIELD_NAMES}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DossierState:
        return cls(**data)


_FIELD_NAMES = tuple(f.name for f in fields(DossierState))


def fold(events: list[Event] | Any) -> dict[str, DossierState]:
    """Every dossier's state from scratch: the reference the incremental tables must equal."""
    states: dict[str, DossierState] = {}
    for event in events:
        if event.dossier_ref:
            states.setdefault(event.dossier_ref, DossierState()).apply(event)
    return states
