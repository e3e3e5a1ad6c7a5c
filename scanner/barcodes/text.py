"""Turning what a QR decoder returns into the text the code really holds.

ID card payloads are UTF-8, but decoders guess: zbar often reads UTF-8 bytes as Shift-JIS or
Latin-1 and hands back the mis-read characters (re-encoded as UTF-8), and some handheld readers
emit NULs. `repair_text` undoes those mis-readings, strips stray control characters and
normalises to NFC, so that "Lê Văn Lương" compares equal however it was composed.
"""

from __future__ import annotations

import unicodedata

# Encodings a decoder may have wrongly applied to UTF-8 bytes, most frequent first.
_MISREAD_AS = ("latin-1", "cp1252", "shift_jis", "cp932")
_KEEP_CONTROLS = {"\t", "\n", "\r"}


def decode_bytes(data: bytes) -> str:
    """The text of a payload given as raw bytes: UTF-8 (with or without BOM), else Latin-1."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Not UTF-8: Latin-1 maps every byte, and is the QR standard's default character set.
        text = data.decode("latin-1")
    return repair_text(text)


def repair_text(text: str) -> str:
    """Undo a Latin-1/cp1252/Shift-JIS mis-reading of UTF-8, drop NUL/control characters, NFC."""
    return _strip_controls(unicodedata.normalize("NFC", undo_misreading(text)))


def undo_misreading(text: str) -> str:
    """The UTF-8 text whose bytes were mis-read into `text`, or `text` when it was read right.

    A repair is accepted only when re-encoding gives valid UTF-8 with multi-byte sequences and
    no C1 control characters, which text in a genuine single-byte or Shift-JIS reading
    practically never does.
    """
    if text.isascii():
        return text
    for encoding in _MISREAD_AS:
        try:
            raw = text.encode(encoding)
            repaired = raw.decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if repaired != text and not repaired.isascii() and not _has_c1_controls(repaired):
            return repaired
    return text


def _has_c1_controls(text: str) -> bool:
    """A "repair" into C1 control characters (U+0080–U+009F) is not one: the text was already
    right ("Âƒ" re-encoded as cp1252 is valid UTF-8 for U+0083, which no card holds)."""
    return any("\x80" <= ch <= "\x9f" for ch in text)


def _strip_controls(text: str) -> str:
    """NULs (decoders' padding) go wherever they are; other control and format characters only
    around the text (readers' prefixes and suffixes): inside it they are the content's own, and the
    citizen parser refuses a name or an address holding one (an ESC, a U+202E override)."""
    text = text.replace("\x00", "")
    start, end = 0, len(text)
    while start < end and _noise(text[start]):
        start += 1
    while end > start and _noise(text[end - 1]):
        end -= 1
    return text[start:end]


def _noise(ch: str) -> bool:
    return ch not in _KEEP_CONTROLS and unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co")
