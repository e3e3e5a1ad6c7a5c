"""Finding 3 of issue 21 in the window: a PDF imported into a component with active content is
disarmed, and the components step says what was taken out of which file.

pytest-qt with the real intake section on a real data folder; the file goes through the page's
own import action (what «Nhập từ tệp…» runs once the file dialog is answered)."""

from __future__ import annotations

import random
from pathlib import Path

from counter_app.citizen_checks import contradictions
from tests import hostile
from tests.synthetic_idcard import synthetic_citizen
from tests.ui.test_intake_flow import open_section

BIRTH = "1.001193"
KEY = "to_khai_khai_sinh"


def test_the_components_step_names_what_was_taken_out(qtbot, ctx, tmp_path: Path) -> None:
    section = open_section(qtbot, ctx, lambda: None)
    citizen = synthetic_citizen(random.Random(8))
    assert not contradictions(citizen)
    dossier = section.service.identify(None, citizen, method="manual").dossier
    dossier = section.service.choose_procedure(dossier.local_ref, BIRTH)
    section.dossier_changed(dossier)
    section.go(2)
    qtbot.waitUntil(lambda: section.components.current_key() is not None, timeout=10_000)
    src = hostile.write(tmp_path, "don-de-nghi.pdf", hostile.active_pdf())
    section.components.import_paths([str(src)])
    facts = section.components.facts
    qtbot.waitUntil(lambda: "don-de-nghi.pdf" in facts.text(), timeout=30_000)
    assert "JavaScript" in facts.text() and "tệp đính kèm" in facts.text()
    # The kept PDF's first page is shown as a thumbnail (rendered within the picture limits).
    qtbot.waitUntil(lambda: section.components.panel.strip.count() == 1, timeout=30_000)
