"""The page imports the officer asked for, in line, each one's files cleaned ahead once it is next.

The window imports a component's files as a background step and the officer goes on to the next
component; imports asked meanwhile wait their turn (`IntakeService.queue_import`, then
`import_files` at its turn, or `drop_import`). So that the intake's
two workers never wait between components, the import next in line starts cleaning its files
while the one before is stored, as the headless intake's single feed runs on. Only the next one:
cleaning every waiting import's files at once would queue all their pages ahead of the PDF
build a finished component hands to the same workers, so the builds would run together at the
end, raising the peak memory and the wait for «Tạo PDF». `ImportLine.add` never waits (it may be
called on a UI thread): it begins the cleaning only if the page libraries are loaded.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from counter_app.intake.pipeline import PageFeed
    from counter_app.intake.service import IntakeService


class Import:
    """One import asked for: its component, its files, and their cleaning once begun."""

    def __init__(self, service: IntakeService, key: str, paths: Sequence[str]) -> None:
        self.service, self.key, self.paths = service, key, list(paths)
        self._lock = threading.Lock()
        self._feed: PageFeed | None = None
        self._over = False  # its turn came, or it was dropped: nothing more starts

    def start(self, *, may_wait: bool) -> None:
        """Begin cleaning its files on the workers (once). `may_wait=False` on the UI thread:
        begun only if the page libraries are loaded (else at its turn)."""
        with self._lock:
            if self._feed is not None or self._over:
                return
            files = {self.key: self.paths}
            service = self.service
            self._feed = (
                service.clean_files(files, views=True) if may_wait else service.clean_files_ahead(files)
            )

    def claim(self) -> PageFeed:
        """Its turn (on a worker): the feed begun ahead, or begun now."""
        self.start(may_wait=True)
        with self._lock:
            self._over = True
            assert self._feed is not None
            return self._feed

    def drop(self) -> None:
        """Stopped before its turn: what was cleaned ahead is let go."""
        with self._lock:
            self._over = True
            feed, self._feed = self._feed, None
        if feed is not None:
            feed.close()


class ImportLine:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting: deque[Import] = deque()

    def add(self, item: Import) -> None:
        """Asked for (UI thread): in line; begun at once if it is next."""
        with self._lock:
            self._waiting.append(item)
            first = self._waiting[0] is item
        if first:
            item.start(may_wait=False)

    def turn(self, item: Import) -> PageFeed:
        """`item`'s turn (on a worker): its feed, then the next one begins cleaning behind it."""
        feed = item.claim()
        with self._lock:
            if item in self._waiting:
                self._waiting.remove(item)
            following = self._waiting[0] if self._waiting else None
        if following is not None:
            following.start(may_wait=True)
        return feed

    def drop(self, item: Import) -> None:
        with self._lock:
            if item in self._waiting:
                self._waiting.remove(item)
        item.drop()
