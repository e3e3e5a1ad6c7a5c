"""Two components holding the same page: a check over page fingerprints before signing.

A page scanned twice, or a scanner feeding the same sheets into every component, would otherwise
be signed and filed as two different papers. Each page's fingerprint is its printed content: the
inked area cropped (so a sheet lying a few millimetres off still matches), reduced to 64×90, with
the page's broad light and shade taken out so that the lines of text decide. Two pages of different
components whose fingerprints correlate above `SAME` are reported. On synthetic forms a rescan
scores 0.94–0.98 and another text on the same printed template at most 0.8. Blank pages are left
out: all blank pages look alike.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from common.errors import KnownError
from counter_app.dossier import Dossier, Page
from counter_app.intake.documents import page_picture
from counter_app.workflow import Workflow

log = logging.getLogger(__name__)
SIZE = (64, 90)  # about an A4 page's proportions
SAME = 0.9  # correlation of two fingerprints above which two pages hold the same content


@dataclass(frozen=True)
class SamePage:
    """Page `first_page` of component `first` looks like page `second_page` of `second` (1-based)."""

    first: str  # component key
    first_name: str
    first_page: int
    second: str
    second_name: str
    second_page: int


def fingerprint(image: bytes) -> Any:
    """The page's content (an image file or a one-page PDF) as a unit vector (numpy), to compare
    with another by their dot product."""
    return _print(page_picture(image, SIZE[0] * 8).convert("L"))


def fingerprint_pixels(image: Any) -> Any:
    """`fingerprint` of a page's cleaned pixels (numpy BGR or grey), made by the worker that
    cleaned it: the check before signing then needs not decode every stored page again."""
    import cv2
    from PIL import Image

    height, width = image.shape[:2]
    shown = SIZE[0] * 8
    small = cv2.resize(image, (shown, max(1, round(height * shown / width))), interpolation=cv2.INTER_AREA)
    if small.ndim == 3:
        small = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
    return _print(Image.fromarray(small))


def print_key(local_ref: str, page: Page) -> str:
    """Names one stored page image: a page turned or replaced is stored under a new name."""
    return f"{local_ref}:{page.id}:{page.file_name}:{page.created_at}"


def _print(grey: Any) -> Any:
    import numpy as np
    from PIL import Image, ImageFilter, ImageOps

    ink = ImageOps.invert(grey).point(lambda v: 255 if v > 64 else 0).getbbox()
    small = grey.crop(ink or (0, 0, grey.width, grey.height)).resize(SIZE, Image.Resampling.BOX)
    detail = np.asarray(small, dtype=np.float64) - np.asarray(
        small.filter(ImageFilter.BoxBlur(3)), dtype=np.float64
    )
    detail -= detail.mean()
    norm = float(np.linalg.norm(detail))
    return detail.ravel() / norm if norm else detail.ravel()


def similarity(a: Any, b: Any) -> float:
    return float(a @ b)


def _fingerprints(
    wf: Workflow, dossier: Dossier, known: Mapping[str, Any]
) -> list[tuple[str, str, int, Any]]:
    out = []
    for component in dossier.components:
        for number, page in enumerate(component.pages, start=1):
            if page.blank:
                continue
            try:
                print_ = known.get(print_key(dossier.local_ref, page))
                if print_ is None:
                    print_ = fingerprint(wf.page_image(dossier, page))
            except (OSError, KnownError):  # unreadable: the check advises, it never stops the dossier
                log.warning("page %s of %s not compared: unreadable image", page.file_name, dossier.local_ref)
                continue
            out.append((component.key, component.name, number, print_))
    return out


def same_pages(wf: Workflow, local_ref: str, known: Mapping[str, Any] | None = None) -> list[SamePage]:
    """Pairs of pages in different components of the dossier that hold the same content;
    `known`: fingerprints made as the pages were cleaned (by `print_key`)."""
    dossier = wf.repo.load(local_ref)
    found = []
    for a, b in combinations(_fingerprints(wf, dossier, known or {}), 2):
        if a[0] != b[0] and similarity(a[3], b[3]) > SAME:
            found.append(SamePage(a[0], a[1], a[2], b[0], b[1], b[2]))
    return found
