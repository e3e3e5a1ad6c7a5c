"""Live webcam reading: frames are dropped, never queued, one card gives one result, and a card held
still gets the thorough read the fast per-frame one skips."""

from __future__ import annotations

import threading
import time

import numpy as np

from counter_app.citizen import CitizenIdError, parse_citizen_payload
from scanner.barcodes.live import FRAME_BUDGET_MS, LiveQrReader
from scanner.barcodes.reader import QrRead, read_qr
from tests.synthetic_idcard import HARD_BANDS, synthetic_photos


def is_citizen(text: str) -> bool:
    try:
        parse_citizen_payload(text)
    except CitizenIdError:
        return False
    return True


def wait_for(predicate, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return False


def test_frames_arriving_faster_than_decoding_are_dropped_not_queued() -> None:
    photo = synthetic_photos(1, seed=2)[0]
    reads: list[QrRead] = []
    got = threading.Event()

    def on_read(read: QrRead) -> None:
        reads.append(read)
        got.set()

    reader = LiveQrReader(on_read, accept=is_citizen)
    noise = np.random.default_rng(0).integers(0, 255, (720, 1280), dtype=np.uint8)
    try:
        for _ in range(200):  # a burst far faster than any decoder: the camera never waits
            reader.submit(noise)
        reader.submit(photo.frame)
        assert got.wait(10)
        assert reader.frames_dropped > 100
        assert reader.frames_decoded + reader.frames_dropped == 201
        assert [r.text for r in reads] == [photo.payload]

        reader.submit(photo.frame)  # paused after a read: the same card is not read again
        time.sleep(0.2)
        assert len(reads) == 1

        reader.resume()
        reader.submit(photo.frame)
        assert wait_for(lambda: len(reads) == 2)
    finally:
        reader.close()
    assert not reader.running


def test_a_failing_callback_does_not_stop_the_reader() -> None:
    photo = synthetic_photos(1, seed=2)[0]
    calls: list[str] = []

    def on_read(read: QrRead) -> None:
        calls.append(read.text)
        raise RuntimeError("bug in the widget")

    reader = LiveQrReader(on_read, accept=is_citizen)
    try:
        reader.submit(photo.frame)
        assert wait_for(lambda: len(calls) == 1)
        reader.resume()
        reader.submit(photo.frame)
        assert wait_for(lambda: len(calls) == 2)
    finally:
        reader.close()


def test_a_hard_code_is_read_thoroughly_once_the_card_is_held_still() -> None:
    """A shaken card whose code only the files' deblurring reads (hard band, seed 1, #9):
    moving frames get the fast read only; the second identical frame (held still) gets the whole
    pipeline, once, on the worker thread."""
    hard = synthetic_photos(10, 1, HARD_BANDS["hard"])[9]
    assert read_qr(hard.frame, accept=is_citizen, budget_ms=FRAME_BUDGET_MS) is None
    reads: list[QrRead] = []
    got = threading.Event()

    def on_read(read: QrRead) -> None:
        reads.append(read)
        got.set()

    reader = LiveQrReader(on_read, accept=is_citizen)
    moving = [np.roll(hard.frame, 40 * step, axis=1) for step in range(3)]
    try:
        for index, frame in enumerate(moving, start=1):  # the card moves: no thorough read
            reader.submit(frame)
            assert wait_for(lambda index=index: reader.frames_decoded == index)
        assert reader.frames_read_thoroughly == 0 and reads == []
        reader.submit(hard.frame)
        assert wait_for(lambda: reader.frames_decoded == 4)
        reader.submit(hard.frame)  # the same picture again: held still
        assert got.wait(20)
        assert [r.text for r in reads] == [hard.payload]
        assert reader.frames_read_thoroughly == 1
    finally:
        reader.close()
