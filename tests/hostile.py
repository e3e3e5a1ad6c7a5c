"""Hostile inputs for the reliability tests and `benchmarks/faults.py`: pixel bombs, PDFs with
active content, encrypted and truncated PDFs, broken images, impossible ID payloads.

Every file is built here from nothing (no downloaded samples) so the shapes are known exactly.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pikepdf
from PIL import Image


def png_header_bomb(width: int, height: int) -> bytes:
    """A PNG that declares `width`×`height` grey pixels but holds only a few of them."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(bytes(min(width + 1, 1 << 16)))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _zeros_deflated(total: int) -> bytes:
    stream = zlib.compressobj(9)
    parts, left, block = [], total, bytes(min(total, 50_000_000))
    while left > 0:
        parts.append(stream.compress(block[: min(left, len(block))]))
        left -= len(block)
    parts.append(stream.flush())
    return b"".join(parts)


def pdf_with_image(width: int, height: int, *, deflated: bytes | None = None) -> bytes:
    """A one-page PDF drawing one grey image of `width`×`height` (all black, Flate-compressed).

    50000×50000 gives the 2.4 MB file of issue 21 (7 s to build: build it once per session)."""
    pdf = pikepdf.new()
    data = deflated if deflated is not None else _zeros_deflated(width * height)
    image = pikepdf.Stream(pdf, data)
    image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    image.Width, image.Height = width, height
    image.ColorSpace, image.BitsPerComponent = pikepdf.Name.DeviceGray, 8
    image.Filter = pikepdf.Name.FlateDecode
    page = pdf.add_blank_page(page_size=(595, 842))
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
    page.Contents = pikepdf.Stream(pdf, b"q 595 0 0 842 0 0 cm /Im0 Do Q")
    return _saved(pdf)


def _saved(pdf: pikepdf.Pdf, **kwargs: object) -> bytes:
    out = io.BytesIO()
    pdf.save(out, **kwargs)  # type: ignore[arg-type]
    return out.getvalue()


def page_image_png(text_seed: int = 0) -> bytes:
    """A small plain page image (grey paper), as a PNG."""
    img = Image.new("L", (620, 877), 235 - text_seed % 20)
    out = io.BytesIO()
    img.save(out, "PNG", dpi=(75, 75))
    return out.getvalue()


def simple_pdf(pages: int = 1) -> pikepdf.Pdf:
    pdf = pikepdf.new()
    for _ in range(pages):
        page = pdf.add_blank_page(page_size=(595, 842))
        page.Contents = pikepdf.Stream(pdf, b"BT /F1 12 Tf 72 720 Td (Don de nghi) Tj ET")
        page.Resources = pikepdf.Dictionary(
            Font=pikepdf.Dictionary(
                F1=pikepdf.Dictionary(
                    Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont="/Helvetica"
                )
            )
        )
    return pdf


def plain_pdf(pages: int = 1) -> bytes:
    """A born-digital PDF with nothing active in it."""
    return _saved(simple_pdf(pages))


def active_pdf() -> bytes:
    """A PDF with every kind of active content issue 21 names: a JavaScript OpenAction, document
    and page additional actions, a Launch and a URI link, an embedded file, an XFA form and a
    fillable field."""
    pdf = simple_pdf()
    js = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('x')"))
    pdf.Root.OpenAction = pdf.make_indirect(js)
    pdf.Root.AA = pikepdf.Dictionary(WC=js)
    pdf.Root.Names = pikepdf.Dictionary(
        JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("init"), js])),
    )
    pdf.attachments["note.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ not really", mime_type="x/exe")
    page = pdf.pages[0]
    page.obj.AA = pikepdf.Dictionary(O=js)
    launch = pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe"))
    uri = pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("http://example.invalid/"))
    field = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Widget,
            FT=pikepdf.Name.Tx,
            T=pikepdf.String("ho_ten"),
            V=pikepdf.String("Nguyen Van A"),
            Rect=[72, 600, 300, 620],
            AA=pikepdf.Dictionary(K=js),
        )
    )
    field.P = page.obj
    page.obj.Annots = pdf.make_indirect(
        pikepdf.Array(
            [
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 50, 50], A=launch
                ),
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[60, 0, 99, 50], A=uri
                ),
                field,
            ]
        )
    )
    xfa = pdf.make_stream(b"<xdp:xdp xmlns:xdp='http://ns.adobe.com/xdp/'/>")
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([field]), XFA=xfa, NeedAppearances=True)
    return _saved(pdf)


def encrypted_pdf(user_password: str) -> bytes:
    """A PDF encrypted (AES-256) with `user_password` ("" opens without asking: issue 21's PdfWriteError)."""
    return _saved(simple_pdf(), encryption=pikepdf.Encryption(user=user_password, owner="chu-so-huu", R=6))


def truncated_pdf(pages: int = 3) -> bytes:
    """A PDF cut in its last third: the trailer and cross-reference table are gone."""
    data = plain_pdf(pages)
    return data[: len(data) * 2 // 3]


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path
