"""The guidance window on a desktop with two screens, in a child process.

The test session's offscreen platform has one screen; Qt's offscreen platform also takes a JSON
configuration with several screens (`offscreen:configfile=…`), which a child process uses here so
that `GuidanceWindow.open_for` meets real `QScreen`s. The officer's window is a plain QMainWindow:
the guidance window only needs its screen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
OFFICER = {"name": "OFFICER", "x": 0, "y": 0, "width": 1366, "height": 768}
CITIZEN = {"name": "CITIZEN", "x": 1366, "y": 0, "width": 1920, "height": 1080}
MIRROR = {"name": "MIRROR", "x": 0, "y": 0, "width": 1366, "height": 768}

CHILD = """
import json, os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
from ui.guidance import STEP_SCAN, GuidanceWindow

app = QApplication([])
officer = QMainWindow()
officer.setCentralWidget(QLabel("officer"))
officer.setGeometry(*json.loads(os.environ.get("OFFICER_GEOMETRY", "[100, 100, 800, 600]")))
officer.show()
officer.activateWindow()

def open_guidance():
    guidance = GuidanceWindow.open_for(officer)
    guidance.show_step(STEP_SCAN, component="Giấy chứng sinh", page=2, pages=5)
    def report():
        print(json.dumps({
            "officer_screen": officer.screen().name(),
            "guidance_screen": guidance.screen().name(),
            "geometry": guidance.geometry().getRect(),
            "full_screen": guidance.isFullScreen(),
            "behind": guidance.behind,
            "officer_geometry": officer.frameGeometry().getRect(),
            "officer_keeps_keyboard": QApplication.activeWindow() is officer,
        }))
        app.quit()
    QTimer.singleShot(300, report)

QTimer.singleShot(200, open_guidance)
app.exec()
"""


def _run(
    tmp_path: Path, screens: list[dict[str, object]], officer: tuple[int, int, int, int] | None = None
) -> dict[str, object]:
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"synthesizeFrames": False, "screens": screens}), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", PYTHONPATH=str(REPO))
    if officer is not None:
        env["OFFICER_GEOMETRY"] = json.dumps(officer)
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_second_screen_shows_the_guidance_full_screen_and_the_officer_keeps_the_keyboard(tmp_path) -> None:
    seen = _run(tmp_path, [OFFICER, CITIZEN])
    assert seen["officer_screen"] == "OFFICER"
    assert seen["guidance_screen"] == "CITIZEN"
    assert seen["full_screen"] is True
    assert seen["geometry"] == [1366, 0, 1920, 1080]
    assert seen["officer_keeps_keyboard"] is True, "the handheld ID reader types into the active window"


@pytest.mark.parametrize("screens", [[OFFICER], [OFFICER, MIRROR]], ids=["one screen", "mirrored"])
def test_without_a_separate_screen_it_is_a_window_beside_the_officers(tmp_path, screens) -> None:
    seen = _run(tmp_path, screens, officer=(0, 0, 700, 600))
    assert seen["full_screen"] is False and seen["behind"] is False
    x, y, width, height = seen["geometry"]
    assert x >= 0 and x + width <= 1366 and y >= 0 and y + height <= 768
    ox, _oy, ow, _oh = seen["officer_geometry"]
    assert x >= ox + ow or x + width <= ox, "beside the officer's window, not over it"
    assert seen["officer_keeps_keyboard"] is True


def test_one_screen_filled_by_the_officers_window_keeps_the_guidance_behind_it(tmp_path) -> None:
    seen = _run(tmp_path, [OFFICER], officer=(0, 0, 1366, 728))
    assert seen["behind"] is True and seen["full_screen"] is False
    assert seen["officer_keeps_keyboard"] is True
