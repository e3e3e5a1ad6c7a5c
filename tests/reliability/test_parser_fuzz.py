"""Bounded fuzzing (Hypothesis) of everything that parses outside input: the ID QR payload, the
MRZ, QR bytes, image files and PDFs, the configuration file. Each either gives its result or a
known error (`KnownError`), never another exception. Sized to run in about a minute."""

from __future__ import annotations

import io
import random
import string
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PIL import Image

from common.errors import KnownError
from counter_app.citizen import CitizenIdError, parse_citizen_payload
from counter_app.config import load_config
from counter_app.paths import AppPaths
from scanner.barcodes.mrz import MrzError, find_td1_lines, parse_td1
from scanner.barcodes.reader import load_gray_images
from scanner.barcodes.text import decode_bytes
from scanner.devices.files import import_files
from scanner.pdf.sanitize import sanitise_pdf
from scanner.pdf.sources import read_sources
from tests import hostile
from tests.reliability.test_citizen_data import GOOD

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
FIELD_TEXT = st.text(st.characters(codec="utf-8"), max_size=40)


@st.composite
def payloads(draw: st.DrawFn) -> str:
    """Mostly near-valid payloads: a good one with fields replaced, added, dropped or garbled."""
    fields = GOOD.split("|")
    for _ in range(draw(st.integers(0, 3))):
        index = draw(st.integers(0, len(fields) - 1))
        fields[index] = draw(st.one_of(FIELD_TEXT, st.text("0123456789", max_size=14)))
    if draw(st.booleans()):
        fields = fields[: draw(st.integers(0, len(fields)))]
    text = "|".join(fields)
    return draw(st.sampled_from(["", "\x00", "\r\n", "\u202e"])) + text


@FUZZ
@given(st.one_of(payloads(), st.text(max_size=300)))
# Found by CI: a private-use character as the whole name was taken.
@example("089202017098|352576714|\U000f0000|23052002|Nam|Số 12, Ấp Tân Hòa, Xã Phú Mỹ|31122021")
def test_any_payload_gives_a_citizen_or_a_citizen_id_error(text: str) -> None:
    try:
        citizen = parse_citizen_payload(text)
    except CitizenIdError:
        return
    assert len(citizen.id_number) == 12
    assert all(ch.isprintable() or ch == " " for ch in citizen.full_name + citizen.address)


@FUZZ
@given(st.binary(max_size=400))
def test_any_qr_bytes_decode_to_text(data: bytes) -> None:
    assert isinstance(decode_bytes(data), str)


MRZ_CHARS = string.ascii_uppercase + string.digits + "<"


@FUZZ
@given(st.lists(st.text(MRZ_CHARS, min_size=25, max_size=35), min_size=1, max_size=4), st.text(max_size=30))
def test_any_mrz_text_gives_a_record_or_a_known_error(lines: list[str], noise: str) -> None:
    text = noise + "\n" + "\n".join(lines)
    found = find_td1_lines(text)
    try:
        parse_td1(text)
    except MrzError:
        pass
    assert found is None or len(found) == 3


def _image_bytes(kind: str, width: int, height: int) -> bytes:
    out = io.BytesIO()
    image = Image.new("L" if kind != "JPEG" else "RGB", (width, height), 200)
    image.save(out, kind)
    return out.getvalue()


@st.composite
def mutated_files(draw: st.DrawFn) -> bytes:
    """A real small image or PDF, then cut, flipped or with its header's numbers rewritten."""
    kind = draw(st.sampled_from(["PNG", "JPEG", "TIFF", "BMP", "GIF", "WEBP", "PDF"]))
    if kind == "PDF":
        data = bytearray(hostile.plain_pdf(draw(st.integers(1, 2))))
    else:
        data = bytearray(_image_bytes(kind, draw(st.integers(1, 64)), draw(st.integers(1, 64))))
    rng = random.Random(draw(st.integers(0, 2**32)))
    for _ in range(draw(st.integers(0, 6))):
        spot = rng.randrange(len(data))
        data[spot] = rng.randrange(256)
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


def _known_or_nothing(call) -> None:  # type: ignore[no-untyped-def]
    try:
        call()
    except KnownError:
        pass


@FUZZ
@given(st.one_of(mutated_files(), st.binary(max_size=200)))
def test_any_file_read_as_an_id_image_gives_pictures_or_a_known_error(tmp_path: Path, data: bytes) -> None:
    path = hostile.write(tmp_path, "the.bin", data)
    _known_or_nothing(lambda: load_gray_images(path))


@FUZZ
@given(mutated_files())
def test_any_file_read_as_a_page_gives_pages_or_a_known_error(tmp_path: Path, data: bytes) -> None:
    suffix = ".pdf" if data[:5] == b"%PDF-" else ".png"
    path = hostile.write(tmp_path, f"page{suffix}", data)
    _known_or_nothing(lambda: [page.size for page in read_sources([path]) if hasattr(page, "size")])
    _known_or_nothing(lambda: list(import_files([path])))


@FUZZ
@given(mutated_files())
def test_any_pdf_is_disarmed_or_refused(data: bytes) -> None:
    try:
        clean = sanitise_pdf(data, "x.pdf")
    except KnownError:
        return
    assert clean.pages >= 1


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from(["office", "limits", "scanner", "portal", "ui", "lock", "pdf"]),
        st.dictionaries(
            st.sampled_from(
                ["code", "max_image_pixels", "dpi", "url", "language", "all", "ocr", "timeout_s"]
            ),
            st.one_of(
                st.integers(-(2**70), 2**70),
                st.text(max_size=20),
                st.booleans(),
                st.floats(),
                st.lists(st.integers()),
            ),
        ),
    ),
    st.binary(max_size=60),
    st.booleans(),
)
def test_any_config_file_loads_with_issues_not_errors(
    tmp_path: Path, tables: dict, junk: bytes, spoil: bool
) -> None:
    import tomli_w

    paths = AppPaths(tmp_path / "d", tmp_path / "c", tmp_path / "l", tmp_path / "machine.toml")
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    try:
        text = tomli_w.dumps(tables).encode()
    except (ValueError, TypeError):
        text = b""
    paths.user_config.write_bytes(text + (junk if spoil else b""))
    paths.machine_config.write_bytes(junk)
    config = load_config(paths)
    assert 1_000_000 <= config.get("limits.max_image_pixels") <= 250_000_000
