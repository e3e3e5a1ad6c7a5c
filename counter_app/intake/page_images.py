"""Reduced copies of stored pages for a screen: thumbnails and a zoomable preview.

These only read: the dossier from the repository and each page decrypted from the sealed
workspace, then encoded small so a UI thread just decodes a few kilobytes. They live in the core
because a scan batch sends the same thumbnails with each page it stores (`scanning`), and because
reading sealed pages is the workflow's business, not a widget's.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from common.pdfium_lock import UnreadablePdf, render_page
from counter_app.dossier import Dossier, Page
from counter_app.errors import KnownError
from counter_app.workflow import Workflow
from counter_app.workflow.page_order import find_page
from scanner import guard

THUMB_PX = 120
PREVIEW_PX = 1400  # long side of the zoomed preview: enough for a 1366-wide screen, fast to decode


def reduced_pixels(image: Any, side: int) -> Any:
    """A BGR or grey numpy image reduced to `side` on its long edge (area averaging).

    Halved first while it stays at least twice `side` (OpenCV averages each exact 2×2 block on
    a fast path, ~4 ms for a 300 dpi page), then the last step, less than 2×, by bilinear
    interpolation, which samples every pixel at such a ratio (~3 ms). One fractional area
    reduction of the whole page (2.5×, to the 1400 px preview) cost ~65 ms of a page's ~120 ms of
    cleaning; the result differs from it by about one grey level on average."""
    import cv2

    while max(image.shape[:2]) >= 2 * side:
        h, w = image.shape[:2]
        image = cv2.resize(image, (w // 2, h // 2), interpolation=cv2.INTER_AREA)
    h, w = image.shape[:2]
    scale = side / max(h, w)
    last = cv2.INTER_LINEAR if scale < 1 else cv2.INTER_AREA
    return cv2.resize(image, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=last)


def thumbnail_png(image: Any, side: int = THUMB_PX, fmt: str = ".png") -> bytes:
    """A reduced copy of a BGR or grey numpy image, encoded (`fmt`: ".png" or ".jpg")."""
    import cv2

    ok, data = cv2.imencode(fmt, reduced_pixels(image, side))
    return data.tobytes() if ok else b""


def _reduced(wf: Workflow, dossier: Dossier, page: Page, side: int, *, jpeg: bool = False) -> bytes:
    """The page reduced to `side` on its long edge: PNG, or with `jpeg` a colour page as JPEG
    (a full-screen preview: a tenth of the bytes, encoded and decoded several times faster)."""
    from PIL import Image

    data = wf.page_image(dossier, page)
    if data[:5] == b"%PDF-":
        return _pdf_reduced(data, side, jpeg=jpeg)  # an imported PDF kept as it is
    with Image.open(io.BytesIO(data)) as img:
        # JPEG: decode at the smallest DCT scale still covering `side` on the long edge (asking
        # for side x side would make an A4 page's short edge decide, often at full size).
        scale = side / max(img.size)
        img.draft("RGB", (max(1, int(img.width * scale)), max(1, int(img.height * scale))))
        small = img.convert("L" if img.mode in ("1", "L") else "RGB")
        small.thumbnail((side, side))
        buf = io.BytesIO()
        if jpeg and small.mode == "RGB":
            small.save(buf, "JPEG", quality=85)
        else:
            small.save(buf, "PNG", compress_level=1)
    return buf.getvalue()


def _pdf_reduced(data: bytes, side: int, *, jpeg: bool) -> bytes:
    """The first page of an imported PDF rendered to `side` on its long edge (PDFium)."""
    try:
        image = render_page(
            data,
            scale=lambda w, h: side / max(w, h, 1),
            check=lambda w, h, dpi: guard.check_render(w, h, dpi, "trang PDF"),
        ).image.convert("RGB")
    except UnreadablePdf as exc:
        raise KnownError(
            "Không dựng được ảnh thu nhỏ của tệp PDF.",
            "Tệp vẫn nằm trong hồ sơ; mở bằng trình đọc PDF để xem.",
            code="preview_failed",
        ) from exc
    buf = io.BytesIO()
    image.save(buf, "JPEG" if jpeg else "PNG", **({"quality": 85} if jpeg else {"compress_level": 1}))
    return buf.getvalue()


def page_preview(wf: Workflow, local_ref: str, component_key: str, seq: int, side: int = PREVIEW_PX) -> bytes:
    """One stored page decoded from the sealed workspace, reduced to `side` pixels (JPEG, or PNG
    for black-and-white and grey pages, which stay sharp that way)."""
    dossier = wf.repo.load(local_ref)
    return _reduced(wf, dossier, find_page(dossier.component(component_key), seq), side, jpeg=True)


@dataclass(frozen=True)
class PageThumb:
    seq: int
    blank: bool
    key: str  # changes whenever the page's image does (seqs of removed pages can come back)
    png: bytes  # empty when the caller already had this thumbnail


def page_key(page: Page) -> str:
    return f"{page.id}:{page.seq}:{page.created_at}"


def thumbnails(
    wf: Workflow, local_ref: str, component_key: str, known: frozenset[str] = frozenset()
) -> list[PageThumb]:
    """Every page of the component in order; `known`: page keys whose thumbnail the caller has."""
    dossier = wf.repo.load(local_ref)
    return [
        PageThumb(
            p.seq,
            p.blank,
            page_key(p),
            b"" if page_key(p) in known else _reduced(wf, dossier, p, THUMB_PX),
        )
        for p in dossier.component(component_key).pages
    ]
