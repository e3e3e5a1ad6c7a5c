"""The chip reader's known errors (stable codes, Vietnamese messages)."""

from __future__ import annotations

from common.errors import KnownError


class ChipError(KnownError):
    code = "chip_error"
    default_message = "Không đọc được chip của thẻ."
    default_hint = "Đặt thẻ nằm yên trên đầu đọc rồi thử lại."


def access_invalid(message: str, hint: str) -> ChipError:
    return ChipError(message, hint, code="chip_access_invalid")


def access_denied() -> ChipError:
    """The chip refused the printed data (BAC or PACE): the officer checks the three fields."""
    return ChipError(
        "Chip không mở: số thẻ, ngày sinh hoặc ngày hết hạn không khớp với thẻ này.",
        "Kiểm tra ba thông tin in trên thẻ (ngày hết hạn ở mặt trước) rồi đọc lại.",
        code="chip_access_denied",
    )
