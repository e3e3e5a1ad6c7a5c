"""Digitised PDFs: one compliant (PDF/A-2b, colour, at least 200 dpi), small, searchable PDF per component.

Profiles: `standard` (colour; mixed raster content for text pages, JPEG for photographs), `bw` (1-bit
CCITT G4), `gray` and `color` (plain JPEG). See `build_pdf`.
"""

from scanner.pdf.builder import BuildResult, PageReport, build_pdf
from scanner.pdf.ocr import OcrStatus, ocr_status
from scanner.pdf.pages import PROFILES, Profile
from scanner.pdf.pdfa import PdfMetadata

__all__ = [
    "PROFILES",
    "BuildResult",
    "OcrStatus",
    "PageReport",
    "PdfMetadata",
    "Profile",
    "build_pdf",
    "ocr_status",
]
