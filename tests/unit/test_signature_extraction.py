"""The tests' own reading of a signature's CMS out of /Contents (`tests/softhsm.extract_signatures`),
which the independent validators (`openssl cms`) are given: cut at the DER's own length, so a CMS
whose last byte is 0 is not read short (it made a timestamped signature's check fail about once
in 256 runs)."""

from __future__ import annotations

from asn1crypto import core

from tests.softhsm import der_length


def test_the_cms_is_cut_at_its_own_length_even_when_it_ends_with_zeros() -> None:
    for size in (10, 200, 70_000):  # short form, one and three length octets
        der = core.OctetString(b"\x01" * (size - 1) + b"\x00").dump()
        assert der.endswith(b"\x00")
        padded = der + b"\x00" * 4096  # /Contents is reserved larger than the CMS
        assert padded[: der_length(padded)] == der
