"""Encryption of personal data at rest (AES-GCM) and protection of the data key.

Personal data (ID payloads, page images, PDFs) is sealed with one 256-bit data key.
The key file is wrapped by Windows DPAPI when available; elsewhere it is a file readable
only by the user (the fallback tests use). Each sealed blob binds a context label as
associated data, so a ciphertext moved to another place or column fails to open.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from common.atomic import atomic_write_bytes
from counter_app.errors import StorageError

log = logging.getLogger(__name__)

MAGIC = b"MCS1"
_NONCE_LEN = 12
_KEY_FILE_MAGIC_PLAIN = b"MCSK-FILE1\n"
_KEY_FILE_MAGIC_DPAPI = b"MCSK-DPAPI\n"


class DecryptionError(StorageError):
    code = "decryption_failed"


@dataclass(frozen=True)
class DataKey:
    """The data key, with the two uses derived from it kept apart."""

    secret: bytes

    def _subkey(self, purpose: bytes) -> bytes:
        return hmac.new(self.secret, b"mot-cua-so:" + purpose, hashlib.sha256).digest()

    def seal(self, plaintext: bytes, context: str) -> bytes:
        nonce = os.urandom(_NONCE_LEN)
        sealed = AESGCM(self._subkey(b"aead")).encrypt(nonce, plaintext, context.encode("utf-8"))
        return MAGIC + nonce + sealed

    def open(self, blob: bytes, context: str) -> bytes:
        if not blob.startswith(MAGIC):
            raise DecryptionError(
                "Dữ liệu không ở định dạng mã hóa của ứng dụng.",
                "Tệp có thể đã bị thay thế hoặc hỏng; hãy khôi phục từ bản sao lưu.",
            )
        nonce = blob[len(MAGIC) : len(MAGIC) + _NONCE_LEN]
        try:
            return AESGCM(self._subkey(b"aead")).decrypt(
                nonce, blob[len(MAGIC) + _NONCE_LEN :], context.encode("utf-8")
            )
        except InvalidTag as exc:
            raise DecryptionError(
                "Không giải mã được dữ liệu: khóa không đúng hoặc dữ liệu đã bị sửa đổi.",
                "Kiểm tra rằng thư mục dữ liệu và tệp khóa thuộc cùng một máy; liên hệ bộ phận CNTT.",
            ) from exc

    @property
    def key_id(self) -> str:
        """A short public name of this key (what the database and the recovery file record)."""
        return self._subkey(b"key-id")[:8].hex()

    @property
    def check_value(self) -> str:
        """A one-way value proving a key is the same one, without revealing it."""
        return self._subkey(b"key-check").hex()

    def lookup_tag(self, value: str) -> str:
        """A keyed hash for finding a record (e.g. by ID number) without storing the value."""
        return hmac.new(self._subkey(b"lookup"), value.encode("utf-8"), hashlib.sha256).hexdigest()


def citizen_context(id_tag: str) -> str:
    """The sealing context of a citizen record (bound to its look-up tag)."""
    return f"citizens:{id_tag}"


def applicant_context(local_ref: str) -> str:
    """The sealing context of a foreign applicant's passport data (bound to its dossier)."""
    return f"applicant:{local_ref}"


def _dpapi():  # returns the win32crypt module or None
    if sys.platform != "win32":
        return None
    try:
        import win32crypt  # type: ignore[import-not-found]
    except ImportError:
        log.warning("pywin32 is missing: the data key is protected by file permissions only")
        return None
    return win32crypt


def load_data_key(key_file: Path) -> DataKey | None:
    """Read the data key; None when the key file is not there."""
    if not key_file.exists():
        return None
    raw = key_file.read_bytes()
    if raw.startswith(_KEY_FILE_MAGIC_DPAPI):
        dpapi = _dpapi()
        if dpapi is None:
            raise StorageError(
                "Khóa dữ liệu được bảo vệ bằng Windows DPAPI nhưng không mở được trên máy này.",
                "Dữ liệu chỉ mở được trên máy và tài khoản Windows đã tạo ra nó.",
                code="data_key_unavailable",
            )
        _, secret = dpapi.CryptUnprotectData(raw[len(_KEY_FILE_MAGIC_DPAPI) :], None, None, None, 0)
        return DataKey(bytes(secret))
    if raw.startswith(_KEY_FILE_MAGIC_PLAIN) and len(raw) == len(_KEY_FILE_MAGIC_PLAIN) + 32:
        return DataKey(raw[len(_KEY_FILE_MAGIC_PLAIN) :])
    raise StorageError(
        f"Tệp khóa dữ liệu bị hỏng: {key_file}",
        "Khôi phục tệp khóa từ bản sao lưu; không xóa nó, nếu không dữ liệu cũ sẽ không đọc được.",
        code="data_key_corrupt",
    )


def store_data_key(key_file: Path, key: DataKey, protection: str = "auto") -> DataKey:
    """Write `key` to the key file (wrapped by DPAPI where asked and available)."""
    dpapi = _dpapi() if protection in ("auto", "dpapi") else None
    if protection == "dpapi" and dpapi is None:
        log.warning("DPAPI requested but unavailable; using the file key")
    if dpapi is not None:
        wrapped = dpapi.CryptProtectData(key.secret, "Mot Cua So data key", None, None, None, 0)
        content = _KEY_FILE_MAGIC_DPAPI + bytes(wrapped)
    else:
        content = _KEY_FILE_MAGIC_PLAIN + key.secret
    key_file.parent.mkdir(parents=True, exist_ok=True)
    if os.name != "nt":
        os.chmod(key_file.parent, 0o700)
    atomic_write_bytes(key_file, content)
    if os.name != "nt":
        os.chmod(key_file, 0o600)
    return key


def load_or_create_data_key(key_file: Path, protection: str = "auto") -> DataKey:
    """Read the data key, creating it when there is none. `protection`: auto, dpapi or file.

    The application opens its key through `key_guard.open_data_key`, which refuses to create a
    new key beside data sealed with another one; this bare form is for keys of a fresh folder.
    """
    key = load_data_key(key_file)
    if key is not None:
        return key
    key = store_data_key(key_file, DataKey(os.urandom(32)), protection)
    log.info("created a new data key at %s", key_file)
    return key
