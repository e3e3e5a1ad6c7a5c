"""The national one-door sync (DVCQG): report the counter's dossiers to the national portal.

Built from how OpenCPS v2 does it (`DVCQGIntegrationActionImpl.java` in VietOpenCPS/opencps-v2;
reference only, nothing copied): a session from `{"username", "password"}` at the auth endpoint
(valid when the answer has `error_code` 0), then JSON bodies `{"session", "madonvi", "service",
...}` at the integration endpoint, all with the `dstcode` header. Services used:

- `TraCuuHoSo` `{"MaHoSo"}`: is the dossier there (a resend finds it: exactly once), its status;
- `LayThuTuc` `{"MaTTHC"}`: the procedure's name and field (`TenTTHC`, `MaLinhVuc`, `TenLinhVuc`);
- `DongBoHoSoMC` `{"isUpdating", "data": [dossier]}`: the dossier when it is received;
- `CapNhatTienDoHoSoMC` `{"data": [progress]}`: each later status change (`push_progress`,
  queued by the outbox as `progress` jobs: `counter_app.portal.progress`).

Here the counter is the one-door system, so it mints the dossier number (`MaHoSo`) itself, from
the outbox's idempotency key: a resend carries the same number. Dates are `yyyyMMddHHmmss` office
time; the appointment comes from the office calendar. Statuses map through `portal.mapping`
(`resources/portal/dvcqg-mapping.toml`). A session refused mid-way is renewed once.
"""

from __future__ import annotations

import hashlib
import threading
from datetime import datetime
from typing import Any

from common import clock
from counter_app.appointments import office_calendar, return_time
from counter_app.catalog import configured_catalog
from counter_app.paths import app_paths
from counter_app.portal.client import FileOpener, PortalClient, open_plain_file
from counter_app.portal.errors import (
    AccountCreationUnsupported,
    PortalAuthError,
    PortalRejected,
)
from counter_app.portal.mapping import SAMPLE_DIR, VN_TZ, CodeMapping, system_date
from counter_app.portal.progress import ProgressUpdate
from portal_contract.models import (
    AccountInfo,
    AccountRequest,
    Capabilities,
    DossierStatus,
    SubmissionRequest,
    SubmissionResult,
)

SAMPLE = SAMPLE_DIR / "dvcqg-mapping.toml"
DATE_FORMAT = "%Y%m%d%H%M%S"
# What a step says when the officer wrote nothing (NoiDungXuLy).
_STEP_NAMES = {
    "processing": "Đang xử lý",
    "waiting_citizen": "Yêu cầu bổ sung hồ sơ",
    "result_ready": "Đã có kết quả",
    "finished": "Đã trả kết quả",
    "cancelled": "Dừng xử lý",
}


def _stamp(moment: datetime) -> str:
    return moment.astimezone(VN_TZ).strftime(DATE_FORMAT)


def _iso(value: str) -> str:
    return system_date(value, DATE_FORMAT, "Cổng Dịch vụ công quốc gia")


