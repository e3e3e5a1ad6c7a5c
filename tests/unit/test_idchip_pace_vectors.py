"""PACE (ECDH generic mapping) against published vectors, not against our own card emulator.

- ICAO Doc 9303 Part 11, Appendix G.1 ("ECDH based example": brainpoolP256r1, AES-128, the MRZ
  T22000129 / 640812 / 101031): every intermediate value and every APDU of the worked example,
  with the terminal's ephemeral keys of the example.
- ICAO Doc 9303 Part 11, Appendix G.2 ("DH based example": the RFC 5114 1024-bit group, AES-128,
  the same MRZ), as transcribed with the tests of the open-source Dart eMRTD reader dmrtd.
- A real passport's exchange (3DES, brainpoolP256r1) and a real ID card's first protected command
  (AES), as published with the tests of the open-source Go eMRTD reader gmrtd: the channel our
  reader opens is the one real chips speak.

The card emulator (tests/virtual_emrtd.py) shares the cipher primitives, so these are the checks
that both sides are right rather than merely agreeing with each other.
"""

from __future__ import annotations

from datetime import date

import pytest

from idchip import card_access, crypto, pace
from idchip.access import AccessKey
from idchip.pace_groups import MODP, GroupError
from idchip.secure_messaging import SessionKeys

H = bytes.fromhex

G1_CARD_ACCESS = H("31143012060A04007F0007020204020202010202010D")
G1_KEY = AccessKey("T22000129", date(1964, 8, 12), date(2010, 10, 31))
SK_MAP_IFD = 0x7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99
SK_DH_IFD = 0xA73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595
PK_MAP_IFD = H(
    "047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E"
    "544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D"
)
PK_MAP_IC = H(
    "04824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F57"
    "30D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C54"
)
H_POINT = H(
    "0460332EF2450B5D247EF6D3868397D398852ED6E8CAF6FFEEF6BF85CA57057FD5"
    "0840CA7415BAF3E43BD414D35AA4608B93A2CAF3A4E3EA4E82C9C13D03EB7181"
)
G_MAPPED = H(
    "048CED63C91426D4F0EB1435E7CB1D74A46723A0AF21C89634F65A9AE87A9265E2"
    "8C879506743F8611AC33645C5B985C80B5F09A0B83407C1B6A4D857AE76FE522"
)
PK_DH_IFD = H(
    "042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C"
    "3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB36462"
)
PK_DH_IC = H(
    "049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB"
    "7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094"
)
NONCE_Z = H("95A3A016522EE98D01E76CB6B98B42C3")
NONCE_S = H("3F00C4D39D153F2B2A214A078D899B22")
KS_ENC, KS_MAC = H("F5F0E35C0D7161EE6724EE513A0D9A7F"), H("FE251C7858B356B24514B3BD5F4297D1")
T_IFD, T_IC = H("C2B0BD78D94BA866"), H("3ABB9674BCE93C08")


class ScriptedChip:
    """A chip that answers a recorded exchange, and fails the test on any other command."""

    def __init__(self, script: list[tuple[str, str]]) -> None:
        self.script = [(H(c), H(r)) for c, r in script]
        self.sent = 0

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        expected, answer = self.script[self.sent]
        assert apdu.hex().upper() == expected.hex().upper(), f"command {self.sent}"
        self.sent += 1
        return answer[:-2], int.from_bytes(answer[-2:], "big")


def g1_exchange(last_answer: str = "7C0A8608" + T_IC.hex() + "9000") -> list[tuple[str, str]]:
    return [
        ("0022C1A412800A04007F0007020204020283010184010D", "9000"),
        ("10860000027C0000", "7C128010" + NONCE_Z.hex() + "9000"),
        ("10860000457C438141" + PK_MAP_IFD.hex() + "00", "7C438241" + PK_MAP_IC.hex() + "9000"),
        ("10860000457C438341" + PK_DH_IFD.hex() + "00", "7C438441" + PK_DH_IC.hex() + "9000"),
        ("008600000C7C0A8508" + T_IFD.hex() + "00", last_answer),
    ]


def the_example_keys():
    keys = iter([SK_MAP_IFD, SK_DH_IFD])
    return lambda order: next(keys)


