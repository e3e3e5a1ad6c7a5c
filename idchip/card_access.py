"""EF.CardAccess (ICAO 9303-11 §9.2): the SecurityInfos a chip shows before any access, among them
the PACEInfo entries that say which PACE variants it offers.

PACEInfo ::= SEQUENCE { protocol OBJECT IDENTIFIER, version INTEGER (2), parameterId INTEGER OPTIONAL }.
The protocol names key agreement, mapping and cipher (id-PACE-ECDH-GM-AES-CBC-CMAC-128, ...); the
parameter ID one of the standardized domain parameters (§9.5.1, 13 = brainpoolP256r1; `pace_groups`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from asn1crypto import core

from idchip import crypto, pace_groups

ID_PACE = "0.4.0.127.0.7.2.2.4"
AGREEMENTS = {
    "1": ("DH", "GM"),
    "2": ("ECDH", "GM"),
    "3": ("DH", "IM"),
    "4": ("ECDH", "IM"),
    "6": ("ECDH", "CAM"),
}
CIPHERS = {"1": (crypto.TDES, 16), "2": (crypto.AES, 16), "3": (crypto.AES, 24), "4": (crypto.AES, 32)}


class _SecurityInfo(core.Sequence):
    _fields: ClassVar = [
        ("protocol", core.ObjectIdentifier),
        ("required_data", core.Any),
        ("optional_data", core.Any, {"optional": True}),
    ]


class _SecurityInfos(core.SetOf):
    _child_spec = core.Any


@dataclass(frozen=True)
class PaceInfo:
    protocol: str  # the dotted OID
    version: int
    parameter_id: int | None

    @property
    def agreement(self) -> str | None:
        return AGREEMENTS.get(self._arc(-2), (None, None))[0]

    @property
    def mapping(self) -> str | None:
        return AGREEMENTS.get(self._arc(-2), (None, None))[1]

    @property
    def cipher(self) -> str | None:
        return CIPHERS.get(self._arc(-1), (None, 0))[0]

    @property
    def key_bytes(self) -> int:
        return CIPHERS.get(self._arc(-1), (None, 0))[1]

    def group(self) -> pace_groups.EcGroup | pace_groups.ModpGroup | None:
        return pace_groups.group(self.agreement, self.parameter_id)

    @property
    def supported(self) -> bool:
        """What this reader speaks: PACE v2, generic mapping over ECDH or DH, standardized domain
        parameters (a curve or an RFC 5114 group)."""
        return (
            self.version == 2
            and self.mapping == "GM"
            and self.cipher is not None
            and self.group() is not None
        )

    def oid_contents(self) -> bytes:
        return core.ObjectIdentifier(self.protocol).contents

    def _arc(self, index: int) -> str:
        tail = self.protocol[len(ID_PACE) + 1 :].split(".")
        return tail[index] if len(tail) == 2 else ""


def parse(data: bytes) -> list[PaceInfo]:
    """The PACEInfo entries of EF.CardAccess; other SecurityInfos (chip authentication, ...) and
    entries this reader cannot read are passed over. A file that is no SET is an error."""
    try:
        infos = _SecurityInfos.load(data, strict=False)
        items = list(infos)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"EF.CardAccess is not SecurityInfos: {exc}") from None
    found = []
    for item in items:
        try:
            info = _SecurityInfo.load(item.dump())
            protocol = info["protocol"].dotted
            if not protocol.startswith(ID_PACE + "."):
                continue
            version = info["required_data"].parse(core.Integer).native
            optional = info["optional_data"]
            parameter = optional.parse(core.Integer).native if optional.native is not None else None
        except (ValueError, TypeError, KeyError):
            continue  # an entry of another shape: not a PACEInfo we can use
        found.append(PaceInfo(protocol, version, parameter))
    return found


def choose(infos: list[PaceInfo]) -> PaceInfo | None:
    """The variant to run: elliptic curves before MODP groups, AES before 3DES (the longer key
    first), among those supported."""
    usable = [i for i in infos if i.supported]
    usable.sort(key=lambda i: (i.agreement != "ECDH", i.cipher != crypto.AES, -i.key_bytes))
    return usable[0] if usable else None
