"""The officer's page edits on one component: where new pages go (insert, re-scan in place),
reorder, rotate, delete, and moving a page to another component.

Each edit loads its own copy of the dossier by reference (a window's copy belongs to its UI
thread) and is one or more `Workflow` steps (counter_app.workflow.page_order): a reorder moves no
file, a rotation or a move writes the new file before swapping rows and deletes the old one last.
Run off the UI thread; the window, the CLI and the benchmarks call the same functions.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from counter_app.dossier import Dossier, Page, PageMeta
from counter_app.workflow import Workflow
from counter_app.workflow.page_order import find_page


def place_new_pages(
    wf: Workflow,
    dossier: Dossier,
    component_key: str,
    new: list[int],
    place_at: int | None,
    replace: int | None,
) -> list[int]:
    """Move the just-added pages `new` to 0-based position `place_at` (None: they stay at the
    end), or in place of page `replace` (a re-scan), which is then removed."""
    existing = [p.seq for p in dossier.component(component_key).pages if p.seq not in new]
    if replace is not None and replace in existing:
        at = existing.index(replace)
    else:
        at = len(existing) if place_at is None else max(0, min(place_at, len(existing)))
    order = existing[:at] + new + existing[at:]
    if order != [p.seq for p in dossier.component(component_key).pages]:
        wf.reorder_pages(dossier, component_key, order)
    if replace is not None and replace in existing:
        wf.remove_page(dossier, component_key, replace)
    return list(new)


def reorder_pages(wf: Workflow, local_ref: str, component_key: str, order: Sequence[int]) -> Dossier:
    """The officer dragged pages: `order` is every seq of the component in the new order."""
    dossier = wf.open(local_ref)
    wf.reorder_pages(dossier, component_key, order)
    return dossier


def _meta_of_bytes(data: bytes, like: Page) -> PageMeta:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as img:
        return PageMeta(
            img.width, img.height, like.dpi, like.mode, like.blank, like.file_name.rsplit(".", 1)[-1]
        )


def rotate_page(
    wf: Workflow, local_ref: str, component_key: str, seq: int, clockwise: bool = True
) -> Dossier:
    """Turn one page by 90°, re-encoded in its own format and resolution (bw stays lossless PNG)."""
    from PIL import Image

    from counter_app.intake.inputs import JPEG_QUALITY

    dossier = wf.open(local_ref)
    page = find_page(dossier.component(component_key), seq)
    with Image.open(io.BytesIO(wf.page_image(dossier, page))) as img:
        turned = img.transpose(Image.Transpose.ROTATE_270 if clockwise else Image.Transpose.ROTATE_90)
        buf = io.BytesIO()
        if page.file_name.endswith((".jpg", ".jpeg")):
            turned.save(buf, "JPEG", quality=JPEG_QUALITY, dpi=(page.dpi, page.dpi))
        else:
            turned.save(buf, "PNG", dpi=(page.dpi, page.dpi))
    wf.replace_page(
        dossier, component_key, seq, buf.getvalue(), _meta_of_bytes(buf.getvalue(), page), duration_ms=0
    )
    return dossier


def remove_page(wf: Workflow, local_ref: str, component_key: str, seq: int) -> Dossier:
    dossier = wf.open(local_ref)
    wf.remove_page(dossier, component_key, seq)
    return dossier


def move_page(
    wf: Workflow,
    local_ref: str,
    component_key: str,
    seq: int,
    to_key: str,
    position: int | None = None,
) -> Dossier:
    """A page scanned into the wrong component goes to `to_key`, at 0-based `position` there
    (None: after its last page); both components are to be built and signed again."""
    dossier = wf.open(local_ref)
    wf.move_page(dossier, component_key, seq, to_key, position)
    return dossier
