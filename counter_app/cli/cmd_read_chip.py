"""`counter-app read-chip`: the citizen ID card's chip (ICAO 9303), with passive authentication.

The chip opens with the MRZ's document number, birth date and expiry date: given as the card's
three MRZ lines (`--mrz`), or one by one (`--document-number` takes the 12-digit ID number or the
MRZ's 9-character document number), by PACE when the card offers it, else BAC. One JSON object
(docs/cli.md)::

    {"ok", "id_number", "full_name", "date_of_birth", "sex", "address", "issue_date",
     "expiry_date", "passive_auth": "ok"|"failed"|"no_csca", "data_groups",
     "access": "pace"|"bac", ...}

Exit status 0 when the chip was read and its data is not proven altered (`ok` or `no_csca`:
without the CSCA certificates nothing can be proven either way, and it says so); 2 for a known
error, and when passive authentication failed (the object is still printed, `"ok": false`).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from counter_app.cli.output import emit

EXIT_NOT_AUTHENTIC = 2


def register(subparsers: Any, add_common: Callable[[argparse.ArgumentParser], None]) -> None:
    p = subparsers.add_parser("read-chip", help="đọc chip thẻ căn cước (ICAO 9303) và xác thực dữ liệu")
    add_common(p)
    p.add_argument(
        "--reader", help="tên (hoặc một phần tên) đầu đọc; mặc định: chip.reader, rồi đầu đọc có thẻ"
    )
    p.add_argument("--mrz", nargs="+", metavar="LINE", help="3 dòng MRZ mặt sau thẻ")
    p.add_argument("--document-number", help="số định danh 12 số (hoặc số giấy tờ 9 ký tự trong MRZ)")
    p.add_argument("--birth", type=date.fromisoformat, help="ngày sinh YYYY-MM-DD")
    p.add_argument(
        "--expiry", type=_expiry, help="ngày hết hạn YYYY-MM-DD in trên thẻ, hoặc none (thẻ không thời hạn)"
    )
    p.add_argument(
        "--csca", type=Path, help="thư mục chứng thư CSCA; mặc định: chip.csca_dir, rồi <dữ liệu>/csca"
    )
    p.add_argument(
        "--wait", type=float, default=10.0, help="chờ đặt thẻ lên đầu đọc tối đa N giây (mặc định 10)"
    )
    p.set_defaults(func=run)


NO_EXPIRY = "none"


def _expiry(text: str) -> date | str:
    return NO_EXPIRY if text.strip().lower() == NO_EXPIRY else date.fromisoformat(text)


def run(args: argparse.Namespace) -> int:
    from counter_app.config import load_config
    from counter_app.paths import app_paths
    from idchip.errors import access_invalid
    from idchip.pcsc import PcscTransport
    from idchip.reader import read_card

    key = _access_key(args, access_invalid)
    config = load_config()
    csca = args.csca or Path(config.get("chip.csca_dir") or app_paths().data_dir / "csca")
    transport = PcscTransport(args.reader or config.get("chip.reader") or None, wait_s=args.wait)
    try:
        result = read_card(transport, key, csca)
    finally:
        transport.close()
    emit(result.as_dict())
    return 0 if result.passive_auth.status != "failed" else EXIT_NOT_AUTHENTIC


def _access_key(args: argparse.Namespace, invalid: Callable[[str, str], Exception]):
    from idchip.access import AccessKey
    from scanner.barcodes.mrz import parse_td1

    if args.mrz:
        mrz = parse_td1("\n".join(args.mrz))
        return AccessKey(mrz.document_number, mrz.birth_date, mrz.expiry_date)
    if not (args.document_number and args.birth and args.expiry):
        raise invalid(
            "Thiếu dữ liệu mở chip.",
            "Cho --mrz (3 dòng) hoặc đủ --document-number, --birth và --expiry.",
        )
    number = args.document_number.strip()
    expiry = None if args.expiry == NO_EXPIRY else args.expiry
    if number.isdigit() and len(number) == 12:
        return AccessKey.for_citizen_id(number, args.birth, expiry)
    return AccessKey(number, args.birth, expiry)
