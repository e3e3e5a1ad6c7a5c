"""Building one digitised PDF (PDF/A-2b) per dossier component from its page images.

    result = build_pdf([Path("p1.png"), Path("p2.png")], Path("giay-khai-sinh.pdf"),
                       profile="standard", metadata=PdfMetadata(title="Giấy khai sinh"))

The file appears atomically (temp file, fsync, rename) or not at all; a cancelled or failed build leaves
nothing behind. Existing digital PDFs are carried over unchanged.
"""

from __future__ import annotations

import io
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

import pikepdf

from common.atomic import atomic_write
from scanner.errors import ScannerError
from scanner.pdf import ocr as ocr_mod
from scanner.pdf.encode import EncodedImage
from scanner.pdf.pages import PROFILES, PageLayout, Profile, layout_page
from scanner.pdf.pdfa import PdfMetadata, add_output_intent, srgb_colour_space, write_metadata
from scanner.pdf.segment import MIN_DPI
from scanner.pdf.sources import EncodedPage, SourcePage, SourcePdf, count_pages, read_sources

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


@dataclass
class PageReport:
    label: str
    page_class: str
    encoding: str
    dpi: float
    ocr: bool
    has_colour: bool | None = None


@dataclass
class BuildResult:
    """What was written; `pdfa` is False only when foreign PDF pages were carried over."""

    out: Path
    pages: int
    bytes: int
    ms: int
    profile: str
    pdfa: bool
    ocr: bool
    ocr_reason: str = ""
    warnings: list[str] = field(default_factory=list)
    page_reports: list[PageReport] = field(default_factory=list)


def _cancelled() -> ScannerError:
    return ScannerError("Đã hủy tạo tệp PDF.", "Bấm tạo lại khi sẵn sàng.", code="pdf_cancelled")


def _image_dict(pdf: pikepdf.Pdf, layer_image: EncodedImage, icc: pikepdf.Array) -> pikepdf.Stream:
    stream = pikepdf.Stream(pdf, layer_image.data)
    stream.Type = pikepdf.Name.XObject
    stream.Subtype = pikepdf.Name.Image
    stream.Width = layer_image.width
    stream.Height = layer_image.height
    stream.BitsPerComponent = layer_image.bits
    stream.Filter = pikepdf.Name(layer_image.filter)
    if layer_image.stencil:
        stream.ImageMask = True
    elif layer_image.colour_space == "icc":
        stream.ColorSpace = icc
    else:
        stream.ColorSpace = pikepdf.Name(layer_image.colour_space or "/DeviceGray")
    if layer_image.decode_parms:
        stream.DecodeParms = pikepdf.Dictionary({f"/{k}": v for k, v in layer_image.decode_parms.items()})
    return stream


def _add_page(pdf: pikepdf.Pdf, layout: PageLayout, icc: pikepdf.Array) -> pikepdf.Page:
    xobjects = pikepdf.Dictionary()
    ops: list[str] = []
    w, h = layout.width_pt, layout.height_pt
    if layout.paper_fill is not None:
        r, g, b = (c / 255 for c in layout.paper_fill)
        ops.append(f"q {r:.3f} {g:.3f} {b:.3f} rg 0 0 {w:.4f} {h:.4f} re f Q")
    for index, layer in enumerate(layout.layers):
        name = f"/Im{index}"
        xobjects[name] = pdf.make_indirect(_image_dict(pdf, layer.image, icc))
        paint = ""
        if layer.fill is not None:
            r, g, b = (c / 255 for c in layer.fill)
            paint = f"{r:.3f} {g:.3f} {b:.3f} rg "
        x, y, lw, lh = layer.rect if layer.rect is not None else (0.0, 0.0, w, h)
        ops.append(f"q {paint}{lw:.4f} 0 0 {lh:.4f} {x:.4f} {y:.4f} cm {name} Do Q")
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=pikepdf.Array([0, 0, Decimal(f"{w:.4f}"), Decimal(f"{h:.4f}")]),
        Resources=pikepdf.Dictionary(XObject=xobjects),
        Contents=pdf.make_stream("\n".join(ops).encode()),
    )
    pdf.pages.append(pikepdf.Page(page))
    return pdf.pages[-1]


def _write_failed(out: Path, exc: BaseException) -> ScannerError:
    return ScannerError(
        f"Không ghi được tệp PDF «{out.name}»: {getattr(exc, 'strerror', None) or exc}.",
        "Kiểm tra dung lượng trống và quyền ghi của thư mục hồ sơ, rồi tạo lại.",
        code="pdf_write_failed",
    )


def _atomic_write(out: Path, write: Callable[[BinaryIO], None]) -> int:
    """Write through a temp file in the same folder, fsync, then rename over `out`."""
    try:
        atomic_write(out, write)
    except (OSError, pikepdf.PdfError) as exc:
        raise _write_failed(out, exc) from exc
    return out.stat().st_size


def _save_pdf(pdf: pikepdf.Pdf) -> Callable[[BinaryIO], None]:
    def write(fh: BinaryIO) -> None:
        pdf.save(fh, min_version="1.7", object_stream_mode=pikepdf.ObjectStreamMode.generate)

    return write


def _copy_bytes(data: bytes) -> Callable[[BinaryIO], None]:
    def write(fh: BinaryIO) -> None:
        fh.write(data)

    return write


def _copy_file(src: Path) -> Callable[[BinaryIO], None]:
    def write(fh: BinaryIO) -> None:
        with src.open("rb") as fin:
            shutil.copyfileobj(fin, fh)

    return write


