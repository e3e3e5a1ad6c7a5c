"""Secure messaging (ICAO 9303-11 §9.8): every command after BAC or PACE is encrypted and MACed with
the session keys and a send sequence counter, and every answer's MAC is checked before it is used.
BAC's channel is 3DES; PACE's is 3DES or AES, as the card's PACEInfo says."""

from __future__ import annotations

from dataclasses import dataclass

from idchip import crypto
from idchip.errors import ChipError
from idchip.tlv import TlvError, encode, read_all


@dataclass
class SessionKeys:
    enc: bytes
    mac: bytes
    ssc: int  # send sequence counter, one block long (8 bytes for 3DES, 16 for AES)
    cipher: str = crypto.TDES

    @property
    def block(self) -> int:
        return crypto.AES_BLOCK if self.cipher == crypto.AES else crypto.BLOCK

    def _next(self) -> bytes:
        self.ssc = (self.ssc + 1) % (1 << 8 * self.block)
        return self.ssc.to_bytes(self.block, "big")

    def _iv(self, ssc: bytes) -> bytes:
        # AES's IV is the counter encrypted (§9.8.6.1); 3DES keeps a zero IV.
        return crypto.aes_encrypt(self.enc, ssc) if self.cipher == crypto.AES else b""

    def _encrypt(self, ssc: bytes, data: bytes) -> bytes:
        padded = crypto.pad(data, self.block)
        if self.cipher == crypto.AES:
            return crypto.aes_encrypt(self.enc, padded, self._iv(ssc))
        return crypto.encrypt(self.enc, padded)

    def _decrypt(self, ssc: bytes, data: bytes) -> bytes:
        if self.cipher == crypto.AES:
            return crypto.unpad(crypto.aes_decrypt(self.enc, data, self._iv(ssc)))
        return crypto.unpad(crypto.decrypt(self.enc, data))

    def _mac(self, data: bytes) -> bytes:
        padded = crypto.pad(data, self.block)
        return (
            crypto.aes_cmac(self.mac, padded) if self.cipher == crypto.AES else crypto.mac(self.mac, padded)
        )

    def wrap(self, cla: int, ins: int, p1: int, p2: int, data: bytes = b"", le: int | None = None) -> bytes:
        """The protected command APDU for the plain one."""
        ssc = self._next()
        header = bytes([cla | 0x0C, ins, p1, p2])
        body = b""
        if data:
            body += encode(0x87, b"\x01" + self._encrypt(ssc, data))
        if le is not None:
            body += encode(0x97, bytes([le & 0xFF]))
        body += encode(0x8E, self._mac(ssc + crypto.pad(header, self.block) + body))
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
        ssc = self._next()
        if self._mac(ssc + covered) != check.value:
            raise self._broken()
        plain = b""
        if data_object is not None:
            try:
                plain = self._decrypt(ssc, data_object.value[1:])
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