def g1_info() -> card_access.PaceInfo:
    [info] = card_access.parse(G1_CARD_ACCESS)
    return info


def test_card_access_offers_ecdh_generic_mapping_with_aes_on_brainpool():
    info = g1_info()
    assert info.protocol == "0.4.0.127.0.7.2.2.4.2.2" and info.version == 2 and info.parameter_id == 13
    assert (info.agreement, info.mapping, info.cipher, info.key_bytes) == ("ECDH", "GM", "AES", 16)
    assert info.group().curve.name == "BRAINPOOLP256r1" and info.supported
    assert card_access.choose([info]) == info


def test_password_and_nonce():
    assert G1_KEY.mrz_information() == "T22000129364081251010318"
    assert G1_KEY.password() == H("7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD")
    k_pi = pace.password_key(G1_KEY, g1_info())
    assert k_pi == H("89DED1B26624EC1E634C1989302849DD")
    assert pace.decrypt_nonce(k_pi, NONCE_Z, "AES") == NONCE_S


def test_generic_mapping_key_agreement_and_tokens():
    info = g1_info()
    group = pace.group_of(info)
    assert group.encode(group.power(group.generator, SK_MAP_IFD)) == PK_MAP_IFD
    pk_map_ic = group.decode(PK_MAP_IC)
    assert group.encode(group.power(pk_map_ic, SK_MAP_IFD)) == H_POINT
    mapped = pace.map_generator(NONCE_S, SK_MAP_IFD, pk_map_ic, group)
    assert group.encode(mapped) == G_MAPPED
    assert group.encode(group.power(mapped, SK_DH_IFD)) == PK_DH_IFD
    secret = group.secret(group.power(group.decode(PK_DH_IC), SK_DH_IFD))
    assert secret == H("28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925")
    assert crypto.kdf(secret, 1, "AES", 16) == KS_ENC and crypto.kdf(secret, 2, "AES", 16) == KS_MAC
    assert pace.auth_token(KS_MAC, info, PK_DH_IC) == T_IFD
    assert pace.auth_token(KS_MAC, info, PK_DH_IFD) == T_IC


def test_the_whole_exchange_apdu_for_apdu():
    chip = ScriptedChip(g1_exchange())
    keys = pace.authenticate(chip, G1_KEY, g1_info(), private_scalar=the_example_keys())
    assert chip.sent == 5
    assert (keys.enc, keys.mac, keys.ssc, keys.cipher) == (KS_ENC, KS_MAC, 0, "AES")


@pytest.mark.parametrize("answer", ["6300", "7C0A8608" + "3ABB9674BCE93C09" + "9000"])
def test_a_refused_or_wrong_chip_token_is_access_denied(answer):
    """6300: the chip found our token wrong (another MRZ); a wrong chip token: not the chip that
    knows the password. Either way the officer sees BAC's words."""
    from common.errors import KnownError

    chip = ScriptedChip(g1_exchange(answer))
    with pytest.raises(KnownError) as err:
        pace.authenticate(chip, G1_KEY, g1_info(), private_scalar=the_example_keys())
    assert err.value.code == "chip_access_denied"
    assert "không khớp" in err.value.message


def test_a_point_off_the_curve_is_refused():
    with pytest.raises(GroupError):
        pace.group_of(g1_info()).decode(PK_MAP_IC[:-1] + bytes([PK_MAP_IC[-1] ^ 1]))


