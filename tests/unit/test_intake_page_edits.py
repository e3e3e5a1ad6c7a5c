"""Page edits of the intake core, without a window: moving a page to another component, re-scan in place."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from counter_app.dossier import ComponentStatus, DossierState, WorkflowError
from counter_app.events import iter_events
from counter_app.intake import page_edits
from counter_app.workflow import Workflow
from tests.unit.test_workflow import BIRTH, CITIZEN, META, png, signed

FORM, BIRTH_PAPER = "to_khai_khai_sinh", "giay_chung_sinh"


def _colours(wf: Workflow, local_ref: str, key: str) -> list[tuple[int, int, int]]:
    d = wf.open(local_ref)
    return [Image.open(io.BytesIO(wf.page_image(d, p))).getpixel((5, 5)) for p in d.component(key).pages]


def test_a_page_moved_to_another_component_is_rebuilt_and_resigned_there(wf: Workflow, ctx) -> None:
    d = signed(wf)  # form: white, grey; birth paper: white — every component built and signed
    assert d.state is DossierState.SIGNED
    moved_from = d.component(FORM).pages[1]

    after = page_edits.move_page(wf, d.local_ref, FORM, moved_from.seq, BIRTH_PAPER, position=0)

    assert [p.seq for p in after.component(FORM).pages] == [1]
    assert _colours(wf, d.local_ref, BIRTH_PAPER) == [(128, 128, 128), (255, 255, 255)]
    assert _colours(wf, d.local_ref, FORM) == [(255, 255, 255)]
    # Both components lost their PDFs and signatures; the dossier is back to capturing.
    again = wf.open(d.local_ref)
    assert again.state is DossierState.PROCEDURE_CHOSEN
    for key in (FORM, BIRTH_PAPER):
        component = again.component(key)
        assert component.status is ComponentStatus.CAPTURED
        assert (component.pdf_name, component.signed_name, component.pdf_sha256) == (None, None, None)
    # One sealed file per page, under its new component; nothing adopted twice on reopening.
    pages = [n for n in ctx.workspace.names(d.local_ref) if n.startswith("pages/")]
    assert moved_from.file_name not in pages
    assert sorted(pages) == sorted(p.file_name for c in again.components for p in c.pages)
    [event] = [e for e in iter_events(ctx.db, kinds=("page_moved",)) if e.dossier_ref == d.local_ref]
    assert event.payload["component_key"] == FORM and event.payload["to_component_key"] == BIRTH_PAPER
    kinds = [e.kind for e in iter_events(ctx.db, kinds=("page_scanned",)) if e.dossier_ref == d.local_ref]
    assert len(kinds) == 3, "a move is not counted as a new scan"


def test_moving_the_last_page_leaves_the_component_to_scan_again(wf: Workflow) -> None:
    d = wf.start()
    wf.identify(d, CITIZEN, method="qr_camera")
    wf.choose_procedure(d, BIRTH)
    wf.add_page(d, BIRTH_PAPER, png(colour="red"), META)
    wf.add_page(d, FORM, png(colour="blue"), META)

    after = page_edits.move_page(wf, d.local_ref, BIRTH_PAPER, 1, FORM)

    assert after.component(BIRTH_PAPER).pages == []
    assert after.component(BIRTH_PAPER).status is ComponentStatus.PENDING
    assert _colours(wf, d.local_ref, FORM) == [(0, 0, 255), (255, 0, 0)]
    with pytest.raises(WorkflowError) as info:
        page_edits.move_page(wf, d.local_ref, FORM, after.component(FORM).pages[0].seq, FORM)
    assert info.value.code == "page_move_same"


def test_a_move_refused_midway_leaves_no_copy_behind(wf: Workflow, ctx) -> None:
    d = signed(wf)
    stale = wf.open(d.local_ref)  # another screen's copy, taken before the dossier was cancelled
    wf.cancel(d, "Công dân rút hồ sơ")
    before = sorted(ctx.workspace.names(d.local_ref))
    with pytest.raises(WorkflowError):
        wf.move_page(stale, FORM, 1, BIRTH_PAPER)
    assert sorted(ctx.workspace.names(d.local_ref)) == before
