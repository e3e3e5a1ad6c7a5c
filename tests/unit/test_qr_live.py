"""Live webcam reading: frames are dropped, never queued, and one card gives one result."""

from __future__ import annotations

import threading
import time

import numpy as np

from counter_app.citizen import CitizenIdError, parse_citizen_payload
from scanner.barcodes.live import LiveQrReader
from scanner.barcodes.reader import QrRead
from tests.synthetic_idcard import synthetic_photos


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
