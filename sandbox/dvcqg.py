"""A stand-in for the national portal's one-door sync (DVCQG), as OpenCPS v2 talks to it.

From the public source of VietOpenCPS/opencps-v2 (`DVCQGIntegrationActionImpl.java`; reference
only, nothing copied): `POST` the auth endpoint with `{"username", "password"}` -> `{"session",
"error_code": 0}`; `POST` the integration endpoint with `{"session", "madonvi", "service", ...}`
and the `dstcode` header. Services: `LayThuTuc`, `TraCuuHoSo`, `DongBoHoSoMC` (upsert by
`MaHoSo`), `CapNhatTienDoHoSoMC` (the fields OpenCPS's `createSyncDossierStatusBodyRequest`
sends; a step is named by (MaHoSo, ThoiDiemXuLy, TrangThai), so an identical resend is recorded
once and counted as a replay). Answers are HTTP 200 with `error_code` 0, or another code and a
`message` (an unknown or expired session included).

State (dossiers, progress steps, sessions) is in `StandInState`: a SQLite file given `state`
survives a restart. Inspection: `GET /sandbox/dossiers`, `GET /sandbox/progress` (what progress
it received, replays counted); trainers play the back office with `POST
/sandbox/dossiers/{MaHoSo}/status {"TrangThaiHoSo": "9"}`. `break_idempotency=True` is a
deliberately wrong server that records a resent progress step twice (for the conformance kit).
"""

from __future__ import annotations

import secrets
import threading
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from sandbox.catalog import load_procedures
from sandbox.faults import FaultInjector, FaultSpec
from sandbox.stand_in_state import StandInState

AUTH = "/dvcqg/auth"
INTEGRATION = "/dvcqg/integration"
_REQUIRED = ("MaHoSo", "MaTTHC", "TenTTHC", "ChuHoSo", "NgayTiepNhan", "NgayHenTra", "TrangThaiHoSo")
_STEP_REQUIRED = ("MaHoSo", "NguoiXuLy", "ThoiDiemXuLy", "TrangThai")


def _step_key(step: dict[str, Any]) -> str:
    return f"{step.get('MaHoSo')}|{step.get('ThoiDiemXuLy')}|{step.get('TrangThai')}"


def _error(code: int, message: str) -> JSONResponse:
    return JSONResponse({"error_code": code, "message": message})


