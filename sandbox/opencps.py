"""A stand-in for an OpenCPS v2 one-door system: the routes a counter uses under `/o/rest/v2/`.

Built from what the public source of VietOpenCPS/opencps-v2 shows (reference, nothing copied):
`DossierManagement` (`@Path("/dossiers")`: `POST` a form to create, `GET` filtered by `dossierno`,
`GET /{id}` by id or referenceUid, `POST /{id}/actions` with an `actionCode`), `DossierFileManagement`
(`GET`/`POST /{id}/files`, multipart `file` with `referenceUid`, `dossierPartNo`, ...),
`ApplicantManagement` (`GET /applicants`). Errors come as OpenCPS's ExceptionModel
(`{"code", "message", "description"}`); dates as `dd/MM/yyyy HH:mm:ss` office time.

Which services exist, their templates and parts come from the same mapping table the counter's
adapter reads (`resources/portal/opencps-mapping.toml` unless given), with processing days from
the procedure catalog. State (dossiers with their files, the daily serials) is in
`StandInState`: in memory, or in a SQLite file that survives a restart of the stand-in.

`ignore_reference=True` is a deliberately wrong server for the conformance kit: it neither finds
dossiers by referenceUid nor refuses a second one with the same referenceUid.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from common import clock
from office_calendar import WorkingCalendar, load_overrides
from sandbox.catalog import PortalProcedure, load_procedures
from sandbox.faults import FaultInjector, FaultSpec
from sandbox.stand_in_state import StandInState
from sandbox.store import VN_TZ

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib  # type: ignore[no-redef]

MAPPING = Path(__file__).resolve().parents[1] / "resources" / "portal" / "opencps-mapping.toml"
REST = "/o/rest/v2"
DATE_FORMAT = "%d/%m/%Y %H:%M:%S"


class OpenCPSError(Exception):
    def __init__(self, status: int, code: str, message: str, description: str = "") -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.description = status, code, message, description

    def response(self) -> JSONResponse:
        body = {"code": self.code, "message": self.message, "description": self.description or self.message}
        return JSONResponse(body, status_code=self.status)


@dataclass
class Service:
    code: str
    template_no: str
    parts: dict[str, str]  # dossierPartNo -> our component key (to tell which are required)
    procedure: PortalProcedure


@dataclass
class StoredDossier:
    dossier_id: int
    reference_uid: str
    service: Service
    form: dict[str, str]
    status: str = "new"
    dossier_no: str = ""
    receive: datetime | None = None
    due: datetime | None = None
    modified: datetime | None = None
    files: list[dict[str, Any]] = field(default_factory=list)

    def to_record(self) -> dict[str, Any]:
        """What `StandInState` keeps (the service by its code)."""
        return {
            "dossier_id": self.dossier_id,
            "reference_uid": self.reference_uid,
            "service": self.service.code,
            "form": self.form,
            "status": self.status,
            "dossier_no": self.dossier_no,
            "receive": self.receive.isoformat() if self.receive else None,
            "due": self.due.isoformat() if self.due else None,
            "modified": self.modified.isoformat() if self.modified else None,
            "files": self.files,
        }

    @classmethod
    def from_record(cls, record: dict[str, Any], services: dict[str, Service]) -> StoredDossier:
        def moment(key: str) -> datetime | None:
            return datetime.fromisoformat(record[key]) if record.get(key) else None

        return cls(
            dossier_id=int(record["dossier_id"]),
            reference_uid=str(record["reference_uid"]),
            service=services[record["service"]],
            form=dict(record["form"]),
            status=str(record["status"]),
            dossier_no=str(record["dossier_no"]),
            receive=moment("receive"),
            due=moment("due"),
            modified=moment("modified"),
            files=list(record["files"]),
        )

    def detail(self) -> dict[str, Any]:
        return {
            "dossierId": self.dossier_id,
            "referenceUid": self.reference_uid,
            "dossierNo": self.dossier_no,
            "serviceCode": self.service.code,
            "dossierTemplateNo": self.service.template_no,
            "govAgencyCode": self.form.get("govAgencyCode", ""),
            "applicantName": self.form.get("applicantName", ""),
            "applicantIdNo": self.form.get("applicantIdNo", ""),
            "applicantIdType": self.form.get("applicantIdType", ""),
            "delegateName": self.form.get("delegateName", ""),
            "delegateIdNo": self.form.get("delegateIdNo", ""),
            "dossierStatus": self.status,
            "receiveDate": self.receive.strftime(DATE_FORMAT) if self.receive else "",
            "dueDate": self.due.strftime(DATE_FORMAT) if self.due else "",
            "modifiedDate": self.modified.strftime(DATE_FORMAT) if self.modified else "",
        }


def _services(mapping: Path, procedures: dict[str, PortalProcedure]) -> dict[str, Service]:
    data = tomllib.loads(mapping.read_text(encoding="utf-8"))
    services = {}
    for code, entry in data.get("procedures", {}).items():
        if code in procedures:
            parts = {str(v): str(k) for k, v in entry.get("parts", {}).items()}
            services[entry["service_code"]] = Service(
                entry["service_code"], entry.get("template_no", ""), parts, procedures[code]
            )
    return services


class OpenCPSStandIn:
    """State and handlers; `asgi` is the app to serve, faults wrapped around `/o/rest/`."""

    def __init__(
        self,
        *,
        faults: FaultSpec | None = None,
        mapping: Path | None = None,
        catalog: Path | None = None,
        username: str = "",
        password: str = "",
        calendar_overrides: str = "",
        ignore_reference: bool = False,
        state: StandInState | None = None,
    ) -> None:
        mapping_path = mapping or MAPPING
        self.server = tomllib.loads(mapping_path.read_text(encoding="utf-8")).get("server", {})
        self.services = _services(mapping_path, load_procedures(catalog))
        self.calendar = WorkingCalendar(load_overrides(calendar_overrides))
        self.username, self.password = username, password
        self.ignore_reference = ignore_reference
        self.state = state or StandInState()
        self.dossiers: dict[int, StoredDossier] = {
            int(key): StoredDossier.from_record(record, self.services)
            for key, record in self.state.load("dossier").items()
        }
        self._serials: dict[str, int] = self.state.load("serial")
        self._lock = threading.Lock()  # tests read the state from another thread
        routes = [
            Route("/health", self.health),
            Route(f"{REST}/applicants", self.applicants),
            Route(f"{REST}/dossiers", self.create, methods=["POST"]),
            Route(f"{REST}/dossiers", self.search),
            Route(f"{REST}/dossiers/{{id}}", self.detail),
            Route(f"{REST}/dossiers/{{id}}/files", self.files, methods=["GET", "POST"]),
            Route(f"{REST}/dossiers/{{id}}/actions", self.action, methods=["POST"]),
            Route("/sandbox/dossiers", self.list_dossiers),
            Route("/sandbox/faults", self.faults_endpoint, methods=["GET", "PUT"]),
        ]
        self.starlette = Starlette(routes=routes, exception_handlers={OpenCPSError: self._on_error})
        self.asgi = FaultInjector(self.starlette, faults)

    # The server's life, as `sandbox.server` drives the reference portal.
    def start_background(self) -> None: ...

    def stop_background(self) -> None: ...

    def close(self) -> None:
        self.state.close()

    def _save(self, dossier: StoredDossier) -> None:
        """Under the lock, after each change of the dossier."""
        self.state.put("dossier", str(dossier.dossier_id), dossier.to_record())

    @staticmethod
    async def _on_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, OpenCPSError)
        return exc.response()

    def _guard(self, request: Request) -> None:
        import base64
        import binascii

        if self.username:
            header = request.headers.get("authorization", "")
            try:
                user, _, secret = base64.b64decode(header[6:]).decode("utf-8").partition(":")
            except (binascii.Error, UnicodeDecodeError):
                user, secret = "", ""
            if not header.startswith("Basic ") or (user, secret) != (self.username, self.password):
                raise OpenCPSError(401, "401", "Unauthorized", "Sai tên đăng nhập hoặc mật khẩu.")
        if request.headers.get("groupid", "") != str(self.server.get("group_id", "")):
            raise OpenCPSError(403, "403", "Access denied", "Thiếu hoặc sai groupId của đơn vị.")

    def _dossier(self, ident: str) -> StoredDossier:
        with self._lock:
            for dossier in self.dossiers.values():
                if str(dossier.dossier_id) == ident:
                    return dossier
                if not self.ignore_reference and dossier.reference_uid == ident:
                    return dossier
        raise OpenCPSError(404, "404", "Not found", f"Không có hồ sơ {ident}.")

    # -- routes ---------------------------------------------------------------------------------

    async def health(self, request: Request) -> JSONResponse:
        return JSONResponse({"ok": True, "sandbox": True, "flavour": "opencps"})

    async def applicants(self, request: Request) -> JSONResponse:
        self._guard(request)
        wanted = request.query_params.get("applicantIdNo", "")
        with self._lock:
            data = [
                {
                    "applicantId": d.dossier_id,
                    "applicantIdNo": wanted,
                    "applicantName": d.form["applicantName"],
                }
                for d in self.dossiers.values()
                if wanted and d.form.get("applicantIdNo") == wanted
            ][:1]
        return JSONResponse({"total": len(data), "data": data})

    async def create(self, request: Request) -> JSONResponse:
        self._guard(request)
        form = {k: str(v) for k, v in (await request.form()).items()}
        service = self.services.get(form.get("serviceCode", ""))
        if service is None:
            raise OpenCPSError(
                400, "400", "Bad request", f"Không có dịch vụ công {form.get('serviceCode')!r}."
            )
        if form.get("dossierTemplateNo") != service.template_no:
            raise OpenCPSError(400, "400", "Bad request", "Mẫu hồ sơ (dossierTemplateNo) không khớp dịch vụ.")
        if not form.get("applicantName") or not form.get("applicantIdNo"):
            raise OpenCPSError(400, "400", "Bad request", "Thiếu tên hoặc số giấy tờ của chủ hồ sơ.")
        reference = form.get("referenceUid", "")
        with self._lock:
            if reference and not self.ignore_reference:
                for existing in self.dossiers.values():
                    if existing.reference_uid == reference:
                        return JSONResponse(existing.detail())
            dossier = StoredDossier(len(self.dossiers) + 1001, reference, service, form)
            dossier.modified = clock.utc_now().astimezone(VN_TZ)
            self.dossiers[dossier.dossier_id] = dossier
            self._save(dossier)
        return JSONResponse(dossier.detail())

    async def search(self, request: Request) -> JSONResponse:
        """`GET /dossiers` filtered by `dossierno` (one of DossierSearchModel's query parameters)."""
        self._guard(request)
        number = request.query_params.get("dossierno", "")
        with self._lock:
            data = [d.detail() for d in self.dossiers.values() if not number or d.dossier_no == number]
        return JSONResponse({"total": len(data), "data": data})

    async def detail(self, request: Request) -> JSONResponse:
        self._guard(request)
        return JSONResponse(self._dossier(request.path_params["id"]).detail())

    async def files(self, request: Request) -> JSONResponse:
        self._guard(request)
        dossier = self._dossier(request.path_params["id"])
        if request.method == "GET":
            return JSONResponse({"total": len(dossier.files), "data": dossier.files})
        async with request.form() as form:
            upload = form.get("file")
            part = str(form.get("dossierPartNo", ""))
            if not isinstance(upload, UploadFile):
                raise OpenCPSError(400, "400", "Bad request", "Thiếu tệp (file).")
            if part not in dossier.service.parts:
                raise OpenCPSError(
                    400, "400", "Bad request", f"Thành phần {part!r} không có trong mẫu hồ sơ."
                )
            content = await upload.read()
            if not content.startswith(b"%PDF-"):
                raise OpenCPSError(400, "400", "Bad request", "Tệp không phải PDF.")
            entry = {
                "referenceUid": str(form.get("referenceUid", "")),
                "dossierPartNo": part,
                "displayName": str(form.get("displayName", "")),
                "fileSize": len(content),
            }
        with self._lock:
            if entry["referenceUid"] and any(
                f["referenceUid"] == entry["referenceUid"] for f in dossier.files
            ):
                return JSONResponse(entry)  # the same file again (a resend): kept once
            dossier.files.append(entry)
            self._save(dossier)
        return JSONResponse(entry)

    async def action(self, request: Request) -> JSONResponse:
        self._guard(request)
        dossier = self._dossier(request.path_params["id"])
        form = await request.form()
        if str(form.get("actionCode", "")) != str(self.server.get("receive_action", "")):
            raise OpenCPSError(400, "400", "Bad request", "Thao tác không có trong quy trình của dịch vụ.")
        with self._lock:
            if dossier.status != "new":
                return JSONResponse(dossier.detail())  # already received
            have = {f["dossierPartNo"] for f in dossier.files}
            required = dossier.service.procedure.required_components
            missing = [
                required[key]
                for part, key in dossier.service.parts.items()
                if key in required and part not in have
            ]
            if missing:
                raise OpenCPSError(
                    400, "400", "Bad request", f"Thiếu thành phần bắt buộc: {'; '.join(missing)}."
                )
            received = clock.utc_now().astimezone(VN_TZ)
            procedure = dossier.service.procedure
            due = self.calendar.due_date(received, procedure.processing_days, procedure.cutoff)
            agency = str(self.server.get("gov_agency_code", "OPENCPS"))
            day = received.strftime("%y%m%d")
            self._serials[day] = self._serials.get(day, 0) + 1
            self.state.put("serial", day, self._serials[day])
            dossier.dossier_no = f"{agency}-{day}-{self._serials[day]:04d}"
            dossier.status = "receiving"
            dossier.receive = dossier.modified = received
            dossier.due = datetime.combine(due, datetime.min.time().replace(hour=17), VN_TZ)
            self._save(dossier)
        return JSONResponse(dossier.detail())

    # -- inspection (trainers, tests) -----------------------------------------------------------

    async def list_dossiers(self, request: Request) -> JSONResponse:
        with self._lock:
            dossiers = [
                {**d.detail(), "dossier_code": d.dossier_no, "files": list(d.files)}
                for d in self.dossiers.values()
            ]
        return JSONResponse({"count": len(dossiers), "dossiers": dossiers})

    async def faults_endpoint(self, request: Request) -> JSONResponse:
        if request.method == "PUT":
            try:
                self.asgi.spec = self.asgi.spec.merged(await request.json())
            except (TypeError, ValueError) as exc:
                raise OpenCPSError(422, "422", "Invalid faults", str(exc)) from exc
        return JSONResponse({"faults": self.asgi.spec.to_dict(), "counts": self.asgi.counts})
