"""Page analysis for the PDF profiles: content class, text mask and a smooth text-free background.

Mixed raster content (MRC) keeps the glyphs as a lossless 1-bit mask at the scan resolution and
everything else (paper, seals, signatures, pictures) in a colour background. The background is made
smooth (flat paper, text removed) rather than downsampled below 200 dpi, so that it compresses to almost
nothing and still passes the "colour, at least 200 dpi" rule of the digitisation regulations.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

import cv2
import numpy as np

PageClass = Literal["text", "photo", "blank"]

# Minimum resolution the regulations require for every image of a digitised page.
MIN_DPI = 200
# A pixel this close (per channel, 0-255) to the local paper colour is paper grain, not content.
PAPER_TOLERANCE = 28
# Neutral ink: text is dark and nearly grey; coloured ink (seals, signatures) stays in the background.
MAX_TEXT_CHROMA = 70
# Share of non-paper, non-text pixels above which a page is treated as a photograph.
PHOTO_SHARE = 0.30
# Share of content pixels below which a page carries nothing (a blank page, only dust).
BLANK_SHARE = 0.0005
# Chroma on the reduced page above which the full-resolution chroma is checked: bilinear shrinking
# keeps at least a quarter of a one-pixel coloured stroke's chroma.
COLOUR_HINT = MAX_TEXT_CHROMA // 4
# More separate colour areas than this are checked as one box (fewer, larger array operations).
MAX_COLOUR_BOXES = 32


@dataclass(frozen=True)
class MrcLayers:
    """The layers of one page: `mask` is True where text ink is, at the scan resolution.

    `content` (background resolution) is True wherever the background may differ from flat paper.
    """

    mask: np.ndarray
    background: np.ndarray
    background_dpi: float
    text_colour: tuple[int, int, int]
    content: np.ndarray | None = None


@dataclass
class PageAnalysis:
    """`mask` (full resolution) is True on neutral dark text; `reduced` is the page at no more than 200 dpi.

    The class is decided on the reduced page; `mask` and `covered` (where text lies on the reduced page)
    are computed at full resolution when first asked for, so a photograph never pays for them.
    `rgb` (the page) is None once `mrc_layers` has taken all it needs from it.
    """

    page_class: PageClass
    has_colour: bool
    reduced: np.ndarray
    reduced_dpi: float
    paper: np.ndarray
    rgb: np.ndarray | None = field(repr=False)
    chroma: np.ndarray | None = field(repr=False)  # the reduced page's; None once the ink is taken

    @cached_property
    def mask(self) -> np.ndarray:
        # The 0/255 ink becomes the 0/1 bool mask in place (a second page-sized array is 9 MB at
        # 300 dpi), so `covered`, which needs the 0/255 form, is made first.
        self.covered  # noqa: B018
        ink = self._ink
        np.bitwise_and(ink, 1, out=ink)
        return ink.view(np.bool_)

    @cached_property
    def _ink(self) -> np.ndarray:
        """Neutral dark text at full resolution, 0/255 (0/1 once `mask` is asked for)."""
        rgb = self.rgb
        assert rgb is not None, "the page's pixels were let go before its ink was taken"
        h, w = rgb.shape[:2]
        # Coloured ink (a red seal, a blue signature) is not text: it stays in the colour background.
        # Only where the reduced page shows colour is the full-resolution chroma worth computing.
        # (The boxes are found first, and the reduced chroma, which served only them, let go:
        # their reduced-sized arrays are gone before the limits are made.)
        chroma, self.chroma = self.chroma, None
        assert chroma is not None, "the ink is taken once"
        boxes = _colour_boxes(chroma, w / self.reduced.shape[1], (w, h))
        del chroma
        # Each band of the page is made grey and compared in place of its limits: a grey page
        # beside the limits would be another 9 MB at 300 dpi.
        ink = ink_limit(self.paper, (w, h), 60)
        for rows in _bands(h):
            cv2.compare(cv2.cvtColor(rgb[rows], cv2.COLOR_RGB2GRAY), ink[rows], cv2.CMP_LT, dst=ink[rows])
        for rows, cols in boxes:
            for band in _bands(rows.stop - rows.start, rows.start):
                chroma = _chroma(rgb[band, cols])
                ink[band, cols] &= cv2.compare(chroma, MAX_TEXT_CHROMA, cv2.CMP_LT, dst=chroma)
        return ink

    @cached_property
    def covered(self) -> np.ndarray:
        rh, rw = self.reduced.shape[:2]
        # 0/255 so that bilinear shrinking keeps any trace of a thin stroke above zero.
        shrunk = _shrink(self._ink, (rw, rh))
        if shrunk is self._ink:
            shrunk = shrunk.copy()  # a page at 200 dpi: the ink itself must stay as it is
        grow = _odd(2 * self.reduced_dpi / 300 + 1)
        # Grown and made 0/1 in place, then read as bool: no second and third reduced-sized array.
        cv2.dilate(shrunk, np.ones((grow, grow), np.uint8), dst=shrunk)
        cv2.threshold(shrunk, 0, 1, cv2.THRESH_BINARY, dst=shrunk)
        return shrunk.view(np.bool_)


def reduced_size(width: int, height: int, dpi: float, target_dpi: float) -> tuple[int, int]:
    """Pixel size at `target_dpi`, rounded up so that the effective resolution never drops below it."""
    # Shrinking by under 1 % saves nothing and could round one axis just below the target.
    if dpi <= target_dpi * 1.01:
        return width, height
    scale = target_dpi / dpi
    return math.ceil(width * scale), math.ceil(height * scale)


def _odd(n: float) -> int:
    k = max(3, round(n))
    return k if k % 2 else k + 1


# Rows handled at once by the per-pixel steps that would otherwise need page-sized temporaries.
BAND_ROWS = 128


def _bands(height: int, start: int = 0) -> list[slice]:
    """Slices of at most BAND_ROWS rows covering `height` rows from `start`."""
    end = start + height
    return [slice(top, min(end, top + BAND_ROWS)) for top in range(start, end, BAND_ROWS)]


def _chroma(rgb: np.ndarray) -> np.ndarray:
    """max(R, G, B) - min(R, G, B), a band of rows at a time: the three split channels and the
    maximum of a whole page would be four more single-channel pages at once."""
    h, w = rgb.shape[:2]
    chroma = np.empty((h, w), np.uint8)
    for rows in _bands(h):
        r, g, b = cv2.split(rgb[rows])
        cv2.subtract(cv2.max(cv2.max(r, g), b), cv2.min(cv2.min(r, g), b), dst=chroma[rows])
    return chroma


def paper_estimate(rgb: np.ndarray, dpi: float) -> np.ndarray:
    """The local paper colour on a 1 mm grid: a max filter erases dark strokes narrower than ~3 mm."""
    h, w = rgb.shape[:2]
    step = max(1, round(dpi / 25))
    gw, gh = max(1, w // step), max(1, h // step)
    # Whole cells only: an exact ratio takes OpenCV's fast area path (3x faster); the edge cut is < 1 mm.
    small = cv2.resize(rgb[: gh * step, : gw * step], (gw, gh), interpolation=cv2.INTER_AREA)
    paper = cv2.dilate(small, np.ones((5, 5), np.uint8))
    return cv2.blur(paper, (5, 5))


def ink_limit(paper: np.ndarray, size: tuple[int, int], floor: int) -> np.ndarray:
    """Per-pixel grey level below which a pixel is ink: halfway-ish between paper and black."""
    paper_gray = cv2.cvtColor(paper, cv2.COLOR_RGB2GRAY)
    limit = cv2.min(cv2.subtract(paper_gray, floor), (paper_gray.astype(np.uint16) * 2 // 3).astype(np.uint8))
    return cv2.resize(limit, size, interpolation=cv2.INTER_LINEAR)


def _shrink(pixels: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    # Bilinear is ten times faster than area averaging at a 2:3 ratio, and the background is smoothed anyway.
    if pixels.shape[1] == size[0] and pixels.shape[0] == size[1]:
        return pixels
    return cv2.resize(pixels, size, interpolation=cv2.INTER_LINEAR)


def _colour_boxes(chroma: np.ndarray, scale: float, size: tuple[int, int]) -> list[tuple[slice, slice]]:
    """Boxes (full resolution) around every area whose reduced chroma hints at coloured ink
    (`chroma` is overwritten: its one caller needs it no more)."""
    hint = cv2.compare(chroma, COLOUR_HINT, cv2.CMP_GT, dst=chroma)
    if not cv2.countNonZero(hint):
        return []
    # Labelling is done on 8x8 cells; the one-cell margin covers the bilinear spread of a stroke.
    cell = 8
    cells = cv2.dilate(_cells(hint, cell), _3X3)
    count, _labels, stats, _centroids = cv2.connectedComponentsWithStats(cells, connectivity=8)
    rects = stats[1:count, :4] * cell
    if len(rects) > MAX_COLOUR_BOXES:
        x0, y0 = rects[:, :2].min(axis=0)
        x1, y1 = (rects[:, :2] + rects[:, 2:]).max(axis=0)
        rects = np.array([[x0, y0, x1 - x0, y1 - y0]])
    w, h = size
    boxes = []
    for x, y, bw, bh in rects.tolist():
        left, top = max(0, math.floor(x * scale)), max(0, math.floor(y * scale))
        right, bottom = min(w, math.ceil((x + bw) * scale)), min(h, math.ceil((y + bh) * scale))
        boxes.append((slice(top, bottom), slice(left, right)))
    return boxes


def analyse(rgb: np.ndarray, dpi: float) -> PageAnalysis:
    """Classify a page (text, photo, blank), find its neutral dark text and the 200 dpi colour image."""
    h, w = rgb.shape[:2]
    rw, rh = reduced_size(w, h, dpi, MIN_DPI)
    reduced = _shrink(rgb, (rw, rh))
    reduced_dpi = dpi * rw / w
    paper = paper_estimate(reduced, reduced_dpi)
    chroma = _chroma(reduced)

    # Photographs are far from the paper colour almost everywhere; seals and signatures are small.
    # A sparse sample (every 4th reduced pixel) is plenty to measure shares; text in it is neutral ink
    # darker than the paper's limit, and a one-sample margin stands for its anti-aliased edges.
    sample = reduced[::4, ::4]
    sh, sw = sample.shape[:2]
    sample_ink = cv2.compare(
        cv2.cvtColor(sample, cv2.COLOR_RGB2GRAY), ink_limit(paper, (sw, sh), 60), cv2.CMP_LT
    )
    sample_ink &= cv2.compare(chroma[::4, ::4], MAX_TEXT_CHROMA, cv2.CMP_LT)
    sample_covered = cv2.dilate(sample_ink, _3X3) > 0
    global_paper = [int(v) for v in np.percentile(paper.reshape(-1, 3), 95, axis=0)]
    far = _beyond(cv2.absdiff(np.ascontiguousarray(sample), (*global_paper, 0)), 2 * PAPER_TOLERANCE) > 0
    n = far.size
    non_text_share = float(np.count_nonzero(far & ~sample_covered)) / n
    content_share = float(np.count_nonzero(far | (sample_ink > 0))) / n
    has_colour = np.count_nonzero(chroma[::4, ::4] > MAX_TEXT_CHROMA) > 0.0005 * n
    page_class: PageClass
    if non_text_share > PHOTO_SHARE:
        page_class = "photo"
    elif content_share < BLANK_SHARE:
        page_class = "blank"
    else:
        page_class = "text"
    return PageAnalysis(page_class, bool(has_colour), reduced, reduced_dpi, paper, rgb, chroma)


def mrc_layers(analysis: PageAnalysis) -> MrcLayers:
    """Split a text page into its 1-bit text mask and a smooth background with the text removed.

    The full-resolution page is needed only for the ink and the text colour: they are taken
    first, then the analysis lets go of the page (`analysis.rgb` becomes None), so that the
    mask, where text covers the background and the background itself are made without it in
    memory when the caller holds no other reference to it.
    """
    rgb = analysis.rgb
    assert rgb is not None, "mrc_layers takes a page's analysis once"
    text_colour = _text_colour(rgb, analysis._ink)
    analysis.rgb = rgb = None
    covered = analysis.covered
    mask = analysis.mask
    reduced = analysis.reduced
    bh, bw = reduced.shape[:2]
    paper = cv2.resize(analysis.paper, (bw, bh), interpolation=cv2.INTER_LINEAR)
    # A band at a time: the page's difference from the paper is 12 MB at 200 dpi, its grey 4 MB.
    content = np.empty((bh, bw), np.bool_)
    for rows in _bands(bh):
        far = _beyond(cv2.absdiff(reduced[rows], paper[rows]), PAPER_TOLERANCE)
        np.logical_and(far, ~covered[rows], out=content[rows])
    # Lone specks of grain cost a JPEG block each: only strokes and areas count as content.
    # (Counted, compared and applied in place: 0/1 and 0/255 bytes give 0/1.)
    counts = cv2.boxFilter(content.view(np.uint8), -1, (5, 5), normalize=False)
    cv2.bitwise_and(
        content.view(np.uint8), cv2.compare(counts, 6, cv2.CMP_GE, dst=counts), dst=content.view(np.uint8)
    )
    del counts
    # The background is the smooth paper, with the original pixels wherever there is content.
    background = paper
    _fill_text_on_ink(reduced, content, covered, background, _odd(9 * analysis.reduced_dpi / 200))
    cv2.copyTo(reduced, content.view(np.uint8), background)
    # Where the smooth paper itself strays from the page's usual paper colour (a shadow, a stain) the
    # background is not flat either; cells next to such a cell may blend into it.
    stray = cv2.dilate(
        _beyond(cv2.absdiff(analysis.paper, (*_median_colour(background), 0)), PAPER_TOLERANCE), _3X3
    )
    grown = cv2.resize(stray, (bw, bh), interpolation=cv2.INTER_NEAREST)
    cv2.bitwise_or(
        content.view(np.uint8),
        cv2.threshold(grown, 0, 1, cv2.THRESH_BINARY, dst=grown)[1],
        dst=content.view(np.uint8),
    )
    return MrcLayers(mask, background, analysis.reduced_dpi, text_colour, content)


def _text_colour(rgb: np.ndarray, mask: np.ndarray) -> tuple[int, int, int]:
    """The text's colour; `mask` is non-zero where text ink is (the 0/255 ink will do)."""
    if not np.any(mask):
        return (0, 0, 0)
    # The median ink colour from a 1-in-16 pixel grid: gathering every ink pixel of a 300 dpi
    # page costs tens of milliseconds for the same answer.
    ink = rgb[::4, ::4][mask[::4, ::4] != 0]
    if len(ink) == 0:
        ink = rgb[mask != 0]
    r, g, b = (int(v) for v in np.median(ink[:: max(1, len(ink) // 20000)], axis=0))
    return r, g, b


_3X3 = np.ones((3, 3), np.uint8)


def _cells(mask: np.ndarray, cell: int) -> np.ndarray:
    """A 0/255 mask shrunk to `cell`×`cell` cells, non-zero where any pixel of the cell is.

    Padded to whole cells, the shrinking takes OpenCV's fast exact-ratio area path.
    """
    h, w = mask.shape
    gw, gh = -(-w // cell), -(-h // cell)
    whole = cv2.copyMakeBorder(mask, 0, gh * cell - h, 0, gw * cell - w, cv2.BORDER_CONSTANT)
    return cv2.compare(cv2.resize(whole, (gw, gh), interpolation=cv2.INTER_AREA), 0, cv2.CMP_GT)


def _beyond(diff: np.ndarray, tolerance: int) -> np.ndarray:
    """Non-zero where any channel of an RGB difference exceeds `tolerance` (`diff` is overwritten:
    every caller passes a fresh difference, and a second one would be 12 MB at 200 dpi)."""
    far = cv2.threshold(diff, tolerance, 255, cv2.THRESH_BINARY, dst=diff)[1]
    # Every channel weighs in the grey conversion, so the grey of 0/255 channels is non-zero when one is.
    return cv2.cvtColor(far, cv2.COLOR_RGB2GRAY)


def _median_colour(background: np.ndarray) -> tuple[int, int, int]:
    r, g, b = (int(v) for v in np.median(background[::8, ::8].reshape(-1, 3), axis=0))
    return r, g, b


def _fill_text_on_ink(
    background: np.ndarray, content: np.ndarray, covered: np.ndarray, out: np.ndarray, k: int
) -> None:
    """Where text lies on a seal or a signature, fill its place in `out` from the ink around it."""
    rows = np.flatnonzero(content.any(axis=1))
    if rows.size == 0:
        return
    cols = np.flatnonzero(content.any(axis=0))
    # Only the box around coloured content needs the (costly) float filtering.
    top, bottom = max(0, rows[0] - k), min(content.shape[0], rows[-1] + k + 1)
    left, right = max(0, cols[0] - k), min(content.shape[1], cols[-1] + k + 1)
    box = (slice(top, bottom), slice(left, right))
    weight = content[box].astype(np.float32)
    den = cv2.boxFilter(weight, -1, (k, k), normalize=False)
    num = cv2.boxFilter(background[box].astype(np.float32) * weight[..., None], -1, (k, k), normalize=False)
    inked = covered[box] & (den > 0.5)
    region = out[box]
    region[inked] = (num[inked] / den[inked, None]).astype(np.uint8)


def bw_mask(rgb: np.ndarray, dpi: float) -> np.ndarray:
    """Black-and-white rendering: every ink darker than halfway to the paper is black, coloured or not."""
    h, w = rgb.shape[:2]
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    return gray < ink_limit(paper_estimate(rgb, dpi), (w, h), 40)


# Coloured content (seals, signatures, notes) closer than this (in background pixels, ~3 mm at
# 200 dpi) is kept in one patch: fewer, larger patches cost fewer JPEG headers and block edges.
PATCH_MERGE_PX = 24
# Above this share of the page in patches, one whole-page background is as small and simpler.
MAX_PATCH_SHARE = 0.5


@dataclass(frozen=True)
class BackgroundPatches:
    """A flat paper colour for the whole page plus the boxes (x, y, w, h; background pixels) that
    hold anything else. Flat paper as a vector fill costs nothing, while a JPEG of it still pays
    a couple of bits for every 8x8 block (about 20 KB for A4 at 200 dpi)."""

    paper: tuple[int, int, int]
    boxes: tuple[tuple[int, int, int, int], ...]


def background_patches(background: np.ndarray, content: np.ndarray | None = None) -> BackgroundPatches | None:
    """Split a smooth MRC background into flat paper and colour patches, or None when a single
    whole-page image is the better choice (no colour content at all, or too much of it).

    `content` (True where the background may differ from the paper, as `MrcLayers.content`) saves
    comparing every pixel with the paper colour again.
    """
    h, w = background.shape[:2]
    paper = _median_colour(background)
    if content is None:
        # absdiff against a scalar: a page-sized array of the paper colour costs ~35 ms to build.
        content = _beyond(cv2.absdiff(background, (*paper, 0)), PAPER_TOLERANCE) > 0
    if not cv2.countNonZero(content.view(np.uint8)):
        return None
    # Boxes are found on a 4x smaller grid (any content pixel marks its cell), then scaled back.
    cell = 4
    small = _cells(content.view(np.uint8) * np.uint8(255), cell)
    merge = max(1, PATCH_MERGE_PX // cell)
    merged = cv2.dilate(small, np.ones((merge, merge), np.uint8))
    count, _labels, stats, _centroids = cv2.connectedComponentsWithStats(merged, connectivity=8)
    boxes = []
    for x, y, bw, bh, _area in stats[1:count]:
        x0, y0 = int(x) * cell, int(y) * cell
        boxes.append((x0, y0, min(int(bw) * cell, w - x0), min(int(bh) * cell, h - y0)))
    if sum(bw * bh for _x, _y, bw, bh in boxes) > MAX_PATCH_SHARE * w * h:
        return None
    return BackgroundPatches(paper, tuple(boxes))
