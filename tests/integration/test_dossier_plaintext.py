"""Names and ID numbers never reach the disk in the clear: not in the SQLite file, its WAL, nor the workspace.

A whole dossier is taken through the workflow for a synthetic citizen whose name, ID numbers and address
are unique strings; then every byte of every file under the data folder is searched for them (in NFC and
NFD, upper case, without diacritics, UTF-16), while the database is open (WAL present) and after closing.
"""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

from PIL import Image

from counter_app.catalog import fold
from counter_app.citizen import parse_citizen_payload
from counter_app.context import AppContext
from counter_app.dossier import ComponentStatus, PageMeta
from counter_app.workflow import Workflow

NAME = "Khúc Thị Bí Mật Kiểm Thử"
ID_NUMBER = "036187654321"
OLD_ID = "162534879"
ADDRESS = "Xóm Đồi Ẩn Danh, xã Thử Nghiệm"
PAYLOAD = f"{ID_NUMBER}|{OLD_ID}|{NAME}|05061987|Nữ|{ADDRESS}|20032022"


def needles() -> dict[str, bytes]:
    return needles_for(NAME, ID_NUMBER, ADDRESS, OLD_ID)


def needles_for(name: str, id_number: str, address: str, old_id: str = "") -> dict[str, bytes]:
    """A citizen's name, address and numbers in every encoding a file could hold them."""
    found: dict[str, bytes] = {}
    for label, text in (("name", name), ("address", address)):
        for form in ("NFC", "NFD"):
            for variant in (text, text.upper()):
                found[f"{label}-{form}-{variant[:4]}"] = unicodedata.normalize(form, variant).encode("utf-8")
        found[f"{label}-ascii"] = fold(text).encode("ascii")
        found[f"{label}-utf16"] = text.encode("utf-16-le")
    found["id"] = id_number.encode()
    found["id-utf16"] = id_number.encode("utf-16-le")
    if old_id:
        found["old-id"] = old_id.encode()
    return found


def leaks(root: Path, searched: dict[str, bytes] | None = None) -> list[str]:
    hits = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        hits += [
            f"{path.relative_to(root)}: {label}"
            for label, needle in (searched or needles()).items()
            if needle in data
        ]
    return hits


def page_with_the_name_on_it() -> bytes:
    # The page image itself shows the citizen's name; PNG stores it compressed, so it would not be
    # found even in the clear: the check is that the file is sealed (below), not that it is unreadable.
    buf = io.BytesIO()
    Image.new("RGB", (64, 90), "white").save(buf, "PNG", dpi=(200, 200), pnginfo=_text_chunk())
    return buf.getvalue()


def _text_chunk():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_itxt("Comment", f"{NAME} {ID_NUMBER}")  # uncompressed text inside the image file
    return info


def test_search_finds_a_needle_in_plain_bytes(tmp_path):
    (tmp_path / "plain.txt").write_bytes(f"x {NAME} {ID_NUMBER} y".encode())
    (tmp_path / "page.png").write_bytes(page_with_the_name_on_it())
    assert len(leaks(tmp_path)) >= 3  # the check itself is able to see a leak


def test_no_name_or_id_number_in_database_wal_or_workspace(isolated_dirs):
    citizen = parse_citizen_payload(PAYLOAD)
    ctx = AppContext.open()
    wf = Workflow(ctx)
    d = wf.start()
    wf.identify(d, citizen, method="qr_image")
    wf.choose_procedure(d, "1.001193")
    for key in ("to_khai_khai_sinh", "giay_chung_sinh", "giay_chung_nhan_ket_hon"):
        wf.add_page(d, key, page_with_the_name_on_it(), PageMeta(64, 90, 200, "color"))
    wf.complete_capture(d)
    for c in d.components:
        if c.status is ComponentStatus.CAPTURED:
            wf.attach_pdf(d, c.key, f"%PDF-1.7 /Author ({NAME}) /Subject ({ID_NUMBER})".encode())
    wf.complete_pdfs(d)
    for c in d.components:
        if c.status is ComponentStatus.DIGITIZED:
            wf.attach_signed(d, c.key, f"%PDF-1.7 signed for {NAME}".encode())
    wf.complete_signing(d, level="B-B", signer="Cán bộ Demo")
    wf.queue(d, job_id=1, idempotency_key="idem-plain")
    wf.record_filed(d, "000.00.01.H31-261125-0009", "2026-11-26")
    wf.record_receipt(d, f"%PDF receipt {NAME} {ID_NUMBER} {ADDRESS}".encode(), output="file")
    returning = wf.start()
    wf.identify(returning, citizen, method="manual")

    data_dir = isolated_dirs
    database = ctx.paths.database
    wal = database.with_name(database.name + "-wal")
    assert wal.is_file() and wal.stat().st_size > 0  # the check covers the WAL, not only the main file
    assert len(ctx.workspace.names(d.local_ref)) >= 7
    # Not vacuous: the sealed data is there and opens with the key.
    assert wf.citizen_of(d).full_name == NAME
    assert wf.citizen_of(returning).id_number == ID_NUMBER
    assert wf.repo.find_citizen(ID_NUMBER) == d.citizen

    assert leaks(data_dir) == []
    ctx.close()
    assert leaks(data_dir) == []
