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
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from scanner.devices.base import CancelToken, ProgressCallback, ScannerBackend, check_cancel, report, to_mode
from scanner.devices.types import (
    Capabilities,
    ColorMode,
    DeviceInfo,
    ScannedPage,
    ScanSettings,
    Source,
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

NS = {"scan": "http://schemas.hp.com/imaging/escl/2011/05/03", "pwg": "http://www.pwg.org/schemas/2010/12/sm"}
ESCL_MODES: dict[ColorMode, str] = {"color": "RGB24", "gray": "Grayscale8", "bw": "BlackAndWhite1"}
_ADF_ERRORS: dict[str, type[DeviceError]] = {
    "ScannerAdfJam": PaperJamError,
    "ScannerAdfDoorOpen": CoverOpenError,
    "ScannerAdfHatchOpen": CoverOpenError,
    "ScannerAdfEmpty": FeederEmptyError,
}
UNITS_PER_INCH = 300
NO_DISCOVERY_ENV = "COUNTER_APP_NO_DISCOVERY"  # eSCL regions are in three-hundredths of an inch


@dataclass(frozen=True)
class EsclCapabilities:
    make_and_model: str
    uuid: str
    capabilities: Capabilities
    formats: tuple[str, ...]
    native_modes: tuple[str, ...]
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class EsclStatus:
    state: str
    adf_state: str


def _texts(node: ET.Element | None, path: str) -> list[str]:
    return [] if node is None else [e.text.strip() for e in node.findall(path, NS) if e.text]


def parse_capabilities(xml: bytes) -> EsclCapabilities:
    root = ET.fromstring(xml)
    inputs: dict[Source, ET.Element] = {}
    platen = root.find("scan:Platen/scan:PlatenInputCaps", NS)
    if platen is not None:
        inputs["flatbed"] = platen
    simplex = root.find("scan:Adf/scan:AdfSimplexInputCaps", NS)
    if simplex is not None:
        inputs["adf"] = simplex
    duplex = root.find("scan:Adf/scan:AdfDuplexInputCaps", NS)
    if duplex is not None or "Duplex" in _texts(root, "scan:Adf/scan:AdfOptions/scan:AdfOption"):
        inputs["duplex"] = duplex if duplex is not None else inputs.get("adf", ET.Element("x"))
    if not inputs:
        raise DeviceError("Máy quét mạng không báo nguồn giấy nào.", code="escl_bad_capabilities")
    native: set[str] = set()
    dpis: set[int] = set()
    formats: set[str] = set()
    widths: list[int] = []
    heights: list[int] = []
    for caps in inputs.values():
        native.update(_texts(caps, ".//scan:ColorModes/scan:ColorMode"))
        formats.update(_texts(caps, ".//pwg:DocumentFormat") + _texts(caps, ".//scan:DocumentFormatExt"))
        dpis.update(int(v) for v in _texts(caps, ".//scan:DiscreteResolution/scan:XResolution"))
        widths += [int(v) for v in _texts(caps, "scan:MaxWidth")]
        heights += [int(v) for v in _texts(caps, "scan:MaxHeight")]
    modes: list[ColorMode] = [m for m in ("color", "gray") if ESCL_MODES[m] in native]
    if "BlackAndWhite1" in native or "Grayscale8" in native:
        modes.append("bw")
    capabilities = Capabilities(
        sources=tuple(s for s in ("flatbed", "adf", "duplex") if s in inputs),  # type: ignore[misc]
        modes=tuple(modes),
        resolutions=tuple(sorted(dpis)) or (300,),
        max_width_mm=max(widths) * 25.4 / UNITS_PER_INCH if widths else None,
        max_height_mm=max(heights) * 25.4 / UNITS_PER_INCH if heights else None,
    )
    return EsclCapabilities(
        make_and_model=(_texts(root, "pwg:MakeAndModel") or ["eSCL"])[0],
        uuid=(_texts(root, "scan:UUID") or [""])[0],
        capabilities=capabilities,
        formats=tuple(sorted(formats)),
        native_modes=tuple(sorted(native)),
    )


def parse_status(xml: bytes) -> EsclStatus:
    root = ET.fromstring(xml)
    return EsclStatus(
        state=(_texts(root, "pwg:State") or ["Unknown"])[0],
        adf_state=(_texts(root, "scan:AdfState") or [""])[0],
    )


def _units(mm: float) -> str:
    return str(round(mm / 25.4 * UNITS_PER_INCH))


def settings_xml(settings: ScanSettings, caps: EsclCapabilities, document_format: str) -> bytes:
    """The `ScanSettings` document for `POST ScanJobs`."""
    width_mm, height_mm = settings.page_size_mm
    if caps.capabilities.max_width_mm:
        width_mm = min(width_mm, caps.capabilities.max_width_mm)
    if caps.capabilities.max_height_mm:
        height_mm = min(height_mm, caps.capabilities.max_height_mm)
    mode = ESCL_MODES[settings.mode]
    if mode not in caps.native_modes:
        mode = "Grayscale8"  # bw emulated from grey
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<scan:ScanSettings xmlns:scan="{NS["scan"]}" xmlns:pwg="{NS["pwg"]}">
  <pwg:Version>2.0</pwg:Version>
  <scan:Intent>Document</scan:Intent>
  <pwg:ScanRegions>
    <pwg:ScanRegion>
      <pwg:Height>{_units(height_mm)}</pwg:Height>
      <pwg:ContentRegionUnits>escl:ThreeHundredthsOfInches</pwg:ContentRegionUnits>
      <pwg:Width>{_units(width_mm)}</pwg:Width>
      <pwg:XOffset>0</pwg:XOffset>
      <pwg:YOffset>0</pwg:YOffset>
    </pwg:ScanRegion>
  </pwg:ScanRegions>
  <pwg:InputSource>{"Platen" if settings.source == "flatbed" else "Feeder"}</pwg:InputSource>
  <scan:Duplex>{"true" if settings.source == "duplex" else "false"}</scan:Duplex>
  <scan:ColorMode>{mode}</scan:ColorMode>
  <scan:XResolution>{settings.dpi}</scan:XResolution>
  <scan:YResolution>{settings.dpi}</scan:YResolution>
  <pwg:DocumentFormat>{document_format}</pwg:DocumentFormat>
  <scan:DocumentFormatExt>{document_format}</scan:DocumentFormatExt>
</scan:ScanSettings>
""".encode()


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
                    image = Image.open(io.BytesIO(response.content))
                    image.load()
                except (OSError, ValueError) as exc:
                    raise DeviceError(
                        f"Máy quét mạng gửi trang {number} bị hỏng.",
                        "Các trang trước vẫn được giữ; quét lại từ trang này.",
                        device=device.id,
                    ) from exc
                received += 1
                report(progress, number, 1.0)
                yield ScannedPage(
                    image=to_mode(image, settings.mode),
                    dpi=settings.dpi,
                    mode=settings.mode,
                    index=number,
                    source=settings.source,
                    device_id=device.id,
                )
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
