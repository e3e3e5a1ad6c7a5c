"""Imported PDFs made inert before they are signed into a dossier.

A citizen's PDF may carry JavaScript, actions that run on opening or on a click (Launch, URI,
form submission), embedded files, an XFA form or fillable fields: signed as they are, the office
vouches for content that can change or act when the file is opened. Here they are removed and the
fields flattened into the page (what the officer saw is what is signed). An encrypted PDF that opens
without a password is re-written in clear; one that needs a password is refused. A damaged PDF
(a truncated download) is repaired by qpdf's reconstruction when its pages survive, else refused.

A PDF with none of this is returned byte for byte: a born-digital file keeps its own signatures.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from scanner import guard
from scanner.errors import ScannerError

# What the officer is told, per kind of removal (Vietnamese).
REMOVED_LABELS = {
    "javascript": "mã JavaScript",
    "actions": "lệnh tự chạy khi mở hoặc bấm (OpenAction/AA)",
    "launch": "lệnh mở chương trình (Launch)",
    "links": "liên kết ra ngoài (URI, gửi biểu mẫu)",
    "embedded_files": "tệp đính kèm bên trong",
    "xfa": "biểu mẫu XFA",
    "form_fields": "ô nhập của biểu mẫu (đã in phẳng vào trang)",
    "encryption": "mã hóa (tệp mở được không cần mật khẩu)",
    "repaired": "cấu trúc tệp bị hỏng (đã sửa lại)",
}
# Action types that act outside the document or run code; GoTo (a jump inside the file) stays.
_ACTIVE_ACTIONS = {
    "/JavaScript": "javascript",
    "/Launch": "launch",
    "/URI": "links",
    "/SubmitForm": "links",
    "/ImportData": "links",
    "/GoToR": "links",
    "/GoToE": "links",
    "/Rendition": "actions",
    "/Movie": "actions",
    "/Sound": "actions",
    "/RichMediaExecute": "actions",
    "/SetOCGState": "actions",
    "/ResetForm": "actions",
    "/Hide": "actions",
}
_ACTIVE_ANNOTATIONS = {"/FileAttachment": "embedded_files", "/Screen": "actions", "/Movie": "actions",
                       "/Sound": "actions", "/RichMedia": "actions"}  # fmt: skip
_MAX_OBJECTS = 500_000  # a walk over more objects than this is a hostile file, not a dossier document


class PdfRefusedError(ScannerError):
    code = "pdf_unreadable"


@dataclass(frozen=True)
class SanitisedPdf:
    data: bytes
    pages: int
    removed: tuple[str, ...]  # keys of REMOVED_LABELS, in that order
    pdfa: bool

    @property
    def changed(self) -> bool:
        return bool(self.removed)

    def note(self, name: str) -> str:
        """One line for the officer: what was taken out of `name`."""
        return f"«{name}»: đã gỡ " + ", ".join(REMOVED_LABELS[k] for k in self.removed)


def sanitise_pdf(data: bytes, name: str) -> SanitisedPdf:
    """`data` made inert (see the module's docstring); known errors for what cannot be kept."""
    import pikepdf

    try:
        pdf = pikepdf.open(io.BytesIO(data), password="", attempt_recovery=True)
    except pikepdf.PasswordError as exc:
        raise ScannerError(
            f"Tệp PDF «{name}» có mật khẩu nên không thể đưa vào hồ sơ.",
            "Xin công dân bản không đặt mật khẩu, hoặc in ra rồi quét lại.",
            code="pdf_encrypted",
        ) from exc
    except (pikepdf.PdfError, ValueError, RecursionError) as exc:
        raise PdfRefusedError(
            f"Tệp PDF «{name}» bị hỏng, không sửa được.", "Xin công dân tệp khác, hoặc in ra rồi quét lại."
        ) from exc
    with pdf:
        try:
            found: set[str] = set()
            if pdf.get_warnings():
                found.add("repaired")  # qpdf rebuilt the cross-reference table or dropped broken objects
            if pdf.is_encrypted:
                found.add("encryption")
            pages = len(pdf.pages)
            if pages == 0:
                raise PdfRefusedError(
                    f"Tệp PDF «{name}» không có trang nào đọc được.",
                    "Xin công dân tệp khác, hoặc quét bản giấy.",
                )
            guard.check_pdf(pdf, name)
            _disarm(pdf, found)
            pdfa = bool(pdf.open_metadata().pdfa_status) if not found else False
            if not found:
                return SanitisedPdf(data, pages, (), pdfa)
            out = io.BytesIO()
            if "repaired" in found:
                # qpdf's reconstructed trailer may lack /Size, and the file written from it is then
                # damaged again: the recovered pages go into a new document instead.
                with pikepdf.new() as fresh:
                    fresh.pages.extend(pdf.pages)
                    fresh.save(out, fix_metadata_version=False)
            else:
                pdf.save(out, encryption=False, fix_metadata_version=False)
        except ScannerError:
            raise
        except (pikepdf.PdfError, ValueError, RecursionError, KeyError, TypeError) as exc:
            raise PdfRefusedError(
                f"Tệp PDF «{name}» bị hỏng, không sửa được.",
                "Xin công dân tệp khác, hoặc in ra rồi quét lại.",
            ) from exc
    removed = tuple(key for key in REMOVED_LABELS if key in found)
    return SanitisedPdf(out.getvalue(), pages, removed, False)


def _disarm(pdf: object, found: set[str]) -> None:
    import pikepdf

    assert isinstance(pdf, pikepdf.Pdf)
    root = pdf.Root
    if "/AA" in root:
        del root["/AA"]
        found.add("actions")
    opening = root.get("/OpenAction")
    # A destination ("open at page 1, fit width", what word processors write) is harmless and stays.
    if isinstance(opening, pikepdf.Dictionary) and str(opening.get("/S")) != "/GoTo":
        del root["/OpenAction"]
        found.add("actions")
        found.add(_ACTIVE_ACTIONS.get(str(opening.get("/S")), "actions"))
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary):
        for key, kind in (("/JavaScript", "javascript"), ("/EmbeddedFiles", "embedded_files")):
            if key in names:
                del names[key]
                found.add(kind)
    form = root.get("/AcroForm")
    if isinstance(form, pikepdf.Dictionary):
        if "/XFA" in form:
            del form["/XFA"]
            found.add("xfa")
        if len(form.get("/Fields", pikepdf.Array())) > 0:
            found.add("form_fields")
            pdf.generate_appearance_streams()  # the typed values become part of the page
            pdf.flatten_annotations("all")
        if "/AcroForm" in root:  # flattening may already have dropped it
            del root["/AcroForm"]
    _walk(pdf, found)


