"""Repairing what decoders and wedge readers make of a UTF-8 payload."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from scanner.barcodes.text import decode_bytes, repair_text, undo_misreading

PAYLOAD = (
    "089202017098|352576714|Lê Văn Lương|23052002|Nữ|Tổ 10 Ấp An Thái, Hòa Bình, Chợ Mới, An Giang|31122021"
)


# Letters of Vietnamese text: a Latin letter (or đ) with only the marks Vietnamese uses. Other
# characters of the range include cp1252's symbols (ƒ, Š, Œ, ˆ…): text made of those can itself be
# a valid mis-reading of another text ("Ãƒ" is how "Ã" reads), so no repair can be exact for it.
_VIETNAMESE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b"}


def _vietnamese_letter(ch: str) -> bool:
    base, *marks = unicodedata.normalize("NFD", ch)
    return ((base.isascii() and base.isalpha()) or base in "đĐ") and set(marks) <= _VIETNAMESE_MARKS


VIETNAMESE_LETTERS = "".join(ch for ch in map(chr, range(0xC0, 0x1EFA)) if _vietnamese_letter(ch))


# Shift-JIS cannot represent every UTF-8 byte sequence, so a decoder only mis-reads some texts that way.
SJIS_READABLE = "089202017098||Lê Văn Lương|23052002|Nữ|Hòa Bình|31122021"


@pytest.mark.parametrize(
    ("text", "misread_as"), [(PAYLOAD, "latin-1"), (PAYLOAD, "cp1252"), (SJIS_READABLE, "shift_jis")]
)
def test_utf8_misread_by_a_decoder_is_repaired(text: str, misread_as: str) -> None:
    misread = text.encode("utf-8").decode(misread_as, errors="strict")
    assert misread != text
    assert repair_text(misread) == text


def test_correct_text_is_left_alone() -> None:
    assert repair_text(PAYLOAD) == PAYLOAD
    assert undo_misreading("Ärger über Café") == "Ärger über Café"  # real Latin-1 text stays
    assert repair_text("日本語のテキスト") == "日本語のテキスト"  # real Shift-JIS reading stays


def test_nul_and_control_characters_are_stripped_newlines_kept() -> None:
    assert repair_text(f"\x00{PAYLOAD}\x00\x1b") == PAYLOAD
    assert repair_text("line 1\nline 2\tend\r\n") == "line 1\nline 2\tend\r\n"
    assert repair_text("\ufeffabc\u200b") == "abc"


def test_text_is_normalised_to_nfc() -> None:
    assert repair_text(unicodedata.normalize("NFD", PAYLOAD)) == PAYLOAD


def test_bytes_are_utf8_with_or_without_bom_else_latin1() -> None:
    assert decode_bytes(PAYLOAD.encode("utf-8")) == PAYLOAD
    assert decode_bytes(b"\xef\xbb\xbf" + PAYLOAD.encode("utf-8")) == PAYLOAD
    assert decode_bytes("Café".encode("latin-1")) == "Café"
    assert decode_bytes(b"") == ""


@given(st.text())
@settings(deadline=None)  # a loaded CI machine must not make it flaky
def test_any_text_is_repaired_without_error(text: str) -> None:
    repaired = repair_text(text)
    assert repaired == unicodedata.normalize("NFC", repaired)
    assert "\x00" not in repaired


@given(st.text(alphabet=st.sampled_from(VIETNAMESE_LETTERS + " "), min_size=1))
@example("Âƒ")  # found by CI: itself a cp1252 reading of U+0083, which must not count as a repair
@settings(deadline=None)  # a loaded CI machine must not make it flaky
def test_non_ascii_text_misread_as_latin1_round_trips(text: str) -> None:
    text = unicodedata.normalize("NFC", text)
    assert repair_text(text.encode("utf-8").decode("latin-1")) == repair_text(text)
