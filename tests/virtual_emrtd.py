"""A synthetic Vietnamese ID card chip behind a real PC/SC stack, for tests.

The reader side is real: `pcscd` with the `vsmartcard-vpcd` virtual reader driver, reached by
`pyscard` as a counter's contactless reader is. The card side is emulated here: an ICAO 9303
eMRTD application (PACE with ECDH generic mapping when asked to offer it, BAC, 3DES and AES
secure messaging, DG1/DG2/DG13/SOD) that connects to vpcd over its socket.
`python3-virtualsmartcard`'s own ePass card cannot stand in: on Debian 12 it imports PyCrypto's
`Crypto` namespace, which the packaged pycryptodome does not provide, and it still prompts for its
MRZ with Python 2's `raw_input`. The emulator's secure messaging uses the
reader's primitives (`idchip.crypto`), which tests/unit/test_idchip_icao_vectors.py and
tests/unit/test_idchip_pace_vectors.py check against ICAO's own worked examples; its PACE steps are
its own code, not the reader's `idchip.pace`.

The card's data is signed like a real one: a test CSCA issues a document signer certificate,
which signs the SOD over the hashes of the data groups.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import socket
import subprocess
import threading
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from io import BytesIO
from pathlib import Path

from asn1crypto import algos, cms, core
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from PIL import Image

from counter_app.citizen import CitizenId
from idchip import crypto, pace_groups
from idchip.access import AccessKey, card_expiry
from idchip.passive_auth import LDS_SECURITY_OBJECT, LdsSecurityObject
from idchip.tlv import encode, read_all, read_one
from scanner.barcodes.mrz import check_digit

VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
ATR = bytes.fromhex("3B80800101")
H = bytes.fromhex


def _ascii(text: str) -> str:
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).upper()


def td1_mrz(citizen: CitizenId, expiry: date | None) -> str:
    """The three MRZ lines a Vietnamese card carries (the ID's last 9 digits as document number)."""
    number = citizen.id_number[-9:]
    optional = f"{citizen.id_number}<<{check_digit(citizen.id_number)}"
    line1 = f"IDVNM{number}{check_digit(number)}{optional}"
    birth = citizen.date_of_birth.strftime("%y%m%d")
    end = expiry.strftime("%y%m%d") if expiry else "<<<<<<"  # a card without expiry
    sex = "M" if citizen.sex == "Nam" else "F"
    line2 = f"{birth}{check_digit(birth)}{sex}{end}{check_digit(end)}VNM" + "<" * 11
    line2 += check_digit(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29])
    family, *rest = _ascii(citizen.full_name).split()
    line3 = (family + "<<" + "<".join(rest)).ljust(30, "<")[:30]
    return line1 + line2 + line3


def dg1(citizen: CitizenId, expiry: date | None) -> bytes:
    return encode(0x61, encode(0x5F1F, td1_mrz(citizen, expiry).encode("ascii")))


def dg13(citizen: CitizenId, expiry: date | None, father: str, mother: str) -> bytes:
    def entry(number: int, *values: bytes) -> bytes:
        return encode(0x30, encode(0x02, bytes([number])) + b"".join(values))

    def text(value: str) -> bytes:
        return encode(0x0C, value.encode("utf-8"))

    fields = [
        entry(1, text(citizen.id_number)),
        entry(2, text(citizen.full_name)),
        entry(3, text(citizen.date_of_birth.strftime("%d/%m/%Y"))),
        entry(4, text(citizen.sex)),
        entry(5, text("Việt Nam")),
        entry(6, text("Kinh")),
        entry(7, text("Không")),
        entry(8, text("Xã Tân Lập, Huyện Đan Phượng, Hà Nội")),
        entry(9, text(citizen.address)),
        entry(10, text("Nốt ruồi C:1cm trên trước mép trái")),
        entry(11, text(citizen.issue_date.strftime("%d/%m/%Y"))),
        entry(12, text(expiry.strftime("%d/%m/%Y") if expiry else "Không thời hạn")),
        entry(13, encode(0x30, text(father) + text(mother))),
        entry(16, text(citizen.old_id_number or "")),
    ]
    return encode(0x6D, encode(0x02, b"\x01") + b"".join(fields))


