"""Decoding webcam frames off the UI thread, dropping frames rather than queueing them.

The camera delivers ~30 frames a second; a frame takes 2-50 ms to decode. `LiveQrReader` keeps
only the newest frame not yet started: a frame that arrives while another waits replaces it, so
the code shown to the officer is never seconds behind the card in front of the camera.

    reader = LiveQrReader(on_read, accept=is_citizen_payload)
    reader.submit(frame)        # from the camera callback, never blocks
    reader.close()              # when the capture widget closes

`on_read(read)` runs on the worker thread, once per accepted read; a Qt caller re-emits it as a
signal to reach the UI thread. After an accepted read the reader pauses until `resume()`, so one
card held in view gives one result.

Each frame gets the fast, budgeted read. When it fails on a frame where the card is held still
(the picture barely changed since the previous decoded frame), that frame alone gets the whole
file pipeline once (hard-photo deblurring, zbar, upscaling: a few hundred ms on the worker
thread): a shaken or small code that no quick attempt reads is read from a steady frame, and
frames arriving meanwhile are dropped as usual, the newest kept. The camera and the UI thread
never wait for it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import cv2
import numpy as np

from scanner.barcodes.reader import QrRead, read_qr

FRAME_BUDGET_MS = 50.0
# Mean grey-level change between small thumbnails under which two frames show a card held still
# (sensor noise and JPEG give ~1-2; a hand moving the card gives 10 and more).
STILL_CHANGE = 4.0
_THUMBNAIL = (64, 36)
_log = logging.getLogger(__name__)


class LiveQrReader:
    def __init__(
        self,
        on_read: Callable[[QrRead], None],
        *,
        accept: Callable[[str], bool] | None = None,
        budget_ms: float = FRAME_BUDGET_MS,
    ) -> None:
        self._on_read = on_read
        self._accept = accept
        self._budget_ms = budget_ms
        self._pending: np.ndarray | None = None
        self._paused = False
        self._closed = False
        self._condition = threading.Condition()
        self.frames_decoded = 0
        self.frames_dropped = 0
        self.frames_read_thoroughly = 0
        self._previous: np.ndarray | None = None  # thumbnail of the previous decoded frame
        self._thorough_done = False  # the still card has had its thorough read
        self._thread = threading.Thread(target=self._run, name="live-qr-reader", daemon=True)
        self._thread.start()

    def submit(self, frame: np.ndarray) -> None:
        """Offer a frame; it replaces (drops) a frame still waiting. Never blocks on decoding."""
        with self._condition:
            if self._closed or self._paused:
                self.frames_dropped += 1
                return
            if self._pending is not None:
                self.frames_dropped += 1
            self._pending = frame
            self._condition.notify()

    def resume(self) -> None:
        """Look for a code again after an accepted read (e.g. the next citizen)."""
        with self._condition:
            self._paused = False

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def close(self, timeout: float = 2.0) -> None:
        with self._condition:
            self._closed = True
            self._pending = None
            self._condition.notify()
        self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            with self._condition:
                while self._pending is None and not self._closed:
                    self._condition.wait()
                if self._closed:
                    return
                frame, self._pending = self._pending, None
            read = read_qr(frame, accept=self._accept, budget_ms=self._budget_ms)
            if (read is None or not read.accepted) and self._held_still(frame):
                read = read_qr(frame, accept=self._accept)
                self.frames_read_thoroughly += 1
            with self._condition:
                self.frames_decoded += 1
                accepted = read is not None and read.accepted and not self._closed
                if accepted:
                    self._paused = True
                    self._pending = None
            if accepted and read is not None:
                try:
                    self._on_read(read)
                except Exception:  # a bug in the callback must not stop the camera reading
                    _log.exception("live QR callback failed")

    def _held_still(self, frame: np.ndarray) -> bool:
        """Whether `frame` shows the same still picture as the previous decoded frame and has not
        been read thoroughly yet since the card stopped moving (once per steady spell)."""
        thumbnail = cv2.resize(frame, _THUMBNAIL, interpolation=cv2.INTER_AREA).astype(np.float32)
        previous, self._previous = self._previous, thumbnail
        if previous is None or previous.shape != thumbnail.shape:
            return False
        if float(np.mean(np.abs(thumbnail - previous))) > STILL_CHANGE:
            self._thorough_done = False
            return False
        if self._thorough_done:
            return False
        self._thorough_done = True
        return True
