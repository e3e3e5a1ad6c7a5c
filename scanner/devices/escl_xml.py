"""eSCL documents: parse `ScannerCapabilities` / `ScannerStatus`, write `ScanSettings`.

Namespaces and element names follow the Mopria eSCL specification; regions are in
three-hundredths of an inch.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from scanner.devices.types import Capabilities, ColorMode, ScanSettings, Source
from scanner.errors import DeviceError

NS = {"scan": "http://schemas.hp.com/imaging/escl/2011/05/03", "pwg": "http://www.pwg.org/schemas/2010/12/sm"}
ESCL_MODES: dict[ColorMode, str] = {"color": "RGB24", "gray": "Grayscale8", "bw": "BlackAndWhite1"}
UNITS_PER_INCH = 300  # eSCL regions are in three-hundredths of an inch


@dataclass(frozen=True)
class EsclCapabilities:
    make_and_model: str
    uuid: str
    capabilities: Capabilities
    formats: tuple[str, ...]
    native_modes: tuple[str, ...]


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
