"""The HTTP client of the portal contract (`docs/portal-api.yaml`), on httpx.

Every call has explicit connect/read/write timeouts; PDFs are streamed from their file objects
in 64 KiB chunks by httpx's multipart encoder, never joined into one body in memory. Every
failure comes out as one of the typed errors of `counter_app.portal.errors`, so callers (the
outbox, the window) never see a raw httpx exception.
"""

from __future__ import annotations

import contextlib
import json
import ssl
from collections.abc import Callable
from typing import IO, Any

import httpx

from counter_app import __version__
from counter_app.portal.auth import OAuth2ClientCredentials
from counter_app.portal.errors import (
    AccountCreationUnsupported,
    ComponentFileError,
    PortalAuthError,
    PortalBadResponse,
    PortalError,
    PortalRejected,
    PortalThrottled,
    PortalTimeout,
    PortalTLSError,
    PortalUnavailable,
)
from portal_contract.models import (
    API_PREFIX,
    IDEMPOTENCY_HEADER,
    REPLAYED_HEADER,
    AccountInfo,
    AccountRequest,
    Capabilities,
    ComponentUpload,
    ContractError,
    DossierStatus,
    SubmissionRequest,
    SubmissionResult,
)

FileOpener = Callable[[ComponentUpload], IO[bytes]]

_DOWN_HINT = "Hồ sơ vẫn được giữ trong hàng đợi và sẽ tự gửi lại khi cổng hoạt động."


def open_plain_file(component: ComponentUpload) -> IO[bytes]:
    """Default opener: the component's `path` on disk."""
    if not component.path:
        raise ComponentFileError(
            f"Thành phần «{component.name}» không có tệp để gửi.",
            "Hãy số hóa và ký lại thành phần này.",
        )
    try:
        return open(component.path, "rb")
    except OSError as exc:
        raise ComponentFileError(
            f"Không đọc được tệp của thành phần «{component.name}»: {exc.strerror or exc}",
            "Tệp có thể đã bị xóa hoặc di chuyển; hãy số hóa lại thành phần này.",
        ) from exc


def _ssl_context(ca_bundle: str | None, cert: tuple[str, str] | None) -> ssl.SSLContext | bool:
    if not ca_bundle and not cert:
        return True
    context = ssl.create_default_context(cafile=ca_bundle or None)
    if cert:
        context.load_cert_chain(cert[0], cert[1])
    return context


