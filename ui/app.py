"""Start the window: logging, crash handling, translations, the context, the main window.

`--self-test` does the same start-up offscreen, checks each part, prints one JSON object
and quits: installers and CI use it to prove a build starts.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

from counter_app.context import AppContext
from counter_app.errors import error_dict, is_known_error
from counter_app.logging_setup import setup_logging

log = logging.getLogger(__name__)
RESOURCES = Path(__file__).resolve().parent.parent / "resources"
NO_DIALOGS_ENV = "COUNTER_APP_NO_DIALOGS"


def resources_dir() -> Path:
    # In a PyInstaller bundle data files sit under sys._MEIPASS.
    frozen = getattr(sys, "_MEIPASS", None)
    return Path(frozen) / "resources" if frozen else RESOURCES


def install_translator(app: Any, language: str) -> bool:
    """Vietnamese is the source language: Qt's own dialogs (file, print, message boxes) get
    `qtbase_vi.qm`, made from resources/i18n/qtbase_vi.ts (PySide6 ships none), and numbers and
    dates in Qt's widgets follow the Vietnamese locale. Other languages load a compiled .qm."""
    from PySide6.QtCore import QLocale, QTranslator

    name = "qtbase_vi" if language == "vi" else language
    if language == "vi":
        QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    translator = QTranslator(app)
    ok = translator.load(str(resources_dir() / "i18n" / f"{name}.qm"))
    if ok:
        app.installTranslator(translator)
        app._counter_translator = translator  # keep it alive as long as the app
    else:
        log.warning("translation %s not found; Qt's own dialogs stay in English", name)
    return ok


def _self_test_checks(window: Any, ctx: AppContext, app: Any) -> dict[str, Any]:
    from PySide6.QtCore import QTranslator

    checks: dict[str, Any] = {}
    checks["window"] = {"ok": window.isVisible(), "sections": window.nav.count()}
    try:
        checks["database"] = {"ok": not ctx.db.read_only, "schema": "{}.{}".format(*ctx.db.version)}
        if ctx.db.problem is not None:
            checks["database"]["error"] = error_dict(ctx.db.problem)
    except Exception as exc:
        checks["database"] = {"ok": False, "error": repr(exc)}
    probe = QTranslator()
    qm = resources_dir() / "i18n" / "en.qm"
    checks["translations"] = {"ok": probe.load(str(qm)), "file": str(qm)}
    backends: dict[str, Any] = {}
    for module in (
        "scanner.devices",
        "scanner.cleanup",
        "scanner.barcodes.reader",
        "scanner.pdf",
        "signing.pades",
        "counter_app.portal",
        "sandbox.server",
        "counter_app.kpi",
        "counter_app.sync",
    ):
        try:
            __import__(module)
            backends[module] = True
        except Exception as exc:
            backends[module] = f"{type(exc).__name__}: {exc}"
    try:
        from scanner.devices import backend_status

        backends["scanner_backends"] = {b["name"]: b["available"] for b in backend_status()}
    except Exception as exc:
        backends["scanner_backends"] = repr(exc)
    checks["imports"] = {
        "ok": all(v is True for k, v in backends.items() if k != "scanner_backends"),
        **backends,
    }
    from ui.self_test_parts import exercise_parts

    checks["parts"] = exercise_parts(ctx)  # receipt, report, QR, XMP, video: what a bundle can lose
    return checks


def _rss_mb() -> float | None:
    """Resident memory now (Linux /proc; None elsewhere): for the start-up benchmark."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def _show_startup_error(exc: BaseException) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.dialogs import show_known_error

    _app = QApplication.instance() or QApplication(sys.argv[:1])
    show_known_error(None, exc)


def run_gui(*, self_test: bool = False, demo: bool = False, no_dialogs: bool = False) -> int:
    if self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        no_dialogs = True
    no_dialogs = no_dialogs or os.environ.get(NO_DIALOGS_ENV) == "1"
    started = time.perf_counter()

    from PySide6.QtWidgets import QApplication

    from ui import crash, qtlog
    from ui.main_window import MainWindow
    from ui.tasks import wait_for_all

    try:
        ctx = AppContext.open()
        # Open (and migrate) the database before any window: a refused file is said up front.
        ctx.db  # noqa: B018
    except Exception as exc:
        if is_known_error(exc):
            sys.stderr.write(json.dumps({"error": error_dict(exc)}, ensure_ascii=False) + "\n")
            if not no_dialogs:
                _show_startup_error(exc)
            return 2
        raise
    log_file = setup_logging(ctx.paths.log_dir)
    previous_native_crash = crash.enable_faulthandler(ctx.paths.crash_dir)
    hook = crash.ExceptHook(ctx.paths.crash_dir, log_file, dialogs=not no_dialogs)
    hook.install()
    qtlog.install()
    log.info("starting (demo=%s, self_test=%s)", ctx.demo_mode or demo, self_test)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("counter-app")
    app.setApplicationDisplayName("Một Cửa Số")
    install_translator(app, ctx.config.get("ui.language"))
    try:
        window = MainWindow(ctx, ask_before_closing=not (no_dialogs or self_test))
    except Exception as exc:
        if is_known_error(exc):  # e.g. a database from a newer version
            sys.stderr.write(json.dumps({"error": error_dict(exc)}, ensure_ascii=False) + "\n")
            if not no_dialogs:
                from ui.dialogs import show_known_error

                show_known_error(None, exc)
            return 2
        raise
    window.show()
    app.processEvents()
    if ctx.db.problem is not None:  # a damaged file: open to look at, said up front, no new dossier
        from PySide6.QtCore import QCoreApplication

        window.statusBar().showMessage(
            QCoreApplication.translate(
                "MainWindow", "Cơ sở dữ liệu bị hỏng: chỉ xem được, không nhận hồ sơ mới. Báo bộ phận CNTT."
            )
        )
        if not no_dialogs:
            from ui.dialogs import show_known_error

            show_known_error(window, ctx.db.problem)
    shown_at, rss_at_shown, cpu_at_shown = time.time(), _rss_mb(), time.process_time()
    log.info("main window shown after %.0f ms", (time.perf_counter() - started) * 1000)
    if previous_native_crash is not None and not no_dialogs:
        from ui.dialogs import show_crash

        show_crash(previous_native_crash.read_text(encoding="utf-8", errors="replace"), previous_native_crash)

    if self_test:
        checks = _self_test_checks(window, ctx, app)
        ok = all(c["ok"] for c in checks.values()) and not hook.crashes
        sys.stdout.write(
            json.dumps(
                {
                    "ok": ok,
                    "checks": checks,
                    "startup_ms": round((time.perf_counter() - started) * 1000),
                    "shown_at": shown_at,
                    "rss_mb_at_shown": rss_at_shown,
                    "cpu_s_at_shown": round(cpu_at_shown, 3),  # this process's CPU time (noise-free)
                },
                ensure_ascii=False,
            )
            + "\n"
        )
        window.close()
        ctx.close()
        return 0 if ok else 1

    window.start_background_checks()
    code = app.exec()
    finished = wait_for_all()  # nothing left running in a native library when the process ends
    ctx.close()
    if not finished:
        # Every dossier step is committed already; a thread stuck in a device's library would
        # otherwise hold the window's exit forever (Qt's pools wait for their threads).
        logging.getLogger(__name__).warning("a background job did not end; leaving without it")
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code
