"""The demo soft keystore: a generated self-signed certificate in a PKCS#12 file.

Used when no token is configured (demo mode, training, automated checks). The certificate's
subject and the visible stamp both say it has no legal value, so a demo signature can never
pass for the officer's own.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import threading
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from common import clock
from common.atomic import atomic_write_bytes
from signing.certs import DEMO_MARK
from signing.errors import SigningError

KEYSTORE_NAME = "demo-signer.p12"
# Not a secret: the keystore only protects a demo key of no legal value; a fixed passphrase
# keeps the file usable by other tools (openssl pkcs12) for inspection.
DEMO_PASSPHRASE = b"demo"
DEMO_HOLDER = "Cán bộ Một cửa (DEMO)"
VALIDITY_DAYS = 3650
_creating = threading.Lock()


def _generate(holder: str) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = clock.utc_now()
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, DEMO_MARK),
            x509.NameAttribute(NameOID.COMMON_NAME, holder),
        ]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=VALIDITY_DAYS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, cert


def ensure_demo_keystore(folder: str | os.PathLike[str], holder: str = DEMO_HOLDER) -> Path:
    """The demo keystore in `folder`, generated (atomically) on first use or when it has expired."""
    target = Path(folder) / KEYSTORE_NAME
    with _creating:  # an intake opens it ahead on a warm-up thread: one key, not two
        return _ensure(target, holder)


def _ensure(target: Path, holder: str) -> Path:
    if target.exists():
        cert = load_demo_certificate(target)
        if cert.not_valid_after_utc > clock.utc_now() + dt.timedelta(days=1):
            return target
    target.parent.mkdir(parents=True, exist_ok=True)
    key, cert = _generate(holder)
    data = pkcs12.serialize_key_and_certificates(
        b"demo-signer", key, cert, None, serialization.BestAvailableEncryption(DEMO_PASSPHRASE)
    )
    return atomic_write_bytes(target, data)


def load_demo_certificate(path: str | os.PathLike[str]) -> x509.Certificate:
    return _opened(Path(path))[1]


def _opened(path: Path) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    stat = path.stat()  # a regenerated keystore is another file: opened afresh
    return _open_keystore(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _open_keystore(path: str, _mtime_ns: int, _size: int) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    """Key and certificate, decrypted once per process (the passphrase's key derivation alone
    costs tens of milliseconds, and an intake used to open the file twice)."""
    try:
        key, cert, _extra = pkcs12.load_key_and_certificates(Path(path).read_bytes(), DEMO_PASSPHRASE)
    except ValueError as exc:
        raise _invalid_keystore(path) from exc
    if cert is None or not isinstance(key, rsa.RSAPrivateKey):
        raise _invalid_keystore(path)
    return key, cert


def _invalid_keystore(path: str | os.PathLike[str]) -> SigningError:
    return SigningError(
        f"Không đọc được kho khóa DEMO {path}.",
        "Xóa tệp này để ứng dụng tạo lại chứng thư DEMO.",
        code="demo_keystore_invalid",
    )


def demo_signer(folder: str | os.PathLike[str]) -> object:
    """A pyHanko signer over the demo keystore, made once per process and keystore."""
    path = ensure_demo_keystore(folder)
    stat = path.stat()
    return _signer(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _signer(path: str, mtime_ns: int, size: int) -> object:
    from asn1crypto import keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key, cert = _open_keystore(path, mtime_ns, size)
    der_key = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return _demo_signer_type()(
        key,
        signing_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        signing_key=keys.PrivateKeyInfo.load(der_key),
        cert_registry=SimpleCertificateStore(),
    )


@functools.cache
def _demo_signer_type() -> type:
    from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.util import get_pyca_cryptography_hash

    class DemoSigner(SimpleSigner):
        """pyHanko's SimpleSigner parses (and checks) its RSA key again for every signature,
        about 45 ms each; this one signs with the key opened once."""

        def __init__(self, key: rsa.RSAPrivateKey, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self._key = key

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
            if mechanism.signature_algo != "rsassa_pkcs1v15":  # PSS, if ever asked: pyHanko's own way
                return super().sign_raw(data, digest_algorithm)
            return self._key.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))

    return DemoSigner
