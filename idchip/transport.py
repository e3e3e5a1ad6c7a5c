"""How APDUs reach a card: a `Transport` sends one command and gives (data, status word)."""

from __future__ import annotations

from typing import Protocol

from idchip.errors import ChipError


class Transport(Protocol):
    def transmit(self, apdu: bytes) -> tuple[bytes, int]: ...


def require_ok(data: bytes, sw: int, what: str) -> bytes:
    if sw != 0x9000:
        raise ChipError(f"Chip từ chối lệnh {what} (mã {sw:04X}).", code="chip_protocol")
    return data
