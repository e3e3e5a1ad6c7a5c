"""Handheld reader (keyboard wedge) bursts: recognised, input-method damage detected, typing left alone.

No reader or input method exists here, so keystrokes are simulated: a reader types a key every few
ms; Telex/VNI damage is simulated by typing the payload's letters as the keys an input method uses
(what reaches the field when the reader and Unikey/EVKey disagree on who composes diacritics).
"""

from __future__ import annotations

import random
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.wedge import InputMethodError, WedgeBuffer, classify_burst, ime_signs
from tests.synthetic_idcard import synthetic_citizen

PAYLOAD = (
    "089202017098|352576714|Lê Văn Lương|23052002|Nam|Tổ 10 Ấp An Thái, Hòa Bình, Chợ Mới, An Giang|31122021"
)
FEMALE_PAYLOAD = (
    "001305000123||Nguyễn Thị Hồng Nhung|01012005|Nữ|Số 5 Lý Thường Kiệt, Phường Cửa Nam, Hà Nội|02022022"
)

_TELEX_LETTER = {"â": "aa", "ă": "aw", "ê": "ee", "ô": "oo", "ơ": "ow", "ư": "uw", "đ": "dd"}
_VNI_LETTER = {"â": "a6", "ă": "a8", "ê": "e6", "ô": "o6", "ơ": "o7", "ư": "u7", "đ": "d9"}
_TONES = {
    "\u0301": ("s", "1"),
    "\u0300": ("f", "2"),
    "\u0309": ("r", "3"),
    "\u0303": ("x", "4"),
    "\u0323": ("j", "5"),
}


def as_keys(text: str, mode: str) -> str:
    """`text` written as the keys a Telex or VNI input method composes it from (tone key at word end)."""
    table = _TELEX_LETTER if mode == "telex" else _VNI_LETTER
    words = []
    for word in text.split(" "):
        out, tone = [], ""
        for ch in word:
            base = unicodedata.normalize("NFD", ch)
            letter = unicodedata.normalize("NFC", "".join(c for c in base if c not in _TONES))
            tone = next((_TONES[c][0 if mode == "telex" else 1] for c in base if c in _TONES), tone)
            key = table.get(letter.lower(), letter)
            out.append(key.capitalize() if letter.isupper() else key)
        words.append("".join(out) + tone)
    return " ".join(words)


def mangle(payload: str, mode: str) -> str:
    fields = payload.split("|")
    for index in (2, 4, 5):
        fields[index] = as_keys(fields[index], mode)
    return "|".join(fields)


def test_as_keys_matches_the_input_methods() -> None:
    assert as_keys("Nguyễn Thị Lương", "telex") == "Nguyeenx Thij Luwowng"
    assert as_keys("Nguyễn Thị Lương", "vni") == "Nguye6n4 Thi5 Lu7o7ng"


def test_payload_burst_is_a_citizen_id() -> None:
    result = classify_burst(PAYLOAD)
    assert result is not None and result.kind == "citizen_id"
    assert result.citizen is not None and result.citizen.full_name == "Lê Văn Lương"
    assert result.typed_chars == len(PAYLOAD)


@pytest.mark.parametrize("payload", [PAYLOAD, FEMALE_PAYLOAD])
@pytest.mark.parametrize("mode", ["telex", "vni"])
def test_input_method_damage_is_detected(payload: str, mode: str) -> None:
    result = classify_burst(mangle(payload, mode))
    assert result is not None and result.kind == "ime_mangled"
    assert isinstance(result.error, InputMethodError)
    assert result.error.code == "input_method_active"
    assert "Unikey" in result.error.message and "Tắt bộ gõ" in result.error.hint
    assert result.citizen is None  # a corrupted name is never handed to the form


@pytest.mark.parametrize(
    "damaged_name",
    ["Nguyễnx Văn An", "Lê Văn Lươngw", "Nguyễễn Văn An", "Nguyê\u0303\u0301n Văn An", "Trần Vă8n An"],
)
def test_partial_composition_damage_is_detected(damaged_name: str) -> None:
    result = classify_burst(PAYLOAD.replace("Lê Văn Lương", damaged_name))
    assert result is not None and result.kind == "ime_mangled"


def test_female_sex_field_typed_as_keys_alone_is_enough() -> None:
    for keys in ("Nuwx", "Nu74"):
        result = classify_burst(FEMALE_PAYLOAD.replace("|Nữ|", f"|{keys}|"))
        assert result is not None and result.kind == "ime_mangled"


def test_correct_names_are_not_flagged() -> None:
    rng = random.Random(4)
    for _ in range(500):
        payload = synthetic_citizen(rng).to_payload()
        assert ime_signs(payload) == [], payload
        assert classify_burst(payload).kind == "citizen_id"


@pytest.mark.parametrize(
    "name",
    ["Ksor H'Luih", "Y Moan Ênuôl", "H'Hen Niê", "Rơ Mah Tuấn", "Siu Kpă", "Nông Thị Soóc", "Edward Nguyễn"],
)
def test_ethnic_minority_and_foreign_names_are_not_flagged(name: str) -> None:
    payload = PAYLOAD.replace("Lê Văn Lương", name).replace("Tổ 10", "Buôn Ko Sier, Times City P12")
    assert classify_burst(payload).kind == "citizen_id"


