"""The ID capture widget with real pieces: OpenCV reading a video of a synthetic card as the camera,
image files read through "Mở ảnh/bản quét…", and manual entry checked per field.

The webcam is stood in for by a video file (cv2.VideoCapture plays it in real time, as
`scanner.devices.webcam` documents); the cards are synthetic (tests/synthetic_idcard.py).
"""

from __future__ import annotations

import gc
import random
import shutil
import sys
import time
from pathlib import Path

import cv2
import numpy as np
import pytest
import qrcode
from PySide6.QtCore import Qt

from counter_app.citizen import CitizenId
from counter_app.workflow import IDENTIFY_METHODS
from tests.synthetic_idcard import PhotoSettings, photograph, render_card, render_card_back, synthetic_citizen
from ui.tasks import TaskRunner
from ui.widgets.id_capture import IdCaptureWidget

FPS = 15
FRAME = (1280, 720)
# A card held steadily in front of the counter camera.
STEADY = PhotoSettings(card_width=(0.55, 0.7), max_tilt=0.06, blur_sigma=(0.0, 0.5), jpeg_quality=(85, 95))


def _card_photo(seed: int) -> tuple[CitizenId, np.ndarray]:
    rng = random.Random(seed)
    citizen = synthetic_citizen(rng)
    frame, _ = photograph(render_card(citizen), rng, STEADY)
    return citizen, frame


def _widget(qtbot, ctx, **kwargs) -> IdCaptureWidget:
    widget = IdCaptureWidget(ctx, TaskRunner(), **kwargs)
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _assert_form_shows(widget: IdCaptureWidget, citizen: CitizenId) -> None:
    form = widget.form
    assert form.id_number.text() == citizen.id_number
    assert form.old_id.text() == citizen.old_id_number
    assert form.full_name.text() == citizen.full_name
    assert form.date_of_birth.text() == f"{citizen.date_of_birth:%d/%m/%Y}"
    assert form.sex.currentText() == citizen.sex
    assert form.address.text() == citizen.address
    assert form.issue_date.text() == f"{citizen.issue_date:%d/%m/%Y}"


@pytest.fixture(scope="module")
def card_video(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CitizenId]:
    """1 s of an empty desk, then the card held in view for 3 s with a slight hand tremor."""
    citizen, frame = _card_photo(seed=4)
    path = tmp_path_factory.mktemp("camera") / "counter-camera.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), FPS, FRAME)
    if not writer.isOpened():
        pytest.skip("OpenCV cannot write MJPG video here")
    desk = np.full((FRAME[1], FRAME[0], 3), 90, np.uint8)
    for _ in range(FPS):
        writer.write(desk)
    rng = np.random.default_rng(1)
    for _ in range(3 * FPS):
        dx, dy = (int(v) for v in rng.integers(-3, 4, 2))
        writer.write(np.roll(frame, (dy, dx), axis=(0, 1)))
    writer.release()
    return path, citizen


def test_camera_reads_the_card_once_and_outlines_the_code(qtbot, ctx, card_video) -> None:
    path, citizen = card_video
    reads: list[tuple[CitizenId, str]] = []
    gc.collect()  # earlier tests' garbage holding True is freed now, not while this test counts
    true_refs = sys.getrefcount(True)
    started = time.monotonic()
    widget = _widget(qtbot, ctx, camera_source=str(path))
    widget.citizen_read.connect(lambda c, m: reads.append((c, m)))
    qtbot.waitUntil(lambda: bool(reads), timeout=10_000)
    took = time.monotonic() - started
    read, method = reads[0]
    assert method == "qr_camera" and method in IDENTIFY_METHODS
    assert read == citizen
    _assert_form_shows(widget, citizen)
    assert "Đọc thành công" in widget.status.text()
    assert widget.view._quad is not None  # the code's outline is drawn over the picture
    assert took < 8, f"camera read took {took:.1f} s"
    # The same card stays in view until the video ends: it is not read a second time.
    qtbot.waitUntil(lambda: not widget.camera.running, timeout=10_000)
    assert len(reads) == 1
    assert "Mất tín hiệu từ camera" in widget.status.text()
    widget.tasks.wait()
    # PySide6 6.12.0's Signal.emit drops a reference to True per call: ~100 frames must not emit.
    assert true_refs - sys.getrefcount(True) < 20


