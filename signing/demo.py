"""The demo soft keystore: a generated self-signed certificate in a PKCS#12 file.

Used when no token is configured (demo mode, training, automated checks). The certificate's
subject and the visible stamp both say it has no legal value, so a demo signature can never
pass for the officer's own.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from signing.certs import DEMO_MARK
from signing.errors import SigningError

KEYSTORE_NAME = "demo-signer.p12"
# Not a secret: the keystore only protects a demo key of no legal value; a fixed passphrase
# keeps the file usable by other tools (openssl pkcs12) for inspection.
DEMO_PASSPHRASE = b"demo"
DEMO_HOLDER = "Cán bộ Một cửa (DEMO)"
VALIDITY_DAYS = 3650


def _generate(holder: str) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = dt.datetime.now(dt.timezone.utc)
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
    if target.exists():
        cert = load_demo_certificate(target)
        if cert.not_valid_after_utc > dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1):
            return target
    target.parent.mkdir(parents=True, exist_ok=True)
    key, cert = _generate(holder)
    data = pkcs12.serialize_key_and_certificates(
        b"demo-signer", key, cert, None, serialization.BestAvailableEncryption(DEMO_PASSPHRASE)
    )
    fd, tmp = tempfile.mkstemp(prefix=".demo-", suffix=".part", dir=target.parent)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, target)
    return target


def load_demo_certificate(path: str | os.PathLike[str]) -> x509.Certificate:
    _key, cert, _extra = pkcs12.load_key_and_certificates(Path(path).read_bytes(), DEMO_PASSPHRASE)
    if cert is None:
        raise _invalid_keystore(path)
    return cert


def _invalid_keystore(path: str | os.PathLike[str]) -> SigningError:
    return SigningError(
        f"Không đọc được kho khóa DEMO {path}.",
        "Xóa tệp này để ứng dụng tạo lại chứng thư DEMO.",
        code="demo_keystore_invalid",
    )


def demo_signer(folder: str | os.PathLike[str]) -> object:
    """A pyHanko SimpleSigner over the demo keystore."""
    from pyhanko.sign.signers import SimpleSigner

    path = ensure_demo_keystore(folder)
    signer = SimpleSigner.load_pkcs12(str(path), passphrase=DEMO_PASSPHRASE)
    if signer is None:  # pyHanko returns None instead of raising on an unreadable keystore
        raise _invalid_keystore(path)
    return signer
