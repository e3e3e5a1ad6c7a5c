"""Small value types shared by every capture backend (no backend library imported here)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from scanner.errors import UnsupportedSettingError

if TYPE_CHECKING:
    from PIL import Image

Source = Literal["flatbed", "adf", "duplex", "camera"]
ColorMode = Literal["color", "gray", "bw"]
DeviceKind = Literal["scanner", "camera", "files", "demo"]

SOURCES: tuple[Source, ...] = ("flatbed", "adf", "duplex", "camera")
MODES: tuple[ColorMode, ...] = ("color", "gray", "bw")
# Offered when a device declares a continuous range: what an officer would pick, 200 dpi being
# the legal minimum for digitised dossiers (Decree 30/2020 Annex I).
COMMON_DPI: tuple[int, ...] = (75, 100, 150, 200, 240, 300, 400, 600, 1200)
A4_MM: tuple[float, float] = (210.0, 297.0)

_SOURCE_VI = {"flatbed": "mặt kính", "adf": "khay nạp giấy", "duplex": "khay nạp hai mặt", "camera": "camera"}
_MODE_VI = {"color": "màu", "gray": "xám", "bw": "đen trắng"}


@dataclass(frozen=True)
class DeviceInfo:
    """One scanner or camera as a backend sees it; `id` is `backend:native_id`, stable across runs."""

    id: str
    backend: str
    native_id: str
    name: str
    kind: DeviceKind = "scanner"
    vendor: str = ""
    model: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "backend": self.backend,
            "kind": self.kind,
            "name": self.name,
            "vendor": self.vendor,
            "model": self.model,
        }


def range_to_dpis(low: float, high: float) -> tuple[int, ...]:
    """Turn a continuous resolution range into the usual choices that fall inside it."""
    values = tuple(d for d in COMMON_DPI if low <= d <= high)
    return values or (round(low),)


@dataclass(frozen=True)
class Capabilities:
    """What a device can do: the UI offers only these, and settings are checked against them."""

    sources: tuple[Source, ...]
    modes: tuple[ColorMode, ...]
    resolutions: tuple[int, ...]
    max_width_mm: float | None = None
    max_height_mm: float | None = None
    # A device with a continuous range accepts any dpi inside it; `resolutions` are the usual picks.
    resolution_range: tuple[int, int] | None = None
    # Facts a backend wants shown but that are not settings (e.g. a camera's largest frame).
    extra_info: Mapping[str, Any] = field(default_factory=dict)

    def accepts_dpi(self, dpi: int) -> bool:
        if self.resolution_range is not None:
            return self.resolution_range[0] <= dpi <= self.resolution_range[1]
        return dpi in self.resolutions

    def as_dict(self) -> dict[str, Any]:
        return {
            "sources": list(self.sources),
            "modes": list(self.modes),
            "resolutions": list(self.resolutions),
            "resolution_range": list(self.resolution_range) if self.resolution_range else None,
            "max_page_mm": [self.max_width_mm, self.max_height_mm],
            **self.extra_info,
        }

    def validate(self, settings: ScanSettings) -> None:
        """Raise `UnsupportedSettingError` naming what the device offers instead."""
        if settings.source not in self.sources:
            offered = ", ".join(_SOURCE_VI[s] for s in self.sources)
            raise UnsupportedSettingError(
                f"Máy quét không có nguồn giấy «{_SOURCE_VI.get(settings.source, settings.source)}».",
                f"Chọn một trong: {offered}.",
            )
        if settings.mode not in self.modes:
            offered = ", ".join(_MODE_VI[m] for m in self.modes)
            raise UnsupportedSettingError(
                f"Máy quét không quét được chế độ «{_MODE_VI.get(settings.mode, settings.mode)}».",
                f"Chọn một trong: {offered}.",
            )
        if not self.accepts_dpi(settings.dpi):
            if self.resolution_range is not None:
                low, high = self.resolution_range
                hint = f"Chọn độ phân giải trong khoảng {low}–{high} dpi."
            else:
                hint = f"Chọn một trong: {', '.join(str(d) for d in self.resolutions)} dpi."
            raise UnsupportedSettingError(f"Máy quét không hỗ trợ độ phân giải {settings.dpi} dpi.", hint)


@dataclass(frozen=True)
class ScanSettings:
    """What the officer asked for. `max_pages=None` on a feeder means until it runs empty."""

    source: Source = "flatbed"
    mode: ColorMode = "color"
    dpi: int = 300
    max_pages: int | None = None
    page_size_mm: tuple[float, float] = A4_MM
    # Backend-specific option names and values set after ours (e.g. a SANE driver's own switches).
    device_options: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.source not in SOURCES:
            raise UnsupportedSettingError(f"Nguồn giấy không hợp lệ: «{self.source}».")
        if self.mode not in MODES:
            raise UnsupportedSettingError(f"Chế độ màu không hợp lệ: «{self.mode}».")
        if self.dpi <= 0:
            raise UnsupportedSettingError(f"Độ phân giải không hợp lệ: {self.dpi} dpi.")
        if self.max_pages is not None and self.max_pages <= 0:
            raise UnsupportedSettingError(f"Số trang không hợp lệ: {self.max_pages}.")

    @property
    def page_limit(self) -> int | None:
        """A flatbed or a camera gives one page per press of the button unless told otherwise."""
        if self.max_pages is not None:
            return self.max_pages
        return 1 if self.source in ("flatbed", "camera") else None


@dataclass
class ScannedPage:
    """One page image as received; `index` is its 1-based number within the batch."""

    image: Image.Image
    dpi: int
    mode: ColorMode
    index: int
    source: Source | None = None
    device_id: str = ""

    @property
    def width(self) -> int:
        return int(self.image.width)

    @property
    def height(self) -> int:
        return int(self.image.height)


@dataclass(frozen=True)
class ImportedPdf:
    """An existing PDF brought in from a file, never re-rendered: byte for byte, unless it carried
    active content (scripts, actions, attachments, forms) or was encrypted or damaged; then `data`
    is the disarmed copy and `removed` says what was taken out (`scanner.pdf.sanitize`)."""

    path: Path
    pages: int
    index: int
    data: bytes = field(default=b"", repr=False)
    removed: tuple[str, ...] = ()  # what was taken out: keys of scanner.pdf.sanitize.REMOVED_LABELS

    def content(self) -> bytes:
        return self.data or self.path.read_bytes()
