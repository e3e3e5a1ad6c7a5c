"""PDFium (pypdfium2) is not thread-safe: one lock for the whole process.

The window renders PDFs on several workers at once (the signing step's first-page thumbnails,
where the stamp may go, the document viewer, the receipt preview); two PDFium calls at the same
moment crashed the process (SIGSEGV, found by the window benchmark). Every function that opens a
PDF with PDFium runs under `serialized`; the lock is re-entrant, as those functions call each other.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

__all__ = ["PDFIUM", "rendered", "serialized"]

PDFIUM = threading.RLock()

P = ParamSpec("P")
R = TypeVar("R")


def serialized(work: Callable[P, R]) -> Callable[P, R]:
    """`work`, run while no other thread is inside PDFium."""

    @functools.wraps(work)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with PDFIUM:
            return work(*args, **kwargs)

    return run


def rendered(page: Any, **options: Any) -> Any:
    """`page.render(**options)` as a PIL image with its own memory, the PDFium bitmap closed here,
    under the lock: left to the garbage collector, its finalizer would call PDFium from whatever
    thread collects it, while another thread is inside PDFium."""
    with PDFIUM:
        bitmap = page.render(**options)
        try:
            return bitmap.to_pil().copy()
        finally:
            bitmap.close()
