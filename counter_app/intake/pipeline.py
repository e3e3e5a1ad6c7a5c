"""Page files cleaned on the intake's workers (reached through `heavy.pages()`), a few ahead of the one stored next, in order.

Only a few at a time: a PDF build handed to the same pool when a component's last page is
stored then runs before the pages further on, so the first PDFs are built while later pages are
still cleaned, and few cleaned pages wait in memory. The feed starts cleaning as soon as it is
made (the headless intake makes it before the card is read); iterating gives (component key,
the file's pages, whether it was the component's last file).
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import cv2

from common.memory import releasing
from counter_app.intake.card_image import read_card_image
from counter_app.intake.inputs import PreparedPage, prepare_pages
from counter_app.intake.passport_image import read_passport_image

__all__ = ["PAGES_AHEAD", "WORKERS", "PageFeed", "read_card_image", "read_passport_image"]

WORKERS = 2  # the counter PCs this targets have two cores or more
PAGES_AHEAD = WORKERS + 1  # page files being cleaned ahead of the one stored next


class PageFeed:
    def __init__(
        self,
        pool: ThreadPoolExecutor,
        components: dict[str, list[Path]],
        dpi: int,
        clean: bool,
        views: bool = False,
    ) -> None:
        """`views`: also make each page's thumbnail and preview (a window shows them)."""
        self._pool, self._dpi, self._clean, self._views = pool, dpi, clean, views
        self._todo = deque(
            (key, Path(path), index == len(files) - 1)
            for key, files in components.items()
            for index, path in enumerate(files)
        )
        self.files = len(self._todo)
        self._running: deque[tuple[str, bool, Future[list[PreparedPage]]]] = deque()
        self._opencv = _OpenCvThreads(max(1, (os.cpu_count() or 1) // WORKERS))
        self._fill()

    def _fill(self) -> None:
        while self._todo and len(self._running) < PAGES_AHEAD:
            key, path, last = self._todo.popleft()
            future = self._pool.submit(releasing(prepare_pages), path, self._dpi, self._clean, self._views)
            self._running.append((key, last, future))

    def __iter__(self) -> Iterator[tuple[str, list[PreparedPage], bool]]:
        try:
            while self._running:
                key, last, future = self._running.popleft()
                yield key, future.result(), last
                # Refilled only once the caller has stored the page (and handed over a finished
                # component's PDF), so that build is queued before the next page.
                self._fill()
        finally:
            self.close()

    def close(self) -> None:
        """Stop cleaning what is not started yet (a cancelled or failed import)."""
        self._todo.clear()
        for _key, _last, future in self._running:
            future.cancel()
        self._running.clear()
        self._opencv.restore()


class _OpenCvThreads:
    """OpenCV's own thread pool sized to the cores the page workers leave it while feeds run:
    on two cores, two workers each fanning out over both cores only wait for each other. Feeds
    may overlap (the window cleans the next component's files while one is stored): the first
    to start sets the count, the last to end puts back what was there before."""

    _lock = threading.Lock()
    _running = 0
    _before = 0

    def __init__(self, count: int) -> None:
        self._held = True
        with _OpenCvThreads._lock:
            if _OpenCvThreads._running == 0:
                _OpenCvThreads._before = cv2.getNumThreads()
                cv2.setNumThreads(count)
            _OpenCvThreads._running += 1

    def restore(self) -> None:
        with _OpenCvThreads._lock:
            if not self._held:
                return
            self._held = False
            _OpenCvThreads._running -= 1
            if _OpenCvThreads._running == 0:
                cv2.setNumThreads(_OpenCvThreads._before)