def _is_tls_failure(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError) or "CERTIFICATE_VERIFY_FAILED" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class PortalClient:
    """`find_account`, `create_account`, `submit`, `status`, `capabilities` over HTTP.

    The reference adapter (`counter_app.portal.adapters`): the contract of docs/portal-api.yaml."""

    name = "reference"

    def __init__(
        self,
        base_url: str,
        *,
        auth: httpx.Auth | None = None,
        cert: tuple[str, str] | None = None,
        ca_bundle: str | None = None,
        timeout_s: float = 30.0,
        connect_timeout_s: float = 5.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        try:
            verify = _ssl_context(ca_bundle, cert)
        except (OSError, ssl.SSLError) as exc:
            raise PortalTLSError(
                f"Không nạp được chứng thư TLS đã cấu hình: {exc}",
                "Kiểm tra tùy chọn portal.ca_bundle / chứng thư máy khách với bộ phận CNTT.",
            ) from exc
        self._http = httpx.Client(
            base_url=self.base_url,
            auth=auth,
            verify=verify,
            transport=transport,
            timeout=httpx.Timeout(timeout_s, connect=connect_timeout_s),
            headers={"User-Agent": f"mot-cua-so/{__version__}", "Accept": "application/json"},
        )

    @classmethod
    def from_config(
        cls,
        config: Any,
        url: str | None = None,
        *,
        timeout_s: float | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> PortalClient:
        """Build from `portal.*` options (`url` overrides `portal.url`, e.g. the in-process sandbox)."""
        base = url or config.get("portal.url")
        auth: httpx.Auth | None = None
        cert: tuple[str, str] | None = None
        mode = config.get("portal.auth")
        if mode == "oauth2":
            auth = OAuth2ClientCredentials(
                f"{base.rstrip('/')}/oauth/token",
                config.get("portal.client_id"),
                config.get("portal.client_secret"),
            )
        elif mode == "client_cert":
            pem = config.get("portal.client_cert")
            cert = (pem, config.get("portal.client_key") or pem)  # the key may sit in the same PEM
        return cls(
            base,
            auth=auth,
            cert=cert,
            ca_bundle=config.get("portal.ca_bundle") or None,
            timeout_s=timeout_s if timeout_s is not None else float(config.get("portal.timeout_s")),
            transport=transport,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> PortalClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the contract ------------------------------------------------------------------

    def capabilities(self) -> Capabilities:
        return self._parse(Capabilities.from_dict, self._send("GET", f"{API_PREFIX}/capabilities"))

    def find_account(self, id_number: str) -> AccountInfo:
        # POST, not GET: the ID number must not end up in URLs and access logs.
        response = self._send("POST", f"{API_PREFIX}/accounts/lookup", json={"id_number": id_number})
        return self._parse(AccountInfo.from_dict, response)

    def create_account(self, request: AccountRequest, idempotency_key: str) -> AccountInfo:
        try:
            response = self._send(
                "POST",
                f"{API_PREFIX}/accounts",
                json=request.to_dict(),
                headers={IDEMPOTENCY_HEADER: idempotency_key},
            )
        except PortalRejected as exc:
            if exc.portal_code == "account_creation_unsupported":
                raise AccountCreationUnsupported(
                    exc.message,
                    "Hướng dẫn công dân đăng ký tài khoản định danh điện tử VNeID, rồi ghi nhận việc đã hướng dẫn.",
                    status=exc.status,
                ) from exc
            raise
        return self._parse(AccountInfo.from_dict, response)

    def submit(
        self,
        request: SubmissionRequest,
        idempotency_key: str,
        open_file: FileOpener = open_plain_file,
    ) -> SubmissionResult:
        """File the dossier; a repeated `idempotency_key` returns the portal's original answer."""
        with contextlib.ExitStack() as stack:
            files: list[tuple[str, Any]] = [
                (
                    "metadata",
                    (
                        None,
                        json.dumps(request.wire(), ensure_ascii=False).encode("utf-8"),
                        "application/json",
                    ),
                )
            ]
            for index, component in enumerate(request.components):
                handle = stack.enter_context(open_file(component))
                files.append((f"file{index}", (component.file_name, handle, "application/pdf")))
            response = self._send(
                "POST",
                f"{API_PREFIX}/dossiers",
                files=files,
                headers={IDEMPOTENCY_HEADER: idempotency_key},
            )
        result = self._parse(SubmissionResult.from_dict, response)
        if response.headers.get(REPLAYED_HEADER) == "true" and not result.replayed:
            result = SubmissionResult(**{**result.to_dict(), "replayed": True})
        return result

    def status(self, dossier_code: str) -> DossierStatus:
        response = self._send("GET", f"{API_PREFIX}/dossiers/{dossier_code}")
        return self._parse(DossierStatus.from_dict, response)

    # -- transport and error mapping --------------------------------------------------

    def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.TimeoutException as exc:
            raise PortalTimeout(
                "Cổng dịch vụ công không trả lời kịp (quá thời gian chờ).",
                _DOWN_HINT,
            ) from exc
        except httpx.TransportError as exc:
            if _is_tls_failure(exc):
                raise PortalTLSError(
                    "Không thiết lập được kết nối an toàn (TLS) tới cổng dịch vụ công: chứng thư không hợp lệ.",
                    "Kiểm tra tùy chọn portal.ca_bundle và địa chỉ cổng với bộ phận CNTT.",
                ) from exc
            raise PortalUnavailable(
                f"Không kết nối được cổng dịch vụ công ({type(exc).__name__}).",
                _DOWN_HINT,
            ) from exc
        if response.is_success:
            return response
        raise self._error_for(response)

    def _error_for(self, response: httpx.Response) -> PortalError:
        status = response.status_code
        code, message, field = "", "", ""
        try:
            body = response.json()["error"]
            code, message, field = (
                str(body.get("code", "")),
                str(body.get("message", "")),
                str(body.get("field", "")),
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            pass
        if status == 429:
            return PortalThrottled(
                "Cổng dịch vụ công đang quá tải và yêu cầu gửi chậm lại.",
                _DOWN_HINT,
                retry_after=_retry_after(response.headers.get("Retry-After")),
            )
        if status >= 500:
            return PortalUnavailable(
                f"Cổng dịch vụ công đang gặp sự cố (mã {status}).", _DOWN_HINT, status=status
            )
        if status in (401, 403) and code != "account_creation_unsupported":
            return PortalAuthError(
                message or "Cổng dịch vụ công từ chối xác thực của đơn vị.",
                "Kiểm tra mã client / khóa bí mật hoặc chứng thư của đơn vị với bộ phận CNTT.",
                status=status,
            )
        return PortalRejected(
            message or f"Cổng dịch vụ công từ chối yêu cầu (mã {status}).",
            "Sửa hồ sơ theo thông báo của cổng rồi gửi lại.",
            status=status,
            field=field,
            portal_code=code,
        )

    def _object(self, response: httpx.Response) -> dict[str, Any]:
        """The answer as a JSON object (adapters whose systems answer plain objects)."""
        return self._parse(_json_object, response)

    @staticmethod
    def _parse(parser: Callable[[dict[str, Any]], Any], response: httpx.Response) -> Any:
        try:
            return parser(response.json())
        except (ValueError, ContractError, TypeError, AttributeError) as exc:
            raise PortalBadResponse(
                f"Cổng dịch vụ công trả về dữ liệu không đúng định dạng (HTTP {response.status_code}).",
                "Báo bộ phận CNTT kèm thời điểm gửi; hồ sơ vẫn được giữ.",
                status=response.status_code,
            ) from exc


def _json_object(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise TypeError("not a JSON object")
    return body


def open_adapter(
    config: Any, url: str, *, timeout_s: float | None = None, transport: Any = None
) -> PortalClient:
    """The `reference` entry point of `mot_cua_so.portal_adapters`."""
    return PortalClient.from_config(config, url, timeout_s=timeout_s, transport=transport)


def _retry_after(value: str | None) -> float:
    """Seconds from a Retry-After header (delta-seconds; an HTTP date counts as 1 s)."""
    if not value:
        return 0.0
    try:
        return max(0.0, float(value))
    except ValueError:
        return 1.0
