"""The data groups of the Vietnamese citizen ID card's chip (ICAO 9303-10 LDS).

- DG1 (tag 61): the MRZ, three lines of 30 (TD1). The document number is the ID's last nine
  digits; the full 12-digit number is in the first line's optional data.
- DG13 (tag 6D): Vietnam's own data, a list of SEQUENCE { INTEGER field, value... }, values as
  UTF8String. The field numbers, as public Vietnamese readers decode them: 1 ID number, 2 full
  name, 3 date of birth (dd/mm/yyyy), 4 sex, 5 nationality, 6 ethnicity, 7 religion, 8 place of
  origin, 9 place of residence, 10 identifying features, 11 issue date, 12 expiry date, 13 the
  parents (a SEQUENCE: father's then mother's name), 14 the spouse's name, 15 and 16 the old ID
  number (readers disagree on which; a 9- or 12-digit value in either is taken), 17 and above kept as
  they are in `extra`.
- DG2 (tag 75): the face image, an ISO/IEC 19794-5 record holding a JPEG or JPEG 2000.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from idchip.tlv import Tlv, TlvError, read_one
from scanner.barcodes.mrz import Td1Mrz, parse_td1

DG13_FIELDS = {
    1: "id_number",
    2: "full_name",
    3: "date_of_birth",
    4: "sex",
    5: "nationality",
    6: "ethnicity",
    7: "religion",
    8: "place_of_origin",
    9: "address",
    10: "identifying_features",
    11: "issue_date",
    12: "expiry_date",
    14: "spouse_name",
}


@dataclass
class PersonalData:
    """DG13's fields, as text (dates as the card writes them, dd/mm/yyyy)."""

    fields: dict[str, str] = field(default_factory=dict)
    father_name: str | None = None
    mother_name: str | None = None
    old_id_number: str | None = None
    extra: dict[int, str] = field(default_factory=dict)


def parse_dg1(data: bytes) -> Td1Mrz:
    """DG1's MRZ, parsed and its check digits verified by the same TD1 reader as the card's back."""
    root = read_one(data)
    mrz_element = root.find(0x5F1F) if root.tag == 0x61 else None
    if mrz_element is None:
        raise TlvError("DG1 has no MRZ")
    text = mrz_element.value.decode("ascii", "replace")
    if len(text) != 90:
        raise TlvError(f"MRZ of {len(text)} characters (TD1 has 90)")
    return parse_td1("\n".join((text[:30], text[30:60], text[60:])))


def _text(element: Tlv) -> str:
    return element.value.decode("utf-8", "replace").strip()


def parse_dg13(data: bytes) -> PersonalData:
    root = read_one(data)
    if root.tag != 0x6D:
        raise TlvError("not DG13")
    found = PersonalData()
    pending = list(root.children())
    while pending:
        element = pending.pop(0)
        if element.tag != 0x30:
            continue
        children = element.children()
        if not children or children[0].tag != 0x02:
            pending[:0] = children  # a wrapping SEQUENCE
            continue
        number = int.from_bytes(children[0].value, "big")
        values = children[1:]
        if number == 13:
            names = [_text(v) for v in _strings(values)]
            found.father_name = names[0] if names and names[0] else None
            found.mother_name = names[1] if len(names) > 1 and names[1] else None
            continue
        text = " ".join(_text(v) for v in _strings(values))
        if number in (15, 16) and text.isdigit() and len(text) in (9, 12):
            found.old_id_number = text
        elif number in DG13_FIELDS:
            found.fields[DG13_FIELDS[number]] = text
        elif text:
            found.extra[number] = text
    return found


def _strings(values: list[Tlv]) -> list[Tlv]:
    out: list[Tlv] = []
    for value in values:
        if value.constructed:
            out.extend(_strings(value.children()))
        else:
            out.append(value)
    return out


JPEG = b"\xff\xd8\xff"
JP2 = b"\x00\x00\x00\x0cjP  \r\n\x87\n"
J2K = b"\xff\x4f\xff\x51"


def parse_dg2(data: bytes) -> tuple[bytes, str] | None:
    """The first face image of DG2 and its MIME type, or None."""
    root = read_one(data)
    pending = [root]
    while pending:
        element = pending.pop(0)
        if element.tag in (0x5F2E, 0x7F2E):
            block = element.value
            starts = [
                (block.find(marker), mime)
                for marker, mime in ((JPEG, "image/jpeg"), (JP2, "image/jp2"), (J2K, "image/j2k"))
            ]
            found = [(i, mime) for i, mime in starts if i >= 0]
            if found:
                start, mime = min(found)
                return block[start:], mime
            return None
        if element.constructed:
            pending.extend(element.children())
    return None
