"""Every signing error is a known error the officer can read: stable code, Vietnamese text."""

from __future__ import annotations

import re

import pytest

import signing.errors as errors
from common.errors import is_known_error
from signing.errors import SigningError


def _all_error_types() -> list[type[SigningError]]:
    found = [SigningError]
    queue = [SigningError]
    while queue:
        for sub in queue.pop().__subclasses__():
            found.append(sub)
            queue.append(sub)
    return [t for t in found if t.__module__ == errors.__name__]


@pytest.mark.parametrize("error_type", _all_error_types(), ids=lambda t: t.__name__)
def test_error_has_a_stable_code_and_vietnamese_message_and_hint(error_type):
    error = error_type()
    assert is_known_error(error)
    assert re.fullmatch(r"[a-z][a-z0-9_]*", error.code)
    assert error.message and error.hint
    # Vietnamese with diacritics, not ASCII-folded.
    assert re.search(
        r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùýĐ]", error.message + error.hint
    )
    assert error.as_dict()["code"] == error.code


def test_codes_are_unique():
    codes = [t.code for t in _all_error_types()]
    assert len(codes) == len(set(codes))


def test_pkcs11_failures_map_to_known_errors():
    import pkcs11.exceptions as p11

    from signing.tokens import translate_pkcs11_error

    assert translate_pkcs11_error(p11.PinIncorrect()).code == "pin_incorrect"
    assert translate_pkcs11_error(p11.PinLocked()).code == "pin_locked"
    assert translate_pkcs11_error(p11.DeviceRemoved()).code == "token_removed"
    assert translate_pkcs11_error(p11.TokenNotPresent()).code == "token_absent"
    other = translate_pkcs11_error(p11.FunctionFailed())
    assert other.code == "token_error" and "FunctionFailed" in other.hint