class DVCQGAdapter(PortalClient):
    """`PortalAdapter` reporting to the national portal (transport and errors from `PortalClient`)."""

    name = "dvcqg"
    progress_sync = True  # later status changes go out as CapNhatTienDoHoSoMC

    def __init__(self, base_url: str, mapping: CodeMapping, config: Any, **kwargs: Any) -> None:
        super().__init__(base_url, **kwargs)
        self.mapping = mapping
        self.config = config
        self.username = config.get("portal.client_id")
        self.password = config.get("portal.client_secret")
        self._http.headers["dstcode"] = mapping.server.get("dstcode", "")
        self._session = ""
        self._lock = threading.Lock()
        self._theirs = {ours: theirs for ours, theirs in mapping.statuses.items()}
        self._ours = {theirs: ours for ours, theirs in mapping.statuses.items()}

    # -- the session ----------------------------------------------------------------------------

    def _login(self) -> str:
        body = self._object(
            self._send(
                "POST",
                self.mapping.server.get("auth_endpoint", "/dvcqg/auth"),
                json={"username": self.username, "password": self.password},
            )
        )
        if body.get("error_code") != 0 or not body.get("session"):
            raise PortalAuthError(
                f"Cổng Dịch vụ công quốc gia từ chối đăng nhập: {body.get('message') or body.get('error_code')}.",
                "Kiểm tra tên đăng nhập / mật khẩu đồng bộ (portal.client_id, portal.client_secret) với bộ phận CNTT.",
            )
        return str(body["session"])

    def _call(self, service: str, **fields: Any) -> dict[str, Any]:
        """One service call; a refused session (HTTP 401 or `error_code` != 0) is renewed once."""
        for attempt in (1, 2):
            with self._lock:
                if not self._session:
                    self._session = self._login()
                session = self._session
            payload = {
                "session": session,
                "madonvi": self.mapping.server.get("madonvi", ""),
                "service": service,
            }
            try:
                body = self._object(
                    self._send(
                        "POST",
                        self.mapping.server.get("integration_endpoint", "/dvcqg/integration"),
                        json={**payload, **fields},
                    )
                )
            except PortalAuthError:
                body = {"error_code": -1, "message": "session refused"}
                if attempt == 2:
                    raise
            if body.get("error_code") == 0:
                return body
            with self._lock:
                self._session = ""  # expired or refused: log in again, once
        raise PortalRejected(
            f"Cổng Dịch vụ công quốc gia từ chối {service}: {body.get('message') or body.get('error_code')}.",
            "Sửa thông tin theo thông báo rồi gửi lại; nếu lỗi lặp lại, báo bộ phận CNTT.",
            portal_code=str(body.get("error_code", "")),
        )

    # -- accounts: the sync has no account service; citizens use VNeID ----------------------------

    def capabilities(self) -> Capabilities:
        # A fresh login, so `doctor` checks reachability and the sync credentials.
        session = self._login()
        with self._lock:
            self._session = session
        return Capabilities(create_account=False, account_provider="VNeID")

    def find_account(self, id_number: str) -> AccountInfo:
        # The one-door sync has no account lookup: the answer is "not known here", never a guess.
        return AccountInfo(found=False, provider="VNeID")

    def create_account(self, request: AccountRequest, idempotency_key: str) -> AccountInfo:
        raise AccountCreationUnsupported(
            "Cổng Dịch vụ công quốc gia không tạo tài khoản tại quầy.",
            "Hướng dẫn công dân đăng ký tài khoản định danh điện tử VNeID, rồi ghi nhận việc đã hướng dẫn.",
        )

    # -- dossiers -------------------------------------------------------------------------------

    def dossier_number(self, idempotency_key: str) -> str:
        digest = hashlib.sha256(idempotency_key.encode("utf-8")).hexdigest()[:10].upper()
        return f"{self.mapping.server.get('madonvi', 'MCS')}-{digest}"

    def submit(
        self, request: SubmissionRequest, idempotency_key: str, open_file: FileOpener = open_plain_file
    ) -> SubmissionResult:
        number = self.dossier_number(idempotency_key)
        found = self._lookup(number)
        if found is not None:
            return self._result(found, request.procedure_code, replayed=True)
        # National procedure codes are the catalog's own unless the mapping says otherwise.
        mapped = self.mapping.procedures.get(request.procedure_code)
        code = mapped.service_code if mapped else request.procedure_code
        info = (self._call("LayThuTuc", MaTTHC=code).get("result") or [{}])[0]
        field = (info.get("LINHVUCTHUCHIEN") or [{}])[0]
        procedure = configured_catalog(app_paths(), self.config).get(request.procedure_code)
        received = clock.now()
        due = office_calendar(self.config).due_date(received, procedure.processing_days, procedure.cutoff)
        due_at = datetime.combine(due, return_time(self.config), received.tzinfo)
        record = {
            "MaHoSo": number,
            "MaTTHC": code,
            "TenTTHC": info.get("TENTTHC", procedure.name),
            "MaLinhVuc": field.get("MALINHVUC", ""),
            "TenLinhVuc": field.get("TENLINHVUC", ""),
            "ChuHoSo": request.applicant.full_name,
            "LoaiDoiTuong": subject_type(request.applicant.kind),
            "SoDienThoai": request.applicant.phone,
            "Email": request.applicant.email,
            "TrichYeuHoSo": request.note or procedure.name,
            "NgayTiepNhan": _stamp(received),
            "NgayHenTra": _stamp(due_at),
            "TrangThaiHoSo": self._theirs.get("received", "2"),
            "HinhThuc": "1" if request.return_method == "public_post" else "0",
            "DonViXuLy": self.mapping.server.get("don_vi_xu_ly", request.office_code),
            "TaiLieuNop": [
                {"TepDinhKemId": f"{number}.{i}", "TenTepDinhKem": c.file_name, "MaThanhPhanHoSo": c.key}
                for i, c in enumerate(request.components)
            ],
            "DanhSachLePhi": [{"TenPhiLePhi": "Lệ phí", "Gia": str(request.fee)}] if request.fee else [],
            "DanhSachHoSoBoSung": [],
            "DanhSachGiayToKetQua": [],
        }
        self._call("DongBoHoSoMC", isUpdating=False, data=[record])
        return self._result(record, request.procedure_code, replayed=False)

    def push_progress(self, update: ProgressUpdate, idempotency_key: str) -> None:
        """`CapNhatTienDoHoSoMC`: one step of a dossier reported earlier, with the fields OpenCPS
        sends (`createSyncDossierStatusBodyRequest`). The service has no idempotency key, so a
        resend is made identical instead: `ThoiDiemXuLy` is the step's own time, fixed when the
        outbox queued it, and (MaHoSo, ThoiDiemXuLy, TrangThai) names the step."""
        status = self._theirs.get(update.status)
        if status is None:
            raise PortalRejected(
                f"Trạng thái «{update.status}» chưa có mã trên Cổng Dịch vụ công quốc gia.",
                f'Bộ phận CNTT thêm dòng {update.status} = "..." vào mục [status] của {self.mapping.path},'
                " rồi gửi lại.",
                code="portal_mapping_missing",
                field="status",
            )
        office = self.mapping.server.get("don_vi_xu_ly", "")
        step = {
            "MaHoSo": update.dossier_code,
            "NguoiXuLy": update.officer or office,
            "ChucDanh": "",
            "ThoiDiemXuLy": _stamp(datetime.fromisoformat(update.at)),
            "PhongBanXuLy": self.mapping.server.get("phong_ban_xu_ly", ""),
            "NoiDungXuLy": update.note or _STEP_NAMES.get(update.status, update.status),
            "TrangThai": status,
            "NgayBatDau": "",
            "NgayKetThucTheoQuyDinh": "",
        }
        self._call("CapNhatTienDoHoSoMC", data=[step])

    def status(self, dossier_code: str) -> DossierStatus:
        found = self._lookup(dossier_code)
        if found is None:
            raise PortalRejected(
                f"Không tìm thấy hồ sơ «{dossier_code}» trên Cổng Dịch vụ công quốc gia.",
                "Hồ sơ có thể chưa được đồng bộ; kiểm tra hàng đợi gửi.",
                status=404,
            )
        return DossierStatus(
            dossier_code=dossier_code,
            status=self._ours.get(str(found.get("TrangThaiHoSo")), "processing"),
            received_at=_iso(found.get("NgayTiepNhan", "")),
            appointment_date=_iso(found.get("NgayHenTra", ""))[:10],
        )

    def _lookup(self, number: str) -> dict[str, Any] | None:
        result = self._call("TraCuuHoSo", MaHoSo=number).get("result") or []
        return result[0] if result else None

    def _result(self, record: dict[str, Any], procedure_code: str, *, replayed: bool) -> SubmissionResult:
        return SubmissionResult(
            dossier_code=str(record["MaHoSo"]),
            received_at=_iso(record.get("NgayTiepNhan", "")),
            appointment_date=_iso(record.get("NgayHenTra", ""))[:10],
            status=self._ours.get(str(record.get("TrangThaiHoSo")), "received"),
            procedure_code=procedure_code,
            replayed=replayed,
        )


def subject_type(kind: str) -> str:
    """`LoaiDoiTuong`: 1 a person (a citizen or a foreigner), 2 an organisation (a business or an
    agency); `ChuHoSo` is then the organisation's name."""
    return "2" if kind in ("organisation", "agency") else "1"


def open_adapter(
    config: Any, url: str, *, timeout_s: float | None = None, transport: Any = None
) -> DVCQGAdapter:
    """The `dvcqg` entry point of `mot_cua_so.portal_adapters`."""
    return DVCQGAdapter(
        url,
        CodeMapping.load(config.get("portal.mapping") or SAMPLE),
        config,
        ca_bundle=config.get("portal.ca_bundle") or None,
        timeout_s=timeout_s if timeout_s is not None else float(config.get("portal.timeout_s")),
        transport=transport,
    )


open_adapter.progress_sync = DVCQGAdapter.progress_sync  # type: ignore[attr-defined]
