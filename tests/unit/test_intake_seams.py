"""The intake's seams (`counter_app.intake.heavy`): who gets the import lock, and when."""

from __future__ import annotations

import threading
import time

from counter_app.intake import heavy


def _asking(lock: object, count: int) -> None:
    """Until `count` threads have asked for `lock` (the waiting thread has taken its turn)."""
    deadline = time.monotonic() + 10
    while getattr(lock, "_issued", count) < count:
        assert time.monotonic() < deadline, "the other thread never asked for the lock"
        time.sleep(0.001)


def test_a_step_waiting_for_its_seam_goes_before_the_warm_up_takes_the_lock_again() -> None:
    """The warm-up lets go of the lock between two seams and asks for it again at once; a step
    that asked meanwhile (the headless capture wanting the page libraries) must get it first,
    not wait for the PDF and signing libraries as well. With a plain lock the thread letting
    go nearly always took it straight back (one headless run in three measured its capture
    0.5 s short, the signing imports done before its clock started)."""
    lock = type(heavy._lock)()
    order: list[str] = []

    def step() -> None:
        with lock:
            order.append("step")

    with lock:  # the warm-up importing the page libraries
        waiting = threading.Thread(target=step)
        waiting.start()
        _asking(lock, 2)
    with lock:  # the warm-up's next seam
        order.append("warm-up")
    waiting.join(timeout=10)
    assert order == ["step", "warm-up"]


def test_the_seams_lock_serves_many_threads_each_once() -> None:
    lock = type(heavy._lock)()
    inside = []
    done = []

    def worker(n: int) -> None:
        for _ in range(50):
            with lock:
                inside.append(n)
                assert len(inside) == 1, "two threads held the lock at once"
                inside.pop()
        done.append(n)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    assert sorted(done) == [0, 1, 2, 3]
