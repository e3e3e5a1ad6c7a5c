"""Passive authentication (ICAO 9303-11 §5.1): the chip's data is what the issuer signed.

Three checks: every data group read hashes to the value in the Document Security Object (EF.SOD,
a CMS SignedData over an LDSSecurityObject); the SOD's signature verifies with its document
signer (DS) certificate; and that certificate was issued by a country signing CA (CSCA) that IT
placed in a folder (the CSCA certificates Vietnam publishes, or the ICAO master list's). Without a
CSCA folder the first two still run and the result says so (`no_csca`), never "ok".
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from asn1crypto import algos, cms, core
from asn1crypto import tsp as _tsp  # noqa: F401 - see below

# asn1crypto builds an OID type's name→OID table once, the first time a name is looked up, and
# modules that extend the OID table afterwards are not in it. asn1crypto.tsp adds the timestamp
# attributes (`signing_certificate_v2`, which pyHanko signs with): reading a chip before anything
# imported it froze the table without them, and the officer's next signature failed. Imported
# here, before the SOD is read, the table always holds them.
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from idchip.tlv import TlvError, read_one

LDS_SECURITY_OBJECT = "2.23.136.1.1.1"


class _DataGroupHash(core.Sequence):
    _fields: ClassVar = [("number", core.Integer), ("value", core.OctetString)]


class _DataGroupHashes(core.SequenceOf):
    _child_spec = _DataGroupHash


class LdsSecurityObject(core.Sequence):
    _fields: ClassVar = [
        ("version", core.Integer),
        ("hash_algorithm", algos.DigestAlgorithm),
        ("hashes", _DataGroupHashes),
        ("lds_version_info", core.Any, {"optional": True}),
    ]


@dataclass
class PassiveAuth:
    status: str  # "ok" | "failed" | "no_csca"
    reasons: list[str] = field(default_factory=list)
    signer: str | None = None


_HASHES = {
    "sha1": hashes.SHA1,
    "sha224": hashes.SHA224,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}


def _digest(name: str, data: bytes) -> bytes:
    return hashlib.new(name, data).digest()


def check(sod: bytes, groups: dict[int, bytes], csca_dir: Path | None) -> PassiveAuth:
    """Passive authentication of the read data groups (number → the file's bytes)."""
    reasons: list[str] = []
    try:
        signed = _signed_data(sod)
        encap = signed["encap_content_info"]
        if encap["content_type"].dotted != LDS_SECURITY_OBJECT:
            return PassiveAuth("failed", ["SOD không chứa LDSSecurityObject"])
        content = bytes(encap["content"].native)
        lds = LdsSecurityObject.load(content)
        algorithm = lds["hash_algorithm"]["algorithm"].native
        signed_hashes = {int(h["number"].native): bytes(h["value"].native) for h in lds["hashes"]}
        for number, data in sorted(groups.items()):
            expected = signed_hashes.get(number)
            if expected is None:
                reasons.append(f"DG{number} không có trong SOD")
            elif _digest(algorithm, data) != expected:
                reasons.append(f"DG{number} đã bị sửa (băm không khớp SOD)")
        signer_info = signed["signer_infos"][0]
        ds = _signer_certificate(signed, signer_info)
        _verify_signature(signer_info, content, ds)
        signer = ds.subject.rfc4514_string()
    except (ValueError, TypeError, KeyError, IndexError, TlvError, InvalidSignature) as exc:
        return PassiveAuth("failed", [*reasons, f"chữ ký SOD không hợp lệ ({type(exc).__name__})"])
    if reasons:
        return PassiveAuth("failed", reasons, signer)
    if csca_dir is None or not csca_dir.is_dir():
        return PassiveAuth("no_csca", ["chưa có thư mục chứng thư CSCA"], signer)
    cscas = list(_load_cscas(csca_dir))
    if not cscas:
        return PassiveAuth("no_csca", [f"thư mục {csca_dir} không có chứng thư CSCA"], signer)
    for csca in cscas:
        if csca.subject != ds.issuer:
            continue
        try:
            ds.verify_directly_issued_by(csca)
        except (ValueError, TypeError, InvalidSignature):
            continue
        return PassiveAuth("ok", [], signer)
    return PassiveAuth("failed", ["chứng thư ký (DS) không do CSCA nào trong thư mục cấp"], signer)


def _signed_data(sod: bytes) -> cms.SignedData:
    element = read_one(sod)
    body = element.value if element.tag == 0x77 else sod
    info = cms.ContentInfo.load(body)
    if info["content_type"].native != "signed_data":
        raise ValueError("SOD is not SignedData")
    return info["content"]


def _signer_certificate(signed: cms.SignedData, signer_info: cms.SignerInfo) -> x509.Certificate:
    sid = signer_info["sid"]
    for choice in signed["certificates"] or []:
        cert = choice.chosen
        if sid.name == "issuer_and_serial_number":
            match = (
                cert.issuer == sid.chosen["issuer"]
                and cert.serial_number == sid.chosen["serial_number"].native
            )
        else:
            match = cert.key_identifier == sid.chosen.native
        if match:
            return x509.load_der_x509_certificate(cert.dump())
    raise ValueError("no document signer certificate in the SOD")


def _verify_signature(signer_info: cms.SignerInfo, content: bytes, ds: x509.Certificate) -> None:
    digest_name = signer_info["digest_algorithm"]["algorithm"].native
    attrs = signer_info["signed_attrs"]
    if attrs.native is None:
        message = content
    else:
        digest = next(a["values"][0].native for a in attrs if a["type"].native == "message_digest")
        if digest != _digest(digest_name, content):
            raise ValueError("message digest differs")
        message = b"\x31" + attrs.dump()[1:]  # signed over the SET OF, not the [0] tagging
    signature = bytes(signer_info["signature"].native)
    algorithm = signer_info["signature_algorithm"]
    hash_algorithm = _HASHES[digest_name]()
    key = ds.public_key()
    if isinstance(key, rsa.RSAPublicKey):
        if algorithm.signature_algo == "rsassa_pss":
            params = algorithm["parameters"]
            salt = params["salt_length"].native if params else 20
            mgf_hash = _HASHES[params["hash_algorithm"]["algorithm"].native]() if params else hash_algorithm
            key.verify(signature, message, padding.PSS(padding.MGF1(mgf_hash), salt), mgf_hash)
        else:
            key.verify(signature, message, padding.PKCS1v15(), hash_algorithm)
    elif isinstance(key, ec.EllipticCurvePublicKey):
        key.verify(signature, message, ec.ECDSA(hash_algorithm))
    else:
        raise ValueError("unsupported document signer key")


def _load_cscas(folder: Path):
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in (".pem", ".crt", ".cer", ".der") or path.stat().st_size > 1 << 20:
            continue
        data = path.read_bytes()
        try:
            if b"-----BEGIN CERTIFICATE-----" in data:
                yield from x509.load_pem_x509_certificates(data)
            else:
                yield x509.load_der_x509_certificate(data)
        except ValueError:
            continue  # not a certificate: IT's folder may hold other files
