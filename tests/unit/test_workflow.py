"""The intake state machine over a real SQLite file: allowed moves, events for the KPI, reuse, supplement."""

from __future__ import annotations

import io
import itertools
from collections import deque

import pytest
from PIL import Image

from counter_app.citizen import parse_citizen_payload
from counter_app.dossier import TRANSITIONS, ComponentStatus, DossierState, PageMeta, WorkflowError
from counter_app.errors import is_known_error
from counter_app.events import EVENT_KINDS, iter_events, verify
from counter_app.workflow import Workflow

BIRTH = "1.001193"  # Đăng ký khai sinh: required to_khai_khai_sinh, giay_chung_sinh
CITIZEN = parse_citizen_payload(
    "079190000001||Nguyễn Thị Thử Nghiệm|15081990|Nữ|Số 12 Lê Lợi, Bến Nghé|15082021"
)
OTHER = parse_citizen_payload("001085000002||Trần Văn Mẫu|01021985|Nam|Thôn Đông, xã Hòa Phước|01032022")


def png(width: int = 60, height: int = 85, colour: str = "white") -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buf, "PNG", dpi=(200, 200))
    return buf.getvalue()


META = PageMeta(60, 85, 200, "color")


def captured(wf: Workflow, citizen=CITIZEN):
    d = wf.start()
    wf.identify(d, citizen, method="qr_camera")
    wf.choose_procedure(d, BIRTH)
    wf.add_page(d, "to_khai_khai_sinh", png(), META)
    wf.add_page(d, "to_khai_khai_sinh", png(colour="grey"), META)
    wf.add_page(d, "giay_chung_sinh", png(), META)
    return d


def signed(wf: Workflow, citizen=CITIZEN, extra_marriage: bool = False):
    d = captured(wf, citizen)
    if extra_marriage:
        wf.add_page(d, "giay_chung_nhan_ket_hon", png(), META)
    wf.complete_capture(d)
    for c in d.components:
        if c.status is ComponentStatus.CAPTURED:
            wf.attach_pdf(d, c.key, b"%PDF-1.7 " + c.key.encode())
    wf.complete_pdfs(d)
    for c in d.components:
        if c.status is ComponentStatus.DIGITIZED:
            wf.attach_signed(d, c.key, b"%PDF-1.7 signed " + c.key.encode())
    wf.complete_signing(d, level="B-B", signer="Cán bộ Demo")
    return d


def dossier_events(ctx, d):
    return [e for e in iter_events(ctx.db) if e.dossier_ref == d.local_ref]


