"""Training mode: new officers file into the sandbox even when a real portal is configured."""

from __future__ import annotations

from counter_app.context import AppContext
from counter_app.portal.connect import connect_portal


def _machine_config(text: str) -> None:
    from counter_app.paths import app_paths

    path = app_paths().machine_config
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_training_mode_never_reaches_the_configured_portal() -> None:
    # A configured portal address that must never be contacted (TEST-NET-1, documentation range).
    _machine_config('[portal]\nurl = "https://192.0.2.1/portal"\ntraining = true\n')
    ctx = AppContext.open()
    try:
        assert ctx.config.training_mode and ctx.demo_mode
        with connect_portal(ctx, timeout_s=5) as portal:
            assert portal.is_sandbox
            assert portal.url.startswith("http://127.0.0.1:")
            assert portal.client.capabilities().api_version
    finally:
        ctx.close()


def test_training_mode_is_marked_in_the_window(qtbot) -> None:
    _machine_config('[portal]\nurl = "https://192.0.2.1/portal"\ntraining = true\n')
    from ui.main_window import MainWindow

    ctx = AppContext.open()
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert "ĐÀO TẠO" in window.windowTitle()
    assert window.status.findChild(type(window.status.office), "trainingBadge") is not None
    ctx.close()