def test_a_real_passport_with_3des():
    """A New Zealand passport's exchange (ECDH-GM, 3DES, brainpoolP256r1), as recorded by gmrtd."""
    [info] = card_access.parse(H("31143012060a04007f0007020204020102010202010d"))
    assert (info.cipher, info.parameter_id) == ("3DES", 13)
    chip = ScriptedChip(
        [
            ("0022C1A412800A04007F0007020204020183010184010D", "9000"),
            ("10860000027c0000", "7c128010b88382812290017af1cc906ff00e7f4d9000"),
            (
                "10860000457c438141047706b2b6246ab4612229b8a11212ddba7fea0568c9c0975dee22c0e3dd3a3f03"
                "21e8afee836e373b570d24000d56fb195104d486e63321ff8c819dd5ee018dcb00",
                "7c43824104780b4edec9b926f9f964fad826d9990a667608d96ba7b397ae8609b6533e0d036d148365dd"
                "f4e5ff6611c2b62aa17fc9899f327bc929db543e7abd0ee724e4be9000",
            ),
            (
                "10860000457c43834104507a0156efae8fb8acc519036c0b2fe0393c878744c7f91878ee4e07a41412ba"
                "5c0753d68a44a91e9f57f3f992ab689e6c2065d3b2a27c3658a4fd632931ee3800",
                "7c438441042dbaf62e6fdfb31eb66f206493b9e7721586f0e5c93754d7bd5a884ca251ee4d720ab539a6"
                "0561bc46812fa289b58ac69f0c6e32adbaf7241049a31211f80f5b9000",
            ),
            ("008600000c7c0a85088d7c617d43efe09e00", "7c0a8608cb57047c809079f69000"),
        ]
    )
    keys = iter(
        [
            0x2808272C0EC20E01A3450030EF32855E9FEB5CB17719E985389B1CF47609E69F,
            0x8F89449052DF6C7983750C7B042C3CEA12B36819174424C7CD28153F7B70B402,
        ]
    )
    key = AccessKey("LM277954", date(1978, 12, 14), date(2027, 11, 15))
    session = pace.authenticate(chip, key, info, private_scalar=lambda order: next(keys))
    assert chip.sent == 5
    assert session.enc == H("430e4c8c38dfefaed92067b919a897f8")
    assert session.mac == H("c1bc1f075797b970b5a45e64a764b0cb")
    assert (session.ssc, session.cipher, session.block) == (0, "3DES", 8)


def test_aes_secure_messaging_as_a_real_id_card_speaks_it():
    """A German ID card's first protected command and answer after PACE (AES-128, SSC 0)."""
    keys = SessionKeys(H("a8e85e938514ec67ae33cda3d43d3c48"), H("27f1adeb705a049a305b0c619b14b9b3"), 0, "AES")
    assert keys.wrap(0x00, 0xA4, 0x02, 0x0C, H("011d")) == H(
        "0ca4020c1d87110147ee2e3bd440fb596167f2bb6cd6395e8e08a105747484314bcf00"
    )
    assert keys.unwrap(H("990290008e085f570baddd1002d2"), 0x9000) == (b"", 0x9000)
    assert keys.ssc == 2


def _g2(*lines: str) -> bytes:
    return H("".join(lines))


G2_PK_MAP_IFD = _g2(
    "23FB3749EA030D2A25B278D2A562047ADE3F01B74F17A15402CB7352CA7D2B3EB71C343DB13D1DEBCE9A3666DBCFC920",
    "B49174A602CB47965CAA73DC702489A44D41DB914DE9613DC5E98C94160551C0DF86274B9359BC0490D01B03AD54022D",
    "CB4F57FAD6322497D7A1E28D46710F461AFE710FBBBC5F8BA166F4311975EC6C",
)
G2_PK_MAP_IC = _g2(
    "78879F57225AA8080D52ED0FC890A4B25336F699AA89A2D3A189654AF70729E623EA5738B26381E4DA19E004706FACE7",
    "B235C2DBF2F38748312F3C98C2DD4882A41947B324AA1259AC22579DB93F7085655AF30889DBB845D9E6783FE42C9F24",
    "49400306254C8AE8EE9DD812A804C0B66E8CAFC14F84D8258950A91B44126EE6",
)
G2_MAPPED = _g2(
    "7C9CBFE98F9FBDDA8D143506FA7D9306F4CB17E3C71707AFF5E1C1A12370249684D64EE37AF44B8DBD9D45BF6023919C",
    "BAA027AB97ACC771666C8E98FF483301BFA4872DEDE9034EDFACB70814166B7F360676829B826BEA57291B5AD69FBC84",
    "EF1E779032A305803F74341793E869742D401325B37EE8565FFCDEE618342DC5",
)
G2_PK_DH_IFD = _g2(
    "907D89E2D425A178AA81AF4A7774EC8E388C115CAE67031E85EECE520BD911551B9AE4D04369F29A02626C86FBC674",
    "7CC7BC352645B6161A2A42D44EDA80A08FA8D61B76D3A154AD8A5A51786B0BC07147057871A922212C5F67F431731722",
    "36B7747D1671E6D692A3C7D40A0C3C5CE397545D015C175EB5130551EDBC2EE5D4",
)
G2_PK_DH_IC = _g2(
    "075693D9AE941877573E634B6E644F8E60AF17A0076B8B123D9201074D36152BD8B3A213F53820C42ADC79AB5D0AEEC3",
    "AEFB91394DA476BD97B9B14D0A65C1FC71A0E019CB08AF55E1F729005FBA7E3FA5DC41899238A250767A6D46DB974064",
    "386CD456743585F8E5D90CC8B4004B1F6D866C79CE0584E49687FF61BC29AEA1",
)
G2_T_IFD, G2_T_IC = H("B46DD9BD4D98381F"), H("917F37B5C0E6D8D1")


