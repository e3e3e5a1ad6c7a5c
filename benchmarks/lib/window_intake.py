"""One dossier through the real main window, as an officer drives it, timed: the child process
that `benchmarks/intake.py --through window` starts once per run (offscreen, a fresh data folder):

    python -m benchmarks.lib.window_intake SPEC.json

The window is started as `counter-app` starts it (`ui.app.run_gui`: the context, `MainWindow`,
its background checks and services; demo mode, so the portal is the sandbox on loopback in this
process and the demo keystore signs unless a SoftHSM2 token is named). Once it has settled, the
officer of `tests/ui/intake_driver.py` works through the «Tiếp nhận» section with keystrokes and
the window's own dialogs: the ID card photo opened (Ctrl+O), the procedure searched, each
component's page files imported (Ctrl+O, the same files the headless intake gets; the officer
goes down the checklist without waiting, each import taking its turn behind the one before, and
the capture step ends once every page is stored and shown), the PDFs built
(Ctrl+B), signed (Ctrl+K, the certificate chosen, the PIN typed for a token), filed (Ctrl+Enter),
the final receipt awaited and saved (Ctrl+Shift+S).

Each step's time runs from the officer's action to its result on screen (the driver's waits poll
every millisecond), less the time the driver spends typing text or choosing in a list
(`Officer.typing_s`). As for the headless intake, the time the outbox spends waiting for the portal
(from the job being queued to the portal's answer recorded, the `submitted` event) is left out of
the steps it overlaps and reported on its own. Prints one JSON object.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

SETTLE_S = 30.0  # the window's start-up checks (doctor, token watcher, services) before the officer starts


def fine_wait(condition: Callable[[], object], timeout_ms: int) -> None:
    """The driver's `wait`: the window's own event loop runs, and the condition is looked at every
    2 ms, so a result is seen as soon as it is shown. Not a busy loop (`QTest.qWait(1)` in a loop
    kept a core busy, taking it from the intake's workers on a 2-core PC): between looks the
    main thread sleeps in the event loop as it does for an officer."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer

    if condition():
        return
    deadline = time.monotonic() + timeout_ms / 1000
    loop = QEventLoop()
    look = QTimer()
    look.setTimerType(Qt.TimerType.PreciseTimer)
    look.setInterval(2)
    look.timeout.connect(lambda: (condition() or time.monotonic() > deadline) and loop.quit())
    look.start()
    loop.exec()
    look.stop()
    if not condition():
        raise TimeoutError(f"waited {timeout_ms} ms")


class Stopwatch:
    """Per step: the wall time of the officer's calls less their typing, and each span's
    wall-clock ends (to take the portal's time out of the steps it overlaps)."""

    def __init__(self, officer: Any) -> None:
        self.officer = officer
        self.own: dict[str, float] = {}
        self.spans: dict[str, list[tuple[float, float]]] = {}

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        typed = self.officer.typing_s
        wall, started = time.time(), time.perf_counter()
        try:
            yield
        finally:
            elapsed = time.perf_counter() - started
            self.own[name] = self.own.get(name, 0.0) + elapsed - (self.officer.typing_s - typed)
            self.spans.setdefault(name, []).append((wall, wall + elapsed))

    def leave_out(self, start: float, end: float) -> dict[str, float]:
        """Take [start, end] (epoch seconds) out of the steps it overlaps; what each lost."""
        taken: dict[str, float] = {}
        for name, spans in self.spans.items():
            overlap = sum(max(0.0, min(end, b) - max(start, a)) for a, b in spans)
            if overlap > 0:
                self.own[name] -= overlap
                taken[name] = round(overlap, 3)
        return taken


def portal_wait(ctx: Any, local_ref: str) -> tuple[float, float]:
    """From the job queued to the portal's answer recorded, as the outbox wrote it."""
    from counter_app.events import iter_events

    (event,) = [e for e in iter_events(ctx.db, kinds=("submitted",)) if e.dossier_ref == local_ref]
    sent = datetime.fromisoformat(event.ts.replace("Z", "+00:00")).timestamp()
    return sent - (event.duration_ms or 0) / 1000, sent


def settle(window: Any, wait: Callable[[Callable[[], object], int], None]) -> float:
    """Until the start-up checks are over, the outbox is running and the intake's libraries are
    loaded (the window warms them up once its services are up): the officer's first dossier of
    the day starts on a window that has been open a moment."""
    from counter_app.intake import heavy

    started = time.perf_counter()

    def ready() -> bool:
        services = getattr(window, "services", None)
        pools = (window.tasks.pool, window.tasks.serial)
        return (
            services is not None
            and services.outbox is not None
            and all(p.activeThreadCount() == 0 for p in pools)
            and heavy.warmed_up()
        )

    wait(ready, int(SETTLE_S * 1000))
    return time.perf_counter() - started


def one_dossier(officer: Any, spec: dict[str, Any], card: Path) -> dict[str, Any]:
    """One citizen's dossier from the card to the saved receipt; its own time per step."""
    from tests.ui.intake_driver import BIRTH

    section = officer.section
    watch = Stopwatch(officer)
    typed, cpu = officer.typing_s, time.process_time()
    with watch.step("identify"):
        officer.read_card_image(card)
    with watch.step("procedure"):
        officer.choose_procedure("dang ky khai sinh", BIRTH)
    with watch.step("capture"):  # down the checklist, each import behind the one before
        officer.import_components(
            {key: [Path(f) for f in files] for key, files in spec["components"].items()}
        )
    with watch.step("pdf"):
        officer.build_pdfs()
        built = sum(1 for c in section.dossier.components if c.final_pdf)
        fine_wait(lambda: section.submit.table.topLevelItemCount() == built, 60_000)
    with watch.step("sign"):
        if spec.get("token_module"):
            officer.sign_with_token(spec["token_cert_id"], spec["token_pin"])
        else:
            officer.sign_with_demo_keystore()
    with watch.step("file"):
        officer.file()  # Ctrl+Enter until the receipt screen
    with watch.step("receipt"):
        receipt = section.receipt
        fine_wait(lambda: receipt.outcome is not None and not receipt.outcome.provisional, 60_000)
        officer.idle()
        officer.save_receipt(Path(spec["out"]) / f"{section.dossier.local_ref}-phieu-tiep-nhan.pdf")
    dossier = section.dossier
    start, end = portal_wait(section.ctx, dossier.local_ref)
    portal = watch.leave_out(start, end)
    return {
        "dossier": dossier.local_ref,
        "portal_code": dossier.portal_code,
        "pages": sum(len(c.pages) for c in dossier.components),
        "timings": {
            **{name: round(seconds, 3) for name, seconds in watch.own.items()},
            "total": round(sum(watch.own.values()), 3),
        },
        "portal_wait_s": round(end - start, 3),
        "portal_wait_left_out_of": portal,
        "typing_s": round(officer.typing_s - typed, 3),
        "intake_cpu_s": round(time.process_time() - cpu, 2),  # the whole process's, card to receipt
    }


def run(spec: dict[str, Any]) -> dict[str, Any]:
    from common import collector, memory
    from ui.pyside_imports import skip_feature_scan

    memory.return_big_blocks()  # what `counter-app` does first (counter_app.cli.main)
    collector.freeze_when_started()
    skip_feature_scan()  # and before it imports the window's modules (ui.entry._open_window)

    from PySide6.QtWidgets import QApplication

    from counter_app.context import AppContext
    from tests.ui.intake_driver import Officer
    from ui.entry import plug_in_sandbox
    from ui.main_window import MainWindow
    from ui.tasks import wait_for_all

    plug_in_sandbox()  # the demo portal, as `counter-app` plugs it in before opening the window
    app = QApplication.instance() or QApplication(sys.argv[:1])
    ctx = AppContext.open()
    ctx.config.set_user("pdf.ocr", bool(spec["ocr"]))
    if spec.get("token_module"):
        ctx.config.set_user("signing.module_paths", [spec["token_module"]])
    window = MainWindow(ctx)
    window.resize(1280, 800)
    window.show()
    window.start_background_checks()
    window.activateWindow()  # shortcuts reach the active window only
    fine_wait(window.isActiveWindow, 5000)
    settled_s = settle(window, fine_wait)
    officer = Officer(window.intake, fine_wait)
    try:
        dossiers = []
        for number, card in enumerate(spec["cards"]):
            if number:
                officer.next_dossier()  # the next citizen at the same window
            dossiers.append(one_dossier(officer, spec, Path(card)))
        # The first dossier of a freshly started window is the figure; later ones at the same
        # window (libraries loaded, caches warm) are reported apart.
        result = {
            **dossiers[0],
            "later_dossiers": [d["timings"] for d in dossiers[1:]],
            "settled_s": round(settled_s, 2),
        }
    finally:
        window.intake.tasks.wait()
        window.close()
        app.processEvents()
        left_running = not wait_for_all()  # as the application does before it exits
        services = getattr(window, "services", None)
        if services is not None:
            services.stop()
        ctx.close()
    result["jobs_left_running"] = left_running
    return result


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    result = run(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    if result.get("jobs_left_running"):
        os._exit(0)  # as the application leaves: a job stuck in a device's library holds no exit


if __name__ == "__main__":
    main()
