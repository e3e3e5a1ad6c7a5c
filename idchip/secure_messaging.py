"""BAC secure messaging (ICAO 9303-11 §9.8): every command after BAC is encrypted and MACed with the
session keys and a send sequence counter, and every answer's MAC is checked before it is used."""

from __future__ import annotations

from dataclasses import dataclass

from idchip import crypto
from idchip.errors import ChipError
from idchip.tlv import TlvError, encode, read_all


@dataclass
class SessionKeys:
    enc: bytes
    mac: bytes
    ssc: int  # 8-byte send sequence counter

    def _next(self) -> bytes:
        self.ssc = (self.ssc + 1) % (1 << 64)
        return self.ssc.to_bytes(8, "big")

    def wrap(self, cla: int, ins: int, p1: int, p2: int, data: bytes = b"", le: int | None = None) -> bytes:
        """The protected command APDU for the plain one."""
        header = bytes([cla | 0x0C, ins, p1, p2])
        body = b""
        if data:
            cryptogram = crypto.encrypt(self.enc, crypto.pad(data))
            body += encode(0x87, b"\x01" + cryptogram)
        if le is not None:
            body += encode(0x97, bytes([le & 0xFF]))
        mac = crypto.mac(self.mac, crypto.pad(self._next() + crypto.pad(header) + body))
        body += encode(0x8E, mac)
        return header + bytes([len(body)]) + body + b"\x00"

    def unwrap(self, response: bytes, sw: int) -> tuple[bytes, int]:
        """The plain answer data and status word of a protected response; a wrong MAC is refused."""
        if sw in (0x6987, 0x6988):
            raise ChipError(
                "Chip báo lỗi kênh bảo mật.",
                "Đặt lại thẻ lên đầu đọc và đọc lại.",
                code="chip_secure_messaging",
            )
        if not response:
            return b"", sw  # an error the card gives before secure messaging (e.g. 6A82)
        try:
            elements = list(read_all(response))
        except TlvError:
            raise self._broken() from None
        data_object = next((e for e in elements if e.tag == 0x87), None)
        status = next((e for e in elements if e.tag == 0x99), None)
        check = next((e for e in elements if e.tag == 0x8E), None)
        if check is None or status is None:
            raise self._broken()
        covered = b"".join(e.raw for e in elements if e.tag in (0x87, 0x99))
        expected = crypto.mac(self.mac, crypto.pad(self._next() + covered))
        if expected != check.value:
            raise self._broken()
        plain = b""
        if data_object is not None:
            try:
                plain = crypto.unpad(crypto.decrypt(self.enc, data_object.value[1:]))
            except ValueError:
                raise self._broken() from None
        return plain, int.from_bytes(status.value, "big")

    @staticmethod
    def _broken() -> ChipError:
        return ChipError(
            "Câu trả lời của chip không đúng chữ ký kênh bảo mật (bị nhiễu hoặc bị sửa).",
            "Đặt lại thẻ lên đầu đọc và đọc lại; nếu vẫn lỗi, không dùng dữ liệu chip của thẻ này.",
            code="chip_secure_messaging",
        )
