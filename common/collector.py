"""Python's cycle collector, once the application has started.

What starting makes (modules, classes, the catalog, the window's widgets and their wrappers, the
signing and receipt libraries the warm-up loads) lives as long as the process. Every full
collection walks all of it: ~180,000 objects in the window, one ~80 ms pause, measured inside
the intake's signing step, where it held the GIL from the signing thread. Once the start-up is
over (the intake's warm-up has ended), those objects go into the collector's permanent
generation (`gc.freeze`), so later collections walk only what the intake makes since. Objects
still free themselves by reference counting as before; only a reference cycle among them would
never be collected (at the end of the window's start-up a full collection finds ~1,200
unreachable objects, a few hundred KB, so none is run first: on the headless intake's path it
would pause the capture under way).

Only the application's entry point asks for it (`freeze_when_started`, beside
`memory.return_big_blocks`): a process that hosts the intake among other work, the test suite
for one, would keep every cycle alive at that moment (windows of tests already over) for good.
"""

from __future__ import annotations

import gc

__all__ = ["freeze_when_started", "start_up_over"]

_wanted = False


def freeze_when_started() -> None:
    """This process is the application: freeze what starting made once the start-up is over."""
    global _wanted
    _wanted = True


def start_up_over() -> int:
    """The start-up is over (the intake's warm-up has ended): left out of later collections if
    the entry point asked; how many objects are left out in all."""
    if _wanted:
        gc.freeze()
    return gc.get_freeze_count()
