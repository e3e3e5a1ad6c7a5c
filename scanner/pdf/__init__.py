"""Digitised PDFs: one compliant (PDF/A-2b, colour, at least 200 dpi), small, searchable PDF per component.

Profiles: `standard` (colour; mixed raster content for text pages, JPEG for photographs), `bw` (1-bit
CCITT G4), `gray` and `color` (plain JPEG). See `build_pdf`.

Known errors (`scanner.errors.ScannerError`, by `code`): page_missing, page_empty, page_unreadable,
image_too_large, pdf_encrypted, pdf_unreadable, pdf_no_pages, pdf_profile_unknown, pdf_cancelled, pdf_write_failed.
A missing Tesseract is not an error: `BuildResult.ocr` is False and `ocr_reason` says why.
"""

from scanner.pdf.builder import BuildResult, PageReport, build_pdf
from scanner.pdf.ocr import OcrStatus, ocr_status
from scanner.pdf.pages import PROFILES, Profile
from scanner.pdf.pdfa import PdfMetadata
from scanner.pdf.sources import EncodedPage, SourcePage

__all__ = [
    "PROFILES",
    "BuildResult",
    "EncodedPage",
    "OcrStatus",
    "PageReport",
    "PdfMetadata",
    "Profile",
    "SourcePage",
    "build_pdf",
    "ocr_status",
]
