"""What the signing step needs of each PDF's page 1, looked at once, as the PDF is built.

`signing.placement` finds white space near the top left of page 1 for the signature's stamp.
When a document has none there, the window's signing step shows page 1 with the stamp's
rectangle for each corner and the officer picks the corner (`with_corners`) before the batch is
signed. The signing review shows page 1 as a small thumbnail. All of it comes from one PDFium
render of page 1 (`look_at_first_page`), made on the intake's workers as each PDF is built
(`counter_app.intake.pdfs`), so neither the review, nor the stamp dialog, nor the signature
renders the page again. Everything stays in memory. Page 1 is encoded once for the dialog (one
JPEG); each corner carries only its rectangle, which the dialog draws over it (four PNG copies
with the rectangle drawn in took ~60 ms a PDF, most of a window's look).
"""

from __future__ import annotations

import hashlib
import io
import threading
from collections import OrderedDict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from counter_app.intake.sign_requests import SignDocument
from signing.placement import CORNERS, PageInk, StampPlacement, find_stamp_box, page_ink, render_first_page

PREVIEW_DPI = 50
THUMB_WIDTH = 68  # the signing review's row icon (34 px) twice over, sharp on a high-dpi screen
CORNER_LABELS = {
    "top_left": "Góc trên bên trái",
    "top_right": "Góc trên bên phải",
    "bottom_left": "Góc dưới bên trái",
    "bottom_right": "Góc dưới bên phải",
}


@dataclass(frozen=True)
class StampOption:
    placement: StampPlacement
    rectangle: tuple[int, int, int, int]  # the stamp's box on the preview: left, top, right, bottom (px)


@dataclass(frozen=True)
class StampChoice:
    """A document whose stamp covers ink at the top left: its four corners, for the officer."""

    key: str
    name: str
    options: dict[str, StampOption]  # corner -> option, in CORNERS order
    preview_jpeg: bytes = field(repr=False)  # page 1 at PREVIEW_DPI, the rectangles not drawn

    @property
    def suggested(self) -> str:
        """The first corner with white space, else the top left (TT 01/2023's place)."""
        return next((c for c, o in self.options.items() if o.placement.free), CORNERS[0])


def digest(pdf: bytes) -> str:
    return hashlib.sha256(pdf).hexdigest()


@dataclass(frozen=True)
class FirstPage:
    """Page 1 of one PDF (`digest` names its bytes): where the stamp goes at the top left, the
    four corners and page 1 at PREVIEW_DPI when that covers ink, and the review's thumbnail
    (JPEG, THUMB_WIDTH wide)."""

    digest: str
    placement: StampPlacement
    options: dict[str, StampOption] = field(repr=False)  # empty when the top left is free
    thumbnail: bytes = field(repr=False)
    preview_jpeg: bytes = field(default=b"", repr=False)  # with the options

    def box(self, corner: str) -> tuple[int, int, int, int] | None:
        """The stamp's box at `corner` when it was sought there, else None (sought when signing)."""
        if corner == self.placement.corner:
            return self.placement.box
        option = self.options.get(corner)
        return option.placement.box if option is not None else None


def look_at_first_page(pdf: bytes, *, screen: bool = True) -> FirstPage:
    """Page 1 rendered once, at the stamp's resolution: the stamp's place; for a `screen` (the
    window) in colour, with the four corners when the top left covers ink and the thumbnail.
    Without a screen (the headless intake) only the place is wanted: grey, nothing else."""
    from PIL import Image

    page = render_first_page(pdf, grayscale=not screen)
    ink = page_ink(page)
    placement = find_stamp_box(pdf, ink=ink)
    if not screen:
        return FirstPage(digest(pdf), placement, {}, b"")
    image = page.image if page.image.mode == "RGB" else page.image.convert("RGB")
    options, preview_jpeg = {}, b""
    if not placement.free:
        scale = PREVIEW_DPI / 72 / ink.scale
        preview = image.resize(
            (max(1, round(image.width * scale)), max(1, round(image.height * scale))),
            Image.Resampling.BILINEAR,
        )
        options = {c: _option(pdf, ink, c) for c in CORNERS}
        preview_jpeg = _encoded(preview, "JPEG", quality=85)
    # `reducing_gap`: halved in whole steps first, then LANCZOS over the rest (as sharp at this size).
    small = image.resize(
        (THUMB_WIDTH, max(1, round(image.height * THUMB_WIDTH / image.width))),
        Image.Resampling.LANCZOS,
        reducing_gap=3.0,
    )
    return FirstPage(digest(pdf), placement, options, _encoded(small, "JPEG", quality=88), preview_jpeg)


