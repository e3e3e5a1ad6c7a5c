"""The block ciphers of secure messaging (ICAO 9303-11 §9.8): 3DES-CBC with a zero IV and the
ISO/IEC 9797-1 MAC algorithm 3 ("retail MAC") over DES, padding method 2 (BAC, and PACE with
3DES); AES-CBC with the IV E(K_enc, SSC) and AES-CMAC cut to 8 bytes (PACE with AES).

3DES and DES come from `cryptography`'s `decrepit` module: old, but what BAC chips speak.
"""

from __future__ import annotations

import hashlib
import struct

from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives import cmac as _cmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

BLOCK = 8
AES_BLOCK = 16
AES = "AES"
TDES = "3DES"


def pad(data: bytes, block: int = BLOCK) -> bytes:
    """Padding method 2: 0x80 then zeros to a whole block."""
    data += b"\x80"
    return data + b"\x00" * (-len(data) % block)


def unpad(data: bytes) -> bytes:
    end = data.rstrip(b"\x00")
    if not end.endswith(b"\x80"):
        raise ValueError("bad padding")
    return end[:-1]


def kdf(secret: bytes, counter: int, cipher: str, key_bytes: int) -> bytes:
    """KDF(K, c) of ICAO 9303-11 §9.7.1: SHA-1 for 3DES and AES-128, SHA-256 for longer AES keys."""
    if cipher == TDES:
        return derive_key(secret, counter)
    digest = hashlib.sha1 if key_bytes == 16 else hashlib.sha256
    return digest(secret + struct.pack(">I", counter)).digest()[:key_bytes]


def derive_key(seed: bytes, counter: int) -> bytes:
    """A 16-byte 2-key 3DES key from K_seed (counter 1: encryption, 2: MAC), parity adjusted."""
    digest = hashlib.sha1(seed + struct.pack(">I", counter)).digest()[:16]
    return bytes(b & 0xFE | (bin(b & 0xFE).count("1") + 1) % 2 for b in digest)


def _cipher(key: bytes) -> Cipher:
    # Two-key 3DES (K1, K2, K1) spelled as the three-key form `cryptography` keeps supporting.
    return Cipher(TripleDES(key + key[:8] if len(key) == 16 else key), modes.CBC(b"\x00" * BLOCK))


def encrypt(key: bytes, data: bytes) -> bytes:
    enc = _cipher(key).encryptor()
    return enc.update(data) + enc.finalize()


def decrypt(key: bytes, data: bytes) -> bytes:
    dec = _cipher(key).decryptor()
    return dec.update(data) + dec.finalize()


def mac(key: bytes, data: bytes) -> bytes:
    """Retail MAC of already padded `data`: single-DES CBC with K_a, then DES-EDE with K_b, K_a on
    the last block."""
    ka, kb = key[:8], key[8:16]
    single = Cipher(TripleDES(ka * 3), modes.CBC(b"\x00" * BLOCK)).encryptor()
    chained = (single.update(data) + single.finalize())[-BLOCK:]
    last = Cipher(TripleDES(kb * 3), modes.ECB()).decryptor().update(chained)
    return Cipher(TripleDES(ka * 3), modes.ECB()).encryptor().update(last)


def aes_encrypt(key: bytes, data: bytes, iv: bytes = bytes(AES_BLOCK)) -> bytes:
    enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return enc.update(data) + enc.finalize()


def aes_decrypt(key: bytes, data: bytes, iv: bytes = bytes(AES_BLOCK)) -> bytes:
    dec = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return dec.update(data) + dec.finalize()


def aes_cmac(key: bytes, data: bytes) -> bytes:
    """AES-CMAC cut to the 8 bytes secure messaging and PACE's tokens carry."""
    c = _cmac.CMAC(algorithms.AES(key))
    c.update(data)
    return c.finalize()[:8]
