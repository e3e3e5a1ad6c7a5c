"""The counter application in a child process, driven up to a point and then left running for the
test to kill it (SIGKILL: no clean-up, like a power cut or a crash inside a driver).

    python -m tests.ui.intake_child capture CARD_IMAGE
        card → procedure → demo device → SANE flatbed ×2 → «không cung cấp» → a slow SANE feeder
        batch; prints one JSON line per stored page of that batch, never finishes it.
    python -m tests.ui.intake_child file LOCAL_REF
        reopens the signed dossier («Tiếp tục hồ sơ…») and files it (Ctrl+Enter); prints
        {"event": "queued", ...} and waits while the outbox sends.

Everything comes from the environment the test set: data folder, SANE_CONFIG_DIR, SOFTHSM2_CONF,
and the user config written by the test (portal URL, scanner settings).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from counter_app.context import AppContext
from counter_app.services import BackgroundServices
from tests.ui.intake_driver import BIRTH, DEMO, SANE, Officer, qt_wait
from ui.intake import IntakeSection
from ui.tasks import TaskRunner

# The birth registration's components scanned; the citizen brought none of the others.
FIRST, SECOND, THIRD = "to_khai_khai_sinh", "giay_chung_sinh", "giay_chung_nhan_ket_hon"


def say(event: str, **fields: Any) -> None:
    print(json.dumps({"event": event, "t": time.monotonic(), **fields}), flush=True)


def pages(section: IntakeSection, ref: str) -> dict[str, list[int]]:
    dossier = section.wf.repo.load(ref)
    return {c.key: [p.seq for p in c.pages] for c in dossier.components}


def capture(officer: Officer, card: Path) -> None:
    section = officer.section
    say("started")
    officer.read_card_image(card)
    say("card")
    officer.choose_procedure("dang ky khai sinh", BIRTH)
    say("procedure")
    officer.scan(FIRST, DEMO)
    say("demo")
    officer.scan(SECOND, SANE, presses=2)
    say("sane")
    officer.none_of_the_rest((FIRST, SECOND, THIRD))
    ref = section.dossier.local_ref
    say("captured", ref=ref, pages=pages(section, ref))
    officer.prepare_scan(THIRD, SANE, "adf")
    officer.start_scan()
    seen: list[int] = []

    def report() -> None:  # each page of the batch once its row is committed
        stored = pages(section, ref)[THIRD]
        if stored != seen:
            seen[:] = stored
            say("stored", ref=ref, pages=pages(section, ref))

    timer = QTimer()
    timer.timeout.connect(report)
    timer.start(50)
    QTest.qWait(600_000)  # until killed


def file(officer: Officer, ref: str) -> None:
    section = officer.section
    officer.resume(ref)
    officer.file()
    qt_wait(lambda: section.dossier.state.value == "queued", 60_000)
    job = section.dossier.details.get("outbox_job")
    say("queued", ref=ref, job=job)
    outbox = section.services.outbox

    def report() -> None:  # what the test shows if the portal never gets the dossier
        state = outbox.get(job).to_dict()
        say("job", **{k: state[k] for k in ("state", "attempts", "last_error")})

    timer = QTimer()
    timer.timeout.connect(report)
    timer.start(1000)
    QTest.qWait(600_000)  # the receipt screen waits for the portal's answer: until killed


def main() -> None:
    phase, arg = sys.argv[1], sys.argv[2]
    app = QApplication.instance() or QApplication([])

    def crash(kind: type[BaseException], exc: BaseException, tb: Any) -> None:
        import traceback

        traceback.print_exception(kind, exc, tb)
        say("crashed", error=repr(exc))
        app.exit(3)
        sys.exit(3)

    sys.excepthook = crash
    ctx = AppContext.open()
    services = BackgroundServices(ctx).start() if phase == "file" else None
    section = IntakeSection(ctx, TaskRunner(), services=lambda: services, hardware=False)
    section.resize(1280, 800)
    section.show()
    section.activateWindow()  # shortcuts reach the active window only
    qt_wait(section.isActiveWindow, 5000)
    officer = Officer(section, qt_wait)
    try:
        capture(officer, Path(arg)) if phase == "capture" else file(officer, arg)
    except BaseException as exc:
        crash(type(exc), exc, exc.__traceback__)


if __name__ == "__main__":
    main()
