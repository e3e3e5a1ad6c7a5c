"""Where the visible stamp goes: on white space, never over the document's ink.

Thông tư 01/2023/TT-VPCP asks for the signer's name and the scan time at the top left of page 1;
a fixed box there covers the national motto or the issuing agency on most documents. So page 1 is
rendered (pypdfium2, from the bytes in memory, at a bounded resolution) and the stamp goes, in
order of preference:

1. on white space in the corner area asked for (the top left unless the officer chose another
   corner), as close to the corner as possible;
2. else on the nearest white space of the band along that edge (the top band for a top corner);
3. else at the corner itself, `free=False`: it covers ink, so the officer sees it in the preview
   of the signing step and may choose another corner before signing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from common.pdfium_lock import RenderedPage, UnreadablePdf, render_page
from signing.errors import InputPdfError

CORNERS = ("top_left", "top_right", "bottom_left", "bottom_right")
STAMP_WIDTH = 260  # points
STAMP_HEIGHT = 54
MARGIN = 18  # from the page edge, as the fixed stamp had
CLEARANCE = 3  # points kept between the stamp and the nearest ink
CORNER_AREA = (0.5, 0.25)  # the corner area: half the width, a quarter of the height
BAND_HEIGHT = 0.3  # the band along the corner's edge
_MAX_RENDER_PX = 1200  # the longer side of the render: ~100 dpi on A4, enough to see a dot of ink
_INK_LEVEL = 200  # a pixel darker than this (0-255 grey) is ink; scanner paper grey stays above


@dataclass(frozen=True)
class StampPlacement:
    box: tuple[int, int, int, int]  # PDF user space (x1, y1, x2, y2), origin at the bottom left
    corner: str
    free: bool  # False: no white space was found; the stamp covers ink (the officer must look)

    @property
    def covers_ink(self) -> bool:
        return not self.free


@dataclass(frozen=True)
class PageInk:
    """Page 1's ink as a boolean array (rows from the top), the pixels per point, and the box the
    render covers (the CropBox, which is the MediaBox unless the PDF says otherwise)."""

    mask: Any
    scale: float
    box: tuple[float, float, float, float]
    # (w, h) -> `_free_windows` of the mask: the same for each of the four corners sought
    _free: dict[tuple[int, int], Any] = field(default_factory=dict, compare=False, repr=False)

    def free_windows(self, w: int, h: int) -> Any:
        free = self._free.get((w, h))
        if free is None:
            free = self._free[(w, h)] = _free_windows(self.mask, w, h)
        return free


def render_first_page(pdf: bytes, *, grayscale: bool = True) -> RenderedPage:
    """Page 1 at the resolution the stamp's place is sought at (`page_ink`); in colour, the
    intake also takes its first-page thumbnail from it (one render per PDF)."""
    try:
        return render_page(
            pdf, scale=lambda w, h: min(100 / 72, _MAX_RENDER_PX / max(w, h, 1)), grayscale=grayscale
        )
    except UnreadablePdf as exc:
        raise InputPdfError(f"Tệp PDF không đọc được để đặt dấu chữ ký ({exc}).") from exc


def page_ink(page: RenderedPage) -> PageInk:
    import numpy as np

    grey = np.asarray(page.image.convert("L"))
    return PageInk(grey < _INK_LEVEL, page.scale, page.box)


def ink_mask(pdf: bytes) -> PageInk:
    return page_ink(render_first_page(pdf))


def _free_windows(ink: object, w: int, h: int) -> object:
    """For every top-left pixel (row, col), whether the w×h window from there holds no ink."""
    import numpy as np

    # The summed-area table is made in its zero-padded place, and the windows' sums in the
    # table's own top-left corner: page 1 rendered at ~100 dpi is a million pixels, each int32
    # array 4 MB.
    height, width = ink.shape  # type: ignore[attr-defined]
    table = np.zeros((height + 1, width + 1), np.int32)
    sums = table[1:, 1:]
    np.copyto(sums, ink)  # summed in place: a cumsum cast from bool makes an int32 copy first
    np.cumsum(sums, axis=0, out=sums)
    np.cumsum(sums, axis=1, out=sums)
    rows, cols = table.shape[0] - h, table.shape[1] - w
    if rows <= 0 or cols <= 0:
        return np.zeros((0, 0), dtype=bool)
    # Column j becomes (column j + w) - (column j), then row i (row i + h) - (row i), in blocks
    # of w columns or h rows taken in order: each block reads only ones not yet overwritten.
    for left in range(0, cols, w):
        right = min(cols, left + w)
        np.subtract(table[:, left + w : right + w], table[:, left:right], out=table[:, left:right])
    for top in range(0, rows, h):
        bottom = min(rows, top + h)
        np.subtract(
            table[top + h : bottom + h, :cols], table[top:bottom, :cols], out=table[top:bottom, :cols]
        )
    return table[:rows, :cols] == 0


def find_stamp_box(
    pdf: bytes,
    corner: str = "top_left",
    size: tuple[int, int] = (STAMP_WIDTH, STAMP_HEIGHT),
    *,
    ink: PageInk | None = None,
) -> StampPlacement:
    """Where the stamp goes on page 1 of `pdf` (see the module docstring); `ink`: page 1 already
    looked at (`page_ink`), so that the four corners and the thumbnail share one render."""
    import numpy as np

    if corner not in CORNERS:
        raise ValueError(f"corner must be one of {CORNERS}")
    looked = ink if ink is not None else ink_mask(pdf)
    ink, scale, (x1, y1, x2, y2) = looked.mask, looked.scale, looked.box
    rows, cols = ink.shape  # type: ignore[attr-defined]
    pad = int(np.ceil(CLEARANCE * scale))
    w = int(np.ceil(size[0] * scale)) + 2 * pad
    h = int(np.ceil(size[1] * scale)) + 2 * pad
    margin = int(MARGIN * scale) - pad
    free = looked.free_windows(w, h)
    top, left = corner.startswith("top"), corner.endswith("left")
    # Distance of each window from the corner it should hug (pixels), margins included.
    r = np.arange(free.shape[0])[:, None]
    c = np.arange(free.shape[1])[None, :]
    dy = (r - margin) if top else (rows - margin - h - r)
    dx = (c - margin) if left else (cols - margin - w - c)
    inside = (dy >= 0) & (dx >= 0)
    in_band = inside & (dy <= BAND_HEIGHT * rows - h)
    in_corner = in_band & (dy <= CORNER_AREA[1] * rows) & (dx <= CORNER_AREA[0] * cols)
    page = (x1, y1, x2, y2)
    for area in (in_corner, in_band):
        candidates = free & area
        if candidates.any():
            # The nearest candidate (the first in reading order among equals), measured only on
            # the rows that hold candidates: a float distance for every window is 8 MB.
            held = np.flatnonzero(candidates.any(axis=1))
            first, last = int(held[0]), int(held[-1]) + 1
            distance = np.hypot(dx, dy[first:last])
            np.copyto(distance, np.inf, where=~candidates[first:last])
            row, col = divmod(int(distance.argmin()), free.shape[1])
            row += first
            # Rounded towards the corner: less than a pixel, inside the window's clearance.
            offset = (int(dx[0, col] / scale), int(dy[row, 0] / scale))
            return StampPlacement(_box(page, corner, size, offset), corner, True)
    return StampPlacement(_box(page, corner, size, (0, 0)), corner, False)


def _box(
    page: tuple[float, float, float, float], corner: str, size: tuple[int, int], offset: tuple[int, int]
) -> tuple[int, int, int, int]:
    """The stamp's PDF rectangle: `offset` points (across, down or up) from its place at `corner`,
    MARGIN points from the page's edges (PDF y grows upwards)."""
    x1, y1, x2, y2 = (int(v) for v in page)
    left = x1 + MARGIN + offset[0] if corner.endswith("left") else x2 - MARGIN - offset[0] - size[0]
    bottom = y2 - MARGIN - offset[1] - size[1] if corner.startswith("top") else y1 + MARGIN + offset[1]
    return left, bottom, left + size[0], bottom + size[1]
