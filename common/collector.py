"""Python's cycle collector, once the application has started.

What starting makes (modules, classes, the catalog, the window's widgets and their wrappers, the
signing and receipt libraries the warm-up loads) lives as long as the process. Every full
collection walks all of it: ~180,000 objects in the window, one ~80 ms pause, measured inside
the intake's signing step, where it held the GIL from the signing thread. `freeze_start_up()`
moves those objects into the collector's permanent generation (`gc.freeze`), so later
collections walk only what the intake makes since. Objects still free themselves by reference
counting as before; only a reference cycle among them would never be collected (at the end of
the window's start-up a full collection finds ~1,200 unreachable objects, a few hundred KB, so
none is run first: on the headless intake's path it would pause the capture under way).
"""

from __future__ import annotations

import gc

__all__ = ["freeze_start_up"]


def freeze_start_up() -> int:
    """Leave the objects alive now out of later collections; how many are left out in all."""
    gc.freeze()
    return gc.get_freeze_count()
