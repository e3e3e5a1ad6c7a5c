"""BAC and secure messaging against the worked example of ICAO Doc 9303 Part 11, Appendix D.

These vectors come from the standard, not from our card emulator, so the reader's cryptography
is checked against an independent source (the emulator in tests/virtual_emrtd.py shares it)."""

from __future__ import annotations

from datetime import date

import pytest

from idchip import bac, crypto
from idchip.access import AccessKey
from idchip.secure_messaging import SessionKeys

H = bytes.fromhex


def test_key_derivation_from_the_mrz():
    key = AccessKey("L898902C", date(1969, 8, 6), date(1994, 6, 23))
    assert key.mrz_information() == "L898902C<369080619406236"
    seed = key.seed()
    assert seed == H("239AB9CB282DAF66231DC5A4DF6BFBAE")
    assert crypto.derive_key(seed, 1) == H("AB94FDECF2674FDFB9B391F85D7F76F2")
    assert crypto.derive_key(seed, 2) == H("7962D9ECE03D1ACD4C76089DCE131543")


class _Appendix:
    """The chip of Appendix D.3: answers GET CHALLENGE and EXTERNAL AUTHENTICATE as printed there."""

    def __init__(self):
        self.sent: list[bytes] = []

    def transmit(self, apdu: bytes):
        self.sent.append(apdu)
        if apdu[1] == 0x84:
            return H("4608F91988702212"), 0x9000
        return H("46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449"), 0x9000


def test_mutual_authentication_gives_the_session_keys():
    chip = _Appendix()
    randoms = iter([H("781723860C06C226"), H("0B795240CB7049B01C19B33E32804F0B")])
    keys = bac.authenticate(
        chip, AccessKey("L898902C", date(1969, 8, 6), date(1994, 6, 23)), random=lambda n: next(randoms)
    )
    assert chip.sent[1][5:-1] == H(
        "72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A7"
    )
    assert keys.enc == H("979EC13B1CBFE9DCD01AB0FED307EAE5")
    assert keys.mac == H("F1CB1F1FB5ADF208806B89DC579DC1F8")
    assert keys.ssc == 0x887022120C06C226


def test_protected_commands_and_answers():
    keys = SessionKeys(
        H("979EC13B1CBFE9DCD01AB0FED307EAE5"), H("F1CB1F1FB5ADF208806B89DC579DC1F8"), 0x887022120C06C226
    )
    assert keys.wrap(0x00, 0xA4, 0x02, 0x0C, H("011E")) == H(
        "0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800"
    )
    assert keys.unwrap(H("990290008E08FA855A5D4C50A8ED"), 0x9000) == (b"", 0x9000)
    assert keys.wrap(0x00, 0xB0, 0x00, 0x00, b"", 4) == H("0CB000000D9701048E08ED6705417E96BA5500")
    data, sw = keys.unwrap(H("8709019FF0EC34F9922651990290008E08AD55CC17140B2DED"), 0x9000)
    assert (data, sw) == (H("60145F01"), 0x9000)


def test_a_tampered_answer_is_refused():
    from common.errors import KnownError

    keys = SessionKeys(
        H("979EC13B1CBFE9DCD01AB0FED307EAE5"), H("F1CB1F1FB5ADF208806B89DC579DC1F8"), 0x887022120C06C228
    )
    with pytest.raises(KnownError) as err:
        keys.unwrap(H("8709019FF0EC34F9922651990290008E08AD55CC17140B2DEE"), 0x9000)
    assert err.value.code == "chip_secure_messaging"
