"""The OpenCPS v2 adapter: files a dossier through OpenCPS's REST API under `/o/rest/v2/`.

Built from the public source of VietOpenCPS/opencps-v2 (reference only, nothing copied):
`org.opencps.api.controller.DossierManagement` (`@Path("/dossiers")`: create with a form,
`GET /dossiers/{id}` by id *or* referenceUid, `GET /dossiers?dossierno=` (DossierSearchModel),
actions) and `DossierFileManagement`
(`POST /dossiers/{id}/files`, multipart `file` + `referenceUid`, `dossierTemplateNo`,
`dossierPartNo`, `displayName`, `fileType`, `isSync`). Requests carry the site's `groupId`
header and HTTP Basic credentials (`portal.client_id` / `portal.client_secret`).

Exactly once without an Idempotency-Key header: the outbox's key is the dossier's
`referenceUid`, and each step first looks at what the server already has —

1. `GET /dossiers/{key}`: found -> continue with it; 404 -> `POST /dossiers` (referenceUid = key);
2. each signed component is uploaded unless a file with referenceUid `{key}.{n}` is already there;
3. while the dossier is still `new`, `POST /dossiers/{id}/actions` with the "received" action;
4. the dossier number (`dossierNo`), receive and due dates are read from the answer.

So a lost answer at any step, or a crash, resends safely. Codes are mapped through the table IT
edits (`portal.mapping`, `counter_app.portal.mapping`).
"""

from __future__ import annotations

import contextlib
from typing import Any

import httpx

from counter_app.portal.client import FileOpener, PortalClient, open_plain_file
from counter_app.portal.errors import (
    AccountCreationUnsupported,
    PortalAuthError,
    PortalBadResponse,
    PortalError,
    PortalRejected,
)
from counter_app.portal.mapping import CodeMapping, system_date
from portal_contract.models import (
    AccountInfo,
    AccountRequest,
    Applicant,
    Capabilities,
    DossierStatus,
    SubmissionRequest,
    SubmissionResult,
)

REST = "/o/rest/v2"
# OpenCPS's API dates: "dd/MM/yyyy HH:mm:ss", office time (Asia/Ho_Chi_Minh).
DATE_FORMAT = "%d/%m/%Y %H:%M:%S"
_VNEID_HINT = "Hướng dẫn công dân đăng ký tài khoản định danh điện tử VNeID, rồi ghi nhận việc đã hướng dẫn."


def _iso(value: str) -> str:
    return system_date(value, DATE_FORMAT, "Hệ thống OpenCPS")


