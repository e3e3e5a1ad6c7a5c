"""The sandbox portal's HTTP app (Starlette): exactly the contract of `docs/portal-api.yaml`.

Besides the portal contract it serves the KPI collector (`/collector/...`, see `collector.py`)
and inspection endpoints for trainers and tests (`/sandbox/...`). Handlers do their database
work synchronously on the event loop, so "is this key recorded? no: store dossier and key"
cannot interleave between two requests carrying the same key.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import Headers, UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from common import clock
from office_calendar import WorkingCalendar, load_overrides
from portal_contract.models import (
    API_PREFIX,
    IDEMPOTENCY_HEADER,
    REPLAYED_HEADER,
    AccountRequest,
    Capabilities,
    ContractError,
    SubmissionRequest,
)
from sandbox.catalog import PortalProcedure, load_procedures
from sandbox.collector import Indicators, collector_routes
from sandbox.collector_store import CollectorStore, open_collector_store
from sandbox.errors import ApiError
from sandbox.faults import FaultInjector, FaultSpec
from sandbox.limits import BodyLimits, bounded_stream, parse_json, read_json, too_large
from sandbox.progress import AutoProgress, move_as_asked, status_body
from sandbox.store import VN_TZ, SandboxStore

_CHUNK = 64 * 1024


@dataclass(frozen=True)
class SandboxSettings:
    allow_create_account: bool = True
    max_file_bytes: int = 20 * 1024 * 1024
    holidays: frozenset[date] = frozenset()  # days off besides the office calendar's
    calendar_overrides: str = ""  # the yearly override file (office_calendar.overrides)
    client_id: str = ""  # non-empty: /api/ and /collector/ require an OAuth2 bearer token
    client_secret: str = ""
    auto_progress_s: float = 0.0  # > 0: open dossiers move one status along after this long (demos)
    limits: BodyLimits = field(default_factory=BodyLimits)


def _fingerprint(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()


def _idempotency_key(request: Request) -> str:
    key = request.headers.get(IDEMPOTENCY_HEADER, "").strip()
    if not key or len(key) > 200:
        raise ApiError(400, "idempotency_key_required", f"Thiếu tiêu đề {IDEMPOTENCY_HEADER} hợp lệ.")
    return key


async def _json_body(request: Request, limits: BodyLimits) -> dict[str, Any]:
    body = await read_json(request, limits)
    if not isinstance(body, dict):
        raise ApiError(400, "invalid_json", "Nội dung yêu cầu phải là một đối tượng JSON.")
    return body


class _BoundedMultiPart(MultiPartParser):
    """Starlette's multipart parser with a limit per part, checked as the part's bytes arrive:
    a huge metadata part or file is refused at its limit, not spooled whole and then refused."""

    def __init__(self, headers: Headers, stream: Any, settings: SandboxSettings) -> None:
        super().__init__(
            headers, stream, max_files=200, max_fields=20, max_part_size=settings.limits.max_metadata_bytes
        )
        self.settings = settings
        self._part_bytes = 0

    def on_part_begin(self) -> None:
        super().on_part_begin()
        self._part_bytes = 0

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        self._part_bytes += end - start
        name = self._current_part.field_name[:40]
        if name == "metadata" and self._part_bytes > self.settings.limits.max_metadata_bytes:
            raise too_large(self.settings.limits.max_metadata_bytes, "Phần metadata của hồ sơ", name)
        if self._part_bytes > self.settings.max_file_bytes:
            raise too_large(self.settings.max_file_bytes, f"Tệp «{name}» của hồ sơ", name, "file_too_large")
        super().on_part_data(data, start, end)


def _replay(row: Any, fingerprint: str) -> JSONResponse:
    if row["fingerprint"] != fingerprint:
        raise ApiError(
            409,
            "idempotency_conflict",
            "Khóa chống gửi trùng đã được dùng cho một yêu cầu khác.",
        )
    return JSONResponse(json.loads(row["body"]), status_code=row["status"], headers={REPLAYED_HEADER: "true"})


class SandboxPortal:
    """State and handlers; `asgi` is the app to serve (faults wrapped around the routes)."""

    def __init__(
        self,
        store: SandboxStore | None = None,
        *,
        settings: SandboxSettings | None = None,
        faults: FaultSpec | None = None,
        procedures: dict[str, PortalProcedure] | None = None,
        collector: CollectorStore | None = None,
        indicators: Indicators | None = None,
    ) -> None:
        self.store = store or SandboxStore()
        self.collector = collector or open_collector_store("sqlite://")
        self.settings = settings or SandboxSettings()
        self.procedures = procedures if procedures is not None else load_procedures()
        # The counter's calendar: its local appointment and the portal's agree unless the filing waited.
        self.calendar = WorkingCalendar(
            load_overrides(self.settings.calendar_overrides), self.settings.holidays
        )
        self._tokens: set[str] = set()
        routes = [
            Route("/health", self.health),
            Route("/oauth/token", self.token, methods=["POST"]),
            Route(f"{API_PREFIX}/capabilities", self.capabilities),
            Route(f"{API_PREFIX}/accounts/lookup", self.find_account, methods=["POST"]),
            Route(f"{API_PREFIX}/accounts", self.create_account, methods=["POST"]),
            Route(f"{API_PREFIX}/dossiers", self.submit, methods=["POST"]),
            Route(f"{API_PREFIX}/dossiers/{{code}}", self.status),
            Route("/sandbox/dossiers", self.list_dossiers),
            Route("/sandbox/dossiers/{code}/status", self.move_status, methods=["POST"]),
            Route("/sandbox/faults", self.faults_endpoint, methods=["GET", "PUT"]),
            Route("/sandbox/settings", self.settings_endpoint, methods=["GET", "PUT"]),
            *collector_routes(self.collector, self._guard, indicators, lambda: self.settings.limits),
        ]
        self.starlette = Starlette(routes=routes, exception_handlers={ApiError: self._on_api_error})
        self.asgi = FaultInjector(self.starlette, faults)
        self.auto_progress: AutoProgress | None = None

    def start_background(self) -> None:
        """Start `--auto-progress` when configured (the server calls this once it serves)."""
        if self.settings.auto_progress_s > 0 and self.auto_progress is None:
            self.auto_progress = AutoProgress(self.store, self.settings.auto_progress_s).start()

    def stop_background(self) -> None:
        if self.auto_progress is not None:
            self.auto_progress.stop()
            self.auto_progress = None

    def close(self) -> None:
        self.store.close()
        self.collector.close()

    @staticmethod
    async def _on_api_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ApiError)
        return exc.response()

    def _guard(self, request: Request) -> None:
        if not self.settings.client_id:
            return
        header = request.headers.get("authorization", "")
        if not header.startswith("Bearer ") or header[7:] not in self._tokens:
            raise ApiError(401, "unauthorized", "Thiếu hoặc sai mã truy cập của đơn vị.")

    # -- service endpoints --------------------------------------------------------------------

    async def health(self, request: Request) -> JSONResponse:
        return JSONResponse({"ok": True, "sandbox": True})

    async def token(self, request: Request) -> JSONResponse:
        form = await request.form()
        if form.get("grant_type") != "client_credentials":
            raise ApiError(400, "unsupported_grant_type", "Chỉ hỗ trợ client_credentials.")
        if self.settings.client_id and (
            form.get("client_id") != self.settings.client_id
            or not secrets.compare_digest(str(form.get("client_secret", "")), self.settings.client_secret)
        ):
            raise ApiError(401, "invalid_client", "Mã client hoặc khóa bí mật không đúng.")
        token = secrets.token_urlsafe(24)
        self._tokens.add(token)
        return JSONResponse({"access_token": token, "token_type": "Bearer", "expires_in": 3600})

    async def capabilities(self, request: Request) -> JSONResponse:
        self._guard(request)
        caps = Capabilities(
            create_account=self.settings.allow_create_account, max_file_bytes=self.settings.max_file_bytes
        )
        return JSONResponse(caps.to_dict())

    # -- accounts -------------------------------------------------------------------------------

    async def find_account(self, request: Request) -> JSONResponse:
        self._guard(request)
        id_number = str((await _json_body(request, self.settings.limits)).get("id_number", ""))
        if not (id_number.isdigit() and len(id_number) == 12):
            raise ApiError(422, "invalid_id_number", "Số định danh cá nhân phải gồm 12 chữ số.", "id_number")
        rows = self.store.query("SELECT * FROM accounts WHERE id_number = ?", (id_number,))
        if rows:
            row = rows[0]
            return JSONResponse(
                {
                    "found": True,
                    "account_id": row["account_id"],
                    "provider": row["provider"],
                    "level": row["level"],
                }
            )
        # Sandbox rule for trainers: an ID number ending in an even digit already has a VNeID account.
        if int(id_number[-1]) % 2 == 0:
            account_id = "VNEID-" + hashlib.sha256(id_number.encode()).hexdigest()[:10].upper()
            return JSONResponse({"found": True, "account_id": account_id, "provider": "VNeID", "level": 2})
        return JSONResponse({"found": False})

    async def create_account(self, request: Request) -> JSONResponse:
        self._guard(request)
        key = _idempotency_key(request)
        if not self.settings.allow_create_account:
            raise ApiError(
                403,
                "account_creation_unsupported",
                "Cổng không tạo tài khoản tại quầy; công dân đăng ký tài khoản định danh điện tử qua ứng dụng VNeID.",
            )
        try:
            account = AccountRequest.from_dict(await _json_body(request, self.settings.limits))
        except ContractError as exc:
            raise ApiError(422, "invalid_request", exc.message, exc.field) from exc
        id_number = account.applicant.id_number
        fingerprint = _fingerprint(id_number)
        with self.store.transaction() as conn:
            recorded = self.store.recorded(conn, key, "create_account")
            if recorded is not None:
                return _replay(recorded, fingerprint)
            existing = conn.execute("SELECT * FROM accounts WHERE id_number = ?", (id_number,)).fetchone()
            if existing is not None:
                status = 200
                body = {
                    "found": True,
                    "created": False,
                    "account_id": existing["account_id"],
                    "provider": "portal",
                }
            else:
                status = 201
                account_id = "TK-" + secrets.token_hex(5).upper()
                conn.execute(
                    "INSERT INTO accounts (account_id, id_number, provider, level, created_at) VALUES (?, ?, ?, ?, ?)",
                    (account_id, id_number, "portal", 1, clock.utc_now().astimezone(VN_TZ).isoformat()),
                )
                body = {
                    "found": True,
                    "created": True,
                    "account_id": account_id,
                    "provider": "portal",
                    "level": 1,
                }
            self.store.record(conn, key, "create_account", fingerprint, status, body)
        return JSONResponse(body, status_code=status)

    # -- dossiers -------------------------------------------------------------------------------

    async def submit(self, request: Request) -> Response:
        self._guard(request)
        key = _idempotency_key(request)
        if not request.headers.get("content-type", "").startswith("multipart/form-data"):
            raise ApiError(415, "multipart_required", "Hồ sơ phải gửi dạng multipart/form-data.")
        limits = self.settings.limits
        stream = bounded_stream(request, limits.max_request_bytes, "Hồ sơ gửi lên")
        try:
            form = await _BoundedMultiPart(request.headers, stream, self.settings).parse()
        except ClientDisconnect:
            # The counter gave up mid-upload (timeout, killed): nothing was stored, no one to answer.
            return Response(status_code=499)
        except MultiPartException as exc:
            raise ApiError(
                400, "invalid_multipart", f"Nội dung multipart không hợp lệ: {exc.message}"
            ) from exc
        try:
            raw = form.get("metadata")
            if isinstance(raw, UploadFile):
                raw = await raw.read()
            if not raw:
                raise ApiError(422, "metadata_missing", "Thiếu phần metadata của hồ sơ.", "metadata")
            metadata = parse_json(raw, limits, "metadata")
            try:
                submission = SubmissionRequest.from_dict(metadata)
            except ContractError as exc:
                raise ApiError(422, "invalid_request", exc.message, exc.field) from exc
            fingerprint = _fingerprint(
                submission.office_code, submission.local_ref, submission.procedure_code
            )
            recorded = self.store.query(
                "SELECT * FROM idempotency WHERE key = ? AND endpoint = 'submit'", (key,)
            )
            if recorded:
                return self._replay_submit(key, recorded[0], fingerprint)
            procedure = self._check_procedure(submission)
            files = await self._check_files(submission, form, metadata["components"])
        finally:
            await form.close()
        return self._store_submission(key, fingerprint, submission, procedure, files)

    def _replay_submit(self, key: str, row: Any, fingerprint: str) -> JSONResponse:
        response = _replay(row, fingerprint)
        with self.store.transaction() as conn:
            conn.execute("UPDATE dossiers SET replays = replays + 1 WHERE idempotency_key = ?", (key,))
        return response

    def _check_procedure(self, submission: SubmissionRequest) -> PortalProcedure:
        procedure = self.procedures.get(submission.procedure_code)
        if procedure is None:
            raise ApiError(
                422,
                "unknown_procedure",
                f"Mã thủ tục «{submission.procedure_code}» không có trong danh mục của cổng.",
                "procedure_code",
            )
        given = {c.key for c in submission.components}
        missing = [name for key, name in procedure.required_components.items() if key not in given]
        if missing:
            raise ApiError(
                422,
                "component_missing",
                f"Thiếu thành phần hồ sơ bắt buộc: {'; '.join(missing)}.",
                "components",
            )
        return procedure

    async def _check_files(
        self, submission: SubmissionRequest, form: Any, wire: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        files = []
        for index, component in enumerate(submission.components):
            part = wire[index].get("part") or f"file{index}"
            if not isinstance(part, str):
                raise ApiError(
                    422, "invalid_request", "Tên phần tệp (part) phải là chuỗi.", f"components[{index}]"
                )
            upload = form.get(part)
            if not isinstance(upload, UploadFile):
                raise ApiError(
                    422,
                    "file_missing",
                    f"Thiếu tệp của thành phần «{component.name}».",
                    f"components[{index}]",
                )
            digest = hashlib.sha256()
            size = 0
            head = b""
            while chunk := await upload.read(_CHUNK):
                if not head:
                    head = chunk[:5]
                size += len(chunk)
                if size > self.settings.max_file_bytes:
                    raise ApiError(
                        413,
                        "file_too_large",
                        f"Tệp của thành phần «{component.name}» vượt quá dung lượng cho phép "
                        f"({self.settings.max_file_bytes // (1024 * 1024)} MB).",
                        f"components[{index}]",
                    )
                digest.update(chunk)
            if head != b"%PDF-":
                raise ApiError(
                    422,
                    "not_pdf",
                    f"Tệp của thành phần «{component.name}» không phải PDF.",
                    f"components[{index}]",
                )
            if component.sha256 and component.sha256.lower() != digest.hexdigest():
                raise ApiError(
                    422,
                    "checksum_mismatch",
                    f"Tệp của thành phần «{component.name}» bị hỏng khi truyền (sai mã băm).",
                    f"components[{index}]",
                )
            files.append({"key": component.key, "size": size, "sha256": digest.hexdigest()})
        return files

    def _store_submission(
        self,
        key: str,
        fingerprint: str,
        submission: SubmissionRequest,
        procedure: PortalProcedure,
        files: list[dict[str, Any]],
    ) -> JSONResponse:
        received = clock.utc_now().astimezone(VN_TZ)
        with self.store.transaction() as conn:
            # Checked again inside the transaction: a retry may have landed while we read the files.
            recorded = self.store.recorded(conn, key, "submit")
            if recorded is not None:
                return _replay(recorded, fingerprint)
            code = self.store.next_code(conn, submission.office_code, received)
            appointment = self.calendar.due_date(received, procedure.processing_days, procedure.cutoff)
            body = {
                "dossier_code": code,
                "received_at": received.isoformat(timespec="seconds"),
                "appointment_date": appointment.isoformat(),
                "status": "received",
                "procedure_code": procedure.code,
                "processing_days": procedure.processing_days,
            }
            conn.execute(
                "INSERT INTO dossiers (code, office_code, local_ref, procedure_code, idempotency_key, status,"
                " received_at, appointment_date, processing_days, metadata, files)"
                " VALUES (?, ?, ?, ?, ?, 'received', ?, ?, ?, ?, ?)",
                (
                    code,
                    submission.office_code,
                    submission.local_ref,
                    procedure.code,
                    key,
                    body["received_at"],
                    body["appointment_date"],
                    procedure.processing_days,
                    json.dumps(submission.wire(), ensure_ascii=False),
                    json.dumps(files),
                ),
            )
            self.store.record(conn, key, "submit", fingerprint, 201, body)
        return JSONResponse(body, status_code=201)

    async def status(self, request: Request) -> JSONResponse:
        self._guard(request)
        code = request.path_params["code"]
        rows = self.store.query("SELECT * FROM dossiers WHERE code = ?", (code,))
        if not rows:
            raise ApiError(404, "dossier_not_found", f"Không tìm thấy hồ sơ «{code}» trên cổng.")
        return JSONResponse(status_body(rows[0]))

    # -- inspection (trainers, tests) -----------------------------------------------------------

    async def list_dossiers(self, request: Request) -> JSONResponse:
        dossiers = self.store.dossiers()
        return JSONResponse({"count": len(dossiers), "dossiers": dossiers})

    async def move_status(self, request: Request) -> JSONResponse:
        """The back office moves a dossier (trainers, tests): `{"status", "at"?, "result_attached"?, "note"?}`."""
        body = await _json_body(request, self.settings.limits)
        return JSONResponse(move_as_asked(self.store, request.path_params["code"], body))

    async def faults_endpoint(self, request: Request) -> JSONResponse:
        if request.method == "PUT":
            try:
                self.asgi.spec = self.asgi.spec.merged(await _json_body(request, self.settings.limits))
            except (TypeError, ValueError) as exc:
                raise ApiError(422, "invalid_faults", str(exc)) from exc
        return JSONResponse({"faults": self.asgi.spec.to_dict(), "counts": self.asgi.counts})

    async def settings_endpoint(self, request: Request) -> JSONResponse:
        if request.method == "PUT":
            body = await _json_body(request, self.settings.limits)
            if not isinstance(body.get("allow_create_account", True), bool):
                raise ApiError(422, "invalid_settings", "allow_create_account phải là true/false.")
            self.settings = replace(
                self.settings,
                allow_create_account=body.get("allow_create_account", self.settings.allow_create_account),
            )
        return JSONResponse({"allow_create_account": self.settings.allow_create_account})
