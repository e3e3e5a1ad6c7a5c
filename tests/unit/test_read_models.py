"""The window's lists read from a real SQLite file: the office's day, the core's state labels, the
citizen's name only where the resume menu needs it."""

from __future__ import annotations

from datetime import date, datetime, timezone

from common import clock
from counter_app.dossier import DossierState
from counter_app.read_models import STATE_LABELS, resumable_dossiers, today_dossiers
from counter_app.workflow import Workflow
from tests.unit.test_workflow import BIRTH, CITIZEN, captured

S = DossierState


def _created_at(ctx, ref: str, stamp: str) -> None:
    with ctx.db.transaction() as conn:
        conn.execute("UPDATE dossiers SET created_at = ? WHERE local_ref = ?", (stamp, ref))


def test_today_is_the_office_day_whatever_the_pc_zone(ctx):
    wf = Workflow(ctx)
    early, late, before = wf.start(), wf.start(), wf.start()
    _created_at(ctx, early.local_ref, "2026-03-01T17:00:00.000+00:00")  # 00:00 on 2 March in Hà Nội
    _created_at(ctx, late.local_ref, "2026-03-02T16:59:59.999+00:00")  # 23:59 on 2 March
    _created_at(ctx, before.local_ref, "2026-03-01T16:59:59.999+00:00")  # 23:59 on 1 March
    rows = today_dossiers(ctx.db, date(2026, 3, 2))
    assert [r.local_ref for r in rows] == [late.local_ref, early.local_ref]  # newest first
    assert rows[1].created_local.strftime("%d/%m %H:%M") == "02/03 00:00"
    # "Today" is the office clock's, not the operating system's.
    with clock.use(clock.fixed(datetime(2026, 3, 1, 18, 0, tzinfo=timezone.utc))):
        assert {r.local_ref for r in today_dossiers(ctx.db)} == {early.local_ref, late.local_ref}


def test_labels_are_the_core_ones_and_no_name_is_listed(ctx):
    wf = Workflow(ctx)
    draft = wf.start()
    d = captured(wf)
    rows = {r.local_ref: r for r in today_dossiers(ctx.db)}
    assert rows[draft.local_ref].state_label == STATE_LABELS[S.DRAFT] == "Mới tạo"
    assert rows[d.local_ref].state is S.PROCEDURE_CHOSEN and rows[d.local_ref].procedure_code == BIRTH
    assert CITIZEN.full_name not in repr(list(rows.values()))


def test_officer_filter(ctx):
    wf = Workflow(ctx)
    d = wf.start()
    me = str(ctx.config.get("officer.username"))
    assert [r.local_ref for r in today_dossiers(ctx.db, officer=me)] == [d.local_ref]
    assert today_dossiers(ctx.db, officer="someone-else") == []


def test_resumable_dossiers_name_the_citizen_and_leave_out_the_closed_ones(ctx):
    wf = Workflow(ctx)
    open_one = captured(wf)
    blank = wf.start()
    cancelled = captured(wf)
    wf.cancel(cancelled, "Công dân xin rút hồ sơ")
    entries = {e.local_ref: e for e in resumable_dossiers(ctx.db, ctx.data_key, wf.catalog)}
    assert set(entries) == {open_one.local_ref, blank.local_ref}
    assert entries[open_one.local_ref].citizen_name == CITIZEN.full_name
    assert entries[open_one.local_ref].procedure_name == "Đăng ký khai sinh"
    assert entries[blank.local_ref].citizen_name == "" and entries[blank.local_ref].procedure_name == ""
