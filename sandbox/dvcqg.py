"""A stand-in for the national portal's one-door sync (DVCQG), as OpenCPS v2 talks to it.

From the public source of VietOpenCPS/opencps-v2 (`DVCQGIntegrationActionImpl.java`; reference
only, nothing copied): `POST` the auth endpoint with `{"username", "password"}` -> `{"session",
"error_code": 0}`; `POST` the integration endpoint with `{"session", "madonvi", "service", ...}`
and the `dstcode` header. Services: `LayThuTuc`, `TraCuuHoSo`, `DongBoHoSoMC` (upsert by
`MaHoSo`), `CapNhatTienDoHoSoMC`. Answers are HTTP 200 with `error_code` 0, or another code and a
`message` (an unknown or expired session included). State is in memory.
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

AUTH = "/dvcqg/auth"
INTEGRATION = "/dvcqg/integration"
_REQUIRED = ("MaHoSo", "MaTTHC", "TenTTHC", "ChuHoSo", "NgayTiepNhan", "NgayHenTra", "TrangThaiHoSo")


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
    ) -> None:
        self.procedures = load_procedures(catalog)
        self.username, self.password, self.madonvi = username, password, madonvi
        self.sessions: set[str] = set()
        self.dossiers: dict[str, dict[str, Any]] = {}
        self.progress: list[dict[str, Any]] = []
        self.logins = 0
        self._lock = threading.Lock()
        routes = [
            Route("/health", self.health),
            Route(AUTH, self.auth, methods=["POST"]),
            Route(INTEGRATION, self.integration, methods=["POST"]),
            Route("/sandbox/dossiers", self.list_dossiers),
            Route("/sandbox/sessions/expire", self.expire_sessions, methods=["POST"]),
            Route("/sandbox/faults", self.faults_endpoint, methods=["GET", "PUT"]),
        ]
        self.asgi = FaultInjector(Starlette(routes=routes), faults)

    def start_background(self) -> None: ...

    def stop_background(self) -> None: ...

    def close(self) -> None: ...

    async def health(self, request: Request) -> JSONResponse:
        return JSONResponse({"ok": True, "sandbox": True, "flavour": "dvcqg"})

    async def auth(self, request: Request) -> JSONResponse:
        body = await request.json()
        if self.username and (body.get("username"), body.get("password")) != (self.username, self.password):
            return _error(1, "Sai tên đăng nhập hoặc mật khẩu.")
        session = secrets.token_urlsafe(16)
        with self._lock:
            self.sessions.add(session)
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
                    self.dossiers[str(record["MaHoSo"])] = dict(record)  # an upsert by MaHoSo
            return JSONResponse({"error_code": 0, "message": "Đồng bộ thành công."})
        if service == "CapNhatTienDoHoSoMC":
            with self._lock:
                for step in body.get("data") or []:
                    dossier = self.dossiers.get(str(step.get("MaHoSo")))
                    if dossier is None:
                        return _error(5, f"Không có hồ sơ {step.get('MaHoSo')}.")
                    dossier["TrangThaiHoSo"] = step.get("TrangThai", dossier["TrangThaiHoSo"])
                    self.progress.append(dict(step))
            return JSONResponse({"error_code": 0})
        return _error(9, f"Dịch vụ {service!r} không được hỗ trợ.")

    async def list_dossiers(self, request: Request) -> JSONResponse:
        with self._lock:
            dossiers = [{**d, "dossier_code": d["MaHoSo"]} for d in self.dossiers.values()]
            progress = list(self.progress)
        return JSONResponse({"count": len(dossiers), "dossiers": dossiers, "progress": progress})

    async def expire_sessions(self, request: Request) -> JSONResponse:
        with self._lock:
            self.sessions.clear()
        return JSONResponse({"ok": True})

    async def faults_endpoint(self, request: Request) -> JSONResponse:
        if request.method == "PUT":
            self.asgi.spec = self.asgi.spec.merged(await request.json())
        return JSONResponse({"faults": self.asgi.spec.to_dict(), "counts": self.asgi.counts})
