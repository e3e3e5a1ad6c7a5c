"""eSCL / AirScan network scanners (Mopria eSCL over HTTP) through httpx.

Protocol: `GET ScannerCapabilities`, `GET ScannerStatus`, `POST ScanJobs` (201 + Location),
`GET <job>/NextDocument` until 404, `DELETE <job>` to cancel; a 503 means "not ready, ask again".
Only the path of the `Location` header is used: the host there is whatever the device believes
its name is (often wrong behind NAT, or hostile), so requests always go to the address we chose.
Discovery (mDNS `_uscan._tcp`) lives in `escl_discovery`; addresses can also be typed in.
"""

from __future__ import annotations

import io
import os
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import urlsplit

from scanner.devices.base import (
    CancelToken,
    ProgressCallback,
    ScannerBackend,
    check_cancel,
    page_as_asked,
    report,
)
from scanner.devices.escl_xml import (
    EsclCapabilities,
    EsclStatus,
    parse_capabilities,
    parse_status,
    settings_xml,
)
from scanner.devices.types import (
    Capabilities,
    DeviceInfo,
    ScannedPage,
    ScanSettings,
)
from scanner.errors import (
    CoverOpenError,
    DeviceBusyError,
    DeviceDisconnectedError,
    DeviceError,
    FeederEmptyError,
    NoDeviceError,
    PaperJamError,
)
from scanner.guard import DECODE_ERRORS, ImageUnreadableError, check_image_bytes

NO_DISCOVERY_ENV = "COUNTER_APP_NO_DISCOVERY"
_ADF_ERRORS: dict[str, type[DeviceError]] = {
    "ScannerAdfJam": PaperJamError,
    "ScannerAdfDoorOpen": CoverOpenError,
    "ScannerAdfHatchOpen": CoverOpenError,
    "ScannerAdfEmpty": FeederEmptyError,
}


class EsclClient:
    """One scanner at `base_url` (e.g. `http://192.0.2.5:8080/eSCL`), with bounded 503 retries."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 30.0,
        retries: int = 10,
        retry_delay: float = 0.5,
        transport: Any = None,
    ) -> None:
        import httpx

        self.base_url = base_url.rstrip("/")
        parts = urlsplit(self.base_url)
        self._origin = f"{parts.scheme}://{parts.netloc}"
        self._retries = retries
        self._retry_delay = retry_delay
        # Network scanners nearly always present self-signed certificates.
        self._http = httpx.Client(timeout=timeout, verify=False, transport=transport)

    def close(self) -> None:
        self._http.close()

    def url_for(self, path_or_url: str) -> str:
        """An absolute URL on OUR chosen host: only the path of a device-given URL is kept."""
        if path_or_url.startswith(("http://", "https://")):
            path_or_url = urlsplit(path_or_url).path
        if path_or_url.startswith("/"):
            return self._origin + path_or_url
        return f"{self.base_url}/{path_or_url}"

    def request(self, method: str, path: str, **kwargs: Any) -> Any:
        import httpx

        attempt = 0
        while True:
            try:
                response = self._http.request(method, self.url_for(path), **kwargs)
            except httpx.TransportError as exc:
                raise ConnectionError(str(exc)) from exc
            if response.status_code != 503 or attempt >= self._retries:
                return response
            attempt += 1
            retry_after = response.headers.get("Retry-After", "")
            delay = float(retry_after) if retry_after.isdigit() else self._retry_delay * attempt
            time.sleep(min(delay, 5.0))

    def capabilities(self) -> EsclCapabilities:
        response = self.request("GET", "ScannerCapabilities")
        response.raise_for_status()
        return parse_capabilities(response.content)

    def status(self) -> EsclStatus:
        """The scanner's state; "Unknown" when it will not say (status is advisory, never fatal)."""
        response = self.request("GET", "ScannerStatus")
        if response.status_code != 200:
            return EsclStatus(state="Unknown", adf_state="")
        try:
            return parse_status(response.content)
        except ET.ParseError:
            return EsclStatus(state="Unknown", adf_state="")

    def create_job(self, body: bytes) -> Any:
        return self.request("POST", "ScanJobs", content=body, headers={"Content-Type": "text/xml"})

    def next_document(self, job_path: str) -> Any:
        return self.request("GET", job_path.rstrip("/") + "/NextDocument")

    def cancel(self, job_path: str) -> None:
        try:
            self.request("DELETE", job_path)
        except ConnectionError:
            pass  # the job dies with the connection anyway


def error_for_status(status: EsclStatus, device: str) -> DeviceError | None:
    cls = _ADF_ERRORS.get(status.adf_state)
    if cls is not None:
        return cls(device=device)
    if status.state in {"Processing", "Testing"}:
        return DeviceBusyError(device=device)
    if status.state in {"Stopped", "Down"}:
        return DeviceError("Máy quét mạng đang báo lỗi hoặc tạm dừng.", device=device, code="device_stopped")
    return None


