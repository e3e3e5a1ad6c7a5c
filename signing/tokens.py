"""Tokens, their certificates and PIN state, and the logged-in session used for a batch.

Everything here talks to the PKCS#11 module and so must run on the token executor
(`signing.executor.TokenExecutor`): modules dislike concurrent sessions.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from cryptography import x509

from signing.certs import CertificateInfo, check_signing_certificate, describe_certificate
from signing.errors import (
    PIN_COUNT_LOW,
    PIN_FINAL_TRY,
    CertificateNotFoundError,
    KeyNotFoundError,
    PinChangeRequiredError,
    PinFinalTryError,
    PinIncorrectError,
    PinLockedError,
    PinRequiredError,
    PinWarning,
    SigningError,
    TokenAbsentError,
    TokenOperationError,
    TokenRemovedError,
)


@dataclass(frozen=True)
class PinState:
    """What PKCS#11 tells before login: flags only, never a remaining-tries counter."""

    state: str  # ok | count_low | final_try | locked | to_be_changed
    protected_auth: bool  # PIN pad: the PIN is typed on the reader, not in our dialog

    @property
    def warning(self) -> PinWarning | None:
        return {"count_low": PIN_COUNT_LOW, "final_try": PIN_FINAL_TRY}.get(self.state)


@dataclass(frozen=True)
class TokenInfo:
    module: str
    slot_id: int
    label: str
    serial: str
    manufacturer: str
    model: str
    pin: PinState
    certificates: tuple[CertificateInfo, ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        warning = self.pin.warning
        return {
            "module": self.module,
            "slot": self.slot_id,
            "label": self.label,
            "serial": self.serial,
            "manufacturer": self.manufacturer,
            "model": self.model,
            "pin_state": self.pin.state,
            "pin_warning": warning.as_dict() if warning else None,
            "protected_auth": self.pin.protected_auth,
            "certificates": [c.as_dict() for c in self.certificates],
        }


def pin_state(flags: int) -> PinState:
    from pkcs11 import TokenFlag

    if flags & TokenFlag.USER_PIN_LOCKED:
        state = "locked"
    elif flags & TokenFlag.USER_PIN_FINAL_TRY:
        state = "final_try"
    elif flags & TokenFlag.USER_PIN_COUNT_LOW:
        state = "count_low"
    elif flags & TokenFlag.USER_PIN_TO_BE_CHANGED:
        state = "to_be_changed"
    else:
        state = "ok"
    return PinState(state, bool(flags & TokenFlag.PROTECTED_AUTHENTICATION_PATH))


def translate_pkcs11_error(exc: BaseException) -> SigningError:
    """Map python-pkcs11 exceptions to the officer's words; unknown ones keep their cause."""
    import pkcs11.exceptions as p11

    if isinstance(exc, SigningError):
        return exc
    if isinstance(exc, p11.PinIncorrect | p11.PinInvalid | p11.PinLenRange):
        return PinIncorrectError()
    if isinstance(exc, p11.PinLocked):
        return PinLockedError()
    if isinstance(exc, p11.PinExpired):
        return PinChangeRequiredError()
    if isinstance(exc, p11.DeviceRemoved | p11.SessionClosed | p11.SessionHandleInvalid):
        return TokenRemovedError()
    if isinstance(exc, p11.TokenNotPresent | p11.TokenNotRecognised | p11.SlotIDInvalid | p11.NoSuchToken):
        return TokenAbsentError()
    return TokenOperationError(
        hint=f"{TokenOperationError.default_hint} (Chi tiết: {type(exc).__name__} {exc})"
    )


@contextlib.contextmanager
def pkcs11_errors() -> Iterator[None]:
    import pkcs11.exceptions as p11

    try:
        yield
    except p11.PKCS11Error as exc:
        raise translate_pkcs11_error(exc) from exc


def _read_certificates(session: Any) -> list[tuple[bytes, str, x509.Certificate]]:
    from pkcs11 import Attribute, ObjectClass

    found = []
    for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
        try:
            der = obj[Attribute.VALUE]
            cert = x509.load_der_x509_certificate(der)
        except Exception:  # a malformed or non-X.509 object must not hide the others
            continue
        found.append((bytes(obj[Attribute.ID] or b""), str(obj[Attribute.LABEL] or ""), cert))
    return found


_open_sessions = 0


def sessions_open() -> int:
    """Logged-in sessions open now (the watcher must not re-initialise the module under them)."""
    return _open_sessions


def present_tokens(lib: Any) -> list[tuple[Any, Any]]:
    """(slot, token) pairs of initialised tokens: a blank slot (SoftHSM2's free one) is not a token."""
    from pkcs11 import TokenFlag

    with pkcs11_errors():
        pairs = [(slot, slot.get_token()) for slot in lib.get_slots(token_present=True)]
        return [(slot, token) for slot, token in pairs if token.flags & TokenFlag.TOKEN_INITIALIZED]


def list_tokens(lib: Any, module_path: str) -> list[TokenInfo]:
    """Tokens present in the module, with their certificates (readable without login)."""
    tokens = []
    with pkcs11_errors():
        for slot, token in present_tokens(lib):
            certs: tuple[CertificateInfo, ...] = ()
            with contextlib.suppress(SigningError), pkcs11_errors(), token.open() as session:
                certs = tuple(
                    describe_certificate(cert, cert_id, label)
                    for cert_id, label, cert in _read_certificates(session)
                )
            tokens.append(
                TokenInfo(
                    module=module_path,
                    slot_id=int(slot.slot_id),
                    label=token.label,
                    serial=token.serial.decode("ascii", "replace").strip() if token.serial else "",
                    manufacturer=token.manufacturer_id,
                    model=token.model,
                    pin=pin_state(int(token.flags)),
                    certificates=certs,
                )
            )
    return tokens


def find_token(lib: Any, label: str | None = None) -> Any:
    """The token with this label, or the only token present."""
    tokens = [token for _slot, token in present_tokens(lib)]
    if label is not None:
        tokens = [t for t in tokens if t.label == label]
    if not tokens:
        raise TokenAbsentError()
    if len(tokens) > 1:
        raise SigningError(
            "Có nhiều token đang cắm vào máy.",
            "Chọn token cần dùng (tùy chọn --token NHÃN) hoặc rút bớt token.",
            code="token_ambiguous",
        )
    return tokens[0]


@dataclass
class TokenLogin:
    """An open, logged-in session with the key and certificate chosen for one batch."""

    session: Any
    key: Any
    cert: x509.Certificate
    cert_id: bytes
    chain: list[x509.Certificate]
    always_authenticate: bool
    use_raw_ecdsa: bool
    pin: str | None  # kept in memory for CKA_ALWAYS_AUTHENTICATE only, for this batch only
    pin_state: PinState


def check_pin_state(token: Any, *, allow_final_try: bool = True) -> PinState:
    """Refuse a locked token before asking for a PIN; the UI shows `state.warning` in the PIN dialog."""
    state = pin_state(int(token.flags))
    if state.state == "locked":
        raise PinLockedError()
    if state.state == "final_try" and not allow_final_try:
        raise PinFinalTryError()
    if state.state == "to_be_changed":
        raise PinChangeRequiredError()
    return state


def _choose_certificate(
    certs: list[tuple[bytes, str, x509.Certificate]], cert_id: bytes | None
) -> tuple[bytes, x509.Certificate]:
    if cert_id is not None:
        for found_id, _label, cert in certs:
            if found_id == cert_id:
                check_signing_certificate(cert)
                return found_id, cert
        raise CertificateNotFoundError(f"Không có chứng thư số mã {cert_id.hex()} trên token.")
    usable = [(i, c) for i, _label, c in certs if describe_certificate(c).choosable]
    if len(usable) == 1:
        return usable[0]
    if not usable:
        raise CertificateNotFoundError(
            "Token không có chứng thư số nào còn dùng để ký được.",
            "Xem danh sách chứng thư (lệnh tokens) để biết lý do; liên hệ CA để gia hạn.",
        )
    raise SigningError(
        "Token có nhiều chứng thư số dùng để ký được.",
        "Chọn chứng thư cần dùng (tùy chọn --cert-id).",
        code="certificate_ambiguous",
    )


def issuer_chain(cert: x509.Certificate, pool: list[x509.Certificate]) -> list[x509.Certificate]:
    """The issuers of `cert` found in `pool`, nearest first: only these go into the signature.

    Tokens often hold other certificates too (old, encryption-only); embedding them would
    publish unrelated identities in every signed file.
    """
    chain: list[x509.Certificate] = []
    current = cert
    while current.issuer != current.subject:
        issuer = next((c for c in pool if c.subject == current.issuer and c not in chain and c != cert), None)
        if issuer is None:
            break
        chain.append(issuer)
        current = issuer
    return chain


def _private_key_for(session: Any, cert_id: bytes, cert: x509.Certificate) -> Any:
    """The key by CKA_ID; for RSA, by modulus when a token's IDs do not match (seen in the field)."""
    from cryptography.hazmat.primitives.asymmetric import rsa
    from pkcs11 import Attribute, ObjectClass

    keys = list(session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY, Attribute.ID: cert_id}))
    if len(keys) == 1:
        return keys[0]
    public = cert.public_key()
    if not keys and isinstance(public, rsa.RSAPublicKey):
        modulus = public.public_numbers().n
        for key in session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY}):
            with contextlib.suppress(Exception):  # modules may refuse the attribute on some keys
                if int.from_bytes(bytes(key[Attribute.MODULUS]), "big") == modulus:
                    return key
    raise KeyNotFoundError()


