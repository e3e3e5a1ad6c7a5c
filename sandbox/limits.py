"""Bounded request bodies: sizes checked before and while reading, JSON depth before parsing.

The province runs the collector as a server, so a body is never trusted to be small or shallow:
a declared `Content-Length` over the limit is refused before one byte is read, a body that goes
on streaming is refused as soon as it passes the limit, and a document nested deeper than
`max_json_depth` is refused before the parser (which recurses) sees it. Every refusal is a 4xx
`ApiError`; nothing here lets a bad body reach a 500.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import Any

from starlette.requests import Request

from sandbox.errors import ApiError

MB = 1024 * 1024
_BRACKETS = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}
_NOT_BRACKETS = bytes(b for b in range(256) if b not in _BRACKETS)


@dataclass(frozen=True)
class BodyLimits:
    """Configurable bounds (`counter-app sandbox --max-body-mb/--max-json-depth`, `SandboxSettings`)."""

    max_json_bytes: int = 16 * MB  # a batch of 1,000 events is about 1 MB
    max_metadata_bytes: int = 1 * MB  # a dossier's metadata is a few kB
    max_request_bytes: int = 200 * MB  # a whole multipart dossier, every component included
    max_json_depth: int = 32  # the contract nests 3 deep; events' payloads a few more

    @classmethod
    def given(cls, **values: int | None) -> BodyLimits:
        """The defaults with the values given (None: keep the default); each must be positive."""
        chosen = {name: value for name, value in values.items() if value is not None}
        if any(value <= 0 for value in chosen.values()):
            raise ValueError("body limits must be positive")
        return replace(cls(), **chosen)


def too_large(limit: int, what: str, field: str = "", code: str = "body_too_large") -> ApiError:
    size = f"{limit // MB} MB" if limit >= MB else f"{max(1, limit // 1024)} KB"
    return ApiError(413, code, f"{what} vượt quá dung lượng cho phép ({size}).", field)


def check_declared_length(request: Request, limit: int, what: str) -> None:
    """Refuse before reading when the client says up front that the body is too big."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large(limit, what)


async def bounded_stream(request: Request, limit: int, what: str) -> AsyncIterator[bytes]:
    """The body's chunks, refused as soon as more than `limit` bytes have come (chunked bodies too)."""
    check_declared_length(request, limit, what)
    received = 0
    async for chunk in request.stream():
        received += len(chunk)
        if received > limit:
            raise too_large(limit, what)
        yield chunk


async def read_body(request: Request, limit: int, what: str) -> bytes:
    return b"".join([chunk async for chunk in bounded_stream(request, limit, what)])


def json_depth(raw: bytes) -> int:
    """How deeply `raw` nests arrays and objects, counted without parsing it."""
    # Linear in the body: escaped backslashes, then escaped quotes, are dropped (left to right, as a
    # parser reads them), so every quote left delimits a string and what lies between pairs is content.
    unescaped = raw.replace(b"\\\\", b"").replace(b'\\"', b"")
    outside_strings = b"".join(unescaped.split(b'"')[::2])
    brackets = outside_strings.translate(None, _NOT_BRACKETS)
    return max(accumulate(map(_BRACKETS.__getitem__, brackets)), default=0)


def parse_json(raw: bytes | str, limits: BodyLimits, field: str = "") -> Any:
    """Parse a JSON document within the depth limit; 400 for anything that is not valid UTF-8 JSON."""
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    if json_depth(data) > limits.max_json_depth:
        raise ApiError(400, "json_too_deep", f"JSON lồng nhau quá {limits.max_json_depth} cấp.", field)
    try:
        document = json.loads(data.decode("utf-8"))
        # Lone surrogates ("\ud800") parse but cannot be stored or sent on as UTF-8.
        json.dumps(document, ensure_ascii=False).encode("utf-8")
    except (ValueError, UnicodeError, RecursionError) as exc:
        raise ApiError(400, "invalid_json", "Nội dung không phải JSON UTF-8 hợp lệ.", field) from exc
    return document


async def read_json(request: Request, limits: BodyLimits) -> Any:
    return parse_json(await read_body(request, limits.max_json_bytes, "Nội dung yêu cầu"), limits)
