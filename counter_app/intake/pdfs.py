"""Digitised PDFs built on the intake's pool, one per component, from the pages stored for it.

Reached through `counter_app.intake.heavy.pdfs()` (the PDF builder's seam). A build is keyed by
the pages it was made from: the service queues a component's build as soon as its pages are
stored, and uses it when the PDFs are asked for only if the component still has exactly those
pages (a page scanned, removed or turned since means building again). Blank pages are left
out of the PDF (a component of blank pages only keeps them all). Image pages reach the builder
as bytes in memory; the built PDFs, and born-digital PDFs the builder copies by path, pass
through a private temporary folder (mode 0700, removed by the service). On the same worker,
right after its build, each PDF's page 1 is looked at once (`stamp_places.look_at_first_page`):
the stamp's place and the signing review's thumbnail are ready before the officer signs.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from common.memory import releasing
from common.progress import Cancel, Progress, report
from counter_app.dossier import Component, Page
from counter_app.intake.stamp_places import FirstPage, look_at_first_page
from scanner.pdf import BuildResult, EncodedPage, PdfMetadata, SourcePage, build_pdf

log = logging.getLogger(__name__)

T = TypeVar("T")
Fingerprint = tuple[tuple[int, str], ...]


def pages_of(component: Component) -> list[Page]:
    """The pages that go into the component's PDF."""
    return [p for p in component.pages if not p.blank] or component.pages


def fingerprint(component: Component) -> Fingerprint:
    return tuple((p.id, p.file_name) for p in pages_of(component))


@dataclass(frozen=True)
class Built:
    result: BuildResult
    pdf: bytes
    first_page: FirstPage | None  # None: page 1 could not be looked at (done again when needed)


def build_and_look(
    inputs: list[Path | SourcePage | EncodedPage], out: Path, look: str, **options: object
) -> Built:
    """The PDF, then its page 1 looked at on the same worker, while the next PDF is built
    (`look`: "screen" for a window, "stamp" for the stamp's place only, "" not at all)."""
    result = build_pdf(inputs, out, **options)  # type: ignore[arg-type]
    pdf = result.out.read_bytes()
    if not look:
        return Built(result, pdf, None)
    try:
        first = look_at_first_page(pdf, screen=look == "screen")
    except Exception:  # the signature seeks the stamp's place itself; the review renders page 1
        log.warning("page 1 of %s not looked at", out.name, exc_info=True)
        first = None
    return Built(result, pdf, first)


@dataclass
class PdfBuild:
    key: str
    pages: Fingerprint
    out: Path
    future: Future[Built]

    def pdf(self) -> bytes:
        """The built PDF (waits for it; the build's error if it failed)."""
        return self.future.result().pdf


class PdfBuilds:
    """The builds of one dossier's PDFs, on `pool`, into `folder`."""

    def __init__(
        self, folder: Path, pool: ThreadPoolExecutor, *, cancel: Cancel | None = None, look: str = "screen"
    ) -> None:
        """`look`: how each PDF's page 1 is looked at once built (`build_and_look`)."""
        self.folder, self.pool, self.look = folder, pool, look
        self.cancel = cancel or Cancel()
        self.lock = threading.Lock()
        self.builds: dict[str, PdfBuild] = {}
        self.progress: Progress | None = None
        self.task_cancel: Cancel | None = None
        self.total, self.done = 1, 0

    def report_to(self, progress: Progress | None, cancel: Cancel | None, total_pages: int) -> None:
        """Where the builds report their pages from now on, and who may stop them: the task
        waiting for them, or nobody (builds queued ahead run quietly)."""
        with self.lock:
            self.progress, self.task_cancel = progress, cancel
            self.total, self.done = max(1, total_pages), 0

    def _stopped(self) -> bool:
        task = self.task_cancel
        return self.cancel.cancelled or (task is not None and task.cancelled)

    def _tick(self, component_name: str) -> Callable[[int, int], None]:
        seen = {"pages": 0}

        def on_page(page: int, pages: int) -> None:
            with self.lock:
                self.done += page - seen["pages"]
                seen["pages"] = page
                fraction, progress = min(1.0, self.done / self.total), self.progress
            report(progress, fraction, f"Đang tạo PDF «{component_name}»: trang {page}/{pages}")

        return on_page

    def submit(
        self,
        component: Component,
        read: Callable[[Page], bytes | SourcePage],
        metadata: PdfMetadata,
        *,
        profile: str,
        ocr: bool,
    ) -> PdfBuild:
        """Start building `component`'s PDF; `read(page)` gives a page's stored bytes, or the
        page already in memory (`SourcePage`) when the caller still holds it. Image pages stay in
        memory until their build decodes them; only a born-digital PDF, which the builder copies
        by path, goes through the private folder."""
        inputs: list[Path | SourcePage | EncodedPage] = []
        for page in pages_of(component):
            content = read(page)
            if isinstance(content, SourcePage):
                inputs.append(content)
                continue
            if content[:5] != b"%PDF-":
                inputs.append(EncodedPage(page.file_name, content))
                continue
            path = self.folder / "pages" / component.key / Path(page.file_name).name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            inputs.append(path)
        out = self.folder / f"{component.key}-{len(self.builds)}.pdf"
        future = self.pool.submit(
            releasing(build_and_look),
            inputs,
            out,
            self.look,
            profile=profile,
            metadata=metadata,
            ocr=ocr,
            progress=self._tick(component.name),
            cancel=self._stopped,
        )
        build = PdfBuild(component.key, fingerprint(component), out, future)
        with self.lock:
            stale = self.builds.get(component.key)
            self.builds[component.key] = build
        if stale is not None:
            stale.future.cancel()
        return build

    def current(self, component: Component) -> PdfBuild | None:
        """The build made from exactly the component's pages now, if one was queued and has not
        failed (a failed or stopped build is made again)."""
        with self.lock:
            build = self.builds.get(component.key)
        if build is None or build.pages != fingerprint(component) or build.future.cancelled():
            return None
        if build.future.done() and build.future.exception() is not None:
            return None
        return build


class BuiltPdfs(Collection[T]):
    """PDFs still being built: iterating waits for each build in turn (its error if it failed)
    and gives `as_item(key, built)`, so a signing session signs each one as soon as it is ready."""

    def __init__(self, builds: list[PdfBuild], as_item: Callable[[str, Built], T]) -> None:
        self._builds = builds
        self._as_item = as_item

    def __len__(self) -> int:
        return len(self._builds)

    def __contains__(self, item: object) -> bool:
        return any(item is build or item == build.key for build in self._builds)

    def __iter__(self) -> Iterator[T]:
        for build in self._builds:
            yield self._as_item(build.key, build.future.result())
