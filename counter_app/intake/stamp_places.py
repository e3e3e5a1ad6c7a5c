"""Where each PDF's signature stamp goes, shown to the officer before signing when it would cover ink.

`signing.placement` finds white space near the top left of page 1. When a document has none
there, the window's signing step shows page 1 with the stamp's rectangle for each corner and
the officer picks the corner (`with_corners`) before the batch is signed. Everything stays in
memory: the PDFs are the unsealed bytes of `IntakeService.documents_to_sign`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace

from common.pdfium_lock import rendered, serialized
from counter_app.intake.sign_requests import SignDocument
from signing.placement import CORNERS, StampPlacement, find_stamp_box

PREVIEW_DPI = 50
CORNER_LABELS = {
    "top_left": "Góc trên bên trái",
    "top_right": "Góc trên bên phải",
    "bottom_left": "Góc dưới bên trái",
    "bottom_right": "Góc dưới bên phải",
}
_FREE, _INK = (0, 140, 60), (200, 0, 0)


@dataclass(frozen=True)
class StampOption:
    placement: StampPlacement
    preview_png: bytes = field(repr=False)  # page 1 with the stamp's rectangle drawn


@dataclass(frozen=True)
class StampChoice:
    """A document whose stamp covers ink at the top left: its four corners, for the officer."""

    key: str
    name: str
    options: dict[str, StampOption]  # corner -> option, in CORNERS order

    @property
    def suggested(self) -> str:
        """The first corner with white space, else the top left (TT 01/2023's place)."""
        return next((c for c, o in self.options.items() if o.placement.free), CORNERS[0])


def stamp_choices(documents: list[SignDocument]) -> list[StampChoice]:
    """The documents whose stamp would cover ink near the top left, with what each corner gives."""
    choices = []
    for document in documents:
        if find_stamp_box(document.pdf).free:
            continue
        options = {corner: _option(document.pdf, corner) for corner in CORNERS}
        choices.append(StampChoice(document.key, document.metadata.name, options))
    return choices


def with_corners(documents: list[SignDocument], corners: dict[str, str]) -> list[SignDocument]:
    """The documents with the officer's corner (by component key) in their signing metadata."""
    return [
        replace(d, metadata=replace(d.metadata, stamp_corner=corners[d.key])) if d.key in corners else d
        for d in documents
    ]


@serialized
def _option(pdf: bytes, corner: str) -> StampOption:
    import pypdfium2 as pdfium
    from PIL import ImageDraw

    placement = find_stamp_box(pdf, corner)
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        x1, _y1, _x2, y2 = page.get_bbox()
        scale = PREVIEW_DPI / 72
        image = rendered(page, scale=scale).convert("RGB")
        page.close()
    finally:
        document.close()
    bx1, by1, bx2, by2 = placement.box
    rectangle = [(bx1 - x1) * scale, (y2 - by2) * scale, (bx2 - x1) * scale, (y2 - by1) * scale]
    ImageDraw.Draw(image).rectangle(rectangle, outline=_FREE if placement.free else _INK, width=3)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=1)
    return StampOption(placement, buffer.getvalue())
