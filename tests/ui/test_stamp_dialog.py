"""The signing step's stamp placement: a document with no white space at the top left of page 1 is
shown with the stamp's rectangle, and the officer's corner goes into the signing metadata."""

from __future__ import annotations

import io

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
    # Page 1 once, at the preview's resolution; each corner's rectangle lies on it, the top
    # left's over the inked part (the top 60 %), the bottom left's below it.
    page = Image.open(io.BytesIO(choice.preview_jpeg))
    assert page.format == "JPEG"
    for option in choice.options.values():
        left, top, right, bottom = option.rectangle
        assert 0 <= left < right <= page.width and 0 <= top < bottom <= page.height
    assert choice.options["top_left"].rectangle[3] < page.height * 0.6
    assert choice.options["bottom_left"].rectangle[1] > page.height * 0.6


def _drawn(dialog: StampPlacementDialog, option) -> str:
    """The colour of the preview shown at the middle of `option`'s rectangle's top edge (the
    page is fitted to the dialog: the rectangle is where it lands once scaled)."""
    shown = dialog.preview.pixmap()
    assert shown.width() <= dialog.preview.width() and shown.height() <= dialog.preview.height()
    image = shown.toImage()
    page = Image.open(io.BytesIO(dialog.choices[dialog.documents.currentRow()].preview_jpeg))
    scale = shown.width() / page.width
    left, top, right, _bottom = (round(v * scale) for v in option.rectangle)
    colours = [image.pixelColor((left + right) // 2, y) for y in range(max(0, top - 2), top + 3)]
    colour = max(colours, key=lambda c: abs(c.red() - c.green()))  # the line's own pixel, not the page's
    if colour.red() > 150 and colour.green() < 60:
        return "red"
    if colour.green() > 100 and colour.red() < 60:
        return "green"
    return colour.name()


def test_the_officer_picks_the_corner_and_it_reaches_the_signing_metadata(qtbot) -> None:
    documents = _documents()
    [choice] = stamp_choices(documents)
    dialog = StampPlacementDialog([choice])
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.preview.pixmap().isNull()
    assert dialog.corner.currentData() == "bottom_left" and dialog.warning.text() == ""
    assert _drawn(dialog, choice.options["bottom_left"]) == "green"
    dialog.corner.setCurrentIndex(dialog.corner.findData("top_left"))
    assert "che nội dung" in dialog.warning.text()
    # The rectangle shown: red where the stamp covers ink.
    assert _drawn(dialog, choice.options["top_left"]) == "red"
    dialog.corner.setCurrentIndex(dialog.corner.findData("bottom_right"))
    assert dialog.corners() == {"inked": "bottom_right"}
    chosen = with_corners(documents, dialog.corners())
    assert [d.metadata.stamp_corner for d in chosen] == ["top_left", "bottom_right"]
    assert chosen[1].pdf == documents[1].pdf
