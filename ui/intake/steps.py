"""The intake screens' background work: capture, PDFs and signatures, without Qt.

Every function here runs on a TaskRunner worker (never on the UI thread): it loads its own copy
of the dossier by reference, drives `counter_app.workflow.Workflow` the way
`counter_app.intake.HeadlessIntake` does (same libraries, same calls), and returns the updated
`Dossier` for the screen to show. Progress goes through `progress(fraction, text)`, cancellation
through the TaskRunner's token, checked between pages and files, so a cancelled step leaves the
dossier as the last completed page or file left it.

Kept in `ui/` although Qt-free: it mirrors private steps of `HeadlessIntake` (PDF building,
signing) that should become public there; then this module shrinks to the progress/cancel glue.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from counter_app.dossier import OPEN_STATES, ComponentStatus, Dossier, DossierState
from counter_app.errors import KnownError
from counter_app.intake.inputs import encode_page, prepare_pages
from counter_app.repository import DossierSummary
from counter_app.workflow import Workflow

Progress = Callable[[tuple[float, str]], None]
THUMB_PX = 160


class Cancel(Protocol):
    @property
    def cancelled(self) -> bool: ...


class StepCancelled(KnownError):
    code = "step_cancelled"


class _IsSet:
    """The TaskRunner's token seen through the `is_set()` protocol of scanner and signing."""

    def __init__(self, cancel: Cancel | None) -> None:
        self._cancel = cancel

    def is_set(self) -> bool:
        return self._cancel is not None and self._cancel.cancelled


def _say(progress: Progress | None, fraction: float, text: str) -> None:
    if progress is not None:
        progress((fraction, text))


def _check(cancel: Cancel | None) -> None:
    if cancel is not None and cancel.cancelled:
        raise StepCancelled(
            "Đã dừng theo yêu cầu.", "Các trang đã lưu vẫn còn trong hồ sơ; làm tiếp khi sẵn sàng."
        )


# -- dossiers ------------------------------------------------------------------------------------


def unfinished_today(wf: Workflow) -> list[DossierSummary]:
    """Today's dossiers that can still be continued, newest first."""
    rows = [s for s in wf.today() if s.state in OPEN_STATES]
    return sorted(rows, key=lambda s: s.created_at, reverse=True)


def open_dossier(wf: Workflow, local_ref: str) -> Dossier:
    return wf.open(local_ref)


# -- capture -------------------------------------------------------------------------------------


