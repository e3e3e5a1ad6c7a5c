"""`common.collector.freeze_start_up`: the objects starting made are left out of later full
collections (one walked ~180,000 objects of the window, an ~80 ms pause inside the signing step),
while what is made afterwards is still collected. Each case runs in a fresh interpreter, since
the collector's state is process-wide."""

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
        from common.collector import freeze_start_up
        start_up = [[i] for i in range(50_000)]  # lists: always tracked by the collector
        walked_before = len(gc.get_objects())
        frozen = freeze_start_up()
        walked_after = len(gc.get_objects())
        class Node: pass
        a, b = Node(), Node()
        a.other, b.other = b, a  # a cycle made after start-up
        del a, b
        print(frozen >= 50_000, walked_before - walked_after >= 50_000, gc.collect() >= 2)
        """
    )
    assert out == "True True True"


def test_the_intake_s_warm_up_freezes_what_starting_made() -> None:
    out = _run(
        """
        import gc
        from counter_app.intake import heavy
        heavy.warm_up(None, False)
        heavy._warm_up.join()
        print(heavy.warmed_up(), gc.get_freeze_count() > 10_000)
        """
    )
    assert out == "True True"
