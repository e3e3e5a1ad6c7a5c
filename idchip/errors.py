"""The chip reader's known errors (stable codes, Vietnamese messages)."""

from __future__ import annotations

from common.errors import KnownError


class ChipError(KnownError):
    code = "chip_error"
    default_message = "Không đọc được chip của thẻ."
    default_hint = "Đặt thẻ nằm yên trên đầu đọc rồi thử lại."


def access_invalid(message: str, hint: str) -> ChipError:
    return ChipError(message, hint, code="chip_access_invalid")
