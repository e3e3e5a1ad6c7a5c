"""Give the heap's free memory back to the operating system between pages.

A 300 dpi colour page is a 26 MB array; glibc serves the first one by mmap, then raises its
mmap threshold to that size, so every later page and its clean-up intermediates come from the
worker threads' heap arenas, whose free space stays mapped (measured on the 12-page intake:
peak RSS 429 MB, 386 MB with the arenas trimmed between pages). `malloc_trim(0)` hands the free
pages of every arena back in about a millisecond. Elsewhere (Windows, macOS, musl) it is a no-op.

Trimming after a page does not help while the page is being worked on: its intermediates (each
a few to 26 MB) come from the arena, and two workers' worth stay mapped until the task ends.
`return_big_blocks()`, called once at start-up, fixes the mmap threshold at 1 MiB, so every
block that size or larger is its own mapping, given back the moment it is freed (the window's
12-page intake peaked ~43 MB lower; one mmap and its page faults per block, a few ms a page).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import sys
from collections.abc import Callable
from typing import ParamSpec, TypeVar

__all__ = ["release_free_memory", "releasing", "return_big_blocks"]

P = ParamSpec("P")
R = TypeVar("R")


M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter (malloc.h)
BIG_BLOCK = 1 << 20  # bytes: a page's rows are far above it, Python's small objects far below


def _glibc() -> tuple[Callable[..., int], Callable[..., int]] | None:
    """glibc's malloc_trim and mallopt, or None (another platform or C library)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim, option = libc.malloc_trim, libc.mallopt  # glibc only
    except (OSError, AttributeError):
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    option.argtypes, option.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return trim, option


_trim, _option = _glibc() or (None, None)


def return_big_blocks() -> bool:
    """Serve blocks of 1 MiB and more by their own mappings for the rest of the process, so
    freeing one gives its memory back at once (glibc; False elsewhere, where nothing changes)."""
    return _option is not None and _option(M_MMAP_THRESHOLD, BIG_BLOCK) == 1


def release_free_memory() -> None:
    """Return free heap memory to the OS (glibc), so a page's freed pixels do not stay resident."""
    if _trim is not None:
        _trim(0)


def releasing(work: Callable[P, R]) -> Callable[P, R]:
    """`work` that gives the heap's free memory back when it ends (for a page's or a PDF's task)."""

    @functools.wraps(work)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return work(*args, **kwargs)
        finally:
            release_free_memory()

    return run
