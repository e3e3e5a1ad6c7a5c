"""After the receipt the citizen's screen asks for a rating; a tap records it once, skip is allowed.

The guidance window is the real one and the answer goes through the real task runner into the
real event log; the intake section is stood in for by the two attributes the link reads
(`ctx`, `tasks`), since the whole intake is not what is under test here.
"""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

from PySide6.QtCore import Qt

from counter_app import kpi
from counter_app.events import iter_events
from tests.synthetic_events import LOCAL, DossierSpec, write
from ui import guidance_rating
from ui.guidance import GuidanceWindow
from ui.guidance_text import STEP_RECEIPT, STEP_WELCOME
from ui.intake.guidance_link import _show
from ui.tasks import TaskRunner


def _receipt(
    qtbot, guidance: GuidanceWindow, section: SimpleNamespace, ref: str
) -> guidance_rating.RatingPanel:
    details = {"dossier_code": f"P-{ref}", "local_ref": ref, "appointment": None}
    _show(guidance, STEP_RECEIPT, details, {}, section=section)
    qtbot.waitUntil(lambda: guidance_rating._panels.get(guidance) is not None, timeout=10_000)
    panel = guidance_rating._panels[guidance]
    qtbot.waitUntil(lambda: panel.dossier_ref == ref and panel.isVisible(), timeout=10_000)
    return panel


def test_rating_after_the_receipt(qtbot, ctx) -> None:
    write(
        ctx.db,
        [
            DossierSpec("G1", datetime(2026, 12, 2, 9, tzinfo=LOCAL)),
            DossierSpec("G2", datetime(2026, 12, 2, 10, tzinfo=LOCAL)),
        ],
    )
    guidance = GuidanceWindow("Bộ phận Một cửa")
    qtbot.addWidget(guidance)
    guidance.show()
    section = SimpleNamespace(ctx=ctx, tasks=TaskRunner())

    panel = _receipt(qtbot, guidance, section, "G1")
    assert [b.text() for b in panel.levels.values()] == ["Rất hài lòng", "Hài lòng", "Không hài lòng"]
    assert all(b.height() >= 80 for b in panel.levels.values())  # large targets for a finger
    panel.comment.setText("Nhanh, chu đáo")
    qtbot.mouseClick(panel.levels["satisfied"], Qt.MouseButton.LeftButton)
    assert panel.thanks.isVisible() and not panel.levels["satisfied"].isVisible()
    qtbot.waitUntil(
        lambda: any(True for _ in iter_events(ctx.db, kinds=("satisfaction_rated",))), timeout=10_000
    )
    [rated] = list(iter_events(ctx.db, kinds=("satisfaction_rated",)))
    assert (rated.dossier_ref, rated.payload) == ("G1", {"level": "satisfied", "comment": "Nhanh, chu đáo"})

    # The same receipt shown again: already answered, only the thanks.
    _show(guidance, STEP_WELCOME, {}, {}, section=section)
    assert not panel.isVisible()
    _receipt(qtbot, guidance, section, "G1")
    assert panel.thanks.isVisible() and not panel.skip.isVisible()

    # The next citizen skips.
    panel = _receipt(qtbot, guidance, section, "G2")
    qtbot.waitUntil(panel.skip.isVisible, timeout=10_000)
    qtbot.mouseClick(panel.skip, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: any(True for _ in iter_events(ctx.db, kinds=("satisfaction_skipped",))), timeout=10_000
    )
    section.tasks.wait()
    [row] = kpi.compute(ctx.db, by="total")
    assert (row.rated, row.satisfied, row.rating_skipped) == (1, 1, 1)
