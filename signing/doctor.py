"""The signing section of `counter-app doctor`: which token modules load and which tokens they see.

Its own module because it sits above `signing.provider` (the survey), which itself uses
`signing.tokens`: kept in `tokens`, it closed an import circle through a function-local import.
"""

from __future__ import annotations

from typing import Any

from signing.modules import process_bits
from signing.provider import survey


def diagnose(module_paths: list[str] | tuple[str, ...] | None = None) -> dict[str, Any]:
    """The `tokens` section of `counter-app doctor`: modules found, loaded, and their tokens."""
    reports = survey(tuple(module_paths or ()))
    tokens = sum(len(r.tokens) for r in reports)
    section: dict[str, Any] = {
        "ok": any(r.error is None for r in reports),
        "process_bits": process_bits(),
        "tokens_present": tokens,
        "modules": [r.as_dict() for r in reports],
    }
    if not reports:
        section["reason"] = (
            "Không tìm thấy thư viện PKCS#11 của token nào; ứng dụng sẽ ký bằng chứng thư DEMO (không có giá trị pháp lý)."
        )
    elif not section["ok"]:
        section["reason"] = "Không nạp được thư viện PKCS#11 nào (xem lỗi của từng thư viện)."
    return section
