"""Self-test of the parts a frozen build could lose: each one is used once, for real, on a tiny input.

An import proves little in a PyInstaller bundle: a plug-in DLL, a font, a native decoder or a
codec library is only looked for when it is used. Each check here does what a counter does
(print a receipt, write a report, read a QR code, tag a PDF's XMP, play a video file standing in
for a camera) so that an over-eager exclusion in build_spec/ fails `--self-test`.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from common import clock

# Imported by name: modules reached only lazily at run time (signing options, OCR, fetchers).
LAZY_MODULES = (
    "signing.stamp",
    "pyhanko.pdf_utils.font.opentype",  # stamp text set with fontTools + HarfBuzz
    "pyhanko_certvalidator.fetchers.aiohttp_fetchers",  # OCSP/CRL fetching for PAdES B-LT
    "pkcs11",
    "scanner.pdf.ocr",
    "scanner.barcodes.mrz_ocr",
    "counter_app.report.pdf",
    "counter_app.report.xlsx",
)


def _receipt_pdf(work: Path, ctx: Any) -> str:
    import pikepdf

    from counter_app.forms import FormComponent, FormData, render_form

    data = FormData(
        agency="UBND XÃ THỬ NGHIỆM",
        office_name="Bộ phận Một cửa",
        place="Thử Nghiệm",
        local_ref="SELFTEST-0001",
        procedure_code="1.000000",
        procedure_name="Chứng thực bản sao từ bản chính",
        applicant_name="Nguyễn Văn Thử",
        applicant_id="001099000000",
        received_at=datetime(2025, 1, 2, 8, 30),
        appointment_date=date(2025, 1, 3),
        components=(FormComponent("Bản chính giấy tờ"),),
        training=True,
    )
    from counter_app.intake.filing import render_page_png

    pdf_bytes = render_form("01", data)
    with pikepdf.open(_write(work / "receipt.pdf", pdf_bytes)) as pdf:
        pages = len(pdf.pages)
    # The preview and the print go through PDFium: its library must be in the bundle.
    preview = render_page_png(pdf_bytes, 40)
    if not preview.startswith(b"\x89PNG"):
        raise AssertionError("the receipt's preview is not a PNG")
    return f"{pages} page(s), preview {len(preview)} bytes"


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _pdf_xmp(work: Path, ctx: Any) -> str:
    import pikepdf

    out = work / "xmp.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:title"] = "Hồ sơ thử"
        pdf.save(out)
    with pikepdf.open(out) as pdf:
        title = str(pdf.open_metadata().get("dc:title"))
    if title != "Hồ sơ thử":
        raise AssertionError(f"XMP title read back as {title!r}")
    return "dc:title"


def _report_xlsx(work: Path, ctx: Any) -> str:
    import openpyxl

    from counter_app.report import build_report

    out = build_report(ctx.db, ctx.config, clock.today().strftime("%Y-%m"), work / "report.xlsx")
    return f"{len(openpyxl.load_workbook(out).sheetnames)} sheet(s)"


def _qr_decoders(work: Path, ctx: Any) -> str:
    import numpy as np
    import qrcode

    from scanner.barcodes import decoders

    text = "001099000000|Nguyễn Văn Thử"
    gray = np.asarray(qrcode.make(text, border=4).convert("L"), dtype=np.uint8)
    found = {"zxing": decoders.zxing_texts(gray), "zbar": decoders.zbar_texts(gray)}
    wrong = [name for name, texts in found.items() if text not in texts]
    if wrong:
        raise AssertionError(f"not read by {', '.join(wrong)}: {found}")
    return "zxing, zbar"


def _video(work: Path, ctx: Any) -> str:
    """Camera back-ends present, and an MJPG AVI (a camera stand-in) written and played back.

    OpenCV's own MJPEG back-end writes the file (the release's minimal OpenCV has no FFmpeg); the
    webcam device opens it as it opens any file, with whichever back-end OpenCV picks for it.
    """
    import cv2
    import numpy as np

    from scanner.devices.webcam import open_capture

    registry = cv2.videoio_registry
    cameras = {registry.getBackendName(b) for b in registry.getCameraBackends()}
    wanted = {"MSMF", "DSHOW"} if sys.platform == "win32" else {"V4L2"}
    if not wanted <= cameras:
        raise AssertionError(f"camera back-ends {sorted(cameras)} lack {sorted(wanted - cameras)}")
    path = str(work / "camera.avi")
    shades = list(range(0, 250, 50))
    writer = cv2.VideoWriter(path, cv2.CAP_OPENCV_MJPEG, cv2.VideoWriter_fourcc(*"MJPG"), 5.0, (64, 48))
    if not writer.isOpened():
        raise AssertionError("the MJPEG back-end cannot write an AVI file")
    for shade in shades:
        writer.write(np.full((48, 64, 3), shade, dtype=np.uint8))
    writer.release()
    capture = open_capture(path)
    backend = capture.getBackendName()
    read = []
    while (frame := capture.read())[0]:
        read.append(int(frame[1].mean()))
    capture.release()
    if len(read) != len(shades) or any(abs(got - shade) > 3 for got, shade in zip(read, shades, strict=True)):
        raise AssertionError(f"{backend} read the frames back as {read}, not {shades}")
    return f"cameras: {', '.join(sorted(cameras))}; file: {backend}; OpenCV {cv2.__version__}"


def _qt_images(work: Path, ctx: Any) -> str:
    from PySide6.QtGui import QImageReader

    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    missing = {"jpeg", "png", "tiff", "ico"} - formats
    if missing:
        raise AssertionError(f"Qt cannot read {sorted(missing)}")
    return ", ".join(sorted(formats))


PARTS: dict[str, Callable[[Path, Any], str]] = {
    "receipt_pdf": _receipt_pdf,
    "pdf_xmp": _pdf_xmp,
    "report_xlsx": _report_xlsx,
    "qr_decoders": _qr_decoders,
    "video": _video,
    "qt_images": _qt_images,
}


def exercise_parts(ctx: Any) -> dict[str, Any]:
    """Each part's result (a short description) or its error; ok when all of them worked."""
    results: dict[str, Any] = {}
    for module in LAZY_MODULES:
        try:
            __import__(module)
            results[module] = True
        except Exception as exc:
            results[module] = f"{type(exc).__name__}: {exc}"
    with tempfile.TemporaryDirectory(prefix="counter-app-self-test-") as tmp:
        for name, part in PARTS.items():
            try:
                results[name] = {"ok": True, "detail": part(Path(tmp), ctx)}
            except Exception as exc:
                results[name] = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    ok = all(v is True or (isinstance(v, dict) and v["ok"]) for v in results.values())
    return {"ok": ok, **results}