class EsclBackend(ScannerBackend):
    name = "escl"

    def __init__(
        self,
        manual_urls: Sequence[str] = (),
        discover: bool | None = None,
        discovery_timeout: float = 2.0,
        retry_delay: float = 0.5,
    ) -> None:
        self._manual = [u.rstrip("/") for u in manual_urls]
        if discover is None:
            # Test runs and sandboxes that must not send multicast set this variable.
            discover = os.environ.get(NO_DISCOVERY_ENV, "") not in {"1", "true", "yes"}
        self._discover = discover
        self._discovery_timeout = discovery_timeout
        self._retry_delay = retry_delay

    @classmethod
    def unavailable_reason(cls) -> str | None:
        try:
            import httpx  # noqa: F401
        except ImportError as exc:
            return f"chưa cài httpx ({exc})"
        return None

    def client(self, device: DeviceInfo) -> EsclClient:
        return EsclClient(device.native_id, retry_delay=self._retry_delay)

    def list_devices(self) -> list[DeviceInfo]:
        urls = list(self._manual)
        names: dict[str, str] = {}
        if self._discover:
            from scanner.devices.escl_discovery import discover

            for found in discover(self._discovery_timeout):
                if found.url not in urls:
                    urls.append(found.url)
                    names[found.url] = found.name
        return [self.device_from_id(url, name=names.get(url, "")) for url in urls]

    def device_from_id(self, native_id: str, name: str = "") -> DeviceInfo:
        if not native_id.startswith(("http://", "https://")):
            raise NoDeviceError(
                f"Địa chỉ máy quét mạng không hợp lệ: «{native_id}».",
                "Nhập dạng http://địa-chỉ-máy-quét/eSCL.",
            )
        return DeviceInfo(
            id=f"escl:{native_id}",
            backend="escl",
            native_id=native_id,
            name=name or f"Máy quét mạng {urlsplit(native_id).netloc}",
        )

    def _escl_capabilities(self, client: EsclClient, device: DeviceInfo) -> EsclCapabilities:
        try:
            return client.capabilities()
        except ConnectionError as exc:
            raise NoDeviceError(
                f"Không kết nối được máy quét mạng {urlsplit(device.native_id).netloc}.",
                "Kiểm tra máy quét đã bật, cùng mạng với máy tính, và địa chỉ nhập đúng.",
                device=device.id,
            ) from exc
        except Exception as exc:
            raise DeviceError(
                f"Máy quét mạng trả lời không đúng chuẩn eSCL: {exc}", device=device.id
            ) from exc

    def capabilities(self, device: DeviceInfo) -> Capabilities:
        client = self.client(device)
        try:
            return self._escl_capabilities(client, device).capabilities
        finally:
            client.close()

    def scan(
        self,
        device: DeviceInfo,
        settings: ScanSettings,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> Iterator[ScannedPage]:
        client = self.client(device)
        try:
            caps = self._escl_capabilities(client, device)
            caps.capabilities.validate(settings)
            preferred = "image/png" if settings.mode == "bw" else "image/jpeg"
            fmt = preferred if preferred in caps.formats else "image/jpeg"
            job = self._start_job(client, device, settings_xml(settings, caps, fmt))
        except BaseException:
            client.close()
            raise
        return self._pages(client, device, settings, job, progress, cancel)

    def _start_job(self, client: EsclClient, device: DeviceInfo, body: bytes) -> str:
        try:
            response = client.create_job(body)
            if response.status_code == 201 and response.headers.get("Location"):
                return urlsplit(response.headers["Location"]).path
            status = client.status()
        except ConnectionError as exc:
            raise NoDeviceError(f"Mất kết nối với máy quét mạng: {exc}", device=device.id) from exc
        error = error_for_status(status, device.id)
        if response.status_code == 503:
            raise error or DeviceBusyError(device=device.id)
        if error is not None:
            raise error
        raise DeviceError(f"Máy quét mạng từ chối lệnh quét (HTTP {response.status_code}).", device=device.id)

    def _pages(
        self,
        client: EsclClient,
        device: DeviceInfo,
        settings: ScanSettings,
        job: str,
        progress: ProgressCallback | None,
        cancel: CancelToken | None,
    ) -> Iterator[ScannedPage]:
        from PIL import Image

        received = 0
        finished = False
        limit = settings.page_limit
        try:
            while limit is None or received < limit:
                check_cancel(cancel)
                number = received + 1
                report(progress, number, 0.0)
                try:
                    response = client.next_document(job)
                except ConnectionError as exc:
                    raise DeviceDisconnectedError(device=device.id, pages_received=received) from exc
                if response.status_code == 404:
                    finished = True
                    self._raise_if_stopped(client, device, received)
                    return
                if response.status_code != 200:
                    raise DeviceError(
                        f"Máy quét mạng trả về lỗi HTTP {response.status_code} khi gửi trang {number}.",
                        device=device.id,
                    )
                try:
                    check_image_bytes(response.content, f"trang {number}")  # a network peer: headers first
                    image = Image.open(io.BytesIO(response.content))
                    image.load()
                except (ImageUnreadableError, *DECODE_ERRORS) as exc:
                    raise DeviceError(
                        f"Máy quét mạng gửi trang {number} bị hỏng.",
                        "Các trang trước vẫn được giữ; quét lại từ trang này.",
                        device=device.id,
                    ) from exc
                received += 1
                report(progress, number, 1.0)
                yield page_as_asked(image, settings, number, device)
        finally:
            if not finished:
                client.cancel(job)  # cancelled, page limit reached, or an error: free the scanner
            client.close()

    @staticmethod
    def _raise_if_stopped(client: EsclClient, device: DeviceInfo, received: int) -> None:
        """After 404 (no more pages), tell a normal end from a jam or an empty feeder."""
        try:
            status = client.status()
        except ConnectionError:
            return
        error = error_for_status(status, device.id)
        if isinstance(error, FeederEmptyError) and received > 0:
            return
        if isinstance(error, (PaperJamError, CoverOpenError, FeederEmptyError)):
            raise error
        if received == 0:
            raise FeederEmptyError(device=device.id)
