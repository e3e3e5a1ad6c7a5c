"""The visible stamp: signer name and scan time on page 1 (Thông tư 01/2023/TT-VPCP, Art. 8); where it
goes, on white space near the top left, is `signing.placement`'s.

The text is drawn with an embedded (subset) TrueType font that has Vietnamese glyphs; the
standard PDF fonts have none, and diacritics would be lost.
"""

from __future__ import annotations

import atexit
import datetime as dt
import os
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common import clock
from signing.errors import SigningError

# Latin, Vietnamese (precomposed and combining marks), general punctuation: all a stamp needs.
_STAMP_UNICODES = [
    *range(0x20, 0x7F), *range(0xA0, 0x250), *range(0x300, 0x370), *range(0x1E00, 0x1F00), *range(0x2010, 0x2070),
]  # fmt: skip
_subset_cache: dict[str, str] = {}
_subset_lock = threading.Lock()  # the warm-up and the first signature may both ask at once


@atexit.register
def _remove_subsets() -> None:
    """The subsets are temporary files: gone with the process, never left in the temp folder."""
    for path in _subset_cache.values():
        try:
            os.unlink(path)
        except OSError:
            pass


_RESOURCE_FONTS = Path(__file__).resolve().parents[1] / "resources" / "fonts"
FONT_CANDIDATES = (
    str(_RESOURCE_FONTS / "NotoSans-Regular.ttf"),
    str(_RESOURCE_FONTS / "DejaVuSans.ttf"),
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    r"C:\Windows\Fonts\arial.ttf",
    r"C:\Windows\Fonts\times.ttf",
)


@dataclass(frozen=True)
class StampText:
    signer_name: str
    scan_time: dt.datetime  # shown in the office's time zone, whatever the PC's zone
    demo: bool = False

    def render(self) -> str:
        # Certificates may carry decomposed (NFD) names; the subset font maps precomposed glyphs.
        name = unicodedata.normalize("NFC", self.signer_name)
        lines = [
            f"Người số hóa: {name}",
            f"Thời điểm số hóa: {clock.local(self.scan_time):%H:%M %d/%m/%Y}",
        ]
        if self.demo:
            lines.append("CHỨNG THƯ DEMO — KHÔNG CÓ GIÁ TRỊ PHÁP LÝ")
        else:
            lines.append("Đã ký số")
        return "\n".join(lines)


def find_font(candidates: tuple[str, ...] = FONT_CANDIDATES) -> str:
    for path in candidates:
        if os.path.isfile(path):
            return path
    raise SigningError(
        "Không tìm thấy phông chữ tiếng Việt để vẽ dấu chữ ký.",
        "Cài phông Noto Sans hoặc DejaVu Sans, hoặc ký không kèm dấu hiển thị.",
        code="stamp_font_missing",
    )


def stamp_font(source: str) -> str:
    """A small copy of `source` with only the stamp's characters and no layout tables.

    pyHanko subsets the font again for every PDF; on a full Noto Sans that means decoding its
    large GSUB/GPOS tables each time (~1 s per file). Vietnamese text in NFC needs neither.
    """
    with _subset_lock:
        cached = _subset_cache.get(source)
        if cached and os.path.isfile(cached):
            return cached
        path = _make_subset(source)
        _subset_cache[source] = path
        return path


def _make_subset(source: str) -> str:
    from fontTools import subset

    options = subset.Options()
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH"]
    options.hinting = False
    font = subset.load_font(source, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=_STAMP_UNICODES)
    subsetter.subset(font)
    fd, path = tempfile.mkstemp(prefix="stamp-font-", suffix=".ttf")
    with os.fdopen(fd, "wb") as out:
        font.save(out)
    return path


class StampFactory:
    """Builds the stamp style once per batch (font parsing is the costly part)."""

    def __init__(self, font_path: str | None = None) -> None:
        from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory

        self.font_path = font_path or find_font()
        self._font = GlyphAccumulatorFactory(stamp_font(self.font_path), font_size=8)

    def style(self, text: StampText) -> Any:
        from pyhanko.pdf_utils.layout import AxisAlignment, Margins, SimpleBoxLayoutRule
        from pyhanko.pdf_utils.text import TextBoxStyle
        from pyhanko.stamp import TextStampStyle

        return TextStampStyle(
            # pyHanko interpolates %(name)s parameters in the template: keep a literal % literal.
            stamp_text=text.render().replace("%", "%%"),
            inner_content_layout=SimpleBoxLayoutRule(
                x_align=AxisAlignment.ALIGN_MIN, y_align=AxisAlignment.ALIGN_MID, margins=Margins.uniform(4)
            ),
            text_box_style=TextBoxStyle(font=self._font, font_size=8, leading=10),
            border_width=1,
        )
