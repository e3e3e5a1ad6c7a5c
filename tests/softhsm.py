"""A fresh SoftHSM2 token for the signing tests: a real PKCS#11 peer, provisioned in tmp.

The token holds, all from a synthetic test CA and with synthetic Vietnamese holder names:
- id 01: RSA-2048 key + certificate of "Nguyễn Thị Mẫu" (signing),
- id 02: ECDSA P-256 key + certificate of "Trần Văn Thử" (signing),
- id 03: RSA-2048 key + an EXPIRED certificate of "Lê Hết Hạn",
- id 04: RSA-2048 key + a certificate for key encipherment only (not for signing),
- id a0: the CA certificate alone (as CA tokens ship it).

A test module gets it with a session fixture calling `shared_token(tmp_path_factory)`.
SoftHSM2 reads SOFTHSM2_CONF once per process (at C_Initialize, and python-pkcs11 caches the
loaded module), so the token is session-scoped and the variable is set for the whole session.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

SOFTHSM_MODULE = "/usr/lib/softhsm/libsofthsm2.so"
TOKEN_LABEL = "CanBo MotCua"
USER_PIN = "123456"
SO_PIN = "12345678"
RSA_ID = "01"
EC_ID = "02"
EXPIRED_ID = "03"
ENCRYPT_ONLY_ID = "04"
CA_ID = "a0"
RSA_HOLDER = "Nguyễn Thị Mẫu"
EC_HOLDER = "Trần Văn Thử"
ORGANISATION = "UBND Phường Thử Nghiệm"
CA_NAME = "CA Thử Nghiệm Một Cửa Số"


@dataclass
class TestCa:
    key: rsa.RSAPrivateKey
    cert: x509.Certificate
    pem_path: Path

    def issue(
        self,
        public_key: rsa.RSAPublicKey | ec.EllipticCurvePublicKey,
        holder: str,
        *,
        not_before: dt.datetime | None = None,
        not_after: dt.datetime | None = None,
        signing: bool = True,
        crl_url: str | None = None,
        extended_usage: list[x509.ObjectIdentifier] | None = None,
    ) -> x509.Certificate:
        now = dt.datetime.now(dt.timezone.utc)
        usage = x509.KeyUsage(
            digital_signature=signing,
            content_commitment=signing,
            key_encipherment=not signing,
            data_encipherment=False,
            key_agreement=False,
            key_cert_sign=False,
            crl_sign=False,
            encipher_only=False,
            decipher_only=False,
        )
        builder = (
            x509.CertificateBuilder()
            .subject_name(
                x509.Name(
                    [
                        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                        x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANISATION),
                        x509.NameAttribute(NameOID.COMMON_NAME, holder),
                    ]
                )
            )
            .issuer_name(self.cert.subject)
            .public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(not_before or now - dt.timedelta(days=1))
            .not_valid_after(not_after or now + dt.timedelta(days=365))
            .add_extension(usage, critical=True)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()), critical=False
            )
        )
        if crl_url:
            builder = builder.add_extension(
                x509.CRLDistributionPoints(
                    [x509.DistributionPoint([x509.UniformResourceIdentifier(crl_url)], None, None, None)]
                ),
                critical=False,
            )
        if extended_usage:
            builder = builder.add_extension(x509.ExtendedKeyUsage(extended_usage), critical=True)
        return builder.sign(self.key, hashes.SHA256())

    def crl(self, revoked: tuple[int, ...] = (), next_update_days: int = 7) -> bytes:
        now = dt.datetime.now(dt.timezone.utc)
        builder = x509.CertificateRevocationListBuilder()
        for serial in revoked:
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder()
                .serial_number(serial)
                .revocation_date(now - dt.timedelta(hours=1))
                .build()
            )
        crl = (
            builder.issuer_name(self.cert.subject)
            .last_update(now - dt.timedelta(minutes=5))
            .next_update(now + dt.timedelta(days=next_update_days))
            .add_extension(x509.CRLNumber(1), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()), critical=False
            )
            .sign(self.key, hashes.SHA256())
        )
        return crl.public_bytes(serialization.Encoding.DER)


def make_ca(folder: Path, name: str = CA_NAME) -> TestCa:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = dt.datetime.now(dt.timezone.utc)
    subject = x509.Name(
        [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"), x509.NameAttribute(NameOID.COMMON_NAME, name)]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=30))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    pem_path = folder / "test-ca.pem"
    pem_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return TestCa(key, cert, pem_path)


@dataclass
class SoftHsmToken:
    module: str
    label: str
    pin: str
    conf: Path
    folder: Path
    ca: TestCa
    certs: dict[str, x509.Certificate] = field(default_factory=dict)
    keys: dict[str, object] = field(default_factory=dict)


def _tool(module: str, *args: str) -> None:
    subprocess.run(["pkcs11-tool", "--module", module, *args], check=True, capture_output=True, timeout=60)


def write_key_and_cert(
    token: SoftHsmToken, key_id: str, label: str, key: object, cert: x509.Certificate | None
) -> None:
    if key is not None:
        key_path = token.folder / f"key-{key_id}.der"
        key_path.write_bytes(
            key.private_bytes(  # type: ignore[attr-defined]
                serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
        _tool(
            token.module, "--login", "--pin", token.pin, "--write-object", str(key_path),
            "--type", "privkey", "--id", key_id, "--label", label, "--usage-sign",
        )  # fmt: skip
        key_path.unlink()
        token.keys[key_id] = key
    if cert is not None:
        cert_path = token.folder / f"cert-{key_id}.der"
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.DER))
        _tool(
            token.module, "--login", "--pin", token.pin, "--write-object", str(cert_path),
            "--type", "cert", "--id", key_id, "--label", label,
        )  # fmt: skip
        token.certs[key_id] = cert


def provision_token(folder: Path, *, crl_url: str | None = None) -> SoftHsmToken:
    """Initialise a SoftHSM2 token in `folder` and load the keys and certificates listed above."""
    folder.mkdir(parents=True, exist_ok=True)
    store = folder / "tokens"
    store.mkdir(exist_ok=True)
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {store}\nobjectstore.backend = file\nlog.level = ERROR\n")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    subprocess.run(
        ["softhsm2-util", "--init-token", "--free", "--label", TOKEN_LABEL, "--so-pin", SO_PIN, "--pin", USER_PIN],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    ca = make_ca(folder / "ca")
    token = SoftHsmToken(SOFTHSM_MODULE, TOKEN_LABEL, USER_PIN, conf, folder, ca)
    now = dt.datetime.now(dt.timezone.utc)

    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    write_key_and_cert(
        token, RSA_ID, RSA_HOLDER, rsa_key, ca.issue(rsa_key.public_key(), RSA_HOLDER, crl_url=crl_url)
    )
    ec_key = ec.generate_private_key(ec.SECP256R1())
    write_key_and_cert(token, EC_ID, EC_HOLDER, ec_key, ca.issue(ec_key.public_key(), EC_HOLDER))
    old_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    expired = ca.issue(
        old_key.public_key(),
        "Lê Hết Hạn",
        not_before=now - dt.timedelta(days=800),
        not_after=now - dt.timedelta(days=2),
    )
    write_key_and_cert(token, EXPIRED_ID, "Lê Hết Hạn", old_key, expired)
    enc_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    encrypt_only = ca.issue(enc_key.public_key(), "Phạm Mã Hóa", signing=False)
    write_key_and_cert(token, ENCRYPT_ONLY_ID, "Phạm Mã Hóa", enc_key, encrypt_only)
    write_key_and_cert(token, CA_ID, CA_NAME, None, ca.cert)
    return token


def require_softhsm() -> None:
    for tool in ("softhsm2-util", "pkcs11-tool"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (apt: softhsm2 opensc)")
    if not Path(SOFTHSM_MODULE).exists():
        pytest.skip(f"SoftHSM2 module {SOFTHSM_MODULE} is absent (apt: softhsm2)")


_shared: SoftHsmToken | None = None


def shared_token(tmp_path_factory: pytest.TempPathFactory) -> SoftHsmToken:
    """One token per test session, whichever module asks first (the module caches its config)."""
    global _shared
    require_softhsm()
    if _shared is None:
        _shared = provision_token(tmp_path_factory.mktemp("softhsm"))
    else:
        os.environ["SOFTHSM2_CONF"] = str(_shared.conf)
    return _shared


# --- Inputs and independent validators shared by the signing tests -------------------------


def make_pdf(path: Path, pages: int = 2, title: str = "Giấy khai sinh (bản sao)") -> Path:
    """A small digitised-looking PDF made by fpdf2 (not by the code under test)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_compression(False)
    for page in range(pages):
        pdf.add_page()
        pdf.set_font("helvetica", size=14)
        pdf.cell(text=f"Page {page + 1} of {pages}")
    pdf.set_title(title)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path


