"""Property-based tests of the payload parser: never a crash, and valid payloads round-trip."""

from __future__ import annotations

import random
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.citizen import FEMALE, MALE, PROVINCE_CODES, CitizenId, CitizenIdError, parse_citizen_payload
from tests.synthetic_idcard import synthetic_citizen

TODAY = date(2026, 11, 25)
VIETNAMESE = (
    st.text(
        alphabet=st.sampled_from(
            "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệóòỏõọốồổỗộớờởỡợúùủũụứừửữựíìỉĩịýỳỷỹỵ ,-/"
        ),
        min_size=1,
        max_size=40,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)


@given(st.text())
@settings(max_examples=400, deadline=None)
def test_any_text_gives_a_result_or_a_known_error(text: str) -> None:
    try:
        citizen = parse_citizen_payload(text, today=TODAY)
    except CitizenIdError as error:
        assert error.code == "not_citizen_id" and error.message
    else:
        assert len(citizen.id_number) == 12


PIPE_FIELDS = st.lists(
    st.one_of(st.text(max_size=15), st.text(alphabet="0123456789", min_size=8, max_size=12)), min_size=6
)


@given(PIPE_FIELDS)
@settings(max_examples=200, deadline=None)
def test_any_pipe_separated_fields_give_a_result_or_a_known_error(fields: list[str]) -> None:
    try:
        parse_citizen_payload("|".join(fields), today=TODAY)
    except CitizenIdError:
        pass


@st.composite
def citizens(draw: st.DrawFn) -> CitizenId:
    sex = draw(st.sampled_from([MALE, FEMALE]))
    birth = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2012, 12, 31)))
    issue = draw(st.dates(min_value=max(date(2016, 1, 1), birth), max_value=TODAY))
    digit = 2 * ((birth.year - 1900) // 100) + (0 if sex == MALE else 1)
    serial = draw(st.integers(0, 999_999))
    number = f"{draw(st.sampled_from(sorted(PROVINCE_CODES)))}{digit}{birth.year % 100:02d}{serial:06d}"
    old = draw(st.one_of(st.just(""), st.from_regex(r"[0-9]{9}", fullmatch=True)))
    extra = draw(st.lists(st.text(alphabet="0123456789abc", max_size=10), max_size=5))
    return CitizenId(number, old, draw(VIETNAMESE), birth, sex, draw(VIETNAMESE), issue, tuple(extra))


@given(citizens())
@settings(max_examples=300, deadline=None)
def test_valid_payloads_round_trip_without_warnings(citizen: CitizenId) -> None:
    parsed = parse_citizen_payload(citizen.to_payload(), today=TODAY)
    assert parsed == citizen
    assert parsed.warnings == ()
    assert parse_citizen_payload(parsed.to_payload(), today=TODAY) == parsed


def test_synthetic_test_citizens_are_valid() -> None:
    rng = random.Random(3)
    for _ in range(200):
        citizen = synthetic_citizen(rng)
        parsed = parse_citizen_payload(citizen.to_payload(), today=TODAY)
        assert parsed == citizen
        assert parsed.warnings == ()