def test_dh_generic_mapping_of_appendix_g2_apdu_for_apdu():
    [info] = card_access.parse(H("31143012060A04007F00070202040102020102020100"))
    assert (info.agreement, info.mapping, info.cipher, info.parameter_id) == ("DH", "GM", "AES", 0)
    group = pace.group_of(info)
    assert group is MODP[0]
    k_pi = pace.password_key(G1_KEY, info)
    assert pace.decrypt_nonce(k_pi, H("854D8DF5827FA6852D1A4FA701CDDDCA"), "AES") == H(
        "FA5B7E3E49753A0DB9178B7B9BD898C8"
    )
    sk_map, sk_dh = 0x5265030F751F4AD18B08AC565FC7AC952E41618D, 0x89CCD99B0E8D3B1F11E1296DCA68EC53411CF2CA
    mapped = pace.map_generator(
        H("FA5B7E3E49753A0DB9178B7B9BD898C8"), sk_map, group.decode(G2_PK_MAP_IC), group
    )
    assert group.encode(mapped) == G2_MAPPED
    chip = ScriptedChip(
        [
            ("0022C1A412800A04007F00070202040102830101840100", "9000"),
            ("10860000027C0000", "7C128010854D8DF5827FA6852D1A4FA701CDDDCA9000"),
            (
                "10860000867C8183818180" + G2_PK_MAP_IFD.hex() + "00",
                "7C8183828180" + G2_PK_MAP_IC.hex() + "9000",
            ),
            (
                "10860000867C8183838180" + G2_PK_DH_IFD.hex() + "00",
                "7C8183848180" + G2_PK_DH_IC.hex() + "9000",
            ),
            # The chip's last answer also names the CVCA for terminal authentication (87): passed over.
            (
                "008600000C7C0A8508" + G2_T_IFD.hex() + "00",
                "7C1B8608" + G2_T_IC.hex() + "870F4445544553544356434130303030339000",
            ),
        ]
    )
    keys = iter([sk_map, sk_dh])
    session = pace.authenticate(chip, G1_KEY, info, private_scalar=lambda order: next(keys))
    assert chip.sent == 5
    assert session.enc == crypto.kdf(
        H(
            "6BABC7B3A72BCD7EA385E4C62DB2625BD8613B24149E146A629311C4CA6698E38B834B6A9E9CD7184BA8834AFF5043D4"
            "36950C4C1E7832367C10CB8C314D40E5990B0DF7013E64B4549E2270923D06F08CFF6BD3E977DDE6ABE4C31D55C0FA2E"
            "465E553E77BDF75E3193D3834FC26E8EB1EE2FA1E4FC97C18C3F6CFFFE2607FD"
        ),
        1,
        "AES",
        16,
    )


@pytest.mark.parametrize("parameter_id", [0, 1, 2])
def test_the_rfc_5114_groups_have_prime_order_subgroups(parameter_id):
    """The MODP numbers typed into pace_groups hold together: q divides p − 1 and g has order q."""
    group = MODP[parameter_id]
    assert (group.p - 1) % group.q == 0
    assert pow(group.g, group.q, group.p) == 1 and group.g != 1
