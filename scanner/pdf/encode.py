"""Image encoders producing PDF image streams: CCITT G4 (1-bit), JPEG (DCT) and Flate.

Each returns an `EncodedImage` holding the compressed bytes and the stream dictionary entries, so the
builder never re-encodes: the bytes go into the PDF as they are (as img2pdf does).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, TiffImagePlugin

ColourSpace = str  # "/DeviceRGB", "/DeviceGray" or "icc" (the builder substitutes the sRGB ICC space)


@dataclass(frozen=True)
class EncodedImage:
    data: bytes
    width: int
    height: int
    filter: str
    colour_space: ColourSpace | None
    bits: int
    decode_parms: dict[str, object] = field(default_factory=dict)
    stencil: bool = False


def g4(mask: np.ndarray, *, stencil: bool) -> EncodedImage:
    """CCITT Group 4 of a boolean ink mask (True = ink), lossless.

    As a stencil (/ImageMask) the ink bits are painted with the fill colour; as a plain 1-bit image
    (profile `bw`) ink is black in DeviceGray.
    """
    h, w = mask.shape
    # A boolean array becomes a "1" image with True = white, so ink (black) is the negated mask.
    img = Image.fromarray(~mask)
    buf = io.BytesIO()
    # One strip for the whole page, so the strip is exactly the CCITT stream a PDF expects.
    img.save(buf, format="TIFF", compression="group4", strip_size=2**31 - 1)
    tiff = Image.open(io.BytesIO(buf.getvalue()))
    assert isinstance(tiff, TiffImagePlugin.TiffImageFile)
    offsets = tiff.tag_v2[TiffImagePlugin.STRIPOFFSETS]
    counts = tiff.tag_v2[TiffImagePlugin.STRIPBYTECOUNTS]
    if len(offsets) != 1:
        raise RuntimeError("libtiff wrote more than one strip")
    start = offsets[0]
    data = buf.getvalue()[start : start + counts[0]]
    # libtiff codes runs as "white"/"black" by value: under min-is-black (photometric 1) a CCITT "black"
    # run holds 1 bits, so the PDF decoder must be told that black is 1 (as img2pdf does).
    black_is_1 = tiff.tag_v2.get(TiffImagePlugin.PHOTOMETRIC_INTERPRETATION, 0) == 1
    parms: dict[str, object] = {"K": -1, "Columns": w, "Rows": h, "BlackIs1": black_is_1}
    return EncodedImage(
        data, w, h, "/CCITTFaxDecode", None if stencil else "/DeviceGray", 1, parms, stencil=stencil
    )


def jpeg(pixels: np.ndarray, quality: int, *, subsampling: int = 2) -> EncodedImage:
    """Baseline JPEG of an RGB (H×W×3) or grey (H×W) uint8 array; subsampling 2 is 4:2:0."""
    mode = "RGB" if pixels.ndim == 3 else "L"
    img = Image.fromarray(pixels, mode)
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=quality, subsampling=subsampling, optimize=True)
    space = "icc" if mode == "RGB" else "/DeviceGray"
    return EncodedImage(buf.getvalue(), img.width, img.height, "/DCTDecode", space, 8)


def jpeg_passthrough(data: bytes, width: int, height: int, mode: str) -> EncodedImage:
    """An existing JPEG file embedded byte for byte (no generation loss)."""
    space = "icc" if mode == "RGB" else "/DeviceGray"
    return EncodedImage(data, width, height, "/DCTDecode", space, 8)
