"""`common.collector`: once the application's start-up is over, the objects starting made are
left out of later full collections (one walked ~180,000 objects of the window, an ~80 ms pause
inside the signing step), while what is made afterwards is still collected; only when the entry
point asked. Each case runs in a fresh interpreter, since the collector's state is process-wide."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True, text=True, timeout=120, cwd=ROOT, check=True,
    )  # fmt: skip
    return done.stdout.strip()


def test_start_up_objects_leave_the_collections_and_later_cycles_are_still_collected() -> None:
    out = _run(
        """
        import gc
        from common import collector
        collector.freeze_when_started()
        start_up = [[i] for i in range(50_000)]  # lists: always tracked by the collector
        walked_before = len(gc.get_objects())
        frozen = collector.start_up_over()
        walked_after = len(gc.get_objects())
        class Node: pass
        a, b = Node(), Node()
        a.other, b.other = b, a  # a cycle made after start-up
        del a, b
        print(frozen >= 50_000, walked_before - walked_after >= 50_000, gc.collect() >= 2)
        """
    )
    assert out == "True True True"


WARM_UP = """
    import gc, sys
    from common import collector
    from counter_app.intake import heavy
    if sys.argv[1] == "application":
        collector.freeze_when_started()  # as counter-app's entry point does
    heavy.warm_up(None, False)
    heavy._warm_up.join()
    print(heavy.warmed_up(), gc.get_freeze_count())
    """


def _warm_up(process: str) -> tuple[str, int]:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(WARM_UP), process],
        capture_output=True, text=True, timeout=120, cwd=ROOT, check=True,
    )  # fmt: skip
    warmed, frozen = done.stdout.split()
    return warmed, int(frozen)


def test_the_application_s_warm_up_freezes_what_starting_made() -> None:
    warmed, frozen = _warm_up("application")
    assert warmed == "True" and frozen > 10_000


def test_a_process_that_did_not_ask_keeps_its_collections_whole() -> None:
    """The test suite, say: a freeze there would keep earlier tests' windows alive for good."""
    assert _warm_up("other") == ("True", 0)
