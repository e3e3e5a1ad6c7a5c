"""Token behaviour SoftHSM2 cannot show, faked at the PKCS#11 boundary.

SoftHSM2 never reports the PIN flags (count low, final try, locked) reliably, has no PIN pad,
cannot be pulled out mid-batch and does not mark keys CKA_ALWAYS_AUTHENTICATE. These tests
replace the python-pkcs11 module/token/session/key objects with small fakes that behave like
those of a real token (flags, C_Login, C_Sign with a real RSA key), and run everything above
that boundary for real: our login, pyHanko, the output files, and pdfsig/pyHanko validation.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pkcs11
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from pkcs11 import Attribute, KeyType, Mechanism, ObjectClass, TokenFlag

import signing.provider as provider
from signing.errors import PinFinalTryError, PinLockedError, PinRequiredError
from signing.session import SigningSettings
from signing.verify import load_trust_roots, verify_pdf
from tests.softhsm import make_ca, make_pdf, pdfsig

PIN = "246810"
CERT_ID = b"\x01"
READY = TokenFlag.TOKEN_INITIALIZED | TokenFlag.LOGIN_REQUIRED | TokenFlag.USER_PIN_INITIALIZED


class FakeObject(dict):
    """A PKCS#11 object: attributes by `obj[Attribute.X]`."""


class FakeKey(FakeObject):
    key_type = KeyType.RSA

    def __init__(self, private_key: rsa.RSAPrivateKey, token: FakeToken, always_authenticate: bool) -> None:
        super().__init__(
            {
                Attribute.CLASS: ObjectClass.PRIVATE_KEY,
                Attribute.ID: CERT_ID,
                Attribute.ALWAYS_AUTHENTICATE: always_authenticate,
            }
        )
        self._private_key = private_key
        self._token = token

    def sign(self, data: bytes, mechanism: Any = None, mechanism_param: Any = None, pin: Any = None) -> bytes:
        token = self._token
        token.sign_calls.append(pin)
        if token.remove_after is not None and len(token.sign_calls) > token.remove_after:
            raise pkcs11.exceptions.DeviceRemoved()
        if self[Attribute.ALWAYS_AUTHENTICATE] and (pin != PIN or token.reject_context_pin):
            raise pkcs11.exceptions.PinIncorrect()
        assert mechanism == Mechanism.SHA256_RSA_PKCS
        return self._private_key.sign(data, padding.PKCS1v15(), hashes.SHA256())


class FakeSession:
    def __init__(self, objects: list[FakeObject]) -> None:
        self._objects = objects
        self.closed = False

    def get_objects(self, template: dict[Any, Any]) -> list[FakeObject]:
        return [o for o in self._objects if all(o.get(k) == v for k, v in template.items())]

    def close(self) -> None:
        self.closed = True


class FakeToken:
    label = "Token Giả"
    serial = b"FAKE0001"
    manufacturer_id = "Fake"
    model = "Fake PKCS#11 boundary"

    def __init__(self, ca: Any, flags: int = READY, always_authenticate: bool = False) -> None:
        self.flags = flags
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        cert = ca.issue(self.key.public_key(), "Võ Thị Giả Lập")
        cert_obj = FakeObject(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.ID: CERT_ID,
                Attribute.LABEL: "Võ Thị Giả Lập",
                Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER),
            }
        )
        self.objects = [cert_obj, FakeKey(self.key, self, always_authenticate)]
        self.logins: list[Any] = []
        self.sign_calls: list[Any] = []
        self.remove_after: int | None = None
        self.reject_context_pin = False
        self.slot = self

    def get_mechanisms(self) -> set[Mechanism]:
        return {Mechanism.SHA256_RSA_PKCS, Mechanism.RSA_PKCS}

    def get_token(self) -> FakeToken:
        return self

    @property
    def slot_id(self) -> int:
        return 1

    def open(self, user_pin: Any = None, **_kwargs: Any) -> FakeSession:
        self.logins.append(user_pin)
        if self.flags & TokenFlag.USER_PIN_LOCKED:
            raise pkcs11.exceptions.PinLocked()
        if user_pin is not pkcs11.PROTECTED_AUTH and user_pin != PIN:
            raise pkcs11.exceptions.PinIncorrect()
        return FakeSession(self.objects)