def import_files(
    wf: Workflow,
    local_ref: str,
    component_key: str,
    paths: Sequence[str],
    *,
    clean: bool = True,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Dossier:
    """Every page of the files (images or PDFs) into one component, cleaned like a scan."""
    dossier = wf.open(local_ref)
    dpi = int(wf.ctx.config.get("scanner.dpi"))
    for number, path in enumerate(paths):
        _check(cancel)
        _say(progress, number / len(paths), f"Đang đọc tệp {Path(path).name}…")
        for data, meta, ms in prepare_pages(Path(path), dpi, clean):
            wf.add_page(dossier, component_key, data, meta, duration_ms=ms)
    _say(progress, 1.0, "Đã nhập xong.")
    return dossier


def scan_demo(
    wf: Workflow,
    local_ref: str,
    component_key: str,
    *,
    pages: int | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Dossier:
    """Pages from the demo device (bundled sample pages) into one component: demo mode's scanner."""
    import numpy as np

    from scanner.devices.demo import DEMO_DEVICE, DemoBackend
    from scanner.devices.types import ScanSettings

    dossier = wf.open(local_ref)
    dpi = min(300, int(wf.ctx.config.get("scanner.dpi")))
    settings = ScanSettings(source="adf", mode=wf.ctx.config.get("scanner.mode"), dpi=dpi, max_pages=pages)
    flag = _IsSet(cancel)
    started = time.perf_counter()
    try:
        for page in DemoBackend().scan(DEMO_DEVICE, settings, cancel=flag):
            _say(progress, 0.0, f"Đang nhận trang {page.index}…")
            image = np.asarray(page.image.convert("RGB"))[:, :, ::-1]
            data, meta = encode_page(image, page.dpi, page.mode, False)
            now = time.perf_counter()
            wf.add_page(dossier, component_key, data, meta, duration_ms=int((now - started) * 1000))
            started = now
    except KnownError as exc:
        if flag.is_set():
            raise StepCancelled("Đã dừng quét.", "Các trang đã nhận vẫn còn trong hồ sơ.") from exc
        raise
    _say(progress, 1.0, "Đã quét xong.")
    return dossier


def thumbnails(wf: Workflow, local_ref: str, component_key: str) -> list[tuple[int, bytes]]:
    """(page number, small PNG) for each page of a component, decoded from the sealed workspace."""
    import io

    from PIL import Image

    dossier = wf.repo.load(local_ref)
    out = []
    for page in dossier.component(component_key).pages:
        with Image.open(io.BytesIO(wf.page_image(dossier, page))) as img:
            img.draft("RGB", (THUMB_PX * 2, THUMB_PX * 2))  # JPEG: decode at reduced size
            small = img.convert("RGB")
            small.thumbnail((THUMB_PX, THUMB_PX))
            buf = io.BytesIO()
            small.save(buf, "PNG")
        out.append((page.seq, buf.getvalue()))
    return out


def remove_page(wf: Workflow, local_ref: str, component_key: str, seq: int) -> Dossier:
    dossier = wf.open(local_ref)
    wf.remove_page(dossier, component_key, seq)
    return dossier


# -- PDFs ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PdfFacts:
    key: str
    name: str
    pages: int
    size: int
    signed: bool
    reused: bool


def pdf_facts(wf: Workflow, dossier: Dossier) -> list[PdfFacts]:
    """What the officer checks before signing: each component's PDF, pages and size."""
    facts = []
    for component in dossier.components:
        name = component.final_pdf
        if name is None:
            continue
        size = len(wf.read_file(dossier, name))
        facts.append(
            PdfFacts(
                component.key,
                component.name,
                len(component.pages),
                size,
                component.signed_name is not None and component.status is ComponentStatus.SIGNED,
                component.status is ComponentStatus.REUSED,
            )
        )
    return facts


def build_pdfs(
    wf: Workflow, local_ref: str, *, progress: Progress | None = None, cancel: Cancel | None = None
) -> Dossier:
    """End capture (if not yet) and build one PDF per captured component, as the headless intake."""
    from scanner.pdf import PdfMetadata, build_pdf

    dossier = wf.open(local_ref)
    if dossier.state is DossierState.PROCEDURE_CHOSEN:
        wf.complete_capture(dossier)
    procedure = wf.procedure_of(dossier)
    config = wf.ctx.config
    todo = [c for c in dossier.components if c.status is ComponentStatus.CAPTURED]
    total_pages = max(1, sum(len(c.pages) for c in todo))
    done_pages = 0
    with tempfile.TemporaryDirectory(prefix="intake-ui-") as tmp:  # 0700, removed at the end
        folder = Path(tmp)
        for component in todo:
            _check(cancel)
            pages = [p for p in component.pages if not p.blank] or component.pages
            inputs = []
            for page in pages:
                path = folder / component.key / Path(page.file_name).name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(wf.page_image(dossier, page))
                inputs.append(path)
            base = done_pages

            def tick(done: int, total: int, name: str = component.name, base: int = base) -> None:
                _say(progress, (base + done) / total_pages, f"Đang tạo PDF «{name}»: trang {done}/{total}")

            built = build_pdf(
                inputs,
                folder / f"{component.key}.pdf",
                profile=config.get("pdf.profile"),
                metadata=PdfMetadata(
                    title=component.name,
                    subject=procedure.name,
                    author=str(config.get("officer.full_name")),
                    keywords=dossier.local_ref,
                ),
                ocr=bool(config.get("pdf.ocr")),
                progress=tick,
                cancel=lambda: cancel is not None and cancel.cancelled,
            )
            wf.attach_pdf(dossier, component.key, built.out.read_bytes(), duration_ms=built.ms)
            done_pages += len(component.pages)
    wf.complete_pdfs(dossier)
    _say(progress, 1.0, "Đã tạo xong các tệp PDF.")
    return dossier


# -- signing -------------------------------------------------------------------------------------


def sign_demo(
    wf: Workflow, local_ref: str, *, progress: Progress | None = None, cancel: Cancel | None = None
) -> tuple[Dossier, str]:
    """Sign every built PDF with the demo keystore in one batch (DEMO: not legally valid).
    Returns the dossier and the signer's name. Nothing is attached unless the whole batch signed."""
    from signing.pades import SignOptions
    from signing.provider import sign_with_demo
    from signing.stamp import StampText

    dossier = wf.open(local_ref)
    to_sign = [c for c in dossier.components if c.status is ComponentStatus.DIGITIZED]
    config = wf.ctx.config
    with tempfile.TemporaryDirectory(prefix="intake-ui-sign-") as tmp:
        folder = Path(tmp)
        sources = {}
        for component in to_sign:
            path = folder / "unsigned" / f"{component.key}.pdf"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(wf.read_file(dossier, component.pdf_name or ""))
            sources[component.key] = path
        scanned = {
            str(sources[c.key]): dt.datetime.fromisoformat(c.pages[0].created_at).astimezone()
            for c in to_sign
            if c.pages
        }
        now = dt.datetime.now().astimezone()
        options = SignOptions(
            level=config.get("signing.level"),
            tsa_url=config.get("signing.tsa_url") or None,
            stamp=StampText("", now, True) if config.get("signing.stamp") else None,
            scan_times=scanned,
        )
        stop = threading.Event()

        def tick(done: int, total: int, _result: Any) -> None:
            if cancel is not None and cancel.cancelled:
                stop.set()
            _say(progress, done / max(1, total), f"Đã ký {done}/{total} tệp (DEMO)")

        _say(progress, 0.0, "Đang ký số bằng chứng thư DEMO…")
        started = time.perf_counter()
        result = sign_with_demo(
            wf.ctx.paths.data_dir / "signing" / "demo",
            list(sources.values()),
            folder / "signed",
            options,
            progress=tick,
            cancel=stop,
        )
        if stop.is_set():
            raise StepCancelled("Đã dừng ký số.", "Chưa tệp nào được ghi vào hồ sơ; bấm ký lại khi sẵn sàng.")
        failed = [f for f in result.files if not f.ok]
        if failed or result.stopped:
            error = (failed[0].error if failed else result.stopped) or {}
            raise KnownError(
                f"Ký số chưa xong: {error.get('message', 'lỗi không rõ')}",
                error.get("hint", "Kiểm tra chứng thư số rồi ký lại."),
                code=error.get("code", "signing_failed"),
            )
        by_source = {f.file: f for f in result.files}
        for key, source in sources.items():
            wf.attach_signed(dossier, key, Path(by_source[str(source)].out or "").read_bytes())
    wf.complete_signing(
        dossier,
        level=options.level,
        signer=result.signer,
        duration_ms=int((time.perf_counter() - started) * 1000),
    )
    return dossier, result.signer


# -- citizen -------------------------------------------------------------------------------------


@dataclass
class Identified:
    dossier: Dossier
    earlier: list[DossierSummary]
    reusable: list[Any]  # counter_app.repository.ReusableComponent, all procedures


def identify(
    wf: Workflow,
    local_ref: str | None,
    citizen: Any,
    *,
    method: str,
    civil_servant: bool,
    channel: int,
) -> Identified:
    """Start the dossier (when there is none yet) and attach the citizen; a returning citizen's
    earlier dossiers and signed components come back with it."""
    from counter_app.dossier import Channel

    dossier = wf.open(local_ref) if local_ref else wf.start(channel=Channel(channel))
    wf.identify(dossier, citizen, method=method, civil_servant=civil_servant)
    return returning(wf, dossier)


def returning(wf: Workflow, dossier: Dossier) -> Identified:
    earlier = wf.earlier_dossiers(dossier)
    reusable = wf.repo.signed_components_of_citizen(dossier.citizen, dossier.id) if dossier.citizen else []
    return Identified(dossier, earlier, reusable)
