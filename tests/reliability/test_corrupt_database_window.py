"""Finding 4 in the window: a database with a damaged page takes no new dossier there either.

Real peers: the test's SQLite file with garbage written over one page, the intake screen (pytest-qt,
offscreen) with the officer typing a synthetic citizen into the manual entry form.
"""

from __future__ import annotations

from counter_app.context import AppContext
from counter_app.paths import app_paths
from tests.reliability.conftest import filed_dossier
from tests.reliability.test_database_faults import _dossier_count, _smash_table
from tests.ui.test_intake_flow import STEP_TIMEOUT, open_section, speed_up


def test_the_intake_screen_refuses_a_new_dossier_in_a_damaged_database(qtbot) -> None:
    filed_dossier()
    database = app_paths().database
    _smash_table(database, "events")
    before = _dossier_count(database)
    ctx = AppContext.open()
    try:
        speed_up(ctx)
        section = open_section(qtbot, ctx, lambda: None)
        form = section.citizen.capture.form
        qtbot.keyClicks(form.id_number, "001203004567")
        form.full_name.insert("Nguyễn Văn An")
        qtbot.keyClicks(form.date_of_birth, "15/04/2003")
        form.sex.setCurrentText("Nam")
        form.address.insert("Số 1 phố Mẫu, phường Thử Nghiệm, Hà Nội")
        qtbot.keyClicks(form.issue_date, "01/05/2021")
        form.confirm.click()
        qtbot.waitUntil(lambda: not section.busy, timeout=STEP_TIMEOUT)
        qtbot.waitUntil(section.strip.error.isVisible, timeout=STEP_TIMEOUT)
        assert "hỏng" in section.strip.error.text()
        assert section.dossier is None
    finally:
        ctx.close()
    assert _dossier_count(database) == before
