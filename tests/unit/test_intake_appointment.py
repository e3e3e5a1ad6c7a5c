"""The appointment computed at the counter when a dossier is filed (the intake service's filing step,
used by the window and the headless command alike), printed on the provisional receipt and
compared with the portal's when it answers. Real SQLite, the office clock frozen."""

from __future__ import annotations

import datetime as dt

import pypdfium2 as pdfium

from common import clock
from counter_app.dossier import Channel
from counter_app.events import iter_events
from counter_app.intake import filing
from counter_app.intake.outcomes import FilingChoice
from counter_app.workflow import Workflow
from tests.unit.test_workflow import CITIZEN, META, png, signed

VN = dt.timezone(dt.timedelta(hours=7))
CERT = "1.004873"  # Cấp Giấy xác nhận tình trạng hôn nhân: 3 working days, 2 online (catalogue)


def _file(wf: Workflow, dossier) -> None:
    """Filed as the intake files it, the citizen's account looked up first (no portal here: the
    lookup's answer is recorded as the intake records it)."""
    wf.record_account(dossier, {"found": True, "provider": "vneid", "level": 2})
    filing.file_dossier(wf, wf.open(dossier.local_ref), None, FilingChoice())


def _events(ctx, ref: str, kind: str) -> list[dict]:
    return [e.payload for e in iter_events(ctx.db) if e.dossier_ref == ref and e.kind == kind]


def _text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    try:
        return " ".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()


def test_filing_after_1500_before_30_4_stores_the_appointment_after_the_break(ctx, wf: Workflow) -> None:
    with clock.use(clock.fixed(dt.datetime(2026, 4, 29, 15, 30, tzinfo=VN))):
        dossier = signed(wf)
        _file(wf, dossier)
        dossier = wf.open(dossier.local_ref)
        assert dossier.local_appointment == dt.datetime(2026, 5, 4, 16, 0, tzinfo=VN)
        [computed] = _events(ctx, dossier.local_ref, "appointment_computed")
        assert computed == {
            "appointment_at": "2026-05-04T16:00+07:00",
            "days": 0,
            "online": False,
            "cutoff": "15:00",
        }
        outcome = filing.receipt_outcome(wf, dossier.local_ref, None)
    assert outcome.provisional
    text = _text(outcome.pdf)
    assert "16 giờ 00 phút, ngày 04 tháng 05 năm 2026 (dự kiến" in text


def test_the_return_hour_is_configurable_and_before_1500_counts_the_same_day(ctx, wf: Workflow) -> None:
    ctx.config.set_user("calendar.return_time", "10:30")
    with clock.use(clock.fixed(dt.datetime(2026, 4, 28, 9, 0, tzinfo=VN))):
        dossier = signed(wf)
        _file(wf, dossier)
    assert wf.open(dossier.local_ref).local_appointment == dt.datetime(2026, 4, 28, 10, 30, tzinfo=VN)


def test_an_online_dossier_gets_the_shorter_limit(ctx, wf: Workflow) -> None:
    """Received Tuesday 21/4/2026: 2 working days online (23/4), not 3 (24/4)."""
    with clock.use(clock.fixed(dt.datetime(2026, 4, 21, 9, 0, tzinfo=VN))):
        online = wf.start(channel=Channel.ONLINE)
        wf.identify(online, CITIZEN, method="qr_camera")
        wf.choose_procedure(online, CERT)
        for spec in wf.procedure_of(online).required_components:
            wf.add_page(online, spec.key, png(), META)
        appointment = filing.appointment_of(wf, online)
    assert (appointment.at.date(), appointment.days, appointment.online) == (dt.date(2026, 4, 23), 2, True)


def test_a_portal_appointment_on_another_day_is_kept_and_recorded(ctx, wf: Workflow) -> None:
    with clock.use(clock.fixed(dt.datetime(2026, 4, 28, 9, 0, tzinfo=VN))):
        dossier = signed(wf)
        _file(wf, dossier)
        wf.record_filed(dossier, "000.00.00.DEMO-260428-0001", "2026-04-29")
    dossier = wf.open(dossier.local_ref)
    expected = {"local_date": "2026-04-28", "portal_date": "2026-04-29"}
    assert dossier.appointment_mismatch == expected
    assert _events(ctx, dossier.local_ref, "appointment_mismatch") == [expected]


def test_the_same_appointment_from_the_portal_records_no_difference(ctx, wf: Workflow) -> None:
    with clock.use(clock.fixed(dt.datetime(2026, 4, 28, 9, 0, tzinfo=VN))):
        dossier = signed(wf)
        _file(wf, dossier)
        wf.record_filed(dossier, "000.00.00.DEMO-260428-0001", "2026-04-28")
    assert wf.open(dossier.local_ref).appointment_mismatch is None
    assert _events(ctx, dossier.local_ref, "appointment_mismatch") == []
