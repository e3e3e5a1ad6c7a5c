"""A broken configuration is said at the top of the real window, with file and option, and
"demo because of it" when that is why the portal is the sandbox; a clean start shows nothing."""

from __future__ import annotations

from counter_app.context import AppContext
from counter_app.paths import app_paths
from ui.main_window import MainWindow


def _window(qtbot) -> tuple[MainWindow, AppContext]:
    ctx = AppContext.open()
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    qtbot.waitExposed(window)
    return window, ctx


def _user_config(text: str) -> None:
    path = app_paths().user_config
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_garbage_in_the_config_file_shows_a_banner_saying_demo_because_of_it(qtbot) -> None:
    _user_config('[portal]\nurl = "https://dichvucong.example.vn"\n[[[ rác')
    window, ctx = _window(qtbot)
    try:
        assert window.banner.isVisible()
        text = window.banner.text.text()
        assert "CHẾ ĐỘ DEMO VÌ CẤU HÌNH LỖI" in text
        assert "config.toml — cả tệp" in text and "sai cú pháp TOML ở dòng 3" in text
        window.banner.details.click()  # «Xem chi tiết»: the configuration tab, problems first
        assert window.stack.currentWidget() is window.diagnostics
        assert window.diagnostics.tabs.currentIndex() == 1
        assert "sai cú pháp TOML" in window.diagnostics.config_issues.text()
    finally:
        window.tasks.wait()
        ctx.close()


def test_a_bad_portal_url_is_named_with_its_file_and_option(qtbot) -> None:
    _user_config('[portal]\nurl = "not a url"\n')
    window, ctx = _window(qtbot)
    try:
        text = window.banner.text.text()
        assert "CHẾ ĐỘ DEMO VÌ CẤU HÌNH LỖI" in text
        assert "config.toml — portal.url" in text and "không phải địa chỉ web" in text
    finally:
        window.tasks.wait()
        ctx.close()


def test_a_clean_start_has_no_banner(qtbot) -> None:
    window, ctx = _window(qtbot)
    try:
        assert not window.banner.isVisible()
    finally:
        window.tasks.wait()
        ctx.close()
