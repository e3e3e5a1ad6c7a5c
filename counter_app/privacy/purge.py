"""Retention applied: every dossier whose period has passed loses its files and personal data.

`purge` runs at the window's start and then once each office day (`RetentionWorker`, a thread
of the core, never the UI thread), and on demand (`counter-app privacy purge [--dry-run]`).
Only dossiers the portal acknowledged, or that were cancelled, are ever due (see `retention`).
"""

from __future__ import annotations

import logging
import threading
from datetime import date

from common import clock
from counter_app.context import AppContext
from counter_app.errors import is_known_error
from counter_app.privacy.forget import RETENTION, Tally, fold_log, forget_dossier, measure
from counter_app.privacy.retention import RetentionPolicy, due_for_purge

log = logging.getLogger(__name__)


def purge(ctx: AppContext, *, dry_run: bool = False, today: date | None = None) -> Tally:
    """Purge what is due on the office's `today`; with `dry_run`, only count what would go."""
    tally = Tally()
    for due in due_for_purge(ctx.db, RetentionPolicy.from_config(ctx.config), today):
        if dry_run:
            tally.add(*measure(ctx, due.local_ref))
            continue
        try:
            tally.add(*forget_dossier(ctx, due.local_ref, RETENTION))
        except Exception as exc:
            if not is_known_error(exc):
                raise
            log.warning("dossier %s not purged: %s", due.local_ref, exc)  # tried again next run
    if tally.dossiers and not dry_run:
        fold_log(ctx)
        log.info(
            "retention purged %s dossiers (%s files, %s bytes)", tally.dossiers, tally.files, tally.bytes
        )
    return tally


class RetentionWorker:
    """Purges at start, then whenever the office day has changed (checked every `check_s`)."""

    def __init__(self, ctx: AppContext, check_s: float = 3600.0) -> None:
        self.ctx = ctx
        self.check_s = check_s
        self.last_day: date | None = None
        self.last: Tally | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="retention", daemon=True)

    def start(self) -> RetentionWorker:
        self._thread.start()
        return self

    def run_once(self) -> Tally | None:
        """Purge if this office day has not been purged yet."""
        day = clock.today()
        if day == self.last_day:
            return None
        self.last = purge(self.ctx, today=day)
        self.last_day = day
        return self.last

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_once()
            except Exception:
                log.exception("retention purge failed; tried again at the next check")
            self._stop.wait(self.check_s)

    def stop(self, timeout_s: float = 10.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout_s)
