"""PDFium (pypdfium2) is not thread-safe: one lock for the whole process.

The window renders PDFs on several workers at once (the signing step's first-page thumbnails,
where the stamp may go, the document viewer, the receipt preview); two PDFium calls at the same
moment crashed the process (SIGSEGV, found by the window benchmark). Every function that opens a
PDF with PDFium runs under `serialized`; the lock is re-entrant, as those functions call each other.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

__all__ = ["PDFIUM", "RenderedPage", "UnreadablePdf", "render_page", "rendered", "serialized"]

PDFIUM = threading.RLock()

P = ParamSpec("P")
R = TypeVar("R")


def serialized(work: Callable[P, R]) -> Callable[P, R]:
    """`work`, run while no other thread is inside PDFium."""

    @functools.wraps(work)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with PDFIUM:
            return work(*args, **kwargs)

    return run


def rendered(page: Any, **options: Any) -> Any:
    """`page.render(**options)` as a PIL image with its own memory, the PDFium bitmap closed here,
    under the lock: left to the garbage collector, its finalizer would call PDFium from whatever
    thread collects it, while another thread is inside PDFium."""
    with PDFIUM:
        bitmap = page.render(**options)
        try:
            image = bitmap.to_pil()
            # Pillow keeps colour 4 bytes a pixel: PDFium's 3-byte colour (BGR) is converted into
            # the image's own memory already, and a copy would hold one more render at once.
            # Grey and 4-byte bitmaps may be mapped as they are: those are copied.
            return image if bitmap.n_channels == 3 else image.copy()
        finally:
            bitmap.close()


class UnreadablePdf(ValueError):
    """PDFium could not open the PDF, or it has no such page; the caller says what to do."""


@dataclass(frozen=True)
class RenderedPage:
    """One PDF page rendered by `render_page`: the picture and the page's geometry in points."""

    image: Any  # a PIL image with its own memory
    scale: float  # pixels per point
    box: tuple[float, float, float, float]  # the effective CropBox the picture covers (x1, y1, x2, y2)


def render_page(
    pdf: bytes,
    index: int = 0,
    *,
    scale: Callable[[float, float], float],
    check: Callable[[float, float, float], None] | None = None,
    grayscale: bool = False,
) -> RenderedPage:
    """Page `index` (0-based) of `pdf` rendered at `scale(width_pt, height_pt)` pixels per point,
    the one PDFium page render of the application (the viewer, thumbnails, forms' previews, the
    stamp's place). `check(width_pt, height_pt, dpi)` refuses a freak page size before PDFium
    allocates it. Document, page and bitmap are closed here, under the lock."""
    import pypdfium2 as pdfium

    with PDFIUM:
        try:
            document = pdfium.PdfDocument(pdf)
        except pdfium.PdfiumError as exc:
            raise UnreadablePdf(str(exc)) from exc
        try:
            try:
                page = document[index]
            except (pdfium.PdfiumError, IndexError) as exc:
                raise UnreadablePdf(str(exc)) from exc
            try:
                width, height = page.get_size()
                factor = scale(width, height)
                if check is not None:
                    check(width, height, 72 * factor)
                box = tuple(float(v) for v in page.get_bbox())
                image = rendered(page, scale=factor, grayscale=grayscale)
            finally:
                page.close()
        finally:
            document.close()
    return RenderedPage(image, factor, box)  # type: ignore[arg-type]
