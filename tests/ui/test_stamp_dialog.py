"""The signing step's stamp placement: a document with no white space at the top left of page 1 is
shown with the stamp's rectangle, and the officer's corner goes into the signing metadata."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from counter_app.intake.sign_requests import SignDocument
from counter_app.intake.stamp_places import stamp_choices, with_corners
from signing.session import DocumentMetadata
from tests.unit.test_signing_stamp_placement import A4, _page
from ui.intake.stamp_dialog import StampPlacementDialog


def _documents() -> list[SignDocument]:
    return [
        SignDocument("clear", _page((300, 400, 200, 200)), DocumentMetadata("Tờ khai")),
        # Ink on the top 60 % of the page: no room at the top, white space at the bottom.
        SignDocument("inked", _page((0, 0, A4[0], A4[1] * 0.6)), DocumentMetadata("Giấy chứng sinh")),
    ]


def test_only_documents_whose_stamp_covers_ink_are_asked_about() -> None:
    [choice] = stamp_choices(_documents())
    assert choice.key == "inked" and choice.name == "Giấy chứng sinh"
    assert [c for c, o in choice.options.items() if o.placement.free] == ["bottom_left", "bottom_right"]
    assert choice.suggested == "bottom_left"
    # The preview shows the rectangle: red where it covers ink (top left), green on white space.
    top_left = np.asarray(Image.open(io.BytesIO(choice.options["top_left"].preview_png)))
    assert ((top_left[..., 0] > 150) & (top_left[..., 1] < 60)).any()


def test_the_officer_picks_the_corner_and_it_reaches_the_signing_metadata(qtbot) -> None:
    documents = _documents()
    dialog = StampPlacementDialog(stamp_choices(documents))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.preview.pixmap().isNull()
    assert dialog.corner.currentData() == "bottom_left" and dialog.warning.text() == ""
    dialog.corner.setCurrentIndex(dialog.corner.findData("top_left"))
    assert "che nội dung" in dialog.warning.text()
    dialog.corner.setCurrentIndex(dialog.corner.findData("bottom_right"))
    assert dialog.corners() == {"inked": "bottom_right"}
    chosen = with_corners(documents, dialog.corners())
    assert [d.metadata.stamp_corner for d in chosen] == ["top_left", "bottom_right"]
    assert chosen[1].pdf == documents[1].pdf