def build_pdf(
    inputs: Sequence[Path | SourcePage | EncodedPage],
    out: Path,
    *,
    profile: Profile = "standard",
    metadata: PdfMetadata | None = None,
    ocr: bool | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> BuildResult:
    """Build `out` from page images (and PDFs) in order; a `SourcePage` is a page already in memory,
    an `EncodedPage` an image file's bytes in memory.

    `ocr=None` adds the text layer when Tesseract is present; `ocr=True` asks for it but still never
    fails the build: the reason it was skipped is in `ocr_reason`. `progress(done, total)` is called
    after each page; `cancel()` returning True stops the build with the known error `pdf_cancelled`.
    """
    started = time.perf_counter()
    if profile not in PROFILES:
        raise ScannerError(
            f"Không có kiểu PDF «{profile}».",
            "Chọn một trong: " + ", ".join(PROFILES) + ".",
            code="pdf_profile_unknown",
        )
    paths = [p if isinstance(p, (SourcePage, EncodedPage)) else Path(p) for p in inputs]
    if not paths:
        raise ScannerError(
            "Chưa có trang nào để tạo PDF.", "Quét hoặc chọn ít nhất một trang.", code="pdf_no_pages"
        )
    out = Path(out)
    status = ocr_mod.ocr_status()
    want_ocr = ocr is not False and status.available
    ocr_reason = "" if want_ocr or ocr is False else status.reason

    sources = read_sources(paths)
    first = next(sources)
    if isinstance(first, SourcePdf) and len(paths) == 1:
        # A born-digital PDF is already what the portal wants: copy it byte for byte (or its disarmed copy).
        size = _atomic_write(out, _copy_bytes(first.data) if first.data else _copy_file(first.path))
        with pikepdf.open(out) as done:
            count = len(done.pages)
        if progress:
            progress(count, count)
        ms = round((time.perf_counter() - started) * 1000)
        done_result = BuildResult(out, count, size, ms, profile, first.pdf_is_pdfa, False, "")
        done_result.warnings.extend([first.note] if first.note else [])
        return done_result

    total = count_pages(paths)
    # One decoded page alive at a time: neither the first page nor the one just added is held
    # while the next is decoded (three 300 dpi pages per build were, ~80 MB with two builds).
    pages = _one_at_a_time(first, sources)
    del first
    result = BuildResult(out, 0, 0, 0, profile, True, want_ocr, ocr_reason)
    foreign: list[pikepdf.Pdf] = []
    with pikepdf.new() as pdf, tempfile.TemporaryDirectory(prefix="pdf-ocr-") as workdir:
        icc = srgb_colour_space(pdf)
        try:
            for source in pages:
                if cancel is not None and cancel():
                    raise _cancelled()
                if isinstance(source, SourcePdf):
                    carried = pikepdf.open(io.BytesIO(source.content()))
                    if source.note:
                        result.warnings.append(source.note)
                    foreign.append(carried)
                    pdf.pages.extend(carried.pages)
                    result.pdfa = False
                    result.pages += len(carried.pages)
                else:
                    # Pixels decoded here are let go once laid out, unless Tesseract reads them next;
                    # a page the caller handed over in memory stays whole.
                    keep = want_ocr or any(source is given for given in paths)
                    report = _add_image_page(
                        pdf, source, profile, icc, want_ocr, keep, Path(workdir), foreign, result
                    )
                    result.page_reports.append(report)
                    result.pages += 1
                if progress:
                    progress(result.pages, max(total, result.pages))
                del source
            if cancel is not None and cancel():
                raise _cancelled()
            add_output_intent(pdf, icc)
            write_metadata(pdf, metadata or PdfMetadata(), pdfa=result.pdfa)
            result.bytes = _atomic_write(out, _save_pdf(pdf))
        finally:
            for other in foreign:
                other.close()
    result.ms = round((time.perf_counter() - started) * 1000)
    return result


def _one_at_a_time(
    first: SourcePage | SourcePdf, rest: Iterator[SourcePage | SourcePdf]
) -> Iterator[SourcePage | SourcePdf]:
    """`first`, then `rest`, without keeping `first` once it is handed out."""
    held = [first]
    del first
    yield held.pop()
    yield from rest


def _add_image_page(
    pdf: pikepdf.Pdf,
    source: SourcePage,
    profile: Profile,
    icc: pikepdf.Array,
    want_ocr: bool,
    keep_pixels: bool,
    workdir: Path,
    keep_open: list[pikepdf.Pdf],
    result: BuildResult,
) -> PageReport:
    result.warnings.extend(source.warnings)
    if source.dpi < MIN_DPI:
        result.warnings.append(
            f"{source.label}: ảnh chỉ {source.dpi:.0f} dpi, dưới mức 200 dpi; đã nội suy lên 200 dpi, nên quét lại"
        )
    layout = layout_page(source, profile, keep_pixels=keep_pixels)
    page = _add_page(pdf, layout, icc)
    has_text = False
    # Photographs and empty pages have no lines of text worth seconds of Tesseract.
    if want_ocr and layout.page_class not in ("photo", "blank"):
        try:
            image = source.image if source.mode == "1" else source.array()
            text_pdf_path = ocr_mod.text_layer_pdf(image, source.dpi, workdir)
        except ocr_mod.OcrFailed:
            result.warnings.append(
                f"{source.label}: không nhận dạng được chữ, trang giữ nguyên không có lớp chữ"
            )
        else:
            text_pdf = pikepdf.open(text_pdf_path)
            keep_open.append(text_pdf)
            page.add_overlay(text_pdf.pages[0], pikepdf.Rectangle(0, 0, layout.width_pt, layout.height_pt))
            has_text = True
    return PageReport(
        source.label, layout.page_class, layout.encoding, layout.dpi, has_text, layout.has_colour
    )
