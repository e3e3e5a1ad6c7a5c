"""Image encoders producing PDF image streams: CCITT G4 (1-bit), JPEG (DCT) and Flate.

Each returns an `EncodedImage` holding the compressed bytes and the stream dictionary entries, so the
builder never re-encodes: the bytes go into the PDF as they are (as img2pdf does).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageFile, TiffImagePlugin

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
    try:
        tiff_bytes = _g4_tiff_packed(mask)
    except (AttributeError, KeyError, OSError, TypeError, ValueError):
        # Another Pillow version's encoder arguments: the public, slower way gives the same stream.
        # Ink is black: under min-is-black (what Pillow writes for "1" images) paper is the 1 bit.
        tiff_bytes = _g4_tiff_pillow(~mask)
    tiff = Image.open(io.BytesIO(tiff_bytes))
    assert isinstance(tiff, TiffImagePlugin.TiffImageFile)
    offsets = tiff.tag_v2[TiffImagePlugin.STRIPOFFSETS]
    counts = tiff.tag_v2[TiffImagePlugin.STRIPBYTECOUNTS]
    if len(offsets) != 1:
        raise RuntimeError("libtiff wrote more than one strip")
    start = offsets[0]
    data = tiff_bytes[start : start + counts[0]]
    # libtiff codes runs as "white"/"black" by value: under min-is-black (photometric 1) a CCITT "black"
    # run holds 1 bits, so the PDF decoder must be told that black is 1 (as img2pdf does).
    black_is_1 = tiff.tag_v2.get(TiffImagePlugin.PHOTOMETRIC_INTERPRETATION, 0) == 1
    parms: dict[str, object] = {"K": -1, "Columns": w, "Rows": h, "BlackIs1": black_is_1}
    return EncodedImage(
        data, w, h, "/CCITTFaxDecode", None if stencil else "/DeviceGray", 1, parms, stencil=stencil
    )


def _g4_tiff_pillow(paper: np.ndarray) -> bytes:
    buf = io.BytesIO()
    # One strip for the whole page, so the strip is exactly the CCITT stream a PDF expects.
    Image.fromarray(paper).save(buf, format="TIFF", compression="group4", strip_size=2**31 - 1)
    return buf.getvalue()


# Baseline TIFF tags of a one-strip, 1-bit, min-is-black Group 4 image (as Pillow writes for "1").
_G4_TAGS = {258: 1, 259: 4, 262: 1, 266: 1, 277: 1, 284: 1}


def _g4_tiff_packed(ink: np.ndarray) -> bytes:
    """The same TIFF as `_g4_tiff_pillow` (of `~ink`), fed to Pillow's libtiff encoder as packed bits.

    Saving a "1" image packs it bit by bit in C (about 20 ms for an A4 page at 300 dpi); numpy packs
    it in 1 ms. The rows go in as an 8-bit image one eighth as wide, which libtiff reads as the
    1-bit scanlines it expects. Pillow's encoder arguments are not public: any mismatch raises and
    the caller falls back to the public way.
    """
    h, w = ink.shape
    # Packed first, then inverted to paper = 1 (min-is-black) in place: a page-sized inverted bool
    # copy is 9 MB at 300 dpi, the packed rows one eighth of it. `ink` may be a strided view (a
    # corner of a larger mask). The pad bits past `w` become 1; libtiff reads only `w` bits a row.
    packed = np.packbits(ink, axis=1)
    np.invert(packed, out=packed)
    rows = Image.frombuffer("L", (packed.shape[1], h), packed, "raw", "L", 0, 1)
    tags = sorted({256: w, 257: h, 278: h, **_G4_TAGS}.items())
    encoder = Image._getencoder("L", "libtiff", ("L", 0, "", tags, {}))
    out = io.BytesIO()
    try:
        encoder.setimage(rows.im, (0, 0, packed.shape[1], h))
        while True:
            status, data = encoder.encode(ImageFile.MAXBLOCK)[1:]
            out.write(data)
            if status:
                break
    finally:
        encoder.cleanup()
    if status < 0:
        raise OSError(f"libtiff encoder error {status}")
    return out.getvalue()


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
