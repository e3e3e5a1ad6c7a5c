"""Fault injection for the sandbox portal: the ways a real portal and network let a counter down.

`--faults latency_ms=200,error_rate=0.1,drop_rate=0.05,timeout_rate=0.05,throttle_rate=0.05,
lost_response_rate=0.05` (also `retry_after_s`, `hang_s`, `seed`). Per request, at most one of:

- error:     503 with a JSON error, nothing stored;
- drop:      the connection is closed mid-answer, nothing stored;
- timeout:   the server hangs `hang_s` before doing anything, then closes the connection;
- throttle:  429 with `Retry-After: retry_after_s`, nothing stored;
- lost:      the request IS processed and stored, but the answer is swallowed: the server hangs
             `hang_s` and closes the connection (the case the idempotency key exists for).

Faults hit the portal contract, the collector and the OpenCPS stand-in (`/api/`, `/collector/`,
`/oauth/`, `/o/rest/`, `/dvcqg/`), never the sandbox's own `/sandbox/` inspection endpoints.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

Scope = dict[str, Any]
ASGIApp = Any

_FAULTED_PREFIXES = ("/api/", "/collector/", "/oauth/", "/o/rest/", "/dvcqg/")
_RATE_KINDS = ("error_rate", "drop_rate", "timeout_rate", "throttle_rate", "lost_response_rate")


@dataclass(frozen=True)
class FaultSpec:
    latency_ms: float = 0.0
    error_rate: float = 0.0
    drop_rate: float = 0.0
    timeout_rate: float = 0.0
    throttle_rate: float = 0.0
    lost_response_rate: float = 0.0
    retry_after_s: float = 1.0
    hang_s: float = 35.0
    seed: int | None = None

    def __post_init__(self) -> None:
        total = sum(getattr(self, k) for k in _RATE_KINDS)
        for kind in _RATE_KINDS:
            if not 0.0 <= getattr(self, kind) <= 1.0:
                raise ValueError(f"{kind} must be between 0 and 1")
        if total > 1.0 + 1e-9:
            raise ValueError("the fault rates add up to more than 1")
        if self.latency_ms < 0 or self.retry_after_s < 0 or self.hang_s < 0:
            raise ValueError("durations cannot be negative")

    @classmethod
    def parse(cls, spec: str) -> FaultSpec:
        """`kind=value,...`; an empty string means no faults."""
        values: dict[str, Any] = {}
        names = {f.name for f in fields(cls)}
        for item in filter(None, (part.strip() for part in spec.split(","))):
            name, sep, raw = item.partition("=")
            name = name.strip()
            if not sep or name not in names:
                raise ValueError(f"unknown fault {item!r}; known: {', '.join(sorted(names))}")
            values[name] = int(raw) if name == "seed" else float(raw)
        return cls(**values)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FaultSpec:
        names = {f.name for f in fields(cls)}
        unknown = set(data) - names
        if unknown:
            raise ValueError(f"unknown fault {', '.join(sorted(unknown))}")
        return cls(**data)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def merged(self, data: dict[str, Any]) -> FaultSpec:
        return replace(self, **FaultSpec.from_dict({**self.to_dict(), **data}).to_dict())


class _DropFilter(logging.Filter):
    """uvicorn logs every deliberately unfinished answer as an error; those are the point here."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "without completing response" not in record.getMessage()


logging.getLogger("uvicorn.error").addFilter(_DropFilter())


class FaultInjector:
    """ASGI middleware; `spec` can be replaced at run time (PUT /sandbox/faults)."""

    def __init__(self, app: ASGIApp, spec: FaultSpec | None = None) -> None:
        self.app = app
        self.counts: dict[str, int] = {
            k: 0 for k in ("requests", "error", "drop", "timeout", "throttle", "lost")
        }
        self.spec = spec or FaultSpec()

    @property
    def spec(self) -> FaultSpec:
        return self._spec

    @spec.setter
    def spec(self, value: FaultSpec) -> None:
        self._spec = value
        self._random = random.Random(value.seed)

    def _draw(self) -> str | None:
        spec = self._spec
        roll = self._random.random()
        for kind, rate in (
            ("error", spec.error_rate),
            ("drop", spec.drop_rate),
            ("timeout", spec.timeout_rate),
            ("throttle", spec.throttle_rate),
            ("lost", spec.lost_response_rate),
        ):
            if roll < rate:
                return kind
            roll -= rate
        return None

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(_FAULTED_PREFIXES):
            await self.app(scope, receive, send)
            return
        spec = self._spec
        self.counts["requests"] += 1
        if spec.latency_ms:
            await asyncio.sleep(spec.latency_ms / 1000)
        fault = self._draw()
        if fault:
            self.counts[fault] += 1
        if fault is None:
            await self.app(scope, receive, send)
        elif fault == "error":
            await _json(send, 503, {"error": {"code": "sandbox_fault", "message": "Lỗi máy chủ (giả lập)."}})
        elif fault == "throttle":
            await _json(
                send,
                429,
                {"error": {"code": "too_many_requests", "message": "Quá nhiều yêu cầu (giả lập)."}},
                [(b"retry-after", str(round(spec.retry_after_s, 3)).encode())],
            )
        elif fault == "drop":
            await _drop(send)
        elif fault == "timeout":
            await asyncio.sleep(spec.hang_s)
            await _drop(send)
        else:  # lost: process and store, swallow the answer

            async def swallow(message: dict[str, Any]) -> None:
                return None

            await self.app(scope, receive, swallow)
            await asyncio.sleep(spec.hang_s)
            await _drop(send)


async def _json(
    send: Any, status: int, body: dict[str, Any], headers: list[tuple[bytes, bytes]] = ()
) -> None:
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json; charset=utf-8"),
                (b"content-length", str(len(data)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": data})


async def _drop(send: Any) -> None:
    # Start an answer that promises a body and never send it: the server closes the connection
    # and the client sees a truncated response, as when a proxy or the network drops it.
    await send(
        {
            "type": "http.response.start",
            "status": 502,
            "headers": [(b"content-type", b"application/json"), (b"content-length", b"64")],
        }
    )