class OpenCPSAdapter(PortalClient):
    """`PortalAdapter` for OpenCPS v2 (transport, TLS and error mapping from `PortalClient`)."""

    name = "opencps"

    def __init__(self, base_url: str, mapping: CodeMapping, **kwargs: Any) -> None:
        super().__init__(base_url, **kwargs)
        self.mapping = mapping
        self._http.headers["groupId"] = mapping.server.get("group_id", "")

    # -- accounts: OpenCPS keeps applicants, but since VNeID the counter creates none ----------

    def capabilities(self) -> Capabilities:
        # Asked of the server (one applicant, none needed) so `doctor` sees reachability and the
        # office's credentials and groupId; what it allows is fixed for OpenCPS.
        self._send("GET", f"{REST}/applicants", params={"start": 0, "end": 1})
        return Capabilities(create_account=False, account_provider="VNeID")

    def find_account(self, id_number: str) -> AccountInfo:
        # ApplicantManagement (`/applicants`) filters by query parameter: the ID number is in the URL.
        body = self._object(self._send("GET", f"{REST}/applicants", params={"applicantIdNo": id_number}))
        found = [a for a in body.get("data", []) if str(a.get("applicantIdNo")) == id_number]
        if not found:
            return AccountInfo(found=False)
        return AccountInfo(found=True, account_id=str(found[0].get("applicantId", "")), provider="OpenCPS")

    def create_account(self, request: AccountRequest, idempotency_key: str) -> AccountInfo:
        raise AccountCreationUnsupported(
            "Hệ thống OpenCPS của tỉnh không tạo tài khoản tại quầy (công dân dùng tài khoản VNeID).",
            _VNEID_HINT,
        )

    # -- dossiers -------------------------------------------------------------------------------

    def submit(
        self, request: SubmissionRequest, idempotency_key: str, open_file: FileOpener = open_plain_file
    ) -> SubmissionResult:
        procedure = self.mapping.procedure(request.procedure_code)
        parts = [self.mapping.part(request.procedure_code, c.key) for c in request.components]
        dossier = self._find(idempotency_key)
        replayed = dossier is not None and dossier.get("dossierStatus") != "new"
        if dossier is None:
            dossier = self._create(request, idempotency_key, procedure.service_code, procedure.template_no)
        dossier_id = dossier["dossierId"]
        uploaded = {f.get("referenceUid") for f in self._files(dossier_id)}
        for index, (component, part) in enumerate(zip(request.components, parts, strict=True)):
            reference = f"{idempotency_key}.{index}"
            if reference in uploaded:
                continue
            with contextlib.closing(open_file(component)) as handle:
                self._send(
                    "POST",
                    f"{REST}/dossiers/{dossier_id}/files",
                    data={
                        "referenceUid": reference,
                        "dossierTemplateNo": procedure.template_no,
                        "dossierPartNo": part,
                        "displayName": component.name,
                        "fileType": "pdf",
                        "isSync": "true",
                    },
                    files={"file": (component.file_name, handle, "application/pdf")},
                )
        if dossier.get("dossierStatus") == "new":
            dossier = self._object(
                self._send(
                    "POST",
                    f"{REST}/dossiers/{dossier_id}/actions",
                    data={
                        "actionCode": self.mapping.server.get("receive_action", "1100"),
                        "actionUser": request.officer,
                        "actionNote": request.note,
                    },
                )
            )
        return self._result(dossier, request.procedure_code, replayed)

    def status(self, dossier_code: str) -> DossierStatus:
        # `GET /dossiers/{id}` takes the id or referenceUid, not the number: search by `dossierno`.
        found = self._object(self._send("GET", f"{REST}/dossiers", params={"dossierno": dossier_code}))
        matches = [d for d in found.get("data", []) if str(d.get("dossierNo")) == dossier_code]
        if not matches:
            raise PortalRejected(
                f"Không tìm thấy hồ sơ số «{dossier_code}» trên hệ thống OpenCPS.",
                "Kiểm tra số hồ sơ; nếu hồ sơ vừa được nộp, thử lại sau ít phút.",
                status=404,
            )
        dossier = matches[0]
        return DossierStatus(
            dossier_code=str(dossier.get("dossierNo") or dossier_code),
            status=self.mapping.status(str(dossier.get("dossierStatus", ""))),
            received_at=_iso(dossier.get("receiveDate", "")),
            appointment_date=_iso(dossier.get("dueDate", ""))[:10],
            updated_at=_iso(dossier["modifiedDate"]) if dossier.get("modifiedDate") else "",
        )

    # -- steps ----------------------------------------------------------------------------------

    def _find(self, reference_uid: str) -> dict[str, Any] | None:
        try:
            return self._object(self._send("GET", f"{REST}/dossiers/{reference_uid}"))
        except PortalRejected as exc:
            if exc.status == 404:
                return None
            raise

    def _create(
        self, request: SubmissionRequest, key: str, service_code: str, template_no: str
    ) -> dict[str, Any]:
        applicant = request.applicant
        form = {
            "referenceUid": key,
            "serviceCode": service_code,
            "govAgencyCode": self.mapping.server.get("gov_agency_code", request.office_code),
            "dossierTemplateNo": template_no,
            "applicantName": applicant.full_name,
            "applicantIdType": applicant_id_type(
                applicant, self.mapping.server.get("applicant_id_type", "citizen")
            ),
            "applicantIdNo": applicant.identifier,
            "address": applicant.address,
            "contactTelNo": applicant.phone,
            "contactEmail": applicant.email,
            # 3 = filed at the counter on the citizen's behalf, 1 = online by the citizen.
            "originality": "3" if request.channel != 1 else "1",
            **delegate(applicant),
        }
        return self._object(self._send("POST", f"{REST}/dossiers", data=form))

    def _files(self, dossier_id: Any) -> list[dict[str, Any]]:
        return list(self._object(self._send("GET", f"{REST}/dossiers/{dossier_id}/files")).get("data", []))

    def _result(self, dossier: dict[str, Any], procedure_code: str, replayed: bool) -> SubmissionResult:
        number = str(dossier.get("dossierNo") or "")
        if not number:
            raise PortalBadResponse(
                "Hệ thống OpenCPS đã nhận hồ sơ nhưng chưa cấp số hồ sơ.",
                "Hồ sơ vẫn được giữ và sẽ được hỏi lại; nếu kéo dài, báo bộ phận CNTT.",
            )
        return SubmissionResult(
            dossier_code=number,
            received_at=_iso(dossier.get("receiveDate", "")),
            appointment_date=_iso(dossier.get("dueDate", ""))[:10],
            status=self.mapping.status(str(dossier.get("dossierStatus", ""))),
            procedure_code=procedure_code,
            replayed=replayed,
        )

    def _error_for(self, response: httpx.Response) -> PortalError:
        # OpenCPS answers errors with its ExceptionModel: {"code", "message", "description"}.
        error = super()._error_for(response)
        if isinstance(error, (PortalRejected, PortalAuthError)) and not error.portal_code:
            try:
                body = response.json()
                detail = str(body.get("description") or body.get("message") or "")
            except (ValueError, AttributeError):
                detail = ""
            if detail:
                error.message = f"{error.message} OpenCPS: {detail}"
        return error


def open_adapter(
    config: Any, url: str, *, timeout_s: float | None = None, transport: Any = None
) -> OpenCPSAdapter:
    """The `opencps` entry point of `mot_cua_so.portal_adapters`."""
    user, secret = config.get("portal.client_id"), config.get("portal.client_secret")
    return OpenCPSAdapter(
        url,
        CodeMapping.load(config.get("portal.mapping") or None),
        auth=httpx.BasicAuth(user, secret) if user else None,
        ca_bundle=config.get("portal.ca_bundle") or None,
        timeout_s=timeout_s if timeout_s is not None else float(config.get("portal.timeout_s")),
        transport=transport,
    )


def applicant_id_type(applicant: Applicant, person: str = "citizen") -> str:
    """OpenCPS's `applicantIdType`: `business` for an organisation or agency (its tax or agency
    code in `applicantIdNo`), the configured person type (`citizen`) for a citizen or a foreigner
    (the passport number)."""
    return "business" if applicant.kind in ("organisation", "agency") else person


def delegate(applicant: Applicant) -> dict[str, str]:
    """Who filed it (`delegate*`): the representative when someone acts for the applicant."""
    rep = applicant.representative
    if rep is None:
        return {"delegateName": applicant.full_name}
    return {"delegateName": rep.full_name, "delegateIdNo": rep.id_number}
