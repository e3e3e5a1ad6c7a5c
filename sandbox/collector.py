"""The sandbox KPI collector: receives batches of the counter's events, idempotent by `event_id`.

`POST /collector/events` with `{"office_code", "events": [event, ...]}` (each event as in the
local log: event_id, seq, ts, kind, office_code, officer, dossier_ref, duration_ms, payload,
prev_hash, hash) answers `{"accepted", "duplicates", "last_seq"}`; sending the same batch again
accepts nothing new. `GET /collector/summary[?office=CODE]` totals what arrived;
`GET /collector/indicators[?from=&to=&by=office|day|month|procedure|officer]` computes the KPI
indicators across offices from it, by the rules the collector was given (`Indicators`: the
counter's own, plugged in by the entry point); `GET /collector/chain?office=CODE` re-walks one
office's hash chain. Where the events live is `collector_store.py`'s business (SQLite or PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from common import clock
from sandbox.collector_store import CollectorStore, CollectorUnavailable
from sandbox.errors import ApiError
from sandbox.limits import BodyLimits, read_json
from sandbox.store import VN_TZ

# (events as received, first day or None, last day or None, grouping) -> indicator rows as JSON.
Indicators = Callable[[list[dict[str, Any]], date | None, date | None, str], list[dict[str, Any]]]

MAX_BATCH = 1000
_REQUIRED = {"event_id": str, "seq": int, "ts": str, "kind": str, "office_code": str}
# Optional fields the indicators read: a wrong type stored today would break them later.
_OPTIONAL = {
    "officer": str,
    "dossier_ref": str,
    "duration_ms": int,
    "payload": dict,
    "prev_hash": str,
    "hash": str,
}
_MAX_TEXT = 200  # identifiers, kinds, stamps and hashes are far shorter
_MAX_SEQ = 2**63 - 1  # BIGINT


def _clean_text(value: str) -> bool:
    """Short, printable and storable: no NUL (PostgreSQL TEXT refuses it), no control characters."""
    return len(value) <= _MAX_TEXT and value.isprintable()


def _invalid(message: str, field: str = "") -> ApiError:
    return ApiError(422, "invalid_events", message, field)


def _check(event: Any, index: int) -> None:
    if not isinstance(event, dict):
        raise _invalid("Mỗi sự kiện phải là một đối tượng JSON.", f"events[{index}]")
    for name, kind in _REQUIRED.items():
        value = event.get(name)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise _invalid(f"Sự kiện thiếu hoặc sai trường {name}.", f"events[{index}].{name}")
    for name, kind in _OPTIONAL.items():
        value = event.get(name)
        if value is not None and (not isinstance(value, kind) or isinstance(value, bool)):
            raise _invalid(f"Sự kiện có trường {name} sai kiểu.", f"events[{index}].{name}")
    for name in (*_REQUIRED, *_OPTIONAL):
        value = event.get(name)
        if isinstance(value, str) and not _clean_text(value):
            raise _invalid(f"Trường {name} quá dài hoặc có ký tự điều khiển.", f"events[{index}].{name}")
    if not 0 <= event["seq"] <= _MAX_SEQ:
        raise _invalid("Số thứ tự sự kiện (seq) ngoài khoảng cho phép.", f"events[{index}].seq")


def _office_param(request: Request) -> str:
    office = request.query_params.get("office", "")
    if not _clean_text(office):
        raise _invalid("Mã đơn vị (office) không hợp lệ.", "office")
    return office


@contextmanager
def _available() -> Iterator[None]:
    """A lost database connection is a 503 the sender retries, not a crash of the handler."""
    try:
        yield
    except CollectorUnavailable as exc:
        raise ApiError(503, exc.code, exc.message) from exc


def collector_routes(
    store: CollectorStore,
    guard: Callable[[Request], None],
    indicators_of: Indicators | None = None,
    limits_of: Callable[[], BodyLimits] = BodyLimits,
) -> list[Route]:
    """`limits_of` gives the body limits at request time (the portal's settings may change them)."""

    async def receive_events(request: Request) -> JSONResponse:
        guard(request)
        body = await read_json(request, limits_of())
        events = body.get("events") if isinstance(body, dict) else None
        if not isinstance(events, list):
            raise _invalid("Thiếu danh sách events.", "events")
        if len(events) > MAX_BATCH:
            raise ApiError(413, "batch_too_large", f"Mỗi lần gửi tối đa {MAX_BATCH} sự kiện.", "events")
        for index, event in enumerate(events):
            _check(event, index)
        office = body.get("office_code", "")
        if not isinstance(office, str) or not _clean_text(office):
            raise _invalid("Mã đơn vị (office_code) không hợp lệ.", "office_code")
        offices = {e["office_code"] for e in events} or {office}
        with _available():
            accepted = store.insert_batch(events, clock.utc_now().astimezone(VN_TZ).isoformat())
            last = max(store.last_seq(office) for office in offices)
        return JSONResponse({"accepted": accepted, "duplicates": len(events) - accepted, "last_seq": last})

    async def summary(request: Request) -> JSONResponse:
        guard(request)
        with _available():
            return JSONResponse(store.summary(_office_param(request) or None))

    async def chain(request: Request) -> JSONResponse:
        guard(request)
        office = _office_param(request)
        if not office:
            raise _invalid("Thiếu mã đơn vị (office).", "office")
        with _available():
            return JSONResponse(store.verify_chain(office))

    async def indicators(request: Request) -> JSONResponse:
        """The province's view: Decision 766 indicators across offices, from the events received.

        The rules are the counter's own (`counter_app.kpi`), given as `indicators_of` by whoever
        starts the collector, so a figure means the same thing at the counter and at the province
        without the sandbox importing the counter (two copies of the rules would drift apart).
        """
        guard(request)
        if indicators_of is None:
            raise ApiError(
                501, "indicators_unavailable", "Máy chủ thống kê này chưa được cấu hình để tính chỉ tiêu."
            )
        query = request.query_params
        try:
            start = date.fromisoformat(query["from"]) if "from" in query else None
            end = date.fromisoformat(query["to"]) if "to" in query else None
        except ValueError as exc:
            raise _invalid("Ngày không hợp lệ (YYYY-MM-DD).", "from/to") from exc
        by = query.get("by", "office")
        if by not in ("office", "day", "month", "procedure", "officer", "total"):
            raise _invalid(f"Không có cách nhóm «{by}».", "by")
        with _available():
            events = store.events()
        return JSONResponse({"by": by, "rows": indicators_of(events, start, end, by)})

    return [
        Route("/collector/events", receive_events, methods=["POST"]),
        Route("/collector/summary", summary),
        Route("/collector/indicators", indicators),
        Route("/collector/chain", chain),
    ]
