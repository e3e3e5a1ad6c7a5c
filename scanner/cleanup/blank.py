"""Blank-page test for duplex backs that never calls a page with a signature, stamp or note blank.

A page is blank only if no cluster of real marks is found. Marks are pixels clearly darker than the
paper around them, or clearly coloured; show-through from the other side is too faint to count, isolated
dust specks are too small, and punch holes (round, 4–8 mm, near an edge) are recognised and ignored.
The thresholds lean towards "not blank": a wrongly kept blank page costs a click, a dropped page costs a
legal dossier its content.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from scanner.cleanup.colour import chroma_map
from scanner.cleanup.illumination import paper_light

_DARK = 35  # grey levels below the local paper that count as ink: light pencil ~50, show-through <= 28
_DARK_COLOURED = 15  # lighter marks still count when coloured (faded stamp, light blue ink)
_COLOURED = 25
_MARGIN_MM = 3.0  # scanner edge shadows and crop remnants live here
_GROUP_MM = 2.0  # marks closer than this belong to one cluster (letters of a word, strokes of a seal)
_MEANINGFUL_MM2 = 1.2  # ink area of a cluster that makes the page meaningful (a small tick is ~3 mm²)
_SPECK_MM2 = 0.05
_MIN_PX_PER_MM = 3.9  # about 100 dpi
_CERTAINLY_INK_MM2 = 400.0  # more ink than two punch holes and any dust together: not blank


@dataclass(frozen=True)
class BlankVerdict:
    blank: bool
    ink_mm2: float  # ink area of the largest cluster of marks that is not a punch hole (0 when none counts)


def _is_punch_hole(group: np.ndarray, origin: tuple[int, int], mm: float, size: tuple[int, int]) -> bool:
    """A round mark 4–8.5 mm across near a page edge: a filled disc (dark lid) or a ring (white lid)."""
    h, w = group.shape
    diameter = max(w, h) / mm
    if not 4.0 <= diameter <= 8.5 or not 0.75 <= w / max(h, 1) <= 1.33:
        return False
    points = cv2.findNonZero(group.astype(np.uint8))
    roundness = cv2.contourArea(cv2.convexHull(points)) / (math.pi * (max(w, h) / 2) ** 2)
    x, y = origin
    width, height = size
    # ISO 838 holes sit 12 mm in; a skewed page on a white lid may add a bed margin and the skew.
    near_edge = min(x, y, width - (x + w), height - (y + h)) < 40 * mm
    return roundness > 0.7 and near_edge


def _ink(image: np.ndarray, chroma: np.ndarray | None) -> np.ndarray:
    """Marks clearly darker than the paper around them, or lighter but coloured: 1 where ink, else 0.
    Worked as 0/1 bytes, in place where it can: boolean masks and their combinations would each be
    another array the size of the page (issue 17: peak memory)."""
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    light = paper_light(gray)
    darkness = cv2.subtract(light, gray, dst=light)
    del gray, light
    _, ink = cv2.threshold(darkness, _DARK, 1, cv2.THRESH_BINARY)
    if image.ndim == 3:
        _, coloured = cv2.threshold(
            chroma_map(image) if chroma is None else chroma, _COLOURED, 1, cv2.THRESH_BINARY
        )
        # Lighter marks count when coloured: ink |= coloured & (darkness > _DARK_COLOURED).
        cv2.threshold(darkness, _DARK_COLOURED, 1, cv2.THRESH_BINARY, dst=darkness)
        cv2.bitwise_or(ink, cv2.bitwise_and(coloured, darkness, dst=coloured), dst=ink)
    return ink


def assess_blank(
    image: np.ndarray, px_per_mm: float | None = None, *, chroma: np.ndarray | None = None
) -> BlankVerdict:
    """Test a page image (BGR or grey, page only, about 100–200 dpi). `px_per_mm` defaults to A4 width.

    `chroma` is `colour.chroma_map(image)` when the caller already has it.
    """
    h, w = image.shape[:2]
    mm = px_per_mm or min(w, h) / 210.0
    if mm < _MIN_PX_PER_MM:
        # Too coarse to see a light pencil stroke (a distant camera still): never call such a page blank.
        return BlankVerdict(False, 0.0)
    ink = _ink(image, chroma)
    margin = round(_MARGIN_MM * mm)
    ink[:margin, :] = ink[-margin:, :] = 0
    ink[:, :margin] = ink[:, -margin:] = 0
    inked = cv2.countNonZero(ink)
    if inked > _CERTAINLY_INK_MM2 * mm * mm:
        return BlankVerdict(False, round(float(inked) / (mm * mm), 2))
    # Fewer marks than 16-bit labels can number (always, on the reduced copy clean_page passes):
    # labels at half the size of 32-bit ones, the same numbers.
    ltype = cv2.CV_16U if inked < 2**16 - 1 else cv2.CV_32S
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8, ltype=ltype)
    del ink
    keep = stats[:, cv2.CC_STAT_AREA] >= _SPECK_MM2 * mm * mm
    keep[0] = False
    marks = keep[labels]
    del labels
    if not marks.any():
        return BlankVerdict(True, 0.0)
    reach = max(3, round(_GROUP_MM * mm)) | 1
    groups = cv2.dilate(marks.view(np.uint8), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (reach, reach)))
    _, group_labels, group_stats, _ = cv2.connectedComponentsWithStats(groups, connectivity=8, ltype=ltype)
    del groups
    per_group = np.bincount(group_labels[marks], minlength=len(group_stats)) / (mm * mm)
    largest = 0.0
    for g in np.argsort(per_group)[::-1]:
        if per_group[g] < _MEANINGFUL_MM2:
            break
        x, y, gw, gh = group_stats[g, :4]
        inside = marks[y : y + gh, x : x + gw] & (group_labels[y : y + gh, x : x + gw] == g)
        ys, xs = np.nonzero(inside)
        box = inside[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
        if _is_punch_hole(box, (x + xs.min(), y + ys.min()), mm, (w, h)):
            continue
        largest = float(per_group[g])
        break
    return BlankVerdict(largest < _MEANINGFUL_MM2, round(largest, 2))
