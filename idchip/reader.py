"""One reading of the ID card's chip: open it (PACE when EF.CardAccess offers it, else BAC), select
the eMRTD application, read DG1, DG13, DG2 and the SOD through secure messaging, parse them and
run passive authentication.

The chip access procedure of ICAO 9303-11 §4.2: EF.CardAccess is read at the card's root before
anything else; when it lists a PACE variant this reader speaks, PACE runs there and the eMRTD
application is then selected under secure messaging. When PACE is not offered, or the chip turns
it down, BAC runs on the application as before; a chip that refused PACE and has no BAC keeps
PACE's answer (wrong printed data: the same words as BAC's).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from common.progress import Cancel, Progress, report
from idchip import bac, card_access, lds, pace, passive_auth
from idchip.access import AccessKey
from idchip.errors import ChipError
from idchip.secure_messaging import SessionKeys
from idchip.tlv import TlvError, header
from idchip.transport import Transport
from scanner.barcodes.mrz import MrzError, Td1Mrz

EMRTD_AID = bytes.fromhex("A0000002471001")
FILES = {1: 0x0101, 2: 0x0102, 13: 0x010D}
SOD = 0x011D
CARD_ACCESS = 0x011C
PACE = "pace"
BAC = "bac"
# PACE failures after which BAC is still tried: the chip turned the protocol down (its status
# words) or did not open with the printed data. A card lifted off the reader ends the read.
PACE_FALLBACK = ("chip_protocol", "chip_access_denied")
CHUNK = 0xE0  # a protected READ BINARY answer of 224 bytes stays within a short APDU
MAX_FILE = 0x7FFF  # offsets beyond need the odd READ BINARY; no DG here is that large


@dataclass
class ChipRead:
    mrz: Td1Mrz
    personal: lds.PersonalData
    face: tuple[bytes, str] | None
    passive_auth: passive_auth.PassiveAuth
    data_groups: list[int] = field(default_factory=list)
    access: str = BAC  # how the chip was opened: "pace" or "bac"

    def as_dict(self) -> dict:
        fields = self.personal.fields
        return {
            "ok": self.passive_auth.status != "failed",
            "id_number": fields.get("id_number") or self.mrz.id_number or None,
            "full_name": fields.get("full_name") or self.mrz.full_name,
            "date_of_birth": _iso(fields.get("date_of_birth")) or _iso_date(self.mrz.birth_date),
            "sex": fields.get("sex") or {"M": "Nam", "F": "Nữ"}.get(self.mrz.sex, ""),
            "address": fields.get("address"),
            "place_of_origin": fields.get("place_of_origin"),
            "nationality": fields.get("nationality"),
            "ethnicity": fields.get("ethnicity"),
            "religion": fields.get("religion"),
            "father_name": self.personal.father_name,
            "mother_name": self.personal.mother_name,
            "old_id_number": self.personal.old_id_number,
            "issue_date": _iso(fields.get("issue_date")),
            "expiry_date": _iso(fields.get("expiry_date")) or _iso_date(self.mrz.expiry_date),
            "face_image": self.face[1] if self.face else None,
            "passive_auth": self.passive_auth.status,
            "passive_auth_reasons": self.passive_auth.reasons,
            "data_groups": self.data_groups,
            "access": self.access,
        }


def _iso_date(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _iso(text: str | None) -> str | None:
    """dd/mm/yyyy as the card writes dates → ISO; None for anything else ("Không thời hạn")."""
    if not text:
        return None
    parts = text.split("/")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        try:
            return date(int(parts[2]), int(parts[1]), int(parts[0])).isoformat()
        except ValueError:
            return None
    return None


def read_card(
    transport: Transport,
    key: AccessKey,
    csca_dir: Path | None = None,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ChipRead:
    cancel = cancel or Cancel()
    report(progress, 0.0, "Đang mở chip…")
    session, access = open_chip(transport, key)
    groups: dict[int, bytes] = {}
    steps = [(1, "thông tin MRZ"), (13, "thông tin cá nhân"), (2, "ảnh chân dung")]
    for index, (number, label) in enumerate(steps):
        cancel.check("đọc chip")
        report(progress, 0.1 + 0.2 * index, f"Đang đọc {label}…")
        data = _read_file(_secured(transport, session), FILES[number], required=number == 1)
        if data is not None:
            groups[number] = data
    report(progress, 0.8, "Đang kiểm tra chữ ký của cơ quan cấp…")
    sod = _read_file(_secured(transport, session), SOD, required=True)
    assert sod is not None
    try:
        mrz = lds.parse_dg1(groups[1])
        personal = lds.parse_dg13(groups[13]) if 13 in groups else lds.PersonalData()
        face = lds.parse_dg2(groups[2]) if 2 in groups else None
    except (TlvError, UnicodeDecodeError, MrzError) as exc:
        raise ChipError(f"Dữ liệu trên chip không đúng cấu trúc ({exc}).", code="chip_data_invalid") from None
    result = passive_auth.check(sod, groups, csca_dir)
    report(progress, 1.0, "Đã đọc chip.")
    return ChipRead(mrz, personal, face, result, sorted(groups), access)


def open_chip(transport: Transport, key: AccessKey) -> tuple[SessionKeys, str]:
    """The secure channel to the eMRTD application, and the protocol that opened it."""
    offered = _pace_offered(transport)
    pace_refused: ChipError | None = None
    if offered is not None:
        try:
            session = pace.authenticate(transport, key, offered)
        except ChipError as exc:
            if exc.code not in PACE_FALLBACK:
                raise
            pace_refused = exc
        else:
            _, sw = _protected(transport, session, 0xA4, 0x04, 0x0C, EMRTD_AID, None)
            if sw != 0x9000:
                raise _not_emrtd()
            return session, PACE
    _, sw = transport.transmit(bytes.fromhex("00A4040C07") + EMRTD_AID)
    if sw != 0x9000:
        raise _not_emrtd()
    try:
        return bac.authenticate(transport, key), BAC
    except ChipError as exc:
        if pace_refused is not None and exc.code == "chip_protocol":
            raise pace_refused from None  # no BAC on this chip: PACE's answer is the one to give
        raise


def _pace_offered(transport: Transport) -> card_access.PaceInfo | None:
    """The PACE variant to run, from EF.CardAccess; None when the card has no such file (a BAC
    card) or offers no variant this reader speaks."""
    try:
        data = _read_file(_plain(transport), CARD_ACCESS, required=False)
    except ChipError as exc:
        if exc.code == "chip_card_removed":
            raise
        return None  # an unreadable EF.CardAccess: the chip is opened with BAC, as before PACE
    if data is None:
        return None
    try:
        return card_access.choose(card_access.parse(data))
    except ValueError:
        return None


def _not_emrtd() -> ChipError:
    return ChipError(
        "Thẻ trên đầu đọc không phải thẻ căn cước gắn chip (không có ứng dụng ICAO).",
        "Đặt đúng thẻ căn cước (mặt có chip) lên đầu đọc.",
        code="chip_not_emrtd",
    )


Exchange = Callable[[int, int, int, bytes, int | None], tuple[bytes, int]]


def _plain(transport: Transport) -> Exchange:
    def exchange(ins: int, p1: int, p2: int, data: bytes, le: int | None) -> tuple[bytes, int]:
        apdu = bytes([0x00, ins, p1, p2]) + (bytes([len(data)]) + data if data else b"")
        return transport.transmit(apdu + (bytes([le & 0xFF]) if le is not None else b""))

    return exchange


def _secured(transport: Transport, session: SessionKeys) -> Exchange:
    def exchange(ins: int, p1: int, p2: int, data: bytes, le: int | None) -> tuple[bytes, int]:
        return _protected(transport, session, ins, p1, p2, data, le)

    return exchange


def _read_file(exchange: Exchange, fid: int, *, required: bool) -> bytes | None:
    _, sw = exchange(0xA4, 0x02, 0x0C, fid.to_bytes(2, "big"), None)
    if sw == 0x6A82 and not required:
        return None
    if sw != 0x9000:
        raise ChipError(f"Chip không mở được tệp {fid:04X} (mã {sw:04X}).", code="chip_protocol")
    first, sw = exchange(0xB0, 0, 0, b"", 4)
    if sw != 0x9000 or len(first) < 2:
        raise ChipError(f"Chip không đọc được tệp {fid:04X}.", code="chip_protocol")
    try:
        _tag, length, size = header(first + b"\x00\x00")
    except TlvError:
        raise ChipError(f"Tệp {fid:04X} trên chip hỏng.", code="chip_data_invalid") from None
    total = size + length
    if total > MAX_FILE:
        raise ChipError(f"Tệp {fid:04X} trên chip quá lớn ({total} byte).", code="chip_data_invalid")
    content = bytearray(first[:total])
    while len(content) < total:
        offset = len(content)
        chunk, sw = exchange(0xB0, offset >> 8, offset & 0xFF, b"", min(CHUNK, total - offset))
        if sw not in (0x9000, 0x6282) or not chunk:
            raise ChipError(f"Đọc tệp {fid:04X} bị ngắt ở byte {offset}.", code="chip_read_interrupted")
        content += chunk
    return bytes(content[:total])


def _protected(
    transport: Transport, session: SessionKeys, ins: int, p1: int, p2: int, data: bytes, le: int | None
) -> tuple[bytes, int]:
    response, sw = transport.transmit(session.wrap(0x00, ins, p1, p2, data, le))
    return session.unwrap(response, sw)
