"""The intake service's page feed: pages in order, only a few cleaned ahead, so a component's
PDF build (handed to the same pool when its last page is stored) runs before later pages."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

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
