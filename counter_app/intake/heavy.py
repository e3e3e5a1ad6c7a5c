"""The intake's lazy seams: page clean-up, the PDF builder, the signing stack, the portal and receipt.

The service reaches each heavy step's module only through `pages()`, `pdfs()`,
`signatures()` or `filing()`, so the window starts without pyHanko, pikepdf, httpx or fpdf2 and a step pays for
its libraries the first time it runs. Every seam imports under one process-wide lock: two
threads importing pyHanko from different entry points can each get the other's half-imported
module (pyHanko and its certificate validator import each other), and with the lock that
cannot happen. `warm_up()` loads the seams on a thread of its own through the same lock, so the
steps after it find their libraries ready, or wait on the lock for the one import under way;
nobody has to wait for the warm-up itself.
"""

from __future__ import annotations

import importlib
import logging
import threading
from pathlib import Path
from types import ModuleType

from common import collector

log = logging.getLogger(__name__)

# What each seam imports besides its own module: what the libraries would otherwise import
# lazily on whichever thread gets there first.
SEAMS: dict[str, tuple[str, ...]] = {
    "counter_app.intake.pipeline": (),  # its modules import OpenCV, numpy and the readers
    "counter_app.intake.pdfs": ("scanner.pdf",),
    "counter_app.intake.signatures": (
        "signing.provider",
        "signing.session",
        "signing.demo",
        "signing.stamp",
        "pyhanko.sign.signers",
        "pyhanko.sign.fields",
        "pyhanko.sign.timestamps",
        "pyhanko.sign.validation",
        "pyhanko.pdf_utils.incremental_writer",
        "pyhanko.pdf_utils.reader",
        "pyhanko.pdf_utils.font.opentype",
        "pyhanko.stamp",
        "pyhanko_certvalidator",
        "cryptography.x509",
        "httpx",  # the timestamp authority's client, also the portal's
    ),
    "counter_app.intake.filing": (
        "counter_app.portal.outbox",
        "counter_app.portal.worker",
        "counter_app.portal.connect",
        "counter_app.portal.accounts",
        "counter_app.forms.receipt",
    ),
}


class _FirstComeLock:
    """A lock taken in the order it was asked for (a ticket each), not by whichever thread
    the scheduler runs first."""

    def __init__(self) -> None:
        self._turns = threading.Condition(threading.Lock())
        self._issued = 0
        self._serving = 0
        self._given_up: set[int] = set()

    def __enter__(self) -> None:
        with self._turns:
            ticket = self._issued
            self._issued += 1
            try:
                self._turns.wait_for(lambda: self._serving == ticket)
            except BaseException:
                # Ctrl+C while waiting: the ticket is given up, or the threads behind it (the
                # warm-up, which the process waits for at exit) would wait for it for ever.
                self._given_up.add(ticket)
                self._next()
                raise

    def __exit__(self, *_exc: object) -> None:
        with self._turns:
            self._serving += 1
            self._next()

    def _next(self) -> None:
        """Skip the tickets given up, and wake the waiting threads to see whose turn it is."""
        while self._serving in self._given_up:
            self._given_up.discard(self._serving)
            self._serving += 1
        self._turns.notify_all()


_lock = _FirstComeLock()
_loaded: dict[str, ModuleType] = {}
_warm_up: threading.Thread | None = None


def _seam(name: str) -> ModuleType:
    module = _loaded.get(name)
    if module is not None:
        return module
    with _lock:
        if name not in _loaded:
            for library in SEAMS[name]:
                try:
                    importlib.import_module(library)
                except ImportError:  # an optional library: the step that needs it reports it
                    log.debug("seam %s: %s not importable", name, library)
            _loaded[name] = importlib.import_module(name)
        return _loaded[name]


def pages() -> ModuleType:
    """Reading, cleaning and encoding page files and the ID card (OpenCV, numpy, zxing)."""
    return _seam("counter_app.intake.pipeline")


def pages_ready() -> bool:
    """Whether `pages()` is loaded: calling it then never waits on an import (the UI thread may)."""
    return "counter_app.intake.pipeline" in _loaded


def pdfs() -> ModuleType:
    """Building digitised PDFs (`scanner.pdf`: pikepdf, Pillow, OpenCV)."""
    return _seam("counter_app.intake.pdfs")


def signatures() -> ModuleType:
    """Signing sessions on bytes (`signing`: pyHanko, python-pkcs11, cryptography)."""
    return _seam("counter_app.intake.signatures")


def filing() -> ModuleType:
    """The outbox, the portal's accounts and the receipt (httpx, fpdf2)."""
    return _seam("counter_app.intake.filing")


def warm_up(demo_keystore: Path | None = None, stamp: bool = False) -> None:
    """Load the seams on a thread of their own (once per process), then open the demo
    signer and prepare the stamp font and the receipt, so the later steps find them ready."""
    global _warm_up
    with _lock:
        if _warm_up is not None:
            return
        # Not a daemon: the process never ends while it is inside an import.
        _warm_up = threading.Thread(
            target=_prepare, args=(demo_keystore, stamp), name="intake-warm-up", daemon=False
        )
    _warm_up.start()


def warmed_up() -> bool:
    """Whether `warm_up` ran to its end in this process."""
    return _warm_up is not None and not _warm_up.is_alive()


def _prepare(demo_keystore: Path | None, stamp: bool) -> None:
    try:
        pages()
        pdfs()
        signing = signatures()
        receipts = filing()
        # Opened and prepared once per process; a failure here is met again, and reported, by the
        # step that needs them.
        signing.prepare(demo_keystore, stamp)
        receipts.prepare()
    except Exception:
        log.debug("intake warm-up failed", exc_info=True)
    # What starting made lives as long as the process: later full collections need not walk it.
    collector.start_up_over()