def dg2(face_jpeg: bytes) -> bytes:
    record = b"FAC\x00010\x00" + (14 + 32 + len(face_jpeg)).to_bytes(4, "big") + b"\x00\x01"
    record += bytes(32) + face_jpeg  # facial record data and image information, zeroed here
    biometric = encode(0xA1, H("8702010188020501")) + encode(0x5F2E, record)
    return encode(0x75, encode(0x7F61, encode(0x02, b"\x01") + encode(0x7F60, biometric)))


def face_jpeg() -> bytes:
    out = BytesIO()
    Image.new("RGB", (120, 160), (180, 160, 140)).save(out, "JPEG", quality=80)
    return out.getvalue()


@dataclass
class Issuer:
    """A test country signing CA and one document signer under it."""

    csca: x509.Certificate
    ds: x509.Certificate
    ds_key: ec.EllipticCurvePrivateKey

    @classmethod
    def create(cls, name: str = "Test CSCA Viet Nam") -> Issuer:
        now = datetime(2024, 1, 1, tzinfo=UTC)
        csca_key = ec.generate_private_key(ec.SECP256R1())
        csca_name = x509.Name(
            [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"), x509.NameAttribute(NameOID.COMMON_NAME, name)]
        )
        csca = (
            x509.CertificateBuilder()
            .subject_name(csca_name)
            .issuer_name(csca_name)
            .public_key(csca_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now)
            .not_valid_after(now + timedelta(days=365 * 15))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .sign(csca_key, hashes.SHA256())
        )
        ds_key = ec.generate_private_key(ec.SECP256R1())
        ds = (
            x509.CertificateBuilder()
            .subject_name(
                x509.Name(
                    [
                        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                        x509.NameAttribute(NameOID.COMMON_NAME, "Test DS 01"),
                    ]
                )
            )
            .issuer_name(csca_name)
            .public_key(ds_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now)
            .not_valid_after(now + timedelta(days=365 * 11))
            .sign(csca_key, hashes.SHA256())
        )
        return cls(csca, ds, ds_key)

    def write_csca(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "csca-vn.pem").write_bytes(self.csca.public_bytes(serialization.Encoding.PEM))
        return folder

    def sod(self, groups: dict[int, bytes]) -> bytes:
        lds = LdsSecurityObject(
            {
                "version": 0,
                "hash_algorithm": {"algorithm": "sha256"},
                "hashes": [{"number": n, "value": _sha256(data)} for n, data in sorted(groups.items())],
            }
        ).dump()
        attrs = cms.CMSAttributes(
            [
                {"type": "content_type", "values": [LDS_SECURITY_OBJECT]},
                {"type": "message_digest", "values": [_sha256(lds)]},
            ]
        )
        signature = self.ds_key.sign(attrs.dump(), ec.ECDSA(hashes.SHA256()))
        ds = asn1_x509.Certificate.load(self.ds.public_bytes(serialization.Encoding.DER))
        signed = cms.SignedData(
            {
                "version": "v3",
                "digest_algorithms": [algos.DigestAlgorithm({"algorithm": "sha256"})],
                "encap_content_info": {
                    "content_type": LDS_SECURITY_OBJECT,
                    "content": core.ParsableOctetString(lds),
                },
                "certificates": [ds],
                "signer_infos": [
                    {
                        "version": "v1",
                        "sid": cms.SignerIdentifier(
                            {
                                "issuer_and_serial_number": {
                                    "issuer": ds.issuer,
                                    "serial_number": ds.serial_number,
                                }
                            }
                        ),
                        "digest_algorithm": {"algorithm": "sha256"},
                        "signed_attrs": attrs,
                        "signature_algorithm": {"algorithm": "sha256_ecdsa"},
                        "signature": signature,
                    }
                ],
            }
        )
        return encode(0x77, cms.ContentInfo({"content_type": "signed_data", "content": signed}).dump())


def _sha256(data: bytes) -> bytes:
    import hashlib

    return hashlib.sha256(data).digest()


@dataclass
class CardData:
    citizen: CitizenId
    expiry: date | None
    files: dict[int, bytes] = field(default_factory=dict)

    @property
    def key(self) -> AccessKey:
        return AccessKey.for_citizen_id(self.citizen.id_number, self.citizen.date_of_birth, self.expiry)


def make_card(citizen: CitizenId, issuer: Issuer, *, tamper_dg13: bool = False) -> CardData:
    """The card as issued: its expiry by the renewal ages (`card_expiry`), as printed on it."""
    expiry = card_expiry(citizen.date_of_birth, citizen.issue_date)
    groups = {
        1: dg1(citizen, expiry),
        2: dg2(face_jpeg()),
        13: dg13(citizen, expiry, "Nguyễn Văn Ba", "Trần Thị Bốn"),
    }
    sod = issuer.sod(groups)
    if tamper_dg13:  # the chip's DG13 edited after the issuer signed it
        groups[13] = groups[13].replace(
            citizen.full_name.encode(), "Lê Văn Giả".encode().ljust(len(citizen.full_name.encode()), b" ")
        )
    files = {0x0101: groups[1], 0x0102: groups[2], 0x010D: groups[13], 0x011D: sod}
    return CardData(citizen, expiry, files)


# PACE as the card offers it in EF.CardAccess (ICAO 9303-11 §9.2): generic mapping over ECDH or DH.
PACE_DH_GM_AES_128 = "0.4.0.127.0.7.2.2.4.1.2"
PACE_ECDH_GM_3DES = "0.4.0.127.0.7.2.2.4.2.1"
PACE_ECDH_GM_AES_128 = "0.4.0.127.0.7.2.2.4.2.2"
PACE_ECDH_IM_AES_128 = "0.4.0.127.0.7.2.2.4.4.2"  # integrated mapping: not spoken by the reader
MODP_1024_160 = 0
BRAINPOOL_P256R1 = 13
SECP256R1 = 12


@dataclass(frozen=True)
class PaceOffer:
    """One PACEInfo of the card: the protocol and the standardized domain parameters' ID."""

    protocol: str = PACE_ECDH_GM_AES_128
    parameter_id: int = BRAINPOOL_P256R1

    @property
    def aes(self) -> bool:
        return self.protocol.endswith(".2")

    def group(self) -> pace_groups.EcGroup | pace_groups.ModpGroup:
        agreement = "DH" if self.protocol.startswith("0.4.0.127.0.7.2.2.4.1.") else "ECDH"
        found = pace_groups.group(agreement, self.parameter_id)
        assert found is not None, self
        return found

    def card_access(self) -> bytes:
        """EF.CardAccess: SecurityInfos holding this one PACEInfo (version 2)."""
        info = core.ObjectIdentifier(self.protocol).dump() + core.Integer(2).dump()
        return encode(0x31, encode(0x30, info + core.Integer(self.parameter_id).dump()))

    def kdf(self, secret: bytes, counter: int) -> bytes:
        if self.aes:
            return hashlib.sha1(secret + counter.to_bytes(4, "big")).digest()[:16]
        return crypto.derive_key(secret, counter)

    def token(self, k_mac: bytes, public: bytes) -> bytes:
        data = encode(
            0x7F49,
            encode(0x06, core.ObjectIdentifier(self.protocol).contents)
            + encode(self.group().token_tag, public),
        )
        return crypto.aes_cmac(k_mac, data) if self.aes else crypto.mac(k_mac, crypto.pad(data))


class EmrtdCard:
    """The card's side of the protocol: PACE (when offered) and BAC, then secure messaging over
    SELECT and READ BINARY. Its PACE steps are written from the standard on their own, not with
    the reader's `idchip.pace`; the group arithmetic is the reader's `idchip.pace_groups`, which
    ICAO's worked examples check."""

    AID = H("A0000002471001")

    def __init__(
        self,
        data: CardData,
        *,
        pace: PaceOffer | None = None,
        bac: bool = True,
        refuses_pace: bool = False,
        lifted_after: int | None = None,
    ) -> None:
        """`pace`: the PACE variant the card offers (None: a BAC-only card, no EF.CardAccess);
        `bac`: whether it still answers BAC; `refuses_pace`: it lists PACE yet turns MSE:Set AT
        down (as chips whose PACE is switched off do); `lifted_after`: the citizen takes the card
        away after this many commands."""
        self.data = data
        self.pace = pace
        self.refuses_pace = refuses_pace
        self.bac = bac
        self.lifted_after = lifted_after
        self.commands = 0
        self.pace_runs = 0
        seed = data.key.seed()
        self.k_enc, self.k_mac = crypto.derive_key(seed, 1), crypto.derive_key(seed, 2)
        self.reset()

    def reset(self) -> None:
        self.app = False
        self.rnd_icc: bytes | None = None
        self.session: tuple[bytes, bytes] | None = None
        self.aes = False
        self.ssc = 0
        self.selected: bytes | None = None
        self.root_file: bytes | None = None  # EF.CardAccess, selected before any access
        self.pace_step = 0
        self.pace_state: dict[str, object] = {}

    def answer(self, apdu: bytes) -> bytes | None:
        """The card's response APDU, or None once the card has been lifted off the reader."""
        self.commands += 1
        if self.lifted_after is not None and self.commands > self.lifted_after:
            return None
        cla, ins, p1 = apdu[:3]
        if self.session is not None and cla & 0x0C:
            return self._protected(apdu)
        if ins == 0xA4 and p1 == 0x04:
            self.app = apdu[5 : 5 + apdu[4]] == self.AID
            self.session = None
            self.pace_step = 0
            return H("9000") if self.app else H("6A82")
        if ins == 0xA4 and p1 in (0x00, 0x02) and not self.app:
            wanted = apdu[5 : 5 + apdu[4]] == H("011C") and self.pace is not None
            self.root_file = self.pace.card_access() if wanted and self.pace else None
            return H("9000") if self.root_file is not None else H("6A82")
        if ins == 0xB0 and self.root_file is not None and not self.app:
            offset, le = apdu[2] << 8 | apdu[3], apdu[4] if len(apdu) > 4 else 0
            return self.root_file[offset : offset + (le or 256)] + H("9000")
        if ins == 0x22 and self.pace is not None:
            return self._set_authentication_template(apdu[5 : 5 + apdu[4]])
        if ins == 0x86 and self.pace is not None and self.pace_step:
            return self._general_authenticate(cla, apdu[5 : 5 + apdu[4]])
        if not self.app or not self.bac:
            return H("6D00")
        if ins == 0x84:
            self.rnd_icc = os.urandom(8)
            return self.rnd_icc + H("9000")
        if ins == 0x82 and self.rnd_icc is not None:
            return self._mutual_authenticate(apdu[5:45])
        return H("6982")  # not allowed without secure messaging

    def _set_authentication_template(self, data: bytes) -> bytes:
        assert self.pace is not None
        fields = {e.tag: e.value for e in read_all(data)}
        wanted = core.ObjectIdentifier(self.pace.protocol).contents
        parameter = fields.get(0x84, bytes([self.pace.parameter_id]))
        if (
            self.refuses_pace
            or fields.get(0x80) != wanted
            or fields.get(0x83) != b"\x01"
            or parameter != bytes([self.pace.parameter_id])
        ):
            self.pace_step = 0
            return H("6A80")
        self.pace_step, self.pace_state = 1, {}
        self.pace_runs += 1
        return H("9000")

    def _general_authenticate(self, cla: int, data: bytes) -> bytes:
        """The chip's four PACE steps (ICAO 9303-11 §4.4.3): nonce, mapping, key agreement, tokens."""
        assert self.pace is not None
        offer, state = self.pace, self.pace_state
        group = offer.group()
        chained = bool(cla & 0x10)
        try:
            root = read_one(data)
            fields = {e.tag: e.value for e in root.children()} if root.tag == 0x7C else {}
        except ValueError:
            return H("6A80")
        if self.pace_step == 1 and chained and not fields:
            nonce = os.urandom(16)
            k_pi = offer.kdf(self.data.key.password(), 3)
            encrypted = crypto.aes_encrypt(k_pi, nonce) if offer.aes else crypto.encrypt(k_pi, nonce)
            state["nonce"] = nonce
            self.pace_step = 2
            return encode(0x7C, encode(0x80, encrypted)) + H("9000")
        if self.pace_step == 2 and chained and 0x81 in fields:
            terminal = self._public(group, fields[0x81])
            if terminal is None:
                return self._pace_failed()
            secret = secrets.randbelow(group.order - 1) + 1
            nonce = int.from_bytes(state["nonce"], "big")  # type: ignore[arg-type]
            state["map_ifd"] = fields[0x81]
            state["generator"] = group.combine(
                group.power(group.generator, nonce), group.power(terminal, secret)
            )
            self.pace_step = 3
            return encode(0x7C, encode(0x82, group.encode(group.power(group.generator, secret)))) + H("9000")
        if self.pace_step == 3 and chained and 0x83 in fields:
            terminal = self._public(group, fields[0x83])
            if terminal is None or fields[0x83] == state["map_ifd"]:  # §4.4.1: never the mapping key again
                return self._pace_failed()
            secret = secrets.randbelow(group.order - 1) + 1
            mine = group.encode(group.power(state["generator"], secret))
            shared = group.secret(group.power(terminal, secret))
            state.update(dh_ifd=fields[0x83], dh_ic=mine, enc=offer.kdf(shared, 1), mac=offer.kdf(shared, 2))
            self.pace_step = 4
            return encode(0x7C, encode(0x84, mine)) + H("9000")
        if self.pace_step == 4 and not chained and 0x85 in fields:
            k_mac = state["mac"]
            if fields[0x85] != offer.token(k_mac, state["dh_ic"]):  # type: ignore[arg-type]
                return self._pace_failed(H("6300"))  # another password: the terminal's token is wrong
            self.session = (state["enc"], k_mac)  # type: ignore[assignment]
            self.aes, self.ssc, self.pace_step = offer.aes, 0, 0
            return encode(0x7C, encode(0x86, offer.token(k_mac, state["dh_ifd"]))) + H("9000")  # type: ignore[arg-type]
        return self._pace_failed()

    @staticmethod
    def _public(group: pace_groups.EcGroup | pace_groups.ModpGroup, data: bytes) -> object | None:
        try:
            return group.decode(data)
        except pace_groups.GroupError:
            return None

    def _pace_failed(self, sw: bytes = H("6A80")) -> bytes:
        self.pace_step, self.pace_state = 0, {}
        return sw

    def _mutual_authenticate(self, data: bytes) -> bytes:
        e_ifd, m_ifd = data[:32], data[32:40]
        if crypto.mac(self.k_mac, crypto.pad(e_ifd)) != m_ifd:
            return H("6300")
        plain = crypto.decrypt(self.k_enc, e_ifd)
        rnd_ifd, rnd_icc, k_ifd = plain[:8], plain[8:16], plain[16:32]
        if rnd_icc != self.rnd_icc:
            return H("6300")
        k_icc = os.urandom(16)
        e_icc = crypto.encrypt(self.k_enc, rnd_icc + rnd_ifd + k_icc)
        seed = bytes(a ^ b for a, b in zip(k_ifd, k_icc, strict=True))
        self.session = (crypto.derive_key(seed, 1), crypto.derive_key(seed, 2))
        self.aes = False
        self.ssc = int.from_bytes(rnd_icc[4:] + rnd_ifd[4:], "big")
        return e_icc + crypto.mac(self.k_mac, crypto.pad(e_icc)) + H("9000")

    def _next(self) -> bytes:
        self.ssc += 1
        return self.ssc.to_bytes(16 if self.aes else 8, "big")

    def _mac(self, k_mac: bytes, data: bytes) -> bytes:
        if self.aes:
            return crypto.aes_cmac(k_mac, crypto.pad(data, 16))
        return crypto.mac(k_mac, crypto.pad(data))

    def _cipher(self, k_enc: bytes, ssc: bytes, data: bytes, *, decrypt: bool) -> bytes:
        if not self.aes:
            return crypto.decrypt(k_enc, data) if decrypt else crypto.encrypt(k_enc, data)
        iv = crypto.aes_encrypt(k_enc, ssc)  # AES secure messaging: IV = E(K_enc, SSC)
        return crypto.aes_decrypt(k_enc, data, iv) if decrypt else crypto.aes_encrypt(k_enc, data, iv)

    def _protected(self, apdu: bytes) -> bytes:
        assert self.session is not None
        k_enc, k_mac = self.session
        block = 16 if self.aes else 8
        header, body = apdu[:4], apdu[5 : 5 + apdu[4]]
        elements = {e.tag: e for e in read_all(body)}
        covered = b"".join(e.raw for t, e in elements.items() if t in (0x87, 0x97))
        ssc = self._next()
        if (
            0x8E not in elements
            or self._mac(k_mac, ssc + crypto.pad(header, block) + covered) != elements[0x8E].value
        ):
            self.session = None
            return H("6988")
        data = b""
        if 0x87 in elements:
            data = crypto.unpad(self._cipher(k_enc, ssc, elements[0x87].value[1:], decrypt=True))
        le = elements[0x97].value[0] if 0x97 in elements else 0
        ins, p1, p2 = header[1], header[2], header[3]
        reply, sw = b"", H("9000")
        if ins == 0xA4 and p1 == 0x04:  # the application, selected after PACE
            self.app = data == self.AID
            sw = H("9000") if self.app else H("6A82")
        elif ins == 0xA4:
            fid = int.from_bytes(data, "big")
            self.selected = self.data.files.get(fid)
            if self.selected is None:
                sw = H("6A82")
        elif ins == 0xB0 and self.selected is not None:
            offset = p1 << 8 | p2
            reply = self.selected[offset : offset + (le or 256)]
        else:
            sw = H("6986")
        ssc = self._next()
        out = b""
        if reply:
            out = encode(0x87, b"\x01" + self._cipher(k_enc, ssc, crypto.pad(reply, block), decrypt=False))
        out += encode(0x99, sw)
        out += encode(0x8E, self._mac(k_mac, ssc + out))
        return out + H("9000")


class VirtualReader:
    """`pcscd` with the vpcd virtual reader, and the emulated card on it.

    pcscd serves one fixed socket (/run/pcscd/pcscd.comm), so there is one per machine: when one
    already runs (the system's, configured by the vsmartcard-vpcd package's
    /etc/reader.conf.d/vpcd), the card connects to its vpcd port; otherwise one is started here
    with a reader configuration of its own on a free port, and stopped afterwards."""

    SYSTEM_CONF = Path("/etc/reader.conf.d/vpcd")
    PID_FILE = Path("/run/pcscd/pcscd.pid")

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = 0
        self._pcscd: subprocess.Popen | None = None
        self._card_thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._connection: socket.socket | None = None

    def start(self) -> VirtualReader:
        if shutil.which("pcscd") is None or not VPCD_DRIVER.exists():
            raise RuntimeError("pcscd and vsmartcard-vpcd are needed (scripts/system-packages.txt)")
        running = _running(self.PID_FILE)
        if running is not None:
            self.port = _channel(_reader_conf(running, self.SYSTEM_CONF).read_text())
            return self
        if os.geteuid() != 0:
            raise PermissionError("pcscd is not running and only root can start it (/run/pcscd)")
        self.port = _free_port()
        conf = self.folder / "reader.conf.d"
        conf.mkdir(parents=True, exist_ok=True)
        (conf / "vpcd").write_text(
            f'FRIENDLYNAME "Virtual PCD"\nDEVICENAME /dev/null:0x{self.port:04X}\n'
            f"LIBPATH {VPCD_DRIVER}\nCHANNELID 0x{self.port:04X}\n"
        )
        self._pcscd = subprocess.Popen(
            # --auto-exit: a daemon left by a killed test run goes away after a minute idle.
            ["pcscd", "--foreground", "--auto-exit", "--config", str(conf), "--error"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return self

    def insert(self, card: EmrtdCard) -> None:
        """Put `card` on the reader: connect to vpcd (once it listens) and answer it from a thread.

        After a card was lifted mid-command, vpcd takes the next connection but pcscd may not
        show a card for it: the card is then laid down again, as a person would."""
        for attempt in range(3):
            self._lay_down(card)
            try:
                self._wait_for(present=True, timeout_ms=3_000)
                return
            except RuntimeError:
                if attempt == 2:
                    raise

    def _lay_down(self, card: EmrtdCard) -> None:
        self.remove()
        if self._pcscd is not None and self._pcscd.poll() is not None:
            self.start()  # our pcscd left when idle (--auto-exit) between two tests
        deadline_attempts = 500  # vpcd listens once pcscd has loaded the driver
        for _ in range(deadline_attempts):
            try:
                self._connection = socket.create_connection(("127.0.0.1", self.port), timeout=0.05)
                break
            except OSError:
                if self._pcscd is not None and self._pcscd.poll() is not None:
                    raise RuntimeError("pcscd stopped") from None
                threading.Event().wait(0.01)
        else:
            raise RuntimeError("vpcd never listened")
        self._connection.settimeout(None)
        self._stop.clear()
        self._card_thread = threading.Thread(target=self._serve, args=(self._connection, card), daemon=True)
        self._card_thread.start()

    def _serve(self, connection: socket.socket, card: EmrtdCard) -> None:
        try:
            while not self._stop.is_set():
                size = _recv(connection, 2)
                if size is None:
                    return
                message = _recv(connection, int.from_bytes(size, "big"))
                if message is None:
                    return
                if len(message) == 1:  # vpcd's control messages
                    if message[0] in (0, 1, 2):  # power off, on, reset
                        card.reset()
                    elif message[0] == 4:
                        connection.sendall(len(ATR).to_bytes(2, "big") + ATR)
                    continue
                try:
                    reply = card.answer(message)
                except Exception:  # a bug in the emulator: say so, answer as a broken card would
                    import traceback

                    traceback.print_exc()
                    reply = H("6F00")
                if reply is None:  # lifted off the reader: vpcd sees the card go
                    connection.shutdown(socket.SHUT_RDWR)
                    return
                connection.sendall(len(reply).to_bytes(2, "big") + reply)
        except OSError:
            return

    def remove(self) -> None:
        """Take the card away, and wait until pcscd has seen it go (as a person lifting a card
        is seen by the reader before the next card is laid down)."""
        self._stop.set()
        if self._connection is not None:
            # shutdown() wakes the card's thread out of recv(); close() alone would not, and the
            # socket number, reused by the next card's connection, would then feed both threads.
            try:
                self._connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            if self._card_thread is not None:
                self._card_thread.join()
            self._connection.close()
            self._connection = None
            if self._pcscd is None or self._pcscd.poll() is None:  # ours may have left when idle
                self._wait_for(present=False)

    def _wait_for(self, *, present: bool, timeout_ms: int = 10_000) -> None:
        """Block on pcscd's status-change call until the first reader shows the card (or none)."""
        from smartcard import scard

        _, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        try:
            _, names = scard.SCardListReaders(context, [])
            states = [(names[0], scard.SCARD_STATE_UNAWARE)]
            want = scard.SCARD_STATE_PRESENT if present else scard.SCARD_STATE_EMPTY
            for _ in range(50):  # each call returns on a change (or the timeout)
                result, states = scard.SCardGetStatusChange(context, timeout_ms, states)
                if result != scard.SCARD_S_SUCCESS:
                    raise RuntimeError(f"pcscd: {scard.SCardGetErrorMessage(result)}")
                state = states[0][1]
                if state & want and not state & scard.SCARD_STATE_MUTE:
                    return
                states = [(names[0], state & ~scard.SCARD_STATE_CHANGED)]
            raise RuntimeError("the reader never showed the card's change")
        finally:
            scard.SCardReleaseContext(context)

    def stop(self) -> None:
        self.remove()
        if self._pcscd is not None:
            self._pcscd.terminate()
            try:
                self._pcscd.wait(10)
            except subprocess.TimeoutExpired:
                self._pcscd.kill()


def _recv(connection: socket.socket, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        chunk = connection.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def _running(pid_file: Path) -> int | None:
    """The pid of the pcscd that serves the machine's socket, if one runs."""
    try:
        pid = int(pid_file.read_text().split()[0])
        os.kill(pid, 0)
    except (OSError, ValueError, IndexError):
        return None
    return pid


def _reader_conf(pid: int, system: Path) -> Path:
    """The vpcd reader file of the running pcscd: its `--config` folder's (one started by an
    earlier test run), else the system's."""
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return system
    for flag in (b"--config", b"-c"):
        if flag in args and args.index(flag) + 1 < len(args):
            conf = Path(os.fsdecode(args[args.index(flag) + 1])) / "vpcd"
            if conf.exists():
                return conf
    return system


def _channel(conf: str) -> int:
    for line in conf.splitlines():
        if line.strip().upper().startswith("CHANNELID"):
            return int(line.split()[1], 0)
    return 0x8C7B  # vpcd's default port


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
