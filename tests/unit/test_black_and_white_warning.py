"""Digitised copies must be colour (domain.md §3): a component kept in black and white is flagged
when its PDF is made (event) and on the components step, and choosing the mode warns."""

from __future__ import annotations

from counter_app.dossier import PageMeta
from counter_app.events import iter_events
from counter_app.workflow import Workflow
from tests.unit.test_workflow import captured, png


def test_a_black_and_white_component_is_recorded_when_its_pdf_is_made(ctx, wf: Workflow) -> None:
    dossier = captured(wf)
    wf.add_page(dossier, "giay_chung_sinh", png(), PageMeta(60, 85, 200, "bw"))
    wf.complete_capture(dossier)
    for key in ("to_khai_khai_sinh", "giay_chung_sinh"):
        wf.attach_pdf(dossier, key, b"%PDF-1.7 " + key.encode())
    flagged = [e for e in iter_events(ctx.db) if e.kind == "digitized_black_and_white"]
    assert [e.payload for e in flagged] == [{"component_key": "giay_chung_sinh", "pages": 1}]
    assert flagged[0].duration_ms is None  # a fact, not a timed step
    assert wf.open(dossier.local_ref).component("giay_chung_sinh").black_and_white_pages == 1
    assert wf.open(dossier.local_ref).component("to_khai_khai_sinh").black_and_white_pages == 0
