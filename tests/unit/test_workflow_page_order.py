"""Page order at the scan panel: insert, replace (rotate, re-scan) and reorder, each one step."""

from __future__ import annotations

import pytest

from counter_app.dossier import ComponentStatus, PageMeta, WorkflowError
from counter_app.events import iter_events
from counter_app.workflow import Workflow
from tests.unit.test_workflow import BIRTH, CITIZEN, META, png

KEY = "to_khai_khai_sinh"


@pytest.fixture
def three_pages(wf: Workflow):
    d = wf.start()
    wf.identify(d, CITIZEN, method="qr_camera")
    wf.choose_procedure(d, BIRTH)
    for colour in ("red", "green", "blue"):
        wf.add_page(d, KEY, png(colour=colour), META)
    return d


def _colours(workflow: Workflow, d) -> list[tuple[int, int, int]]:
    import io

    from PIL import Image

    return [
        Image.open(io.BytesIO(workflow.page_image(d, p))).getpixel((5, 5)) for p in d.component(KEY).pages
    ]


def test_reorder_moves_no_file_and_survives_reopening(wf: Workflow, ctx, three_pages) -> None:
    d = three_pages
    before = set(ctx.workspace.names(d.local_ref))
    wf.reorder_pages(d, KEY, [3, 1, 2])
    assert [p.seq for p in d.component(KEY).pages] == [3, 1, 2]
    assert set(ctx.workspace.names(d.local_ref)) == before
    again = wf.open(d.local_ref)
    assert [p.seq for p in again.component(KEY).pages] == [3, 1, 2]
    assert _colours(wf, again) == [(0, 0, 255), (255, 0, 0), (0, 128, 0)]
    kinds = [e.kind for e in iter_events(ctx.db, kinds=("page_scanned", "pages_reordered"))]
    assert kinds.count("page_scanned") == 3, "a reorder is not counted as new scans"


def test_stale_order_is_refused_and_nothing_changes(wf: Workflow, three_pages) -> None:
    d = three_pages
    with pytest.raises(WorkflowError) as info:
        wf.reorder_pages(d, KEY, [1, 2])
    assert info.value.code == "page_order_stale"
    assert [p.seq for p in wf.open(d.local_ref).component(KEY).pages] == [1, 2, 3]


def test_replace_keeps_the_place_and_removes_the_old_file(wf: Workflow, ctx, three_pages) -> None:
    d = three_pages
    old_name = d.component(KEY).pages[1].file_name
    new = wf.replace_page(d, KEY, 2, png(colour="yellow"), PageMeta(60, 85, 200, "color"))
    assert [p.seq for p in d.component(KEY).pages] == [1, new.seq, 3]
    assert _colours(wf, d)[1] == (255, 255, 0)
    assert old_name not in ctx.workspace.names(d.local_ref)
    assert d.component(KEY).status is ComponentStatus.CAPTURED
    [event] = [e for e in iter_events(ctx.db, kinds=("page_replaced",))]
    assert event.payload["replaced"] == 2 and event.payload["page"] == new.seq


def test_insert_puts_a_page_before_another(wf: Workflow, three_pages) -> None:
    d = three_pages
    page = wf.insert_page(d, KEY, png(colour="black"), META, before_seq=2)
    assert [p.seq for p in wf.open(d.local_ref).component(KEY).pages] == [1, page.seq, 2, 3]