def test_f2_turns_the_camera_off_and_on(qtbot, ctx, card_video) -> None:
    path, _ = card_video
    widget = _widget(qtbot, ctx, camera_source=str(path))
    qtbot.waitUntil(lambda: widget.camera.preview is not None, timeout=5000)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=5000)
    qtbot.keyClick(widget, Qt.Key.Key_F2)
    assert not widget.camera.running and widget.camera_button.text() == "Bật ca&mera"
    widget.toggle_camera()
    assert widget.camera.running
    widget.hide()  # leaving the step closes the camera
    assert not widget.camera.running
    widget.tasks.wait()


def test_a_camera_that_cannot_open_says_so_and_the_rest_still_works(qtbot, ctx, tmp_path) -> None:
    widget = _widget(qtbot, ctx, camera_source=str(tmp_path / "khong-co-camera.avi"))
    # On showing, a counter without a camera is told so quietly, over the picture.
    qtbot.waitUntil(lambda: "không có camera" in widget.view.message, timeout=5000)
    assert "máy đọc cầm tay" in widget.view.message and "Không mở được camera" not in widget.view.message
    assert not widget.camera.running and "Không mở được camera" not in widget.status.text()
    assert widget.open_button.isEnabled()
    widget.toggle_camera()  # asked for by the officer: the status line says it plainly
    qtbot.waitUntil(lambda: "Không mở được camera" in widget.status.text(), timeout=5000)
    widget.tasks.wait()


def test_open_image_reads_a_photographed_card(qtbot, ctx, tmp_path) -> None:
    citizen, frame = _card_photo(seed=3)
    path = tmp_path / "ảnh thẻ.jpg"  # non-ASCII names are common on officers' PCs
    assert cv2.imencode(".jpg", frame)[1].tofile(str(path)) is None
    widget = _widget(qtbot, ctx, autostart_camera=False)
    with qtbot.waitSignal(widget.citizen_read, timeout=15_000) as signal:
        widget.open_image(path)
        assert widget._busy.isVisible()  # progress and Hủy while the worker reads
    assert signal.args == [citizen, "qr_image"]
    _assert_form_shows(widget, citizen)
    assert not widget._busy.isVisible()
    widget.tasks.wait()


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract (MRZ OCR) is not installed")
def test_open_image_of_an_old_card_back_reads_the_mrz(qtbot, ctx, tmp_path) -> None:
    citizen = synthetic_citizen(random.Random(7))
    path = tmp_path / "mat-sau.png"
    cv2.imwrite(str(path), render_card_back(citizen))
    widget = _widget(qtbot, ctx, autostart_camera=False)
    with qtbot.waitSignal(widget.citizen_read, timeout=30_000) as signal:
        widget.open_image(path)
    read, method = signal.args
    assert method == "mrz"
    assert read.id_number == citizen.id_number and read.date_of_birth == citizen.date_of_birth
    assert "không có dấu" in widget.form.notes["full_name"].text()  # the MRZ warning, by the name
    widget.tasks.wait()


def test_open_image_with_another_qr_code_or_no_picture_explains(qtbot, ctx, tmp_path) -> None:
    other = tmp_path / "ma-khac.png"
    qrcode.make("https://dichvucong.gov.vn/p/home/dvc-trang-chu.html").save(other)
    broken = tmp_path / "khong-phai-anh.jpg"
    broken.write_bytes(b"not an image")
    widget = _widget(qtbot, ctx, autostart_camera=False)
    emitted = []
    widget.citizen_read.connect(lambda *args: emitted.append(args))
    widget.open_image(broken)
    qtbot.waitUntil(lambda: "không phải ảnh đọc được" in widget.status.text(), timeout=5000)
    widget.open_image(other)
    qtbot.waitUntil(lambda: "không phải mã QR của thẻ căn cước" in widget.status.text(), timeout=30_000)
    assert emitted == []
    widget.tasks.wait()


