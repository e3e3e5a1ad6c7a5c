"""The data key's recovery file: the key sealed under a passphrase, for IT to keep off the machine.

scrypt stretches the passphrase (so guessing it is slow even offline) and AES-GCM seals the key
with the key id as associated data, so a wrong passphrase or an edited file is refused, never
turned into a wrong key. The file is JSON, so IT can see which key (`key_id`) it holds.
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from common.atomic import atomic_write_text
from counter_app.errors import StorageError
from counter_app.storage.crypto import DataKey

FORMAT = "mot-cua-so-key-recovery"
MIN_PASSPHRASE = 10
# scrypt cost (2**17 × 8 × 128 B = 128 MB per guess): about half a second here, as RFC 7914 suggests.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**17, 8, 1


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _aad(key_id: str) -> bytes:
    return f"{FORMAT}:{key_id}".encode()


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise StorageError(
            f"Mật khẩu của tệp khôi phục phải có ít nhất {MIN_PASSPHRASE} ký tự.",
            "Chọn một câu dài, dễ nhớ với bộ phận CNTT nhưng khó đoán; ghi lại ở nơi an toàn tách khỏi máy.",
            code="passphrase_too_short",
        )


def export_key(key: DataKey, out: Path, passphrase: str) -> Path:
    check_passphrase(passphrase)
    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = AESGCM(_derive(passphrase, salt, _SCRYPT_N, _SCRYPT_R, _SCRYPT_P)).encrypt(
        nonce, key.secret, _aad(key.key_id)
    )
    document = {
        "format": FORMAT,
        "version": 1,
        "key_id": key.key_id,
        "kdf": {"name": "scrypt", "n": _SCRYPT_N, "r": _SCRYPT_R, "p": _SCRYPT_P, "salt": _b64(salt)},
        "cipher": "AES-256-GCM",
        "nonce": _b64(nonce),
        "sealed_key": _b64(sealed),
    }
    atomic_write_text(out, json.dumps(document, indent=2) + "\n")
    if os.name != "nt":
        os.chmod(out, 0o600)
    return out


def _unreadable(path: Path, why: str) -> StorageError:
    return StorageError(
        f"Tệp khôi phục khóa {path} không đọc được: {why}.",
        "Kiểm tra rằng đây là tệp do «counter-app key export» tạo ra và chưa bị sửa.",
        code="recovery_file_invalid",
    )


def import_key(path: Path, passphrase: str) -> DataKey:
    """The key sealed in the recovery file at `path`; refused for a wrong passphrase or a damaged file."""
    try:
        document: Any = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise _unreadable(path, "không phải tệp khôi phục khóa của ứng dụng")
        kdf = document["kdf"]
        key_id = str(document["key_id"])
        secret_key = _derive(
            passphrase, base64.b64decode(kdf["salt"]), int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
        )
        nonce, sealed = base64.b64decode(document["nonce"]), base64.b64decode(document["sealed_key"])
    except OSError as exc:
        raise _unreadable(path, exc.strerror or str(exc)) from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise _unreadable(path, "nội dung không đúng định dạng") from exc
    try:
        key = DataKey(AESGCM(secret_key).decrypt(nonce, sealed, _aad(key_id)))
    except (InvalidTag, ValueError) as exc:
        raise StorageError(
            "Mật khẩu của tệp khôi phục không đúng (hoặc tệp đã bị sửa).",
            "Nhập lại đúng mật khẩu đã đặt khi xuất khóa.",
            code="recovery_passphrase_wrong",
        ) from exc
    if key.key_id != key_id:
        raise _unreadable(path, "mã khóa trong tệp không khớp với khóa")
    return key
