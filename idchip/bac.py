"""Basic Access Control (ICAO 9303-11 §4.3): mutual authentication from the MRZ's key, giving the
session keys of secure messaging."""

from __future__ import annotations

import os
from collections.abc import Callable

from idchip import crypto
from idchip.access import AccessKey
from idchip.errors import ChipError, access_denied
from idchip.secure_messaging import SessionKeys
from idchip.transport import Transport, require_ok


def authenticate(
    transport: Transport, key: AccessKey, random: Callable[[int], bytes] = os.urandom
) -> SessionKeys:
    """Run BAC on the selected eMRTD application; the session keys, or a known error when the
    printed data do not open the chip."""
    seed = key.seed()
    k_enc, k_mac = crypto.derive_key(seed, 1), crypto.derive_key(seed, 2)
    rnd_icc = require_ok(*transport.transmit(bytes.fromhex("0084000008")), "GET CHALLENGE")
    if len(rnd_icc) != 8:
        raise ChipError("Chip không trả lời thử thách BAC.", code="chip_protocol")
    rnd_ifd, k_ifd = random(8), random(16)
    e_ifd = crypto.encrypt(k_enc, rnd_ifd + rnd_icc + k_ifd)
    m_ifd = crypto.mac(k_mac, crypto.pad(e_ifd))
    answer, sw = transport.transmit(bytes.fromhex("0082000028") + e_ifd + m_ifd + b"\x28")
    if sw != 0x9000 or len(answer) != 40:
        raise access_denied()
    e_icc, m_icc = answer[:32], answer[32:]
    if crypto.mac(k_mac, crypto.pad(e_icc)) != m_icc:
        raise ChipError("Câu trả lời xác thực của chip sai chữ ký.", code="chip_access_denied")
    plain = crypto.decrypt(k_enc, e_icc)
    if plain[:8] != rnd_icc or plain[8:16] != rnd_ifd:
        raise ChipError("Chip trả lời xác thực không khớp.", code="chip_access_denied")
    k_icc = plain[16:32]
    session_seed = bytes(a ^ b for a, b in zip(k_ifd, k_icc, strict=True))
    return SessionKeys(
        enc=crypto.derive_key(session_seed, 1),
        mac=crypto.derive_key(session_seed, 2),
        ssc=int.from_bytes(rnd_icc[4:] + rnd_ifd[4:], "big"),
    )