class FakeLib:
    def __init__(self, token: FakeToken) -> None:
        self.token = token

    def get_slots(self, token_present: bool = False) -> list[FakeToken]:
        return [self.token]


@pytest.fixture(scope="module")
def ca(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return make_ca(tmp_path_factory.mktemp("ca"))


@pytest.fixture
def inputs(tmp_path: Path) -> list[Path]:
    return [make_pdf(tmp_path / "in" / f"tp{i}.pdf", pages=1) for i in range(3)]


def _plug(monkeypatch: pytest.MonkeyPatch, token: FakeToken) -> None:
    monkeypatch.setattr(provider, "open_module", lambda _path: FakeLib(token))


def _sign(token: FakeToken, files: list[Path], out: Path, pin: str | None = PIN, **kwargs: Any) -> Any:
    return provider.sign_with_token(
        "fake.so", files, out, SigningSettings(), pin=pin, cert_id=CERT_ID, **kwargs
    )


def test_locked_token_stops_before_asking_the_token(ca, inputs, tmp_path, monkeypatch):
    token = FakeToken(ca, READY | TokenFlag.USER_PIN_LOCKED)
    _plug(monkeypatch, token)
    with pytest.raises(PinLockedError) as info:
        _sign(token, inputs, tmp_path / "out")
    assert token.logins == []  # no login attempt on a locked token
    assert "CA" in info.value.hint


def test_final_try_is_refused_for_scripts_and_warned_otherwise(ca, inputs, tmp_path, monkeypatch):
    token = FakeToken(ca, READY | TokenFlag.USER_PIN_FINAL_TRY)
    _plug(monkeypatch, token)
    with pytest.raises(PinFinalTryError):
        _sign(token, inputs, tmp_path / "out", allow_final_try=False)
    assert token.logins == []
    result = _sign(token, inputs[:1], tmp_path / "out")
    assert [w["code"] for w in result.summary()["warnings"]] == ["pin_final_try"]
    assert "MỘT lần" in result.summary()["warnings"][0]["message"]


def test_count_low_is_a_warning(ca, inputs, tmp_path, monkeypatch):
    token = FakeToken(ca, READY | TokenFlag.USER_PIN_COUNT_LOW)
    _plug(monkeypatch, token)
    result = _sign(token, inputs[:1], tmp_path / "out")
    assert result.summary()["signed"] == 1
    assert [w["code"] for w in result.summary()["warnings"]] == ["pin_count_low"]


def test_always_authenticate_key_gets_the_pin_for_every_signature(ca, inputs, tmp_path, monkeypatch):
    token = FakeToken(ca, always_authenticate=True)
    _plug(monkeypatch, token)
    result = _sign(token, inputs, tmp_path / "out")
    assert result.summary()["signed"] == 3 and result.summary()["logins"] == 1
    assert token.logins == [PIN]  # one C_Login for the batch ...
    assert token.sign_calls == [PIN, PIN, PIN]  # ... and the context-specific PIN per signature
    roots = load_trust_roots([ca.pem_path])
    for row in result.files:
        (status,) = verify_pdf(row.out, roots)
        assert status.valid and status.trusted
    assert "Signature is Valid" in pdfsig(Path(result.files[0].out))


def test_rejected_second_login_is_not_retried_on_the_next_files(ca, inputs, tmp_path, monkeypatch):
    token = FakeToken(ca, always_authenticate=True)
    token.reject_context_pin = True
    _plug(monkeypatch, token)
    result = _sign(token, inputs, tmp_path / "out")
    assert [f.ok for f in result.files] == [False, False, False]
    assert result.stopped["code"] == "pin_incorrect"
    assert len(token.sign_calls) == 1  # the PIN went to the token once, never again


def test_token_pulled_out_mid_batch_keeps_signed_files_and_resumes(ca, inputs, tmp_path, monkeypatch):
    token = FakeToken(ca)
    token.remove_after = 1
    _plug(monkeypatch, token)
    originals = [p.read_bytes() for p in inputs]
    out = tmp_path / "out"
    result = _sign(token, inputs, out)
    assert [f.ok for f in result.files] == [True, False, False]
    assert result.stopped["code"] == "token_removed"
    assert [f.error["code"] for f in result.files[1:]] == ["token_removed", "token_removed"]
    assert len(token.sign_calls) == 2  # the third file was not attempted
    assert sorted(p.name for p in out.iterdir()) == ["tp0.pdf"]  # no partial output
    assert [p.read_bytes() for p in inputs] == originals
    first = (out / "tp0.pdf").read_bytes()

    reinserted = FakeToken(ca)
    reinserted.key, reinserted.objects = token.key, token.objects
    token.remove_after = None
    _plug(monkeypatch, reinserted)
    again = _sign(reinserted, inputs, out, resume=True)
    assert [(f.ok, f.skipped) for f in again.files] == [(True, True), (True, False), (True, False)]
    assert (out / "tp0.pdf").read_bytes() == first  # a signed file is never rewritten
    for name in ("tp1.pdf", "tp2.pdf"):
        assert verify_pdf(out / name)[0].intact


def test_cancel_stops_after_the_current_file(ca, inputs, tmp_path, monkeypatch):
    token = FakeToken(ca)
    _plug(monkeypatch, token)
    cancel = threading.Event()
    result = provider.sign_with_token(
        "fake.so", inputs, tmp_path / "out", SigningSettings(), pin=PIN, cert_id=CERT_ID,
        progress=lambda done, _total, _row: cancel.set(), cancel=cancel,
    )  # fmt: skip
    assert [f.ok for f in result.files] == [True, False, False]
    assert result.files[2].error["code"] == "signing_cancelled"


def test_pin_pad_token_logs_in_without_a_pin(ca, inputs, tmp_path, monkeypatch):
    token = FakeToken(ca, READY | TokenFlag.PROTECTED_AUTHENTICATION_PATH)
    _plug(monkeypatch, token)
    result = _sign(token, inputs[:1], tmp_path / "out", pin=None)
    assert result.files[0].ok
    assert token.logins == [pkcs11.PROTECTED_AUTH]


def test_missing_pin_is_asked_for_not_sent_empty(ca, inputs, tmp_path, monkeypatch):
    token = FakeToken(ca)
    _plug(monkeypatch, token)
    with pytest.raises(PinRequiredError):
        _sign(token, inputs[:1], tmp_path / "out", pin=None)
    assert token.logins == []


def test_key_with_a_mismatching_id_is_found_by_its_rsa_modulus(ca, inputs, tmp_path, monkeypatch):
    token = FakeToken(ca)
    key = token.objects[1]
    key[Attribute.ID] = b"\x99"  # the CA's tool wrote a different CKA_ID on the key
    key[Attribute.MODULUS] = token.key.public_key().public_numbers().n.to_bytes(256, "big")
    _plug(monkeypatch, token)
    result = _sign(token, inputs[:1], tmp_path / "out")
    assert result.files[0].ok
    (status,) = verify_pdf(result.files[0].out, load_trust_roots([ca.pem_path]))
    assert status.valid and status.trusted


def test_certificate_without_its_key_is_a_known_error(ca, inputs, tmp_path, monkeypatch):
    from signing.errors import KeyNotFoundError

    token = FakeToken(ca)
    token.objects[1][Attribute.ID] = b"\x99"  # and no modulus to match it by
    _plug(monkeypatch, token)
    with pytest.raises(KeyNotFoundError):
        _sign(token, inputs[:1], tmp_path / "out")