def pdfsig(path: Path) -> str:
    if shutil.which("pdfsig") is None:
        pytest.skip("pdfsig is not installed (apt: poppler-utils)")
    done = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60)
    return done.stdout + done.stderr


def extract_signatures(path: Path) -> list[tuple[bytes, bytes]]:
    """(signed bytes, CMS DER) for each signature, read with pikepdf and the raw /ByteRange."""
    import pikepdf

    data = path.read_bytes()
    found = []
    with pikepdf.open(path) as pdf:
        for field_obj in pdf.Root.AcroForm.Fields:
            value = field_obj.get("/V")
            if value is None or value.get("/Type") != "/Sig":
                continue
            a, b, c, d = (int(x) for x in value.ByteRange)
            contents = bytes(value.Contents)
            found.append((data[a : a + b] + data[c : c + d], contents[: der_length(contents)]))
    return found


def der_length(blob: bytes) -> int:
    """The length of the DER element that `blob` starts with (tag, length octets, content): the
    CMS without the zeros that pad /Contents. Stripping trailing zeros instead cut a CMS whose
    own last byte is 0 (about one signature in 256; a timestamped one differs every run), and
    `openssl cms` then read it short ("not enough data")."""
    first = blob[1]
    if first < 0x80:
        return 2 + first
    octets = first & 0x7F
    return 2 + octets + int.from_bytes(blob[2 : 2 + octets], "big")


def openssl_cms_verify(
    signed: bytes, cms: bytes, ca_pem: Path, folder: Path
) -> subprocess.CompletedProcess[str]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    content = folder / "signed-content.bin"
    sig = folder / "signature.der"
    content.write_bytes(signed)
    sig.write_bytes(cms)
    return subprocess.run(
        ["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", str(sig), "-content", str(content),
         "-CAfile", str(ca_pem), "-purpose", "any", "-out", os.devnull],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
