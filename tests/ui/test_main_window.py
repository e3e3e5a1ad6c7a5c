"""The main window as an officer meets it: four sections, keyboard switching, honest placeholders."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from counter_app.context import AppContext
from counter_app.storage.db import utc_now
from ui.main_window import MainWindow
from ui.tasks import TaskRunner


def _window(qtbot, ctx: AppContext) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_four_sections_in_vietnamese_and_demo_title(qtbot, ctx) -> None:
    window = _window(qtbot, ctx)
    labels = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert labels == ["1  Tiếp nhận", "2  Hồ sơ hôm nay", "3  Thống kê", "4  Cài đặt & chẩn đoán"]
    assert "CHẾ ĐỘ DEMO" in window.windowTitle()
    assert "Bộ phận Một cửa" in window.status.office.text()


def test_ctrl_number_switches_section(qtbot, ctx) -> None:
    window = _window(qtbot, ctx)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=5000)
    qtbot.keyClick(window.nav, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.diagnostics
    qtbot.keyClick(window.nav, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.today
    window.tasks.wait()


@pytest.mark.usefixtures("any_hour")
def test_today_lists_dossiers_from_the_database(qtbot, ctx) -> None:
    now = utc_now()
    with ctx.db.transaction() as conn:
        conn.execute(
            "INSERT INTO dossiers (local_ref, office_code, procedure_code, state, created_at, updated_at)"
            " VALUES ('LOC-TEST-0001', ?, '1.001193', 'queued', ?, ?)",
            (ctx.config.get("office.code"), now, now),
        )
    window = _window(qtbot, ctx)
    window.show_section(1)
    qtbot.waitUntil(lambda: window.today.model.rowCount() == 1, timeout=5000)
    index = window.today.model.index(0, window.today.model.STATE)
    assert window.today.model.data(index) == "Đang chờ gửi lên cổng"  # counter_app.read_models.STATE_LABELS
    assert "1 hồ sơ" in window.today.summary.text()
    window.tasks.wait()


def test_diagnostics_runs_off_the_ui_thread_and_shows_every_section(qtbot, ctx) -> None:
    window = _window(qtbot, ctx)
    window.show_section(3)
    window.diagnostics.run_doctor()
    assert not window.diagnostics.run_button.isEnabled(), "button disabled while the check runs"
    qtbot.waitUntil(lambda: window.diagnostics.report is not None, timeout=60_000)
    names = [
        window.diagnostics.tree.topLevelItem(i).text(0)
        for i in range(window.diagnostics.tree.topLevelItemCount())
    ]
    assert "Cơ sở dữ liệu" in names and "Cấu hình" in names
    assert window.diagnostics.options.rowCount() > 10
    # No camera here: said as such, never "tốt", and not "Mọi mục đều tốt".
    results = {
        window.diagnostics.tree.topLevelItem(i).text(0): window.diagnostics.tree.topLevelItem(i).text(1)
        for i in range(window.diagnostics.tree.topLevelItemCount())
    }
    assert results["Camera"] == "– không có"
    summary = window.diagnostics.summary.text()
    assert "Mọi mục đều tốt" not in summary and "Không có: " in summary and "Camera" in summary
    facts = [
        window.diagnostics.tree.topLevelItem(i).child(j).text(1)
        for i in range(window.diagnostics.tree.topLevelItemCount())
        for j in range(window.diagnostics.tree.topLevelItem(i).childCount())
    ]
    assert not [f for f in facts if "free_bytes" in f or f.startswith(("{", "["))], facts
    assert any(f.startswith("Còn trống: ") and f.endswith(" GB") and "," in f for f in facts)
    window.tasks.wait()


def test_task_runner_delivers_result_and_error_on_the_ui_thread(qtbot) -> None:
    runner = TaskRunner()
    seen: dict[str, object] = {}
    ui_thread = threading.current_thread()

    def work(x: int) -> int:
        seen["worker"] = threading.current_thread()
        return x * 2

    def boom() -> None:
        raise ValueError("nope")

    def on_result(value: int) -> None:
        seen["result"] = value
        seen["result_thread"] = threading.current_thread()

    runner.run(work, x=21, on_result=on_result)
    runner.run(boom, on_error=lambda exc: seen.setdefault("error", exc), serial=True)
    qtbot.waitUntil(lambda: "result" in seen and "error" in seen, timeout=5000)
    assert seen["result"] == 42
    assert seen["worker"] is not ui_thread
    assert seen["result_thread"] is ui_thread
    assert isinstance(seen["error"], ValueError)


def test_progress_and_cancel_reach_the_worker(qtbot) -> None:
    runner = TaskRunner()
    progress: list[int] = []
    done: dict[str, object] = {}
    started = threading.Event()

    def long_work(progress, cancel) -> str:
        for i in range(1000):
            if cancel.cancelled:
                return f"cancelled at {i}"
            progress(i)
            started.set()
            threading.Event().wait(0.005)
        return "finished"

    task = runner.run(
        long_work, on_result=lambda r: done.setdefault("r", r), on_progress=progress.append, with_cancel=True
    )
    started.wait(5)
    task.cancel()
    qtbot.waitUntil(lambda: "r" in done, timeout=10_000)
    assert str(done["r"]).startswith("cancelled")
    qtbot.waitUntil(lambda: len(progress) > 0, timeout=5000)


def test_a_result_for_a_closed_screen_is_dropped(qtbot) -> None:
    """The officer closed the screen before the work ended: nothing reaches the dead widget."""
    from PySide6.QtWidgets import QLabel

    runner = TaskRunner()
    label = QLabel()
    release = threading.Event()
    seen: list[str] = []

    def slow() -> str:
        release.wait(5)
        return "done"

    runner.run(slow, on_result=lambda text: (seen.append(text), label.setText(text)), context=label)
    label.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(label), timeout=5000)
    release.set()
    runner.wait()
    qtbot.wait(50)
    assert seen == []


def test_guidance_window_follows_a_dossier_opened_from_today(qtbot, ctx) -> None:
    """Ctrl+G opens the citizen's screen; continuing a dossier from «Hồ sơ hôm nay» shows its step."""
    from counter_app.citizen import parse_citizen_payload
    from counter_app.workflow import Workflow

    wf = Workflow(ctx)
    dossier = wf.start()
    citizen = parse_citizen_payload("079190000001||Nguyễn Thị Thử Nghiệm|15081990|Nữ|Số 12 Lê Lợi|15082021")
    wf.identify(dossier, citizen, method="manual")
    window = _window(qtbot, ctx)
    window.open_guidance()
    assert window.guidance is not None
    window.continue_dossier(dossier.local_ref)
    qtbot.waitUntil(lambda: "Nguyễn Thị Thử Nghiệm" in window.guidance.citizen_label.text(), timeout=10_000)
    assert "079190000001" not in window.guidance.citizen_label.text(), "a public screen masks the ID number"
    assert window.stack.currentWidget() is window.intake
    window.guidance.close()
    window.tasks.wait()


def test_the_intake_libraries_load_once_the_background_services_are_up(qtbot, ctx, monkeypatch) -> None:
    """The first citizen of the day does not share the PC's cores with the signing, PDF and
    receipt libraries loading: the window warms them up once its start-up checks and services
    are up, before any citizen is identified (the warm-up itself is `heavy.warm_up`, recorded
    here rather than run again: it runs once per process)."""
    from counter_app.intake import heavy

    asked: list[tuple] = []
    monkeypatch.setattr(heavy, "warm_up", lambda *args: asked.append(args))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.start_background_checks()
    try:
        qtbot.waitUntil(lambda: bool(asked), timeout=30_000)
        assert window.intake.dossier is None  # nobody identified yet
        assert asked[0][0] == (ctx.paths.data_dir / "signing" / "demo" if ctx.demo_mode else None)
    finally:
        if window.services is not None:
            window.tasks.wait()
            window.services.stop()
