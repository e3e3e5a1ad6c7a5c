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


class _Interrupting(threading.Condition):
    """A condition whose wait is interrupted (as Ctrl+C interrupts the main thread) in one thread:
    a signal cannot be sent to a thread that is not the main one."""

    def wait_for(self, predicate, timeout=None):  # type: ignore[no-untyped-def]
        if threading.current_thread().name == "interrupted":
            raise KeyboardInterrupt
        return super().wait_for(predicate, timeout)


def test_a_thread_interrupted_while_waiting_does_not_hold_up_the_threads_behind_it() -> None:
    """The warm-up is not a daemon thread: had an interrupted wait kept its ticket, the warm-up's
    next seam would wait for ever, and so would the process at exit."""
    lock = type(heavy._lock)()
    lock._turns = _Interrupting(threading.Lock())
    interrupted: list[BaseException] = []

    def wait_and_be_interrupted() -> None:
        try:
            with lock:
                pass
        except KeyboardInterrupt as exc:
            interrupted.append(exc)

    with lock:  # the warm-up, importing
        waiting = threading.Thread(target=wait_and_be_interrupted, name="interrupted", daemon=True)
        waiting.start()
        waiting.join(timeout=10)
    behind = threading.Thread(target=lambda: lock.__enter__() or lock.__exit__(), daemon=True)
    behind.start()
    behind.join(timeout=10)
    assert interrupted and not behind.is_alive()