class DVCQGStandIn:
    def __init__(
        self,
        *,
        faults: FaultSpec | None = None,
        catalog: Path | None = None,
        username: str = "",
        password: str = "",
        madonvi: str = "000.00.01.H99",
        state: StandInState | None = None,
        break_idempotency: bool = False,
    ) -> None:
        self.procedures = load_procedures(catalog)
        self.username, self.password, self.madonvi = username, password, madonvi
        self.state = state or StandInState()
        self.break_idempotency = break_idempotency
        self.sessions: set[str] = set(self.state.load("session"))
        self.dossiers: dict[str, dict[str, Any]] = self.state.load("dossier")
        # Step key -> {"step", "replays"}; a broken server keys by arrival instead.
        self._steps: dict[str, dict[str, Any]] = self.state.load("progress")
        self.logins = 0
        self._lock = threading.Lock()
        routes = [
            Route("/health", self.health),
            Route(AUTH, self.auth, methods=["POST"]),
            Route(INTEGRATION, self.integration, methods=["POST"]),
            Route("/sandbox/dossiers", self.list_dossiers),
            Route("/sandbox/dossiers/{code}/status", self.set_status, methods=["POST"]),
            Route("/sandbox/progress", self.list_progress),
            Route("/sandbox/sessions/expire", self.expire_sessions, methods=["POST"]),
            Route("/sandbox/faults", self.faults_endpoint, methods=["GET", "PUT"]),
        ]
        self.asgi = FaultInjector(Starlette(routes=routes), faults)

    def start_background(self) -> None: ...

    def stop_background(self) -> None: ...

    def close(self) -> None:
        self.state.close()

    @property
    def progress(self) -> list[dict[str, Any]]:
        """The progress steps recorded, in arrival order (a replay is not a new step)."""
        with self._lock:
            return [dict(entry["step"]) for entry in self._steps.values()]

    async def health(self, request: Request) -> JSONResponse:
        return JSONResponse({"ok": True, "sandbox": True, "flavour": "dvcqg"})

    async def auth(self, request: Request) -> JSONResponse:
        body = await request.json()
        if self.username and (body.get("username"), body.get("password")) != (self.username, self.password):
            return _error(1, "Sai tên đăng nhập hoặc mật khẩu.")
        session = secrets.token_urlsafe(16)
        with self._lock:
            self.sessions.add(session)
            self.state.put("session", session, True)
            self.logins += 1
        return JSONResponse({"session": session, "error_code": 0})

    async def integration(self, request: Request) -> JSONResponse:
        body = await request.json()
        if not isinstance(body, dict) or body.get("session") not in self.sessions:
            return _error(401, "Phiên làm việc không hợp lệ hoặc đã hết hạn.")
        if body.get("madonvi") != self.madonvi:
            return _error(2, "Mã đơn vị không đúng.")
        service = body.get("service")
        if service == "LayThuTuc":
            procedure = self.procedures.get(str(body.get("MaTTHC")))
            result = (
                [
                    {
                        "MATTHC": procedure.code,
                        "TENTTHC": procedure.name,
                        "LINHVUCTHUCHIEN": [
                            {"MALINHVUC": procedure.code.split(".")[0], "TENLINHVUC": "Lĩnh vực"}
                        ],
                    }
                ]
                if procedure
                else []
            )
            return JSONResponse({"error_code": 0, "result": result})
        if service == "TraCuuHoSo":
            with self._lock:
                found = self.dossiers.get(str(body.get("MaHoSo")))
            return JSONResponse({"error_code": 0, "result": [found] if found else []})
        if service == "DongBoHoSoMC":
            records = body.get("data")
            if not isinstance(records, list) or not records:
                return _error(3, "Thiếu dữ liệu hồ sơ (data).")
            for record in records:
                missing = [k for k in _REQUIRED if not record.get(k)]
                if missing:
                    return _error(3, f"Thiếu trường bắt buộc: {', '.join(missing)}.")
                if str(record["MaTTHC"]) not in self.procedures:
                    return _error(4, f"Mã thủ tục {record['MaTTHC']} không có trên Cổng.")
            with self._lock:
                for record in records:
                    self._store_dossier(dict(record))  # an upsert by MaHoSo
            return JSONResponse({"error_code": 0, "message": "Đồng bộ thành công."})
        if service == "CapNhatTienDoHoSoMC":
            return self._progress(body.get("data"))
        return _error(9, f"Dịch vụ {service!r} không được hỗ trợ.")

    def _store_dossier(self, record: dict[str, Any]) -> None:
        self.dossiers[str(record["MaHoSo"])] = record
        self.state.put("dossier", str(record["MaHoSo"]), record)

    def _progress(self, steps: Any) -> JSONResponse:
        if not isinstance(steps, list) or not steps:
            return _error(3, "Thiếu dữ liệu tiến độ (data).")
        for step in steps:
            missing = [k for k in _STEP_REQUIRED if not isinstance(step, dict) or not step.get(k)]
            if missing:
                return _error(3, f"Thiếu trường bắt buộc: {', '.join(missing)}.")
            stamp = str(step["ThoiDiemXuLy"])
            if len(stamp) != 14 or not stamp.isdigit():
                return _error(3, f"ThoiDiemXuLy {stamp!r} không đúng định dạng yyyyMMddHHmmss.")
        with self._lock:
            if any(str(step["MaHoSo"]) not in self.dossiers for step in steps):
                return _error(5, "Không có hồ sơ để cập nhật tiến độ.")
            for step in steps:
                key = _step_key(step) if not self.break_idempotency else f"#{len(self._steps)}"
                entry = self._steps.get(key)
                if entry is not None:
                    entry["replays"] += 1  # the same step again (a resend): recorded once
                else:
                    entry = {"step": dict(step), "replays": 0}
                    dossier = self.dossiers[str(step["MaHoSo"])]
                    self._store_dossier({**dossier, "TrangThaiHoSo": str(step["TrangThai"])})
                self._steps[key] = entry
                self.state.put("progress", key, entry)
        return JSONResponse({"error_code": 0})

    async def list_dossiers(self, request: Request) -> JSONResponse:
        with self._lock:
            dossiers = [{**d, "dossier_code": d["MaHoSo"]} for d in self.dossiers.values()]
            progress = [dict(entry["step"]) for entry in self._steps.values()]
        return JSONResponse({"count": len(dossiers), "dossiers": dossiers, "progress": progress})

    async def list_progress(self, request: Request) -> JSONResponse:
        """What `CapNhatTienDoHoSoMC` brought: each step once, and how many resends repeated one."""
        with self._lock:
            entries = list(self._steps.values())
        return JSONResponse(
            {
                "count": len(entries),
                "progress": [entry["step"] for entry in entries],
                "replays": sum(entry["replays"] for entry in entries),
            }
        )

    async def set_status(self, request: Request) -> JSONResponse:
        """The back office moves a dossier on the national portal (a trainer, a test)."""
        body = await request.json()
        code = request.path_params["code"]
        with self._lock:
            dossier = self.dossiers.get(code)
            if dossier is None or not isinstance(body, dict) or not body.get("TrangThaiHoSo"):
                return JSONResponse({"error": "unknown dossier or no TrangThaiHoSo"}, status_code=404)
            self._store_dossier({**dossier, "TrangThaiHoSo": str(body["TrangThaiHoSo"])})
        return JSONResponse({"ok": True})

    async def expire_sessions(self, request: Request) -> JSONResponse:
        with self._lock:
            self.sessions.clear()
            self.state.delete_kind("session")
        return JSONResponse({"ok": True})

    async def faults_endpoint(self, request: Request) -> JSONResponse:
        if request.method == "PUT":
            self.asgi.spec = self.asgi.spec.merged(await request.json())
        return JSONResponse({"faults": self.asgi.spec.to_dict(), "counts": self.asgi.counts})