@contextlib.contextmanager
def login(
    token: Any, pin: str | None, cert_id: bytes | None = None, *, allow_final_try: bool = True
) -> Iterator[TokenLogin]:
    """One login for the whole batch. A wrong PIN raises at once: never retried automatically."""
    from pkcs11 import PROTECTED_AUTH, Attribute, KeyType, Mechanism

    state = check_pin_state(token, allow_final_try=allow_final_try)
    if pin is None and not state.protected_auth:
        raise PinRequiredError()
    global _open_sessions
    with pkcs11_errors():
        session = token.open(user_pin=PROTECTED_AUTH if pin is None else pin)
    _open_sessions += 1
    try:
        with pkcs11_errors():
            certs = _read_certificates(session)
            chosen_id, cert = _choose_certificate(certs, cert_id)
            key = _private_key_for(session, chosen_id, cert)
            try:
                always_auth = bool(key[Attribute.ALWAYS_AUTHENTICATE])
            except Exception:  # attribute absent on older modules means "no"
                always_auth = False
            raw_ecdsa = (
                key.key_type == KeyType.EC and Mechanism.ECDSA_SHA256 not in token.slot.get_mechanisms()
            )
            chain = issuer_chain(cert, [c for _i, _label, c in certs])
        yield TokenLogin(
            session, key, cert, chosen_id, chain, always_auth, raw_ecdsa, pin if always_auth else None, state
        )
    finally:
        _open_sessions -= 1
        with contextlib.suppress(Exception):
            session.close()
