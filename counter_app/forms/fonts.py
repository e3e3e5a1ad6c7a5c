"""The forms' typeface: official forms are set in Times New Roman; Liberation Serif is metric
compatible with it, renders Vietnamese, and ships in resources/fonts (a Windows install has no
Debian package to take it from). Tinos (the same design) or Times New Roman itself stand in
when the bundled files are missing."""

from __future__ import annotations

from pathlib import Path

from counter_app.errors import KnownError

FAMILY = "FormSerif"
BUNDLED = Path(__file__).resolve().parents[2] / "resources" / "fonts"
_FALLBACK_DIRS = (
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/croscore"),
    Path("C:/Windows/Fonts"),
)
_FILES = {
    "": ("LiberationSerif-Regular.ttf", "Tinos-Regular.ttf", "times.ttf"),
    "B": ("LiberationSerif-Bold.ttf", "Tinos-Bold.ttf", "timesbd.ttf"),
    "I": ("LiberationSerif-Italic.ttf", "Tinos-Italic.ttf", "timesi.ttf"),
}


def find_fonts() -> dict[str, Path]:
    """One file per style (regular, bold, italic), the bundled copy first."""
    found: dict[str, Path] = {}
    for style, names in _FILES.items():
        for folder in (BUNDLED, *_FALLBACK_DIRS):
            hits = [folder / n for n in names if (folder / n).is_file()]
            if hits:
                found[style] = hits[0]
                break
    if "" not in found:
        raise KnownError(
            "Không tìm thấy phông chữ Times (Liberation Serif) để in phiếu.",
            "Cài lại ứng dụng (thư mục resources/fonts) hoặc cài phông Liberation Serif.",
            code="receipt_font_missing",
        )
    return found