def stamp_choices(
    documents: list[SignDocument], known: Mapping[str, FirstPage] | None = None
) -> list[StampChoice]:
    """The documents whose stamp would cover ink near the top left, with what each corner gives;
    `known`: page 1 of some of them already looked at (by digest), not rendered again."""
    choices = []
    for document in documents:
        first = (known or {}).get(digest(document.pdf))
        if first is None or not (first.placement.free or first.options):  # looked at without a screen
            first = look_at_first_page(document.pdf)
        if first.placement.free:
            continue
        choices.append(StampChoice(document.key, document.metadata.name, first.options, first.preview_jpeg))
    return choices


def with_corners(documents: list[SignDocument], corners: dict[str, str]) -> list[SignDocument]:
    """The documents with the officer's corner (by component key) in their signing metadata."""
    return [
        replace(d, metadata=replace(d.metadata, stamp_corner=corners[d.key], stamp_box=None))
        if d.key in corners
        else d
        for d in documents
    ]


def with_boxes(documents: list[SignDocument], known: Mapping[str, FirstPage]) -> list[SignDocument]:
    """The documents with the stamp's box already found for their corner, so the signature does
    not render page 1 again."""
    placed = []
    for d in documents:
        first = known.get(digest(d.pdf))
        box = first.box(d.metadata.stamp_corner) if first is not None else None
        placed.append(replace(d, metadata=replace(d.metadata, stamp_box=box)) if box is not None else d)
    return placed


def _option(pdf: bytes, ink: PageInk, corner: str) -> StampOption:
    """`corner`'s place, and its rectangle on the preview (page 1 at PREVIEW_DPI; PDF points
    have their origin at the bottom left, the preview's pixels at the top left)."""
    placement = find_stamp_box(pdf, corner, ink=ink)
    scale = PREVIEW_DPI / 72
    x1, _y1, _x2, y2 = ink.box
    bx1, by1, bx2, by2 = placement.box
    rectangle = (
        round((bx1 - x1) * scale),
        round((y2 - by2) * scale),
        round((bx2 - x1) * scale),
        round((y2 - by1) * scale),
    )
    return StampOption(placement, rectangle)


def _encoded(image: Any, fmt: str, **options: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


class FirstPages:
    """Page 1 of the PDFs built lately, looked at once: by digest (the stamp's place for the PDF
    about to be signed) and by the dossier's file name (the review's thumbnail). Bounded: the
    counter's dossier of the moment and a few before it."""

    LIMIT = 64

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_digest: OrderedDict[str, FirstPage] = OrderedDict()
        self._names: dict[tuple[str, str], str] = {}  # (local_ref, PDF file name) -> digest

    def remember(self, local_ref: str, name: str | None, first: FirstPage) -> None:
        with self._lock:
            self._by_digest[first.digest] = first
            self._by_digest.move_to_end(first.digest)
            if name is not None:
                self._names[(local_ref, name)] = first.digest
            while len(self._by_digest) > self.LIMIT:
                gone, _ = self._by_digest.popitem(last=False)
                self._names = {k: d for k, d in self._names.items() if d != gone}

    def alias(self, local_ref: str, name: str, same_as: str | None) -> None:
        """`name` shows as `same_as` in the review: the signed PDF is the one it signed with a
        stamp appended (too small to tell at a thumbnail's size; the viewer shows it)."""
        with self._lock:
            digest = self._names.get((local_ref, same_as or ""))
            if digest is not None:
                self._names[(local_ref, name)] = digest

    def thumbnail(self, local_ref: str, name: str | None) -> bytes | None:
        with self._lock:
            first = self._by_digest.get(self._names.get((local_ref, name or ""), ""))
        return first.thumbnail if first is not None and first.thumbnail else None

    def known(self) -> dict[str, FirstPage]:
        with self._lock:
            return dict(self._by_digest)

    def placed(self, documents: Collection[SignDocument]) -> Collection[SignDocument]:
        """`documents` with the stamp's box found already, where it was (`with_boxes`)."""
        if not isinstance(documents, list):
            return documents  # still being built: placed as each build ends
        return with_boxes(documents, self.known())

    def forget(self, local_ref: str) -> None:
        with self._lock:
            self._names = {k: d for k, d in self._names.items() if k[0] != local_ref}
