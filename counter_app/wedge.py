"""Handheld 2D readers that type the ID card payload like a keyboard (HID keyboard wedge).

Pure logic, no Qt: the event filter in `ui/` feeds it keystrokes and acts on what it returns.

Usage from an event filter installed on the intake window (any text field or none)::

    wedge = WedgeBuffer()                      # one per window
    # on every KeyPress: the key's text ("" for keys without text), Enter as "\\r",
    # Backspace as "\\b", and a monotonic timestamp in milliseconds (event.timestamp()).
    outcome = wedge.feed(key_text, timestamp_ms)
    if outcome is None:       let the key through (ordinary typing, or a burst still arriving)
    elif outcome.consume:     swallow the key (the Enter that ends a burst, or the reader's second Enter)
    if outcome and outcome.result:
        result.kind == "citizen_id":     fill the intake form from result.citizen (mind result.citizen.warnings)
        result.kind == "ime_mangled":    show result.error (tell the officer to switch Unikey/EVKey off)
        result.kind == "reader_not_unicode": show result.error (the reader typed "?" for Vietnamese letters)
        result.kind == "not_citizen_id": show result.error (a code was scanned, but not an ID card)
        in every case remove the last result.typed_chars characters the burst typed into the
        focused field (the reader typed them there before we knew it was a reader).

A burst is a run of keystrokes each at most `max_gap_ms` after the previous one (a reader types a
key every 1-20 ms, a person every 80 ms or more), ending in Enter, at least `min_chars` long and
shaped like a payload (12 digits then `|`-separated fields). A second Enter within
`double_enter_ms` is the reader's trailing Enter and is swallowed. For readers set up without an
Enter suffix, call `wedge.idle(now_ms)` from a ~100 ms timer: a burst followed by `idle_ms` of
silence is classified the same way (then `consume` is False: there is no key to swallow).

Detecting a Vietnamese input method (Unikey/EVKey in Telex or VNI mode) that rewrote the keystrokes
is a heuristic on the text alone (`ime_signs`): residues of Telex keys (`aa`, `ow`, `dd`, `w`, a tone
key s/f/r/x/j ending a word) or VNI digits inside words, more than one tone mark in a syllable,
orphan combining marks, or a sex field that is "Nữ" written in Telex/VNI keys. A reader typing
UTF-8 bytes as Latin-1 characters is repaired silently; one typing "?" for Vietnamese letters is
reported (`reader_not_unicode`). Vietnamese
syllables never end in s/f/r/x/j and never contain digits, so a correct name shows none of these;
a single residue word is tolerated because some ethnic minority names (e.g. "Ksor") look like one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from counter_app.citizen import CitizenId, CitizenIdError, normalize_sex, parse_citizen_payload
from counter_app.errors import KnownError
from scanner.barcodes.text import repair_text

_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_TELEX_RESIDUE = re.compile(r"aa|aw|ee|oo|ow|uw|dd|w|[aeiouy][a-z]*[sfrxj]$", re.IGNORECASE)
# In a word that already carries Vietnamese letters "oo" is genuine ("soóc", "xoong").
_TELEX_RESIDUE_IN_VIETNAMESE = re.compile(r"aa|aw|ee|ow|uw|dd|w|[aeiouy][a-z]*[sfrxj]$", re.IGNORECASE)
_VNI_RESIDUE = re.compile(r"[^\W\d_][1-9]|[1-9][^\W\d_]")
_SEX_AS_KEYS = {"nuwx", "nuxw", "nu74", "nu47", "nuw", "nu7", "nux", "nu4"}
_PAYLOAD_SHAPE = re.compile(r"\s*[0-9]{12}\s*\|")
# Two residue words in the name (or one plus another sign) are needed: one can be a real name.
_MIN_SIGNS = 2


class InputMethodError(KnownError):
    """A Vietnamese input method rewrote what the reader typed: the text cannot be trusted."""

    code = "input_method_active"

    def __init__(self) -> None:
        super().__init__(
            "Bộ gõ tiếng Việt (Unikey/EVKey) đang bật nên nội dung máy đọc mã QR gõ vào bị sai.",
            "Tắt bộ gõ tiếng Việt (chuyển biểu tượng V sang E, thường bằng Ctrl+Shift hoặc Alt+Z) "
            "rồi quét lại thẻ. Thông tin sai chưa được lưu.",
        )


class ReaderEncodingError(KnownError):
    """The reader replaced Vietnamese letters by "?": it is not set up to type Unicode."""

    code = "reader_not_unicode"

    def __init__(self) -> None:
        super().__init__(
            "Máy đọc mã QR cầm tay gõ chữ tiếng Việt thành dấu «?»: máy chưa được cài đặt gửi Unicode.",
            "Nhờ cán bộ CNTT cài đặt máy đọc (chế độ bàn phím Unicode/UTF-8 theo hướng dẫn của hãng), "
            "hoặc đọc thẻ bằng camera. Thông tin sai chưa được lưu.",
        )


@dataclass(frozen=True)
class WedgeResult:
    kind: str  # "citizen_id" | "ime_mangled" | "reader_not_unicode" | "not_citizen_id"
    text: str
    typed_chars: int
    citizen: CitizenId | None = None
    error: KnownError | None = None


@dataclass(frozen=True)
class WedgeOutcome:
    consume: bool
    result: WedgeResult | None = None


def classify_burst(text: str, *, typed_chars: int | None = None) -> WedgeResult | None:
    """What a burst typed by a reader is; None when it is not shaped like an ID payload at all."""
    typed = len(text) if typed_chars is None else typed_chars
    # A reader that types UTF-8 bytes as single characters gives "LÃª VÄƒn": that is repairable.
    text = repair_text(text)
    if not _PAYLOAD_SHAPE.match(text) and text.count("|") < 6:
        return None
    fields = text.split("|")
    if any(mark in "".join(fields[2:6]) for mark in ("?", "\ufffd")):
        return WedgeResult("reader_not_unicode", text, typed, error=ReaderEncodingError())
    if len(ime_signs(text)) >= _MIN_SIGNS:
        return WedgeResult("ime_mangled", text, typed, error=InputMethodError())
    try:
        citizen = parse_citizen_payload(text)
    except CitizenIdError as error:
        return WedgeResult("not_citizen_id", text, typed, error=error)
    return WedgeResult("citizen_id", text, typed, citizen=citizen)


def ime_signs(text: str) -> list[str]:
    """Evidence that an input method rewrote `text`, one entry per sign (see the module docstring)."""
    fields = text.split("|")
    name = fields[2] if len(fields) > 2 else ""
    sex = fields[4] if len(fields) > 4 else ""
    address = fields[5] if len(fields) > 5 else ""
    signs: list[str] = []
    if normalize_sex(sex) is None and sex.strip().casefold() in _SEX_AS_KEYS:
        signs += ["sex", "sex"]  # unambiguous on its own
    for word in _words(name) + _words(address):
        decomposed = unicodedata.normalize("NFD", word)
        if unicodedata.combining(word[0]):
            signs += ["broken", "broken"]
        elif sum(ch in _TONE_MARKS for ch in decomposed) > 1:
            signs += ["two_tones", "two_tones"]
    # Addresses legitimately hold digits and foreign words ("P12", "Times City"): names only.
    for word in _words(name):
        if _VNI_RESIDUE.search(word):
            signs += ["vni", "vni"]
        elif word.isascii():
            if _TELEX_RESIDUE.search(word):
                signs.append("telex")  # weak: could be a minority or foreign name
        elif _TELEX_RESIDUE_IN_VIETNAMESE.search(_base_letters(word)):
            signs += ["telex", "telex"]  # a Vietnamese letter next to a Telex key: typed twice over
    return signs


def _words(text: str) -> list[str]:
    return re.findall(r"[^\s,./\-]+", unicodedata.normalize("NFC", text))


def _base_letters(word: str) -> str:
    """Residue is looked for in the ASCII letters a word was typed with (ư in "ưw" counts as u)."""
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if ch.isascii())


@dataclass
class WedgeBuffer:
    """Collects keystrokes and recognises reader bursts; see the module docstring for the protocol."""

    max_gap_ms: float = 35.0
    min_chars: int = 30
    double_enter_ms: float = 300.0
    idle_ms: float = 150.0
    _chars: list[str] = field(default_factory=list)
    _typed: int = 0
    _last_ms: float | None = None
    _burst_end_ms: float | None = None

    def feed(self, key_text: str, t_ms: float) -> WedgeOutcome | None:
        gap = None if self._last_ms is None else t_ms - self._last_ms
        self._last_ms = t_ms
        if key_text in ("\r", "\n"):
            return self._enter(t_ms, gap)
        self._burst_end_ms = None
        if gap is None or gap > self.max_gap_ms:
            self._chars, self._typed = [], 0  # a pause: whatever came before was typed by a person
        if key_text == "\b":
            if self._chars:
                self._chars.pop()
            self._typed = max(0, self._typed - 1)
        elif key_text:
            self._chars.append(key_text)
            self._typed += len(key_text)
        return None

    def idle(self, t_ms: float) -> WedgeOutcome | None:
        """Finish a burst from a reader set up without an Enter suffix; call from a ~100 ms timer.

        A fast burst followed by `idle_ms` of silence is classified like one ended by Enter
        (nothing to swallow: `consume` is False).
        """
        if self._last_ms is None or t_ms - self._last_ms < self.idle_ms or len(self._chars) < self.min_chars:
            return None
        text, typed = "".join(self._chars), self._typed
        self._chars, self._typed = [], 0
        result = classify_burst(text, typed_chars=typed)
        if result is None:
            return None
        self._burst_end_ms = self._last_ms
        return WedgeOutcome(consume=False, result=result)

    def _enter(self, t_ms: float, gap: float | None) -> WedgeOutcome | None:
        if self._burst_end_ms is not None and t_ms - self._burst_end_ms <= self.double_enter_ms:
            self._burst_end_ms = None
            return WedgeOutcome(consume=True)
        text, typed = "".join(self._chars), self._typed
        self._chars, self._typed = [], 0
        if gap is None or gap > self.max_gap_ms or len(text) < self.min_chars:
            return None
        result = classify_burst(text, typed_chars=typed)
        if result is None:
            return None
        self._burst_end_ms = t_ms
        return WedgeOutcome(consume=True, result=result)
