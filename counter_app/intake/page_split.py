"""Splitting one scanned stack into components: an ADF batch of several papers, fed at once.

Either the officer picks the split point (this page and every page after it go to another
component), or blank separator sheets, flagged by the clean-up pipeline's blank test, mark where
each next paper starts: the run after the n-th separator goes to the n-th target component and
the separators are removed. Each move is the workflow's `move_page`, so both components are built
and signed again.
"""

from __future__ import annotations

from collections.abc import Sequence

from common.errors import KnownError
from counter_app.dossier import Dossier
from counter_app.workflow import Workflow


def _current(wf: Workflow, dossier: Dossier, component_key: str, page_id: int) -> int:
    """The seq page `page_id` has now (moves renumber the pages left behind)."""
    fresh = wf.repo.load(dossier.local_ref)
    return next(p.seq for p in fresh.component(component_key).pages if p.id == page_id)


def split_from(wf: Workflow, local_ref: str, component_key: str, from_seq: int, to_key: str) -> Dossier:
    """Page `from_seq` and every page after it move, in order, to the end of `to_key`."""
    dossier = wf.open(local_ref)
    pages = dossier.component(component_key).pages
    start = next(i for i, p in enumerate(pages) if p.seq == from_seq)
    for page_id in [p.id for p in pages[start:]]:
        wf.move_page(dossier, component_key, _current(wf, dossier, component_key, page_id), to_key)
    return wf.repo.load(local_ref)


def split_at_blanks(wf: Workflow, local_ref: str, component_key: str, to_keys: Sequence[str]) -> Dossier:
    """The pages before the first blank sheet stay; the run after each blank sheet goes to the next
    of `to_keys`; the blank sheets themselves are removed."""
    dossier = wf.open(local_ref)
    pages = list(dossier.component(component_key).pages)
    separators = sum(1 for p in pages if p.blank)
    if not separators:
        raise KnownError(
            "Không thấy tờ trắng ngăn cách nào trong các trang của thành phần này.",
            "Chọn trang bắt đầu giấy tờ tiếp theo rồi dùng «Tách từ trang này…».",
            code="split_no_separator",
        )
    if separators > len(to_keys):
        raise KnownError(
            f"Có {separators} tờ trắng ngăn cách nhưng chỉ chọn {len(to_keys)} thành phần nhận.",
            "Chọn đủ thành phần cho mỗi phần sau một tờ trắng, hoặc xóa tờ trắng thừa.",
            code="split_too_few_targets",
        )
    targets = iter(to_keys)
    target: str | None = None
    for page in pages:
        if page.blank:
            target = next(targets)
            wf.remove_page(dossier, component_key, _current(wf, dossier, component_key, page.id))
        elif target is not None:
            wf.move_page(dossier, component_key, _current(wf, dossier, component_key, page.id), target)
    return wf.repo.load(local_ref)
