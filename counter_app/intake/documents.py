"""What the document viewer shows, page by page: a component's scanned pages or its built PDF
(signed when it is), rendered to the width the viewer asks for.

Rendering decrypts pages from the sealed workspace and runs PDFium (pypdfium2) on PDFs of any size,
so the window calls these on its task runner, never on the UI thread. A rendered page is a PNG or
a JPEG the UI thread only has to decode.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from common.errors import KnownError
from common.pdfium_lock import UnreadablePdf, serialized
from common.pdfium_lock import render_page as render_pdf_page
from counter_app.dossier import Component, Dossier
from counter_app.workflow import Workflow
from scanner import guard

MAX_WIDTH = 4000  # a zoomed A4 page wider than this is no more legible, only slower


@dataclass(frozen=True)
class Document:
    """One thing to look at: the scanned pages of `component_key`, or (`pdf`) its built PDF."""

    local_ref: str
    component_key: str
    pdf: bool = False


def _pdf_bytes(wf: Workflow, dossier: Dossier, component: Component) -> bytes:
    name = component.final_pdf
    if name is None:
        raise KnownError(
            "Thành phần này chưa có tệp PDF.",
            "Bấm «Tạo PDF cho hồ sơ» (Ctrl+B) ở bước Thành phần rồi xem lại.",
            code="viewer_no_pdf",
        )
    return wf.read_file(dossier, name)


def _pdfium_failed(exc: BaseException) -> KnownError:
    return KnownError(
        "Không đọc được tệp PDF để xem.",
        "Tạo lại PDF cho hồ sơ (Ctrl+B); nếu vẫn lỗi, xem nhật ký trong mục «Chẩn đoán».",
        code="viewer_pdf_unreadable",
    )


@serialized
def page_count(wf: Workflow, document: Document) -> int:
    dossier = wf.repo.load(document.local_ref)
    component = dossier.component(document.component_key)
    if not document.pdf:
        return len(component.pages)
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(_pdf_bytes(wf, dossier, component))
    except pdfium.PdfiumError as exc:
        raise _pdfium_failed(exc) from exc
    try:
        return len(pdf)
    finally:
        pdf.close()


def render_page(wf: Workflow, document: Document, index: int, width: int) -> bytes:
    """Page `index` (0-based) of `document`, `width` pixels wide (height as the page's)."""
    width = max(16, min(width, MAX_WIDTH))
    dossier = wf.repo.load(document.local_ref)
    component = dossier.component(document.component_key)
    if document.pdf:
        return _encoded(_pdf_page(_pdf_bytes(wf, dossier, component), index, width))
    from PIL import Image

    shown = page_picture(wf.page_image(dossier, component.pages[index]), width)
    shown = shown.resize((width, max(1, round(shown.height * width / shown.width))), Image.Resampling.LANCZOS)
    return _encoded(shown)


def page_picture(data: bytes, width: int) -> Any:
    """A stored page as a PIL image about `width` pixels wide or more: an image file (JPEG decoded
    small at once), or a page imported as a one-page PDF, rendered by PDFium."""
    from PIL import Image

    if data.startswith(b"%PDF"):
        return _pdf_page(data, 0, width).convert("RGB")
    with Image.open(io.BytesIO(data)) as img:
        scale = width / img.width
        img.draft("RGB", (max(1, int(img.width * scale)), max(1, int(img.height * scale))))
        return img.convert("L" if img.mode in ("1", "L") else "RGB")


def _pdf_page(pdf_bytes: bytes, index: int, width: int) -> Any:
    try:
        return render_pdf_page(
            pdf_bytes,
            index,
            scale=lambda w, _h: width / w,
            check=lambda w, h, dpi: guard.check_render(w, h, dpi, "trang PDF"),  # a freak page size
        ).image
    except UnreadablePdf as exc:
        raise _pdfium_failed(exc) from exc


def _encoded(image: object) -> bytes:
    buf = io.BytesIO()
    if getattr(image, "mode", "") == "RGB":
        image.save(buf, "JPEG", quality=88)  # type: ignore[attr-defined]
    else:
        image.save(buf, "PNG", compress_level=1)  # type: ignore[attr-defined]
    return buf.getvalue()
