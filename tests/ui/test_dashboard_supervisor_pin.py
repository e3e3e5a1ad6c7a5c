"""«Xem toàn bộ phận…»: an officer's dashboard opens to the whole office with the supervisor PIN IT set."""

from __future__ import annotations

from datetime import timedelta

import pytest

from common import clock
from counter_app.context import AppContext
from counter_app.events import iter_events
from counter_app.paths import app_paths
from counter_app.supervisor_pin import hash_pin
from tests.synthetic_events import DossierSpec, write
from ui.pages.dashboard import DashboardSection
from ui.tasks import TaskRunner

# Dates here are the office's: each test runs either side of 17:00 UTC, on a UTC and a Vietnamese PC.
pytestmark = pytest.mark.usefixtures("any_hour")

PIN = "482913"


def _machine_pin(stored: str) -> None:
    path = app_paths().machine_config
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f'[office]\nsupervisor_pin = "{stored}"\n[lock]\noptions = ["office.supervisor_pin"]\n',
        encoding="utf-8",
    )


@pytest.fixture
def officer_ctx():
    _machine_pin(hash_pin(PIN))
    ctx = AppContext.open()
    start = clock.now().replace(hour=8, minute=0, second=0, microsecond=0)
    me = ctx.config.get("officer.username")
    write(
        ctx.db,
        [
            DossierSpec("SYN-1", start, officer=me),
            DossierSpec("SYN-2", start + timedelta(minutes=20), officer="canbo2"),
            DossierSpec("SYN-3", start + timedelta(minutes=40), officer="canbo2"),
        ],
    )
    yield ctx
    ctx.close()


def _loaded(qtbot, section: DashboardSection) -> None:
    section.data = None
    section.refresh()
    qtbot.waitUntil(lambda: section.data is not None, timeout=20_000)


def _type_pin(qtbot, section: DashboardSection, pin: str) -> None:
    dialog = section.pin_dialog
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=10_000)
    qtbot.keyClicks(dialog.pin_edit, pin)
    dialog.ok_button.click()


def test_the_right_pin_shows_the_whole_office(qtbot, officer_ctx: AppContext) -> None:
    section = DashboardSection(officer_ctx, TaskRunner())
    qtbot.addWidget(section)
    _loaded(qtbot, section)
    assert sum(r.received for r in section.data.daily) == 1  # the officer's own dossier only
    assert "của tôi" in section.title.text()
    assert section.tabs.indexOf(section.officer_table) < 0
    assert not section.unlock_button.isHidden()

    section.unlock_button.click()
    dialog = section.pin_dialog
    assert dialog.pin_edit.echoMode() == dialog.pin_edit.EchoMode.Password
    _type_pin(qtbot, section, "000000")
    qtbot.waitUntil(lambda: "không đúng" in dialog.message.text(), timeout=10_000)
    assert "Còn 2 lần" in dialog.message.text()
    assert not section.unlocked and dialog.isVisible()

    section.data = None
    _type_pin(qtbot, section, PIN)
    qtbot.waitUntil(lambda: section.unlocked and section.data is not None, timeout=20_000)
    assert not dialog.isVisible()
    assert sum(r.received for r in section.data.daily) == 3
    assert "toàn bộ phận" in section.title.text()
    assert section.tabs.indexOf(section.officer_table) >= 0
    assert section.officer_table.rowCount() == 2
    assert section.unlock_button.isHidden()
    unlocked = [e for e in iter_events(officer_ctx.db) if e.kind == "supervisor_unlocked"]
    assert [(e.officer, e.payload["method"]) for e in unlocked] == [
        (officer_ctx.config.get("officer.username"), "pin")
    ]
    section.tasks.wait()


def test_wrong_pins_pause_the_dialog_and_never_unlock(qtbot, officer_ctx: AppContext) -> None:
    section = DashboardSection(officer_ctx, TaskRunner())
    qtbot.addWidget(section)
    section.unlock_button.click()
    dialog = section.pin_dialog
    for pin in ("111111", "222222", "333333"):
        _type_pin(qtbot, section, pin)
        qtbot.waitUntil(lambda: "Đang kiểm tra" not in dialog.message.text(), timeout=10_000)
    assert "chờ" in dialog.message.text()
    assert not dialog.pin_edit.isEnabled() and not dialog.ok_button.isEnabled()
    dialog.reject()
    section.unlock_button.click()  # reopening does not skip the pause
    assert not dialog.ok_button.isEnabled() and "chờ" in dialog.message.text()
    assert section.pin_gate.attempt(PIN).wait_s > 0
    assert not section.unlocked
    assert not [e for e in iter_events(officer_ctx.db) if e.kind == "supervisor_unlocked"]
    dialog.reject()
    section.tasks.wait()


def test_no_pin_button_without_a_pin_from_it_or_for_a_supervisor(qtbot) -> None:
    ctx = AppContext.open()
    try:
        plain = DashboardSection(ctx, TaskRunner())
        qtbot.addWidget(plain)
        assert plain.unlock_button.isHidden()  # no PIN configured
        ctx.config.set_user("office.supervisor_pin", hash_pin(PIN))
        officer_file = DashboardSection(ctx, TaskRunner())
        qtbot.addWidget(officer_file)
        assert officer_file.unlock_button.isHidden()  # not from IT's file
    finally:
        ctx.close()
    _machine_pin(hash_pin(PIN))
    path = app_paths().machine_config
    path.write_text(path.read_text(encoding="utf-8") + '[officer]\nrole = "supervisor"\n', encoding="utf-8")
    ctx = AppContext.open()
    try:
        supervisor = DashboardSection(ctx, TaskRunner())
        qtbot.addWidget(supervisor)
        assert supervisor.unlock_button.isHidden() and "toàn bộ phận" in supervisor.title.text()
    finally:
        ctx.close()
