"""BER-TLV as the chip's files use it: multi-byte tags, short and long lengths, bounded."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

MAX_LENGTH = 1 << 20  # no data group is near this; a bigger length is a broken or hostile file


class TlvError(ValueError):
    pass


@dataclass(frozen=True)
class Tlv:
    tag: int
    value: bytes
    raw: bytes  # the whole element, tag and length included (what the SOD hashes for a file)

    @property
    def constructed(self) -> bool:
        first = self.tag
        while first > 0xFF:
            first >>= 8
        return bool(first & 0x20)

    def children(self) -> list[Tlv]:
        return list(read_all(self.value))

    def find(self, tag: int) -> Tlv | None:
        return next((c for c in self.children() if c.tag == tag), None)


def header(data: bytes, offset: int = 0) -> tuple[int, int, int]:
    """(tag, length, header size) of the element starting at `offset`."""
    try:
        start = offset
        tag = data[offset]
        offset += 1
        if tag & 0x1F == 0x1F:
            while True:
                byte = data[offset]
                offset += 1
                tag = tag << 8 | byte
                if not byte & 0x80:
                    break
                if offset - start > 4:
                    raise TlvError("tag too long")
        length = data[offset]
        offset += 1
        if length & 0x80:
            count = length & 0x7F
            if count == 0 or count > 3:
                raise TlvError("unsupported length form")
            length = int.from_bytes(data[offset : offset + count], "big")
            if len(data[offset : offset + count]) != count:
                raise TlvError("truncated length")
            offset += count
    except IndexError:
        raise TlvError("truncated header") from None
    if length > MAX_LENGTH:
        raise TlvError("length out of bounds")
    return tag, length, offset - start


def read_one(data: bytes, offset: int = 0) -> Tlv:
    tag, length, size = header(data, offset)
    end = offset + size + length
    if end > len(data):
        raise TlvError("truncated value")
    return Tlv(tag, bytes(data[offset + size : end]), bytes(data[offset:end]))


def read_all(data: bytes) -> Iterator[Tlv]:
    offset = 0
    while offset < len(data):
        if data[offset] in (0x00, 0xFF):  # padding between elements
            offset += 1
            continue
        element = read_one(data, offset)
        yield element
        offset += len(element.raw)


def encode(tag: int, value: bytes) -> bytes:
    tag_bytes = tag.to_bytes(max(1, (tag.bit_length() + 7) // 8), "big")
    n = len(value)
    if n < 0x80:
        length = bytes([n])
    else:
        body = n.to_bytes((n.bit_length() + 7) // 8, "big")
        length = bytes([0x80 | len(body)]) + body
    return tag_bytes + length + value