def test_other_codes_and_short_text_are_not_bursts_of_interest() -> None:
    assert classify_burst("8934588012112") is None  # a product barcode
    assert classify_burst("https://dichvucong.gov.vn/") is None


def test_id_shaped_text_that_does_not_parse_is_reported() -> None:
    result = classify_burst("089202017098|352576714|Lê Văn Lương|23052002|Nam")
    assert result is not None and result.kind == "not_citizen_id"
    assert result.error is not None and result.error.code == "not_citizen_id"


def feed_text(buffer: WedgeBuffer, text: str, start_ms: float, step_ms: float) -> list:
    outcomes = []
    for index, ch in enumerate(text):
        outcomes.append(buffer.feed(ch, start_ms + index * step_ms))
    return outcomes


def test_reader_burst_with_double_enter() -> None:
    buffer = WedgeBuffer()
    outcomes = feed_text(buffer, PAYLOAD, 1000, 4)
    assert all(o is None for o in outcomes)  # the keys go through while the burst arrives
    end = 1000 + len(PAYLOAD) * 4
    first = buffer.feed("\r", end)
    assert first is not None and first.consume and first.result is not None
    assert first.result.kind == "citizen_id" and first.result.typed_chars == len(PAYLOAD)
    second = buffer.feed("\r", end + 8)
    assert second is not None and second.consume and second.result is None
    assert buffer.feed("\r", end + 2000) is None  # a later Enter is the officer's own


def test_person_typing_the_same_text_is_left_alone() -> None:
    buffer = WedgeBuffer()
    assert all(o is None for o in feed_text(buffer, PAYLOAD + "\r", 0, 120))


def test_typing_then_a_burst_in_the_same_field() -> None:
    buffer = WedgeBuffer()
    feed_text(buffer, "ghi chú ", 0, 150)
    feed_text(buffer, PAYLOAD, 5000, 3)
    outcome = buffer.feed("\r", 5000 + len(PAYLOAD) * 3)
    assert outcome is not None and outcome.result is not None
    assert outcome.result.text == PAYLOAD  # the officer's words are not part of the payload


def test_backspaces_from_an_input_method_are_followed() -> None:
    buffer = WedgeBuffer()
    damaged = PAYLOAD.replace("Lương", "Luong")
    keys = [*damaged[: damaged.index("Luong")], "L", "u", "o", "\b", "\b", "ư", "ơ", "n", "g"]
    keys += list(damaged[damaged.index("Luong") + 5 :])
    for index, key in enumerate(keys):
        buffer.feed(key, index * 2.0)
    outcome = buffer.feed("\r", len(keys) * 2.0)
    assert outcome is not None and outcome.result is not None
    assert outcome.result.text == PAYLOAD
    assert outcome.result.typed_chars == len(PAYLOAD)


def test_damaged_burst_through_the_buffer() -> None:
    buffer = WedgeBuffer()
    text = mangle(FEMALE_PAYLOAD, "telex")
    feed_text(buffer, text, 0, 5)
    outcome = buffer.feed("\n", len(text) * 5)
    assert outcome is not None and outcome.consume
    assert outcome.result is not None and outcome.result.kind == "ime_mangled"


@given(st.text())
@settings(deadline=None)  # a loaded CI machine must not make it flaky
def test_any_burst_text_is_classified_without_error(text: str) -> None:
    result = classify_burst(text)
    assert result is None or result.kind in {
        "citizen_id",
        "ime_mangled",
        "reader_not_unicode",
        "not_citizen_id",
    }


@given(st.lists(st.tuples(st.sampled_from(["a", "ữ", "|", "1", "\b", "\r", "\n", ""]), st.floats(0, 500))))
@settings(deadline=None)  # a loaded CI machine must not make it flaky
def test_any_key_sequence_is_handled(keys: list[tuple[str, float]]) -> None:
    buffer, now = WedgeBuffer(), 0.0
    for key, gap in keys:
        now += gap
        outcome = buffer.feed(key, now)
        assert outcome is None or outcome.consume


def test_reader_without_enter_suffix_is_finished_by_silence() -> None:
    buffer = WedgeBuffer()
    feed_text(buffer, PAYLOAD, 0, 4)
    last = (len(PAYLOAD) - 1) * 4
    assert buffer.idle(last + 50) is None  # still arriving, maybe
    outcome = buffer.idle(last + 200)
    assert outcome is not None and not outcome.consume
    assert outcome.result is not None and outcome.result.kind == "citizen_id"
    assert buffer.idle(last + 400) is None  # reported once


def test_silence_after_ordinary_typing_reports_nothing() -> None:
    buffer = WedgeBuffer()
    feed_text(buffer, PAYLOAD, 0, 120)
    assert buffer.idle(len(PAYLOAD) * 120 + 1000) is None


def test_reader_typing_utf8_bytes_as_latin1_is_repaired() -> None:
    result = classify_burst(PAYLOAD.encode("utf-8").decode("latin-1"))
    assert result is not None and result.kind == "citizen_id"
    assert result.citizen is not None and result.citizen.full_name == "Lê Văn Lương"


def test_reader_typing_question_marks_for_vietnamese_letters_is_reported() -> None:
    lossy = PAYLOAD.encode("ascii", errors="replace").decode("ascii")
    assert "L? V?n L??ng" in lossy
    result = classify_burst(lossy)
    assert result is not None and result.kind == "reader_not_unicode"
    assert result.error is not None and result.error.code == "reader_not_unicode"
    assert result.citizen is None