def test_manual_entry_checks_each_field_and_confirms_with_enter(qtbot, ctx) -> None:
    widget = _widget(qtbot, ctx, autostart_camera=False)
    form = widget.form
    emitted = []
    widget.citizen_read.connect(lambda *args: emitted.append(args))
    qtbot.keyClicks(form.id_number, "0793")
    qtbot.keyClicks(form.full_name, "Tran Van 2")  # QTest types Latin-1 only
    qtbot.keyClicks(form.date_of_birth, "31/02/1990")
    qtbot.keyClick(form.date_of_birth, "\r")
    assert emitted == []
    assert "12 chữ số" in form.notes["id_number"].text()
    assert "chữ số" in form.notes["full_name"].text()
    assert "không phải ngày có thật" in form.notes["date_of_birth"].text()
    assert form.notes["address"].text().startswith("⚠")  # missing address: a warning, not a block
    form.id_number.setText("079090001234")
    form.full_name.setText("Trần Văn Hai")
    form.date_of_birth.setText("28/02/1990")
    form.sex.setCurrentText("Nam")
    form.address.setText("Số 1 Lê Lợi, Phường Bến Nghé, Hồ Chí Minh")
    form.issue_date.setText("15/03/2022")
    qtbot.keyClick(form.address, "\r")
    assert len(emitted) == 1
    citizen, method = emitted[0]
    assert method == "manual"
    assert citizen.id_number == "079090001234" and citizen.date_of_birth.isoformat() == "1990-02-28"
    assert all(not note.text() for note in form.notes.values())


def test_ctrl_o_opens_an_image_and_esc_cancels_the_reading(qtbot, ctx, tmp_path, monkeypatch) -> None:
    """The file dialog needs a person: it is the one piece replaced, by a chooser returning a path."""
    from PySide6.QtWidgets import QApplication, QFileDialog

    citizen, frame = _card_photo(seed=5)
    path = tmp_path / "the.jpg"
    cv2.imwrite(str(path), frame)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    widget = _widget(qtbot, ctx, autostart_camera=False)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=5000)
    emitted = []
    widget.citizen_read.connect(lambda *args: emitted.append(args))
    qtbot.keyClick(widget, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert widget._busy.isVisible()
    qtbot.keyClick(widget, Qt.Key.Key_Escape)  # cancelled before the worker answers
    assert not widget._busy.isVisible() and widget.open_button.isEnabled()
    widget.tasks.wait()
    QApplication.processEvents()  # the worker's late answer is delivered now: it must be ignored
    assert emitted == []
    with qtbot.waitSignal(widget.citizen_read, timeout=15_000) as signal:
        qtbot.keyClick(widget, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert signal.args == [citizen, "qr_image"]
    widget.tasks.wait()


def test_choosing_another_camera_switches_and_remembers_a_numbered_one(qtbot, ctx, card_video) -> None:
    path, citizen = card_video
    widget = _widget(qtbot, ctx, camera_source="/khong/co/camera.avi")
    qtbot.waitUntil(lambda: "không có camera" in widget.view.message, timeout=5000)
    widget.camera_wanted = True
    with qtbot.waitSignal(widget.citizen_read, timeout=10_000) as signal:
        widget.choose_camera(str(path))
    assert signal.args == [citizen, "qr_camera"]
    assert widget.camera_source == str(path)
    widget.camera_wanted = False
    widget.choose_camera("2")
    assert ctx.config.get("camera.index") == 2  # kept in the user's settings for next time
    assert not widget.camera.running
    widget.tasks.wait()
