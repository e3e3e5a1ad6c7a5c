"""`counter-app decode-id FILE...`: the citizen ID from the card's QR code in photos or scans.

FILE is an image (JPEG, PNG, WebP, BMP, TIFF) or a scanned PDF (its embedded page images).

`-` reads a payload typed by a handheld reader (or pasted) from stdin instead of an image; a
3-line TD1 MRZ (pre-2024 cards, e.g. from a passport reader or OCR) is accepted there too.
One JSON line per file (docs/cli.md)::

    {"file", "ok": true, "id_number", "old_id_number", "full_name", "date_of_birth", "sex",
     "address", "issue_date", "extra", "warnings", "raw"}
    {"file", "ok": false, "error": {"code", "message", "hint"}, "raw"?}

`raw` is present whenever a code was read, even when it is not an ID payload
(`not_citizen_id`). An image without a readable ID QR code is also searched for the MRZ of a
pre-2024 card's back (OCR with Tesseract, a few seconds; `--no-mrz` skips it); `raw` is then the
three MRZ lines. Warnings are `{"code", "message"}` objects. Exit status 0 when every file
gave a citizen ID, 2 when at least one did not (each line says why).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from counter_app.cli.output import emit
from counter_app.errors import KnownError, error_dict, is_known_error

EXIT_SOME_FAILED = 2


class QrNotFoundError(KnownError):
    code = "qr_not_found"


def register(subparsers: Any, add_common: Callable[[argparse.ArgumentParser], None]) -> None:
    p = subparsers.add_parser(
        "decode-id", help="đọc mã QR trên thẻ căn cước từ ảnh chụp/ảnh quét (hoặc - từ stdin)"
    )
    add_common(p)
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="ảnh thẻ căn cước; - để đọc nội dung mã QR (hoặc 3 dòng MRZ) từ stdin",
    )
    p.add_argument(
        "--no-mrz",
        action="store_true",
        help="không thử đọc mã MRZ mặt sau thẻ cũ (bằng OCR) khi ảnh không có mã QR",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    all_ok = True
    for name in args.files:
        result = decode_one(name, try_mrz=not args.no_mrz)
        all_ok = all_ok and bool(result["ok"])
        emit(result)
    return 0 if all_ok else EXIT_SOME_FAILED


def decode_one(name: str, *, try_mrz: bool = True) -> dict[str, Any]:
    """The JSON line for one file (or `-`); known errors become `ok: false` lines."""
    from counter_app.citizen import citizen_from_mrz, parse_citizen_payload
    from counter_app.intake.card_image import is_citizen_payload
    from scanner.barcodes import decode_bytes, read_qr_file
    from scanner.barcodes.mrz import find_td1_lines, parse_td1

    raw: str | None = None
    try:
        if name == "-":
            raw = decode_bytes(sys.stdin.buffer.read())
            if find_td1_lines(raw):
                citizen = citizen_from_mrz(parse_td1(raw))
                return {"file": name, "ok": True, **citizen.as_dict(), "raw": raw}
        else:
            read = read_qr_file(Path(name), accept=is_citizen_payload)
            if (read is None or not read.accepted) and try_mrz:
                back = _citizen_from_card_back(Path(name))
                if back is not None:
                    return {"file": name, "ok": True, **back}
            if read is None:
                raise QrNotFoundError(
                    "Không tìm thấy mã QR (hoặc mã MRZ) đọc được trong ảnh.",
                    "Chụp lại rõ hơn: cả mã QR trong khung hình, không lóa, không rung tay; hoặc nhập tay.",
                )
            raw = read.text
        citizen = parse_citizen_payload(raw)
    except Exception as exc:
        if not is_known_error(exc):
            raise
        line: dict[str, Any] = {"file": name, "ok": False, "error": error_dict(exc)}
        if raw is not None:
            line["raw"] = raw
        return line
    return {"file": name, "ok": True, **citizen.as_dict()}


def _citizen_from_card_back(path: Path) -> dict[str, Any] | None:
    """The citizen from the MRZ of a pre-2024 card's back (OCR), as a decode-id line body."""
    from counter_app.citizen import citizen_from_mrz
    from scanner.barcodes.mrz_ocr import read_mrz
    from scanner.barcodes.reader import load_gray_images

    for gray in load_gray_images(path):
        mrz = read_mrz(gray)
        if mrz is not None and mrz.id_number:
            return {**citizen_from_mrz(mrz).as_dict(), "raw": mrz.text}
    return None
