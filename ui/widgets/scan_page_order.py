"""Page order edits built from the workflow's `add_page` + `remove_page` (it has no page-order API yet).

Reorder, rotate, insert and re-scan in place rewrite only the affected tail of the component: the
pages are added again in the wanted order first, then the old copies are removed, so a crash in
between leaves a duplicate page, never a lost one. Run on TaskRunner workers, never on the UI thread.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from counter_app.dossier import Dossier, Page, PageMeta, WorkflowError
from counter_app.workflow import Workflow


def find_page(dossier: Dossier, component_key: str, seq: int) -> Page:
    for page in dossier.component(component_key).pages:
        if page.seq == seq:
            return page
    raise WorkflowError(
        f"Không có trang {seq} trong thành phần này.", "Tải lại danh sách trang.", code="page_missing"
    )


def _meta(page: Page) -> PageMeta:
    return PageMeta(
        page.width, page.height, page.dpi, page.mode, page.blank, page.file_name.rsplit(".", 1)[-1]
    )


def rewrite_order(
    wf: Workflow,
    dossier: Dossier,
    component_key: str,
    order: Sequence[tuple[int, bytes | None]],
) -> None:
    """Make the component's pages follow `order`: (existing seq, new image bytes or None to keep).

    Only the tail from the first difference is rewritten: re-added first, then the old copies removed.
    """
    pages = list(dossier.component(component_key).pages)
    by_seq = {p.seq: p for p in pages}
    first = 0
    while (
        first < len(order)
        and first < len(pages)
        and order[first][0] == pages[first].seq
        and order[first][1] is None
    ):
        first += 1
    tail = order[first:]
    old = [p.seq for p in pages[first:]]
    for seq, replacement in tail:
        page = by_seq[seq]
        data = replacement if replacement is not None else wf.page_image(dossier, page)
        meta = _meta(page)
        if replacement is not None:
            meta = _meta_of_bytes(replacement, page)
        wf.add_page(dossier, component_key, data, meta, duration_ms=0)
    for seq in old:
        wf.remove_page(dossier, component_key, seq)


def _meta_of_bytes(data: bytes, like: Page) -> PageMeta:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as img:
        return PageMeta(
            img.width, img.height, like.dpi, like.mode, like.blank, like.file_name.rsplit(".", 1)[-1]
        )


def place_new_pages(
    wf: Workflow,
    dossier: Dossier,
    component_key: str,
    new: list[int],
    place_at: int | None,
    replace: int | None,
) -> list[int]:
    """Move the just-added pages `new` to their place; returns their seqs after the move."""
    existing = [p.seq for p in dossier.component(component_key).pages if p.seq not in new]
    if replace is not None and replace in existing:
        at = existing.index(replace)
        existing.remove(replace)
    else:
        at = len(existing) if place_at is None else max(0, min(place_at, len(existing)))
    order = existing[:at] + new + existing[at:]
    rewrite_order(wf, dossier, component_key, [(seq, None) for seq in order])
    return [p.seq for p in dossier.component(component_key).pages[at : at + len(new)]]


def reorder_pages(wf: Workflow, local_ref: str, component_key: str, order: Sequence[int]) -> Dossier:
    """The officer dragged pages: `order` is every seq of the component in the new order."""
    dossier = wf.open(local_ref)
    current = sorted(p.seq for p in dossier.component(component_key).pages)
    if sorted(order) != current:
        raise WorkflowError(
            "Danh sách trang đã thay đổi trong lúc sắp xếp.",
            "Tải lại danh sách trang rồi sắp xếp lại.",
            code="page_order_stale",
        )
    rewrite_order(wf, dossier, component_key, [(seq, None) for seq in order])
    return dossier


def rotate_page(
    wf: Workflow, local_ref: str, component_key: str, seq: int, clockwise: bool = True
) -> Dossier:
    """Turn one page by 90°, re-encoded in its own format and resolution (bw stays lossless PNG)."""
    from PIL import Image

    from counter_app.intake.inputs import JPEG_QUALITY

    dossier = wf.open(local_ref)
    page = find_page(dossier, component_key, seq)
    with Image.open(io.BytesIO(wf.page_image(dossier, page))) as img:
        turned = img.transpose(Image.Transpose.ROTATE_270 if clockwise else Image.Transpose.ROTATE_90)
        buf = io.BytesIO()
        if page.file_name.endswith((".jpg", ".jpeg")):
            turned.save(buf, "JPEG", quality=JPEG_QUALITY, dpi=(page.dpi, page.dpi))
        else:
            turned.save(buf, "PNG", dpi=(page.dpi, page.dpi))
    order = [
        (p.seq, buf.getvalue() if p.seq == seq else None) for p in dossier.component(component_key).pages
    ]
    rewrite_order(wf, dossier, component_key, order)
    return dossier


def remove_page(wf: Workflow, local_ref: str, component_key: str, seq: int) -> Dossier:
    dossier = wf.open(local_ref)
    wf.remove_page(dossier, component_key, seq)
    return dossier
