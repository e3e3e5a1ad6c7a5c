"""Personal data duties in the window: the notice on the citizen's screen before the card is read, and
the supervisor's «Dữ liệu cá nhân» tab (purge schedule, access log, a citizen's erasure)."""

from __future__ import annotations

import zipfile

import pytest

from counter_app.context import AppContext
from counter_app.intake.service import IntakeService
from counter_app.paths import app_paths
from counter_app.workflow import Workflow
from tests.integration.test_dossier_plaintext import ID_NUMBER, NAME, PAYLOAD
from tests.integration.test_privacy_rights import intake
from ui.guidance import STEP_ID
from ui.guidance_notice import NoticeGuidanceWindow
from ui.main_window import MainWindow
from ui.pages.dashboard import DashboardSection
from ui.tasks import TaskRunner


def _machine(text: str) -> None:
    path = app_paths().machine_config
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def supervisor_ctx():
    ctx = AppContext.open()
    ctx.config.set_user("officer.role", "supervisor")
    yield ctx
    ctx.close()


def test_the_citizen_reads_the_notice_before_the_card_and_not_after(qtbot, ctx):
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.open_guidance()
    guidance = main.guidance
    assert isinstance(guidance, NoticeGuidanceWindow)
    text = guidance.notice_label.text()
    assert guidance.notice_label.isVisibleTo(guidance)
    for part in (
        "Thông báo về xử lý dữ liệu cá nhân",
        "91/2025/QH15",
        "356/2025/NĐ-CP",
        "90 ngày",
        "Mục đích",
    ):
        assert part in text, part
    assert ctx.config.get("office.name") in text
    guidance.show_step(STEP_ID, name="Trần Thị Mẫu", id_number="079303001234")
    assert not guidance.notice_label.isVisibleTo(guidance)
    guidance.reset()  # the next citizen is told again
    assert guidance.notice_label.isVisibleTo(guidance)
    guidance.close()


def test_the_province_text_replaces_the_bundled_one(qtbot):
    _machine(
        '[office]\nname = "UBND xã Mẫu Sơn"\n[privacy]\nretention_days = 45\n'
        'notice = "Xã {office} giữ dữ liệu {days} ngày.\\nLiên hệ {cán bộ} khi cần."\n'
    )
    ctx = AppContext.open()
    try:
        window = NoticeGuidanceWindow.for_window(MainWindow(ctx))
        qtbot.addWidget(window)
        text = window.notice_label.text()
        assert "Xã UBND xã Mẫu Sơn giữ dữ liệu 45 ngày." in text
        assert "Liên hệ {cán bộ} khi cần." in text  # other braces are the province's own words
        assert "91/2025" not in text
    finally:
        ctx.close()


def test_an_officer_without_a_supervisor_pin_has_no_privacy_tab(qtbot, ctx):
    section = DashboardSection(ctx, TaskRunner())
    qtbot.addWidget(section)
    assert section.privacy is None


def test_the_supervisor_sees_the_schedule_and_the_access_log_exports_and_erases_a_citizen(
    qtbot, supervisor_ctx, tmp_path
):
    ctx = supervisor_ctx
    filed = intake(Workflow(ctx), PAYLOAD)
    with IntakeService(ctx) as service:
        service.view(filed.local_ref)
    section = DashboardSection(ctx, TaskRunner())
    qtbot.addWidget(section)
    view = section.privacy
    assert view is not None and section.tabs.indexOf(view) >= 0
    qtbot.waitUntil(lambda: view.schedule_table.rowCount() == 1, timeout=10_000)
    assert view.schedule_table.item(0, 0).text() == filed.local_ref
    assert view.schedule_table.item(0, 3).text() == "Cổng đã tiếp nhận"
    qtbot.waitUntil(lambda: view.access_table.rowCount() == 1, timeout=10_000)
    assert view.access_table.item(0, 2).text() == "Xem hồ sơ"
    assert view.access_table.item(0, 3).text() == filed.local_ref

    view.export_to(ID_NUMBER, tmp_path / "cong-dan.zip", None)
    qtbot.waitUntil(lambda: "Đã trích xuất 1 hồ sơ" in view.status.text(), timeout=10_000)
    assert zipfile.ZipFile(tmp_path / "cong-dan.zip").read("citizen.json")
    qtbot.waitUntil(lambda: view.access_table.rowCount() == 2, timeout=10_000)
    assert view.access_table.item(0, 2).text() == "Trích xuất dữ liệu công dân"

    view.erase(ID_NUMBER, None)
    qtbot.waitUntil(lambda: "Đã xóa" in view.status.text(), timeout=10_000)
    qtbot.waitUntil(lambda: view.schedule_table.rowCount() == 0, timeout=10_000)
    labels = [view.access_table.item(r, 2).text() for r in range(view.access_table.rowCount())]
    assert labels[:2] == ["Xóa dữ liệu công dân", "Xóa theo yêu cầu công dân"]
    assert Workflow(ctx).repo.find_citizen(ID_NUMBER) is None
    assert NAME not in view.status.text()