def _walk(pdf: object, found: set[str]) -> None:
    """Every dictionary reachable from the catalogue: actions, scripts and attachments out."""
    import pikepdf

    assert isinstance(pdf, pikepdf.Pdf)
    seen: set[tuple[int, int]] = set()
    stack: list[object] = [pdf.Root]
    visited = 0
    while stack:
        item = stack.pop()
        visited += 1
        if visited > _MAX_OBJECTS:
            raise PdfRefusedError(
                "Tệp PDF có quá nhiều đối tượng.", "Xin công dân tệp khác, hoặc quét bản giấy."
            )
        if isinstance(item, (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array)) and item.is_indirect:
            if item.objgen in seen:
                continue
            seen.add(item.objgen)
        if isinstance(item, pikepdf.Array):
            stack.extend(v for v in item if isinstance(v, (pikepdf.Dictionary, pikepdf.Array)))
            continue
        if not isinstance(item, (pikepdf.Dictionary, pikepdf.Stream)):
            continue
        _disarm_dict(item, found)
        if isinstance(item, pikepdf.Dictionary):
            stack.extend(
                v
                for k, v in item.items()
                if k != "/Parent" and isinstance(v, (pikepdf.Dictionary, pikepdf.Array))
            )
        else:
            stack.extend(
                v for k, v in item.stream_dict.items() if isinstance(v, (pikepdf.Dictionary, pikepdf.Array))
            )


def _disarm_dict(item: object, found: set[str]) -> None:
    import pikepdf

    assert isinstance(item, (pikepdf.Dictionary, pikepdf.Stream))
    if "/AA" in item:
        del item["/AA"]
        found.add("actions")
    if "/JS" in item:
        del item["/JS"]
        found.add("javascript")
    if "/AF" in item:  # associated (embedded) files, PDF 2.0
        del item["/AF"]
        found.add("embedded_files")
    action = item.get("/A")
    if isinstance(action, pikepdf.Dictionary) and str(action.get("/S")) in _ACTIVE_ACTIONS:
        found.add(_ACTIVE_ACTIONS[str(action.get("/S"))])
        del item["/A"]
    kind = _ACTIVE_ACTIONS.get(str(item.get("/S"))) if item.get("/Type") in (None, "/Action") else None
    if kind and "/S" in item and item.get("/Subtype") is None:
        found.add(kind)
        item["/S"] = pikepdf.Name.GoTo  # an action met elsewhere (an outline's, a chain's /Next)
        item["/D"] = pikepdf.Array()
    annots = item.get("/Annots")
    if isinstance(annots, pikepdf.Array):
        kept = [a for a in annots if not _active_annotation(a, found)]
        if len(kept) != len(annots):
            item["/Annots"] = pikepdf.Array(kept)


def _active_annotation(annot: object, found: set[str]) -> bool:
    import pikepdf

    if not isinstance(annot, pikepdf.Dictionary):
        return False
    kind = _ACTIVE_ANNOTATIONS.get(str(annot.get("/Subtype")))
    if kind:
        found.add(kind)
        return True
    if annot.get("/Subtype") == "/Widget":
        found.add("form_fields")
        return True  # a field left after flattening (no appearance): its value is not on the page
    return False
