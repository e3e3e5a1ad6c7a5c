"""PACE v2 with the MRZ password (ICAO 9303-11 §4.4): Generic Mapping over ECDH (or DH).

1. MSE:Set AT names the protocol, the password (MRZ) and the domain parameters.
2. The chip sends a nonce encrypted with K_π = KDF(SHA-1(MRZ information), 3); the terminal
   decrypts it: only the right printed data gives the chip's nonce s.
3. Mapping: a (EC)DH exchange on the group's generator G gives H; the session's generator is
   Ĝ = s·G + H (on a curve; g^s·h mod p in a MODP group).
4. Key agreement on Ĝ gives the shared secret K, hence K_enc = KDF(K, 1) and K_mac = KDF(K, 2).
5. Mutual authentication: each side MACs the other's public key; the chip answers 6300 (or any
   error) when the terminal's token is wrong, that is when the printed data do not match.

Point arithmetic (Ĝ needs a point addition) comes from `ecdsa` (`idchip.pace_groups`); AES, 3DES
and the MACs from `cryptography` through `idchip.crypto`.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from idchip import crypto
from idchip.access import AccessKey
from idchip.card_access import PaceInfo
from idchip.errors import ChipError, access_denied
from idchip.pace_groups import EcGroup, GroupError, ModpGroup
from idchip.secure_messaging import SessionKeys
from idchip.tlv import TlvError, encode, read_one
from idchip.transport import Transport

MRZ_PASSWORD = 0x01  # MSE:Set AT's password reference (0x83): the MRZ
PI_COUNTER = 3  # KDF counter for K_π


def _random_scalar(order: int) -> int:
    return secrets.randbelow(order - 1) + 1


Group = EcGroup | ModpGroup


def group_of(info: PaceInfo) -> Group:
    found = info.group()
    if found is None:
        raise _protocol(f"tham số miền {info.parameter_id} của PACE chưa hỗ trợ")
    return found


def password_key(key: AccessKey, info: PaceInfo) -> bytes:
    """K_π: the MRZ password K = SHA-1(MRZ information) through the KDF with counter 3."""
    return crypto.kdf(key.password(), PI_COUNTER, info.cipher or "", info.key_bytes)


def decrypt_nonce(k_pi: bytes, z: bytes, cipher: str) -> bytes:
    return crypto.aes_decrypt(k_pi, z) if cipher == crypto.AES else crypto.decrypt(k_pi, z)


def map_generator(nonce: bytes, sk_map: int, pk_map_ic: Any, group: Group) -> Any:
    """Generic mapping (§4.4.3.3.1): Ĝ = s·G + H with H = SK_map,IFD · PK_map,IC (g^s·h mod p
    for DH)."""
    shared = group.power(pk_map_ic, sk_map)
    if group.is_identity(shared):
        raise _protocol("điểm chung của bước ánh xạ không hợp lệ")
    mapped = group.combine(group.power(group.generator, int.from_bytes(nonce, "big")), shared)
    if group.is_identity(mapped):
        raise _protocol("phần tử sinh sau ánh xạ không hợp lệ")
    return mapped


def _public(group: Group, data: bytes) -> Any:
    try:
        return group.decode(data)
    except GroupError as exc:
        raise _protocol(str(exc)) from None


def auth_token(k_mac: bytes, info: PaceInfo, public_key: bytes) -> bytes:
    """T = MAC(K_mac, 7F49 {06 OID, 86 public point | 84 public value}) (§4.4.3.4), 8 bytes."""
    tag = group_of(info).token_tag
    data = encode(0x7F49, encode(0x06, info.oid_contents()) + encode(tag, public_key))
    if info.cipher == crypto.AES:
        return crypto.aes_cmac(k_mac, data)
    return crypto.mac(k_mac, crypto.pad(data))


def authenticate(
    transport: Transport,
    key: AccessKey,
    info: PaceInfo,
    private_scalar: Callable[[int], int] = _random_scalar,
) -> SessionKeys:
    """Run PACE on the card (MF level, before the eMRTD application is selected): the session
    keys, or a known error (`chip_access_denied` when the printed data do not open the chip)."""
    if not info.supported:
        raise _protocol(f"biến thể PACE {info.protocol} chưa hỗ trợ")
    cipher = info.cipher or ""
    group = group_of(info)
    set_at = encode(0x80, info.oid_contents()) + encode(0x83, bytes([MRZ_PASSWORD]))
    if info.parameter_id is not None:
        set_at += encode(0x84, bytes([info.parameter_id]))
    _, sw = transport.transmit(bytes([0x00, 0x22, 0xC1, 0xA4, len(set_at)]) + set_at)
    if sw != 0x9000:
        raise _protocol(f"chip không nhận tham số PACE (mã {sw:04X})")

    z = _general_authenticate(transport, None, None, 0x80)
    nonce = decrypt_nonce(password_key(key, info), z, cipher)

    sk_map = private_scalar(group.order)
    pk_map = group.encode(group.power(group.generator, sk_map))
    pk_map_ic_bytes = _general_authenticate(transport, 0x81, pk_map, 0x82)
    mapped = map_generator(nonce, sk_map, _public(group, pk_map_ic_bytes), group)

    sk_dh = private_scalar(group.order)
    pk_dh = group.encode(group.power(mapped, sk_dh))
    pk_dh_ic = _general_authenticate(transport, 0x83, pk_dh, 0x84)
    if pk_dh_ic == pk_map_ic_bytes:
        raise _protocol("chip dùng lại khóa của bước ánh xạ")
    shared = group.power(_public(group, pk_dh_ic), sk_dh)
    if group.is_identity(shared):
        raise _protocol("khóa chung không hợp lệ")
    secret = group.secret(shared)
    k_enc = crypto.kdf(secret, 1, cipher, info.key_bytes)
    k_mac = crypto.kdf(secret, 2, cipher, info.key_bytes)

    try:
        token_ic = _general_authenticate(transport, 0x85, auth_token(k_mac, info, pk_dh_ic), 0x86, last=True)
    except ChipError as exc:
        if exc.code == "chip_protocol":
            raise access_denied() from None  # the chip refused our token: another password
        raise
    if token_ic != auth_token(k_mac, info, pk_dh):
        raise access_denied()
    return SessionKeys(k_enc, k_mac, 0, cipher)


def _general_authenticate(
    transport: Transport, tag: int | None, value: bytes | None, answer_tag: int, *, last: bool = False
) -> bytes:
    """One GENERAL AUTHENTICATE step (command chaining but for the last); the answer's `answer_tag`."""
    data = encode(0x7C, encode(tag, value) if tag is not None and value is not None else b"")
    apdu = bytes([0x00 if last else 0x10, 0x86, 0x00, 0x00, len(data)]) + data + b"\x00"
    answer, sw = transport.transmit(apdu)
    if sw != 0x9000:
        raise _protocol(f"chip từ chối bước xác thực PACE (mã {sw:04X})")
    try:
        root = read_one(answer) if answer else None
        found = root.find(answer_tag) if root is not None and root.tag == 0x7C else None
    except TlvError:
        found = None
    if found is None:
        raise _protocol("câu trả lời của chip thiếu dữ liệu PACE")
    return found.value


def _protocol(detail: str) -> ChipError:
    return ChipError(f"Không mở được chip bằng PACE: {detail}.", code="chip_protocol")
