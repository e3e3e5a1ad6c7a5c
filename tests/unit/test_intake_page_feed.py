"""The intake service's page feed: pages in order, only a few cleaned ahead, so a component's
PDF build (handed to the same pool when its last page is stored) runs before later pages."""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import cv2

import counter_app.intake.pipeline as intake
from counter_app.dossier import PageMeta
from counter_app.intake.inputs import PreparedPage


def test_pages_come_in_order_and_a_build_handed_over_runs_before_later_pages(monkeypatch):
    ran: list[str] = []
    outstanding = {"now": 0, "most": 0}
    lock = threading.Lock()

    def prepare(path, dpi, clean, views=False):
        with lock:
            ran.append(Path(path).name)
            outstanding["now"] -= 1
        return [PreparedPage(b"x", PageMeta(10, 10, dpi, "color", False, "jpg"), 1)]

    monkeypatch.setattr(intake, "prepare_pages", prepare)
    real_submit = ThreadPoolExecutor.submit

    def counting_submit(self, fn, *args, **kwargs):
        if fn is prepare:
            with lock:
                outstanding["now"] += 1
                outstanding["most"] = max(outstanding["most"], outstanding["now"])
        return real_submit(self, fn, *args, **kwargs)

    monkeypatch.setattr(ThreadPoolExecutor, "submit", counting_submit)
    components = {
        "a": [Path("a1"), Path("a2")],
        "b": [Path("b1")],
        "c": [Path(f"c{i}") for i in range(1, 7)],
    }
    with ThreadPoolExecutor(max_workers=1) as pool:
        feed = intake.PageFeed(pool, components, 300, True)
        seen = []
        for key, pages, last in feed:
            seen.append((key, len(pages), last))
            if last:
                pool.submit(ran.append, f"build-{key}")
    assert seen == [("a", 1, False), ("a", 1, True), ("b", 1, True)] + [("c", 1, False)] * 5 + [
        ("c", 1, True)
    ]
    assert outstanding["most"] <= intake.PAGES_AHEAD
    # Component a's PDF is built before most of c's pages are even cleaned.
    assert ran.index("build-a") < ran.index("c2") and ran.index("build-b") < ran.index("c4")
    assert [name for name in ran if not name.startswith("build")] == [
        "a1",
        "a2",
        "b1",
        *[f"c{i}" for i in range(1, 7)],
    ]


def test_overlapping_feeds_each_give_their_pages_and_put_opencv_threads_back(monkeypatch):
    """The window starts cleaning the next component's files while the last one's are stored:
    two feeds at once on one pool. Each gives its own pages; OpenCV's thread count, lowered while
    any feed runs, is what it was once the last one ends, whichever ends first."""

    def prepare(path, dpi, clean, views=False):
        return [PreparedPage(Path(path).name.encode(), PageMeta(10, 10, dpi, "color", False, "jpg"), 1)]

    monkeypatch.setattr(intake, "prepare_pages", prepare)
    before = cv2.getNumThreads()
    with ThreadPoolExecutor(max_workers=2) as pool:
        first = intake.PageFeed(pool, {"a": [Path("a1"), Path("a2")]}, 300, True)
        second = intake.PageFeed(pool, {"b": [Path(f"b{i}") for i in range(1, 5)]}, 300, True)
        lowered = max(1, (os.cpu_count() or 1) // intake.WORKERS)
        assert cv2.getNumThreads() == lowered
        got_first = [p.data for _key, pages, _last in first for p in pages]
        assert cv2.getNumThreads() == lowered  # the second feed still runs
        got_second = [p.data for _key, pages, _last in second for p in pages]
    assert got_first == [b"a1", b"a2"]
    assert got_second == [b"b1", b"b2", b"b3", b"b4"]
    assert cv2.getNumThreads() == before