def test_every_state_is_reachable_from_draft_and_cancelled_is_final():
    seen = {DossierState.DRAFT}
    todo = deque(seen)
    while todo:
        for nxt in TRANSITIONS[todo.popleft()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    assert seen == set(DossierState)
    assert TRANSITIONS[DossierState.CANCELLED] == frozenset()


def test_happy_path_writes_every_status_change_with_its_duration(ctx, wf):
    d = signed(wf)
    wf.record_fee_paid(d, 0, "none")
    wf.queue(d, job_id=1, idempotency_key="idem-1")
    wf.record_filed(d, "000.00.01.H31-261125-0001", "2026-11-26")
    wf.record_receipt(d, b"%PDF receipt", output="printer")
    assert d.state is DossierState.RECEIPT_PRINTED
    assert d.portal_code == "000.00.01.H31-261125-0001"

    events = dossier_events(ctx, d)
    changes = [e.payload for e in events if e.kind == "status_changed"]
    assert [c["to_state"] for c in changes] == [
        "draft",
        "citizen_identified",
        "procedure_chosen",
        "components_captured",
        "pdfs_built",
        "signed",
        "queued",
        "filed",
        "receipt_printed",
    ]
    for before, after in itertools.pairwise(changes):
        assert after["from_state"] == before["to_state"]
    assert all(e.duration_ms is not None and e.duration_ms >= 0 for e in events)
    kinds = [e.kind for e in events]
    for kind in (
        "dossier_created",
        "citizen_identified",
        "procedure_chosen",
        "page_scanned",
        "component_digitized",
        "dossier_signed",
        "fee_paid",
        "receipt_printed",
    ):
        assert kind in kinds
    assert all(set(EVENT_KINDS[e.kind]) <= set(e.payload) for e in events)
    digitized = [e.payload for e in events if e.kind == "component_digitized"]
    assert {p["component_key"] for p in digitized} == {"to_khai_khai_sinh", "giay_chung_sinh"}
    assert all(p["attached"] and not p["reused"] for p in digitized)
    assert [p["pages"] for p in digitized] == [2, 1]
    assert verify(ctx.db)["ok"]


def test_a_move_out_of_order_is_a_known_error_and_changes_nothing(ctx, wf):
    d = wf.start()
    with pytest.raises(WorkflowError) as info:
        wf.choose_procedure(d, BIRTH)
    assert is_known_error(info.value) and info.value.hint
    with pytest.raises(WorkflowError):
        wf.add_page(d, "to_khai_khai_sinh", png(), META)
    assert wf.open(d.local_ref).state is DossierState.DRAFT
    wf.cancel(d, "công dân không tiếp tục")
    with pytest.raises(WorkflowError):
        wf.identify(d, CITIZEN)
    assert wf.open(d.local_ref).state is DossierState.CANCELLED


def test_capture_cannot_end_while_a_required_component_is_missing(wf):
    d = wf.start()
    wf.identify(d, CITIZEN)
    wf.choose_procedure(d, BIRTH)
    wf.add_page(d, "to_khai_khai_sinh", png(), META)
    with pytest.raises(WorkflowError) as info:
        wf.complete_capture(d)
    assert info.value.code == "components_missing"
    assert "Giấy chứng sinh" in info.value.message
    wf.mark_not_provided(d, "giay_chung_sinh")  # the officer's decision; it will need a supplement
    wf.complete_capture(d)
    statuses = {c.key: c.status for c in d.components}
    assert statuses["giay_chung_sinh"] is ComponentStatus.NOT_PROVIDED
    assert statuses["giay_chung_nhan_ket_hon"] is ComponentStatus.NOT_PROVIDED  # optional, not brought


def test_a_page_added_after_signing_sends_the_dossier_back_to_capture(ctx, wf):
    d = signed(wf)
    wf.add_page(d, "giay_chung_sinh", png(), META)
    assert d.state is DossierState.PROCEDURE_CHOSEN
    component = d.component("giay_chung_sinh")
    assert component.status is ComponentStatus.CAPTURED
    assert component.signed_name is None and component.pdf_name is None
    assert [p.seq for p in component.pages] == [1, 2]
    # The untouched component keeps its signed file.
    assert d.component("to_khai_khai_sinh").status is ComponentStatus.SIGNED
    last = [e.payload for e in dossier_events(ctx, d) if e.kind == "status_changed"][-1]
    assert last == {"from_state": "signed", "to_state": "procedure_chosen", "reason": "page_added"}


def test_procedure_cannot_change_once_pages_exist(wf):
    d = captured(wf)
    with pytest.raises(WorkflowError) as info:
        wf.choose_procedure(d, "1.000656")
    assert info.value.code == "procedure_locked"


def test_pages_read_back_identical_and_removed_pages_are_gone(wf):
    d = captured(wf)
    grey = png(colour="grey")
    page = d.component("to_khai_khai_sinh").pages[1]
    assert wf.page_image(d, page) == grey
    wf.remove_page(d, "to_khai_khai_sinh", 1)
    assert [p.seq for p in d.component("to_khai_khai_sinh").pages] == [2]
    wf.add_page(d, "to_khai_khai_sinh", png(), META)
    assert [p.seq for p in d.component("to_khai_khai_sinh").pages] == [2, 3]
    assert wf.open(d.local_ref).page_count == 3


def test_queue_and_portal_answer_recorded_twice_change_nothing(ctx, wf):
    d = signed(wf)
    wf.queue(d, job_id=7, idempotency_key="idem-2")
    wf.queue(d, job_id=7, idempotency_key="idem-2")  # a retry after a crash
    wf.record_filed(d, "CODE-1", "2026-11-27")
    wf.record_filed(d, "CODE-1", "2026-11-27")
    assert d.state is DossierState.FILED and d.details["outbox_job"] == 7
    moves = [e.payload["to_state"] for e in dossier_events(ctx, d) if e.kind == "status_changed"]
    assert moves.count("queued") == 1 and moves.count("filed") == 1


def test_a_receipt_before_the_portal_answers_is_provisional(ctx, wf):
    d = signed(wf)
    wf.queue(d, job_id=1, idempotency_key="idem-3")
    name = wf.record_receipt(d, b"%PDF provisional", output="file")
    assert name == "receipt-provisional.pdf"
    assert d.state is DossierState.QUEUED
    receipt = [e for e in dossier_events(ctx, d) if e.kind == "receipt_printed"][-1]
    assert receipt.payload["provisional"] is True
    assert wf.read_file(d, name) == b"%PDF provisional"


def test_returning_citizen_sees_earlier_dossiers_and_reuses_a_signed_component(ctx, wf):
    first = signed(wf, extra_marriage=True)
    wf.queue(first, job_id=1, idempotency_key="idem-4")

    d = wf.start()
    wf.identify(d, CITIZEN, method="qr_reader")
    identified = next(e for e in dossier_events(ctx, d) if e.kind == "citizen_identified")
    assert identified.payload["returning"] is True
    assert [s.local_ref for s in wf.earlier_dossiers(d)] == [first.local_ref]

    wf.choose_procedure(d, BIRTH)
    offers = wf.reusable_components(d)
    assert [o.key for o in offers] == ["giay_chung_nhan_ket_hon"]  # reusable in the catalog and signed before
    wf.reuse_component(d, "giay_chung_nhan_ket_hon", offers[0].component_id)
    reused = d.component("giay_chung_nhan_ket_hon")
    assert reused.status is ComponentStatus.REUSED
    assert wf.read_file(d, reused.signed_name) == b"%PDF-1.7 signed giay_chung_nhan_ket_hon"
    payloads = [(e.kind, e.payload) for e in dossier_events(ctx, d)]
    assert ("component_reused", {"component_key": "giay_chung_nhan_ket_hon", "reused_from": first.local_ref,
            "reused_component_id": offers[0].component_id}) in payloads  # fmt: skip
    assert any(k == "component_digitized" and p["reused"] for k, p in payloads)

    # A component the catalog marks as not reusable, or another citizen's, is refused.
    with pytest.raises(WorkflowError):
        wf.reuse_component(d, "to_khai_khai_sinh", offers[0].component_id)
    stranger = wf.start()
    wf.identify(stranger, OTHER)
    wf.choose_procedure(stranger, BIRTH)
    assert wf.reusable_components(stranger) == []
    with pytest.raises(WorkflowError) as info:
        wf.reuse_component(stranger, "giay_chung_nhan_ket_hon", offers[0].component_id)
    assert info.value.code == "reuse_other_citizen"


def test_supplement_then_resume_capture(ctx, wf):
    d = signed(wf)
    wf.request_supplement(d, "thiếu bản sao giấy chứng nhận kết hôn", ["giay_chung_nhan_ket_hon"])
    assert d.state is DossierState.NEEDS_SUPPLEMENT
    wf.add_page(d, "giay_chung_nhan_ket_hon", png(), META)
    assert d.state is DossierState.PROCEDURE_CHOSEN
    assert d.component("giay_chung_nhan_ket_hon").status is ComponentStatus.CAPTURED
    kinds = [e.kind for e in dossier_events(ctx, d)]
    assert "needs_supplement" in kinds


def test_guidance_and_civil_servant_are_recorded(ctx, wf):
    d = wf.start()
    wf.identify(d, CITIZEN, civil_servant=True)
    wf.record_guided(d, "vneid")
    events = dossier_events(ctx, d)
    assert [e.payload["civil_servant"] for e in events if e.kind == "citizen_identified"] == [True]
    assert [e.payload for e in events if e.kind == "citizen_guided"] == [{"guided_to": "vneid"}]


@pytest.mark.usefixtures("any_hour")
def test_today_lists_the_dossiers_without_personal_data(wf):
    a = captured(wf)
    b = wf.start()
    refs = [s.local_ref for s in wf.today()]
    assert set(refs) == {a.local_ref, b.local_ref}
    assert all(CITIZEN.full_name not in repr(s) for s in wf.today())


def test_today_is_the_vietnamese_day_not_the_utc_one(ctx, wf):
    """A dossier created at 23:30 UTC belongs to the next local day (06:30 in Vietnam)."""
    from datetime import date

    from counter_app.dossier import local_day_bounds

    d = wf.start()
    with ctx.db.transaction() as conn:
        conn.execute(
            "UPDATE dossiers SET created_at = ? WHERE local_ref = ?",
            ("2026-03-01T23:30:00.000+00:00", d.local_ref),
        )
    assert [s.local_ref for s in wf.repo.dossiers_created_on(date(2026, 3, 2))] == [d.local_ref]
    assert wf.repo.dossiers_created_on(date(2026, 3, 1)) == []
    assert local_day_bounds(date(2026, 3, 2)) == (
        "2026-03-01T17:00:00.000+00:00",
        "2026-03-02T17:00:00.000+00:00",
    )


def test_a_receipt_shown_is_not_printed_until_printed_or_saved(ctx, wf):
    d = signed(wf)
    wf.queue(d, job_id=1, idempotency_key="idem-5")
    wf.record_filed(d, "000.00.01.H31-261125-0005", "2026-11-26")
    assert wf.store_receipt(d, b"%PDF final") == "receipt.pdf"
    assert d.state is DossierState.FILED
    assert not [e for e in dossier_events(ctx, d) if e.kind == "receipt_printed"]
    with pytest.raises(WorkflowError) as refused:
        wf.record_receipt(d, b"%PDF final", output="screen")
    assert refused.value.code == "receipt_output"
    wf.record_receipt(d, b"%PDF final", output="printer")
    assert d.state is DossierState.RECEIPT_PRINTED
    (printed,) = [e for e in dossier_events(ctx, d) if e.kind == "receipt_printed"]
    assert printed.payload["output"] == "printer"


def test_filing_needs_the_account_checked_or_the_citizen_guided(wf):
    d = signed(wf)
    with pytest.raises(WorkflowError) as refused:
        wf.require_account(d)
    assert refused.value.code == "account_not_checked" and "Kiểm tra tài khoản" in refused.value.hint
    wf.record_account(d, {"found": False, "provider": "", "level": 0, "account_id": "", "created": False})
    wf.require_account(wf.open(d.local_ref))
    other = signed(wf)
    wf.record_guided(other, "VNeID")
    wf.require_account(wf.open(other.local_ref))


def test_an_opening_on_another_thread_does_not_adopt_a_page_being_stored(ctx, wf, monkeypatch):
    """The window opens the dossier on worker threads (the thumbnails of the component the
    officer moved to) while pages are imported into another: an opening between a page's file
    written and its row recorded must not take the file for a crash's leftover and record it
    first (it did: the import then failed on the duplicate page). The opening here is forced into
    that very moment, on its own thread; it waits until the page is recorded, so the join is
    bounded and the test goes on without it at first."""
    import threading

    dossier = wf.start()
    wf.identify(dossier, CITIZEN, method="qr_image")
    wf.choose_procedure(dossier, BIRTH)
    real_write = ctx.workspace.write
    openers: list[threading.Thread] = []
    errors: list[BaseException] = []

    def open_elsewhere() -> None:
        try:
            Workflow(ctx).open(dossier.local_ref)
        except BaseException as exc:  # reported by the test below
            errors.append(exc)

    def write_then_open(local_ref, name, data):
        real_write(local_ref, name, data)
        if name.startswith("pages/") and not openers:
            opener = threading.Thread(target=open_elsewhere)
            openers.append(opener)
            opener.start()
            opener.join(timeout=0.5)  # done at once when nothing holds it off (the former race)

    monkeypatch.setattr(ctx.workspace, "write", write_then_open)
    wf.add_page(dossier, "to_khai_khai_sinh", png(), META)
    openers[0].join(timeout=30)
    assert not openers[0].is_alive() and errors == []
    stored = wf.open(dossier.local_ref).component("to_khai_khai_sinh").pages
    assert [p.seq for p in stored] == [1]
    kinds = [e.kind for e in dossier_events(ctx, dossier)]
    assert "page_recovered" not in kinds and kinds.count("page_scanned") == 1
